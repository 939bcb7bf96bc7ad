package config

import (
	"errors"
	"strings"
	"testing"
)

func TestGlobsMatch(t *testing.T) {
	for _, c := range []struct {
		pat, name string
		want      bool
	}{
		{"stories/**/*.md", "stories/S-1.md", true},
		{"stories/**/*.md", "stories/a/b/S-1.md", true},
		{"stories/**/*.md", "roadmap/S-1.md", false},
		{"stories/**/*.md", "stories/S-1.txt", false},
		{"vision.md", "vision.md", true},
		{"vision.md", "x/vision.md", false},
		{"**/README.md", "README.md", true},
		{"**/README.md", "a/b/README.md", true},
		{"backlog/tasks/*.md", "backlog/tasks/back-1 - x.md", true},
		{"drafts/**", "drafts", true},
		{"drafts/**", "drafts/a/b.md", true},
		{"*.md", "a/b.md", false},
		{"[", "[", false},
		// {a,b}: either alternative, which may hold a slash or a wildcard.
		{"{stories,backlog}/*.md", "stories/S-1.md", true},
		{"{stories,backlog}/*.md", "backlog/S-1.md", true},
		{"{stories,backlog}/*.md", "roadmap/S-1.md", false},
		{"{stories,backlog}/*.md", "{stories,backlog}/S-1.md", false},
		{"stories/*.{md,markdown}", "stories/S-1.markdown", true},
		{"stories/*.{md,markdown}", "stories/S-1.txt", false},
		{"{vision.md,product/*/vision.md}", "product/x/vision.md", true},
		{"{a,b/**}/*.md", "b/c/d/x.md", true},
		{"docs/{,old/}*.md", "docs/x.md", true},
		{"docs/{,old/}*.md", "docs/old/x.md", true},
		{`stories/\{a,b\}/*.md`, "stories/{a,b}/S-1.md", true},
	} {
		if got := (Globs{c.pat}).Match(c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pat, c.name, got, c.want)
		}
	}
	if (Globs{}).Match("x") || !(Globs{"a", "x"}).Match("x") {
		t.Error("Match of no pattern, or of the second, is wrong")
	}
}

// TestInvalidGlob: a malformed pattern is a configuration error, not a
// pattern that silently matches nothing.
func TestInvalidGlob(t *testing.T) {
	for _, src := range []string{
		"ignore: ['[']\n",
		"ignore: ['{a,b']\n",
		"story: {paths: ['stories/**/*.md', 'x\\']}\n",
		"vision: {paths: ['[a']}\n",
		"roadmap: {paths: ['{']}\n",
	} {
		_, err := Parse([]byte(src), ".prodspec.yaml", Known{})
		var ce *Error
		if !errors.As(err, &ce) || !strings.HasPrefix(ce.Msg, "invalid glob ") {
			t.Errorf("%q: error %v, want invalid glob", src, err)
		}
	}
	if _, err := Parse([]byte("ignore: ['a/**', '{x,y}/*.md', '[!a]*', '[a-]']\n"), ".prodspec.yaml", Known{}); err != nil {
		t.Errorf("valid globs: %v", err)
	}
}
