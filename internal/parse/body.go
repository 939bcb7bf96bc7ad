package parse

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Criterion is one acceptance criterion: a task-list item under the
// "Acceptance criteria" heading.
type Criterion struct {
	Text    string
	Checked bool
	Pos     Pos // the "[ ]" box
}

// Body is what prodspec reads from a file's markdown.
type Body struct {
	Narrative   string // the first paragraph, e.g. "As a ..., I want ..., so that ..."
	HasCriteria bool   // an "Acceptance criteria" heading exists
	Criteria    []Criterion
}

// bodyParser parses block structure and task-list boxes only. Links,
// emphasis and the rest never matter to prodspec, and leaving their parsers
// out avoids goldmark's slow paths on pathological link syntax.
var bodyParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithInlineParsers(util.Prioritized(taskBoxParser{}, 0)),
)

// criteriaHeading is the heading text that introduces acceptance criteria.
const criteriaHeading = "acceptance criteria"

// parseBody reads the facts from a body, with goldmark unless scanBody
// can read it alone: goldmark takes half the time of parsing a typical
// story, and most bodies need nothing of it that scanBody does not do.
func parseBody(body []byte, bodyOffset int, lines *lineIndex) Body {
	if b, ok := scanBody(body, bodyOffset, lines); ok {
		return b
	}
	return parseBodyGoldmark(body, bodyOffset, lines)
}

func parseBodyGoldmark(body []byte, bodyOffset int, lines *lineIndex) Body {
	doc := bodyParser.Parse(text.NewReader(body))
	var f facts
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			f.heading(n.Level, rawText(n, body))
		case *ast.Paragraph:
			if f.wantNarrative() {
				f.Narrative = rawText(n, body)
			}
		case *ast.List:
			if f.inCriteria {
				f.Criteria = collectCriteria(n, body, bodyOffset, lines, f.Criteria)
			}
		}
	}
	return f.Body
}

// facts gathers a Body from the top-level blocks of a body, in order.
type facts struct {
	Body
	inCriteria bool
	level      int // of the criteria heading
}

// heading opens the criteria section, or closes it at a heading of the
// same or a higher level.
func (f *facts) heading(level int, text string) {
	if f.inCriteria && level <= f.level {
		f.inCriteria = false
	}
	if isCriteriaHeading(text) {
		f.inCriteria, f.level, f.HasCriteria = true, level, true
	}
}

// wantNarrative: the narrative is the first paragraph outside the criteria.
func (f *facts) wantNarrative() bool { return f.Narrative == "" && !f.inCriteria }

func isCriteriaHeading(s string) bool {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), ":"))
	return strings.EqualFold(s, criteriaHeading)
}

// collectCriteria appends the task items of list, nested lists included.
func collectCriteria(list ast.Node, body []byte, bodyOffset int, lines *lineIndex, out []Criterion) []Criterion {
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		first := item.FirstChild()
		if first == nil {
			continue
		}
		if box, ok := first.FirstChild().(*extast.TaskCheckBox); ok && first.Lines().Len() > 0 {
			seg := first.Lines().At(0)
			out = append(out, criterion(rawText(first, body), box.IsChecked, lines.pos(bodyOffset+seg.Start)))
		}
		for c := first; c != nil; c = c.NextSibling() {
			if sub, ok := c.(*ast.List); ok {
				out = collectCriteria(sub, body, bodyOffset, lines, out)
			}
		}
	}
	return out
}

// criterion is the criterion of a task item whose text, box included, is txt.
func criterion(txt string, checked bool, pos Pos) Criterion {
	if i := strings.IndexByte(txt, ']'); i >= 0 {
		txt = strings.TrimSpace(txt[i+1:])
	}
	return Criterion{Text: txt, Checked: checked, Pos: pos}
}

// rawText joins a block's source lines with single spaces.
func rawText(n ast.Node, src []byte) string {
	ls := n.Lines()
	var sb strings.Builder
	for i := 0; i < ls.Len(); i++ {
		seg := ls.At(i)
		l := bytes.TrimSpace(seg.Value(src))
		if len(l) == 0 {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.Write(l)
	}
	return sb.String()
}
