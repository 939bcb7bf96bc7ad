package parse

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// taskBoxParser reads the "[ ]" or "[x]" that opens a list item's first
// paragraph, as goldmark's extension.NewTaskCheckBoxParser does (the
// same nodes; FuzzTaskBoxes holds them together). Importing goldmark's
// extension package for it cost every prodspec command 2-3 ms at start:
// its initialisation compiles the regular expressions of extensions
// prodspec does not use.
type taskBoxParser struct{}

func (taskBoxParser) Trigger() []byte { return []byte{'['} }

func (taskBoxParser) Parse(parent ast.Node, block text.Reader, _ parser.Context) ast.Node {
	item := parent.Parent()
	if item == nil || item.FirstChild() != parent || parent.HasChildren() {
		return nil
	}
	if _, ok := item.(*ast.ListItem); !ok {
		return nil
	}
	line, _ := block.PeekLine()
	if len(line) < 3 || line[0] != '[' || line[2] != ']' || !isBoxMark(line[1]) {
		return nil
	}
	n := 3
	for n < len(line) && isSpace(line[n]) {
		n++
	}
	block.Advance(n)
	return extast.NewTaskCheckBox(line[1] == 'x' || line[1] == 'X')
}

func (taskBoxParser) CloseBlock(ast.Node, parser.Context) {}

// isBoxMark is what may stand in a box: a space (as the regular
// expression \s reads one) or an x.
func isBoxMark(c byte) bool { return isSpace(c) || c == 'x' || c == 'X' }

// isSpace is \s in Go's regular expressions: tab, newline, form feed,
// carriage return, space.
func isSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ' }
