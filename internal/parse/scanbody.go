package parse

import (
	"bytes"
	"strings"
)

// lineKind is what a body line is to scanBody.
type lineKind int

const (
	lineBlank   lineKind = iota // nothing but spaces
	lineHeading                 // "## Title": 1-6 #s, a space, no other #
	lineItem                    // "- [ ] text" or "- text" (or * or +)
	lineText                    // starts with a letter: paragraph text
	lineOther                   // anything else: goldmark decides
)

// scanBody reads the facts from a body made only of the blocks most spec
// files have, each starting in the first column: ATX headings, paragraphs
// and one-line list items. It gives up (false) on anything else, and on
// tabs and CRs, wherever CommonMark's block rules would need goldmark to
// tell what a line is. FuzzScanBody checks that whenever it does not give
// up it agrees with goldmark.
func scanBody(body []byte, bodyOffset int, lines *lineIndex) (Body, bool) {
	if bytes.ContainsAny(body, "\t\r") {
		return Body{}, false
	}
	var f facts
	var para []byte // the open paragraph's lines, trimmed and joined by spaces
	prev := lineBlank
	for off := 0; off < len(body); {
		l, next := line(body, off)
		kind := classify(l)
		if kind == lineOther || kind == lineText && prev == lineItem { // text right after an item continues it
			return Body{}, false
		}
		if kind != lineText && prev == lineText && f.wantNarrative() {
			f.Narrative = string(para)
		}
		switch kind {
		case lineHeading:
			level := bytes.IndexByte(l, ' ')
			f.heading(level, string(bytes.TrimSpace(l[level:])))
		case lineItem:
			if f.inCriteria {
				f.Criteria = scanItem(f.Criteria, body[off+2:next], lines.pos(bodyOffset+off+2))
			}
		case lineText:
			if prev != lineText {
				para = para[:0]
			} else {
				para = append(para, ' ')
			}
			para = append(para, bytes.TrimSpace(l)...)
		}
		prev, off = kind, next
	}
	if prev == lineText && f.wantNarrative() {
		f.Narrative = string(para)
	}
	return f.Body, true
}

// scanItem appends the criterion of a list item whose text is item, if it
// is a task item: goldmark's test is the regular expression
// `^\[([\sxX])\]\s*` (extension/tasklist.go), which this spells out.
func scanItem(out []Criterion, item []byte, pos Pos) []Criterion {
	if len(item) < 3 || item[0] != '[' || item[2] != ']' || !strings.ContainsRune(" \t\n\f\rxX", rune(item[1])) {
		return out
	}
	return append(out, criterion(string(bytes.TrimSpace(item)), item[1] == 'x' || item[1] == 'X', pos))
}

func classify(l []byte) lineKind {
	switch {
	case len(bytes.TrimLeft(l, " ")) == 0:
		return lineBlank
	case isLetter(l[0]):
		return lineText
	case l[0] == '#':
		level := len(l) - len(bytes.TrimLeft(l, "#"))
		if level <= 6 && len(l) > level && l[level] == ' ' && bytes.IndexByte(l[level:], '#') < 0 {
			return lineHeading
		}
	case l[0] == '-' || l[0] == '*' || l[0] == '+':
		if len(l) > 2 && l[1] == ' ' && (l[2] == '[' || isLetter(l[2])) {
			return lineItem
		}
	}
	return lineOther
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
