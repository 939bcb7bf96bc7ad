package parse

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// FuzzTaskBoxes holds taskBoxParser to goldmark's task-list parser: the
// same tree, boxes and the text after them, on any markdown.
//
//	go test -run '^$' -fuzz FuzzTaskBoxes -fuzztime 1m ./internal/parse
func FuzzTaskBoxes(f *testing.F) {
	for _, s := range []string{
		"- [ ] a\n- [x] b\n- [X]c\n-  [\t]\td\n",
		"1. [x]\n   - [ ] nested\n\n   [x] not first\n",
		"- text [x] later\n- [y] no\n- [x\n- []\n",
		"> - [x] quoted\n\n* [\f] ff\n+ [\r] cr\n",
	} {
		f.Add(s)
	}
	theirs := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(util.Prioritized(extension.NewTaskCheckBoxParser(), 0)),
	)
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 2000 {
			return
		}
		got, want := boxTree(bodyParser, src), boxTree(theirs, src)
		if !slices.Equal(got, want) {
			t.Fatalf("%q:\nours   %q\ngoldmark %q", src, got, want)
		}
	})
}

// boxTree lists the nodes p finds in src, depth first: kinds, boxes and
// the text segments, which show where a box ends.
func boxTree(p parser.Parser, src string) []string {
	var out []string
	ast.Walk(p.Parse(text.NewReader([]byte(src))), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		s := n.Kind().String()
		switch n := n.(type) {
		case *extast.TaskCheckBox:
			s += fmt.Sprint(n.IsChecked)
		case *ast.Text:
			s += fmt.Sprintf("%d-%d", n.Segment.Start, n.Segment.Stop)
		}
		out = append(out, s)
		return ast.WalkContinue, nil
	})
	return out
}

// TestTaskBoxes: boxes are found where goldmark finds them, checked or
// not, and only there.
func TestTaskBoxes(t *testing.T) {
	got := strings.Join(boxTree(bodyParser, "- [ ] a\n- [x] b\n- c [x]\n"), " ")
	for _, want := range []string{"TaskCheckBoxfalse", "TaskCheckBoxtrue"} {
		if !strings.Contains(got, want) {
			t.Errorf("%s: no %s", got, want)
		}
	}
	if strings.Count(got, "TaskCheckBox") != 2 {
		t.Errorf("%s: want two boxes", got)
	}
}
