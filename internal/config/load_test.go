package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
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

// TestParseErrorLines: syntax and type errors and duplicate keys in the
// configuration are reported as file:line: message like every other
// configuration error, on the right line (yaml.v3 counts parser errors
// from 0), and in words rather than Go types.
func TestParseErrorLines(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
		msg  string
	}{
		{"rules:\n  empty-roadmap: [error\n", 2, "invalid YAML: did not find expected ',' or ']'"},
		{"rules:\n\tx: y\n", 2, "invalid YAML: found character that cannot start any token"},
		{"story:\n  id: S\nmax_file_size: abc\n", 3, `"abc" where a number is expected`},
		{"roles:\n  product_owners: po\n", 2, `"po" where a list is expected`},
		{"story:\n  accepted: [done]\n", 2, "a list where a single value is expected"},
		{"story:\n  accepted: {a: b}\n", 2, "a mapping where a single value is expected"},
		{"max_file_size: !foo 12\n", 1, `"12" where a number is expected`},
		{"max_file_size: [1]\n", 1, "a list where a number is expected"},
		{"vision:\n  paths:\n    - a\n    - b: c\n", 4, "a mapping where a single value is expected"},
		{"roles:\n  product_managers: !!set {a, b}\n", 2, "a mapping where a list is expected"},
		{"rules: [front-matter]\n", 1, "a list where a mapping is expected"},
		{"rules:\n  front-matter:\n    - error\n", 3, "a list where a single value is expected"},
		{"rules:\n  [a]: error\n", 2, "a list where a single value is expected"},
		{"fields:\n  aliases: x\n", 2, `"x" where a mapping is expected`},
		{"story: x\n", 1, "story must be a mapping"},
		{"max_file_size: 5\n\nmax_file_size: 6\n", 3, `duplicate key "max_file_size" (first at line 1)`},
		{"rules:\n  empty-roadmap: off\n  empty-roadmap: error\n", 3, `duplicate key "empty-roadmap" (first at line 2)`},
	} {
		_, err := Parse([]byte(c.src), ".prodspec.yaml", nil)
		var ce *Error
		if !errors.As(err, &ce) || ce.Line != c.line || ce.Msg != c.msg {
			t.Errorf("%q: %v, want .prodspec.yaml:%d: %s", c.src, err, c.line, c.msg)
		}
	}
}

func TestLoadFSLooksUpToTheRoot(t *testing.T) {
	fsys := fstest.MapFS{
		".prodspec.yaml":         {Data: []byte("priority: {model: wsjf}\n")},
		"product/stories/S-1.md": {Data: []byte("x")},
		"other/.prodspec.yaml":   {Data: []byte("priority: {model: moscow}\n")},
		"bad/.prodspec.yaml":     {Data: []byte("bogus: 1\n")},
		"bad/stories/S-1.md":     {Data: []byte("x")},
	}
	for dir, want := range map[string]string{"product": "wsjf", "": "wsjf", "other": "moscow"} {
		c, err := LoadFS(fsys, dir, nil)
		if err != nil {
			t.Fatalf("LoadFS(%q): %v", dir, err)
		}
		if c.Priority.Model != want {
			t.Errorf("LoadFS(%q).Priority.Model = %q, want %q", dir, c.Priority.Model, want)
		}
	}
	c, _ := LoadFS(fsys, "product", nil)
	if c.Path != "../.prodspec.yaml" {
		t.Errorf("Path = %q, want ../.prodspec.yaml", c.Path)
	}
	_, err := LoadFS(fsys, "bad", nil)
	if err == nil || err.Error() != `.prodspec.yaml:1: unknown key "bogus"` {
		t.Errorf("LoadFS(bad) error = %v", err)
	}
	c, err = LoadFS(fstest.MapFS{}, "x/y", nil)
	if err != nil || c.Path != "" {
		t.Errorf("LoadFS with no file: %v, %q; want the defaults", err, c.Path)
	}
}
