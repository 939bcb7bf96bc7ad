package config

import (
	"errors"
	"fmt"
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
		_, err := Load(c.dir, filepath.Join(root, "repo"), "", Known{})
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
		_, err := Parse([]byte(c.src), ".prodspec.yaml", Known{})
		var ce *Error
		if !errors.As(err, &ce) || ce.Line != c.line || ce.Msg != c.msg {
			t.Errorf("%q: %v, want .prodspec.yaml:%d: %s", c.src, err, c.line, c.msg)
		}
	}
}

// TestLoadLooksUpToTheRepositoryRoot: the configuration is found in the
// spec root or an ancestor, never above the repository root; --config
// names a file instead, and one that is missing is a configuration error.
func TestLoadLooksUpToTheRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	write := func(rel, data string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(".prodspec.yaml", "priority: {model: moscow}\n") // above the repository
	write("repo/.prodspec.yaml", "priority: {model: wsjf}\n")
	write("repo/product/stories/S-1.md", "x")
	write("repo/other/.prodspec.yaml", "priority: {model: moscow}\n")
	write("norepo/product/stories/S-1.md", "x")
	write("alt.yaml", "priority: {model: moscow}\n")
	top := filepath.Join(root, "repo")
	for _, c := range []struct{ dir, top, file, model, path string }{
		{"repo/product", top, "", "wsjf", "../.prodspec.yaml"},
		{"repo", top, "", "wsjf", ".prodspec.yaml"},
		{"repo/other", top, "", "moscow", ".prodspec.yaml"},
		{"repo/product", filepath.Join(top, "product"), "", "rice", ""},
		{"norepo/product", "", "", "moscow", "../../.prodspec.yaml"},
		{"repo/product", top, filepath.Join(root, "alt.yaml"), "moscow", "../../alt.yaml"},
	} {
		cfg, err := Load(filepath.Join(root, c.dir), c.top, c.file, Known{})
		if err != nil {
			t.Fatalf("Load(%s): %v", c.dir, err)
		}
		if cfg.Priority.Model != c.model || cfg.Path != c.path {
			t.Errorf("Load(%s, %q) = model %s from %q, want %s from %q", c.dir, c.file, cfg.Priority.Model, cfg.Path, c.model, c.path)
		}
	}
	_, err := Load(root, "", filepath.Join(root, "missing.yaml"), Known{})
	var ce *Error
	if !errors.As(err, &ce) {
		t.Errorf("a missing --config file: %v, want a configuration error", err)
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

// TestParseReportsEveryError: one run names every mistake, in line
// order, each saying what to write instead; errors.As still finds one.
func TestParseReportsEveryError(t *testing.T) {
	src := "storyy:\n  id: S\nmax_file_size: abc\nrules:\n  empty-roadmp: off\nfrobnicate: 1\n" +
		"priority:\n  model: wsjff\n"
	_, err := Parse([]byte(src), ".prodspec.yaml", Known{Rules: []string{"empty-roadmap"}, Models: []string{"rice", "wsjf"}})
	want := `3 configuration errors in .prodspec.yaml:
.prodspec.yaml:1: unknown key "storyy" (did you mean "story"?)
.prodspec.yaml:3: "abc" where a number is expected
.prodspec.yaml:6: unknown key "frobnicate": the keys here are vision, roadmap, story, fields, priority, rules, ignore, max_file_size, roles, forecast`
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 1 {
		t.Errorf("errors.As: %v", ce)
	}
	// Values are checked once the keys and kinds are right, all of them.
	_, err = Parse([]byte("rules:\n  empty-roadmp: off\npriority:\n  model: wsjff\nstory:\n  accepted: approved\n  open: [todo]\n"),
		".prodspec.yaml", Known{Rules: []string{"empty-roadmap"}, Models: []string{"rice", "wsjf"}})
	want = `4 configuration errors in .prodspec.yaml:
.prodspec.yaml:2: rules: unknown rule "empty-roadmp" (did you mean "empty-roadmap"?)
.prodspec.yaml:4: priority.model: "wsjff" is not one of rice, wsjf (did you mean "wsjf"?)
.prodspec.yaml:6: story.accepted: "approved" is not one of story.statuses (draft, ready, in-progress, done, accepted, rejected)
.prodspec.yaml:7: story.open: "todo" is not one of the statuses (story.statuses: draft, ready, in-progress, done, accepted, rejected)`
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
}
