package parse

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/prodspec/prodspec/internal/testcorpus"
)

const deepHead = "---\nid: S-1\ntitle: Deep\n---\n" // the body starts on line 5

// TestTooDeep: a body nested past MaxNesting is one unreadable-file
// problem at the marker that goes past it; the front matter is still read
// and the body's facts are left empty.
func TestTooDeep(t *testing.T) {
	over := MaxNesting + 1
	for _, c := range []struct {
		name, body string
		pos        Pos
	}{
		{"list on one line", strings.Repeat("- ", over) + "x\n", Pos{5, 2*MaxNesting + 1}},
		{"quote on one line", "Intro.\n\n" + strings.Repeat("> ", over) + "x\n", Pos{7, 2*MaxNesting + 1}},
		{"tight quotes", strings.Repeat(">", over) + " x\n", Pos{5, MaxNesting + 1}},
		{"ordered", strings.Repeat("1. ", over) + "x\n", Pos{5, 3*MaxNesting + 1}},
		{"mixed", strings.Repeat("> - ", over/2) + "> x\n", Pos{5, 4*(over/2) + 1}},
		{"stairs", stairs(over), Pos{5 + MaxNesting, 2*MaxNesting + 1}},
		{"stairs in a quote", quotedStairs(over), Pos{4 + MaxNesting, 2*MaxNesting + 1}},
		{"after criteria", "## Acceptance criteria\n\n- [ ] a\n" + strings.Repeat("* ", 100) + "[ ] b\n", Pos{8, 2*MaxNesting + 1}},
		{"whole 128 KiB line", strings.Repeat("- ", 64<<10) + "x", Pos{5, 2*MaxNesting + 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			testcorpus.Within(t, 2*time.Second, func() {
				doc := Parse([]byte(deepHead + c.body))
				if len(doc.Problems) != 1 {
					t.Fatalf("problems %+v, want one", doc.Problems)
				}
				p := doc.Problems[0]
				if p.Rule != RuleUnreadableFile || p.Pos != c.pos || !strings.Contains(p.Msg, "structure was not read") {
					t.Errorf("got %s %s %q, want %s at %s", p.Rule, p.Pos, p.Msg, RuleUnreadableFile, c.pos)
				}
				if doc.FrontMatter == nil {
					t.Error("front matter not read")
				}
				if doc.Body.Narrative != "" || doc.Body.HasCriteria || len(doc.Body.Criteria) > 0 {
					t.Errorf("body read: %+v", doc.Body)
				}
			})
		})
	}
}

// stairs is a list nested one step deeper, by indentation, on each of n lines.
func stairs(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

// quotedStairs is stairs(n) inside a block quote: its first item is on the
// quote's line, so the quote and n-1 items reach depth n.
func quotedStairs(n int) string {
	var b strings.Builder
	for i := range n - 1 {
		b.WriteString("> " + strings.Repeat("  ", i) + "- x\n")
	}
	return b.String()
}

// TestNotTooDeep: nesting up to MaxNesting, indented code, thematic
// breaks and tables are read as before.
func TestNotTooDeep(t *testing.T) {
	for _, body := range []string{
		strings.Repeat("- ", MaxNesting) + "x\n",
		strings.Repeat("> ", MaxNesting) + "x\n" + strings.Repeat("lazy\n", 100),
		stairs(MaxNesting),
		quotedStairs(MaxNesting),
		"Text.\n\n" + strings.Repeat(" ", 200) + "indented code\n",
		"```yaml\n" + strings.Repeat(" ", 80) + "- deep: yaml\n```\n",
		"* * *\n- - -\n___\n",
		"| a | b |\n|---|---|\n| - | > |\n",
		"## Acceptance criteria\n\n- [ ] a\n  - [x] b\n    - [ ] c\n",
	} {
		if off, deep := tooDeep([]byte(body)); deep {
			t.Errorf("tooDeep(%.40q) at %d", body, off)
		}
	}
}

// TestNestingCorpus: no real spec is too deep: the examples and the
// Backlog.md and YAML corpora.
func TestNestingCorpus(t *testing.T) {
	check := func(name string, src []byte) {
		parts, err := Split(src)
		if err != nil {
			return
		}
		if off, deep := tooDeep(parts.Body); deep {
			t.Errorf("%s: too deep at body offset %d", name, off)
		}
	}
	for _, f := range testcorpus.Seeds() {
		check(f.Name, f.Data)
	}
	n := 0
	err := filepath.WalkDir("../../examples", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		src, err := os.ReadFile(p)
		n++
		check(p, src)
		return err
	})
	if err != nil || n == 0 {
		t.Fatalf("examples: %d files, %v", n, err)
	}
}

// FuzzNesting checks the bound MaxNesting stands for: whenever tooDeep
// lets a body through, no block in goldmark's tree of it lies inside more
// than MaxNesting block quotes and list items, which is what keeps
// goldmark's time per line bounded.
//
//	go test -run '^$' -fuzz FuzzNesting -fuzztime 2m ./internal/parse
func FuzzNesting(f *testing.F) {
	for _, s := range []string{
		strings.Repeat("- ", MaxNesting) + "x\n", strings.Repeat("> ", MaxNesting) + "x\n",
		strings.Repeat(">", MaxNesting) + "x\n", strings.Repeat("1) ", MaxNesting) + "x\n",
		stairs(MaxNesting), quotedStairs(MaxNesting), "-\n  -\n    -\n      -\n",
		"- a\n\n  - b\n\n\t- c\n", "> - a\n>   - b\n> >     - c\n", "1.  a\n    2. b\n       3. c\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 4<<10 {
			return
		}
		if _, deep := tooDeep(body); deep {
			return
		}
		doc := bodyParser.Parse(text.NewReader(body))
		var deepest func(n ast.Node, d int)
		deepest = func(n ast.Node, d int) {
			switch n.Kind() {
			case ast.KindBlockquote, ast.KindListItem:
				if d++; d > MaxNesting {
					t.Fatalf("goldmark nests %d deep, tooDeep let it through", d)
				}
			}
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				deepest(c, d)
			}
		}
		deepest(doc, 0)
	})
}
