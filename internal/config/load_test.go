package config

import (
	"errors"
	"fmt"
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
		_, err := Load(c.dir, Known{})
		var ce *Error
		if !errors.As(err, &ce) || ce.File != c.want || ce.Line != 1 {
			t.Errorf("%s: error %v, want one in %s at line 1", c.cfg, err, c.want)
		}
		os.Remove(c.cfg)
	}
}

// TestParseErrorLines: syntax and type errors in the configuration are
// reported as file:line: message like every other configuration error, on
// the right line (yaml.v3 counts parser errors from 0), and in words rather
// than Go types.
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
	} {
		_, err := Parse([]byte(c.src), ".prodspec.yaml", Known{})
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
		c, err := LoadFS(fsys, dir, Known{})
		if err != nil {
			t.Fatalf("LoadFS(%q): %v", dir, err)
		}
		if c.Priority.Model != want {
			t.Errorf("LoadFS(%q).Priority.Model = %q, want %q", dir, c.Priority.Model, want)
		}
	}
	c, _ := LoadFS(fsys, "product", Known{})
	if c.Path != "../.prodspec.yaml" {
		t.Errorf("Path = %q, want ../.prodspec.yaml", c.Path)
	}
	_, err := LoadFS(fsys, "bad", Known{})
	if err == nil || err.Error() != `.prodspec.yaml:1: unknown key "bogus"` {
		t.Errorf("LoadFS(bad) error = %v", err)
	}
	c, err = LoadFS(fstest.MapFS{}, "x/y", Known{})
	if err != nil || c.Path != "" {
		t.Errorf("LoadFS with no file: %v, %q; want the defaults", err, c.Path)
	}
}

// TestKnownNames: rule names and the priority model are checked against
// the names the caller knows (lint's rules and priority's models live in
// packages that import this one), and not at all without them.
func TestKnownNames(t *testing.T) {
	known := Known{Rules: []string{"empty-roadmap"}, Models: []string{"rice", "wsjf"}}
	for _, c := range []struct{ src, err string }{
		{"priority:\n  model: kano\n", `.prodspec.yaml:2: priority.model: "kano" is not one of rice, wsjf`},
		{"rules:\n  empty-roadmaps: off\n", `.prodspec.yaml:2: rules: unknown rule "empty-roadmaps" (did you mean "empty-roadmap"?)`},
		{"priority: {model: wsjf}\nrules: {empty-roadmap: off}\n", ""},
	} {
		_, err := Parse([]byte(c.src), FileName, known)
		if got := fmt.Sprint(err); c.err == "" && err != nil || c.err != "" && got != c.err {
			t.Errorf("%q: %v, want %s", c.src, err, c.err)
		}
		if _, err := Parse([]byte(c.src), FileName, Known{}); err != nil {
			t.Errorf("%q with nothing known: %v", c.src, err)
		}
	}
}
