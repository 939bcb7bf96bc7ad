package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestLoadNamesFileRelative: a configuration error names the file relative
// to the spec root even when the spec root is given as a relative path
// (Find works with absolute paths), so messages do not depend on where the
// repository is checked out.
func TestLoadNamesFileRelative(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "repo", "spec"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(root)
	for _, c := range []struct{ cfg, dir, want string }{
		{"repo/spec/.prodspec.yaml", "repo/spec", ".prodspec.yaml"},
		{"repo/.prodspec.yaml", "repo/spec", "../.prodspec.yaml"},
	} {
		if err := os.WriteFile(c.cfg, []byte("rulez: {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(c.dir, nil)
		var ce *Error
		if !errors.As(err, &ce) || ce.File != c.want || ce.Line != 1 {
			t.Errorf("%s: error %v, want one in %s at line 1", c.cfg, err, c.want)
		}
		os.Remove(c.cfg)
	}
}
