package edit

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/parse"
)

// yaml.v3 gives where a node starts, not where it ends. These find the
// end from the source, by the node's style; where the source does not
// read back as the node's value, they fail rather than guess.

// start is the byte offset of n in the file.
func (d *Doc) start(n *yaml.Node) int { return d.at.Of(parse.NodePos(n)) }

// end is the byte offset just past n's source.
func (d *Doc) end(n *yaml.Node) (int, error) {
	switch {
	case n.Kind == yaml.ScalarNode:
		return d.scalarEnd(n)
	case n.Style&yaml.FlowStyle != 0:
		return d.flowEnd(n)
	case len(n.Content) == 0:
		return 0, unsafef("empty block collection at %s", parse.NodePos(n))
	}
	return d.end(n.Content[len(n.Content)-1])
}

// scalarEnd finds the end of a scalar by its style.
func (d *Doc) scalarEnd(n *yaml.Node) (int, error) {
	off := d.start(n)
	if n.Tag == "!!null" && n.Value == "" {
		return off, nil // "key:" with nothing after it
	}
	src := d.src[:d.fm[1]]
	if off < len(src) && src[off] == '!' { // a tag: "!!str 010"
		off = skipSpaces(src, skipToken(src, off))
	}
	var end int
	switch {
	case off >= len(src):
		end = -1
	case src[off] == '"':
		end = doubleQuotedEnd(src, off)
	case src[off] == '\'':
		end = singleQuotedEnd(src, off)
	case (src[off] == '|' || src[off] == '>') && !bytes.ContainsAny(src[off:indicatorsEnd(src, off)], "123456789"):
		// An indentation indicator (|2) would need the parent's
		// indentation to read; real specs do not use one.
		end = blockScalarEnd(src, off, n.Value)
	case src[off] == '|' || src[off] == '>':
		end = -1
	case bytes.HasPrefix(src[off:], []byte(n.Value)):
		end = off + len(n.Value) // a plain scalar on one line is its value
	default:
		end = plainEnd(src, off, n.Value)
	}
	if end < 0 {
		return 0, unsafef("cannot tell where the value at %s ends", parse.NodePos(n))
	}
	return end, nil
}

func skipToken(src []byte, i int) int {
	for i < len(src) && src[i] != ' ' && src[i] != '\t' && src[i] != '\n' && src[i] != '\r' {
		i++
	}
	return i
}

func skipSpaces(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

func doubleQuotedEnd(src []byte, off int) int {
	for i := off + 1; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

func singleQuotedEnd(src []byte, off int) int {
	for i := off + 1; i < len(src); i++ {
		if src[i] == '\'' {
			if i+1 < len(src) && src[i+1] == '\'' {
				i++
				continue
			}
			return i + 1
		}
	}
	return -1
}

// blockScalarEnd is the end of the last line of a literal or folded
// scalar: the lines after its header that are blank or indented at least
// as far as its first non-blank line. Blank lines after its text belong
// to it only when it keeps them ("|+"); otherwise they stay where they
// are, before whatever a change inserts after the scalar.
//
// A scalar with no text line ends at its header: yaml.v3 gives it no
// lines, and fmt keeps the blank lines after it apart from it.
func blockScalarEnd(src []byte, off int, value string) int {
	header := lineEnd(src, off)
	if len(bytes.TrimSpace(src[indicatorsEnd(src, off):header])) > 0 {
		return -1 // a comment after the header: rare, and a change would have to move it
	}
	text, blank, indent := header, header, -1
	for i := nextLine(src, off); i < len(src); i = nextLine(src, i) {
		l := bytes.TrimRight(src[i:lineEnd(src, i)], "\r")
		body := bytes.TrimLeft(l, " ")
		if len(bytes.TrimSpace(l)) == 0 {
			if lineEnd(src, i) < len(src) {
				blank = i + len(l)
			}
			continue
		}
		if indent < 0 {
			indent = len(l) - len(body)
		}
		if len(l)-len(body) < indent || indent == 0 {
			break
		}
		text = i + len(l)
		blank = text
	}
	keep := bytes.Contains(src[off:indicatorsEnd(src, off)], []byte("+"))
	switch {
	case keep:
		return blank // "|+" keeps its trailing blank lines
	case indent <= 0 || strings.Trim(value, "\n") == "":
		return header
	}
	return text
}

// indicatorsEnd is the end of a block scalar's header: "|" or ">" and
// its chomping and indentation indicators.
func indicatorsEnd(src []byte, off int) int {
	i := off + 1
	for i < len(src) && strings.IndexByte("+-123456789", src[i]) >= 0 {
		i++
	}
	return i
}

// plainEnd follows a plain scalar over the lines it folds, comparing with
// its value v as it goes; -1 when the source stops matching.
func plainEnd(src []byte, off int, v string) int {
	first := plainLine(src[off:lineEnd(src, off)])
	if !strings.HasPrefix(v, string(first)) {
		return -1
	}
	at, end, blanks := len(first), off+len(first), 0
	for i := nextLine(src, off); i < len(src) && at < len(v); i = nextLine(src, i) {
		raw := src[i:lineEnd(src, i)]
		t := bytes.TrimLeft(raw, " \t")
		if len(bytes.TrimSpace(t)) == 0 {
			blanks++
			continue
		}
		if t[0] == '#' {
			return -1
		}
		t = plainLine(t)
		sep := " "
		if blanks > 0 {
			sep = strings.Repeat("\n", blanks)
		}
		piece := sep + string(t)
		if !strings.HasPrefix(v[at:], piece) {
			return -1
		}
		at, blanks = at+len(piece), 0
		end = i + (len(raw) - len(bytes.TrimLeft(raw, " \t"))) + len(t)
	}
	if at != len(v) {
		return -1
	}
	return end
}

// plainLine is a line of a plain scalar without a comment or trailing
// blanks.
func plainLine(l []byte) []byte {
	if i := bytes.Index(l, []byte(" #")); i >= 0 {
		l = l[:i]
	}
	return bytes.TrimRight(l, " \t\r")
}

// flowEnd is just past the bracket that closes a flow list or mapping.
func (d *Doc) flowEnd(n *yaml.Node) (int, error) {
	src := d.src[:d.fm[1]]
	i := d.start(n) + 1
	if len(n.Content) > 0 {
		e, err := d.end(n.Content[len(n.Content)-1])
		if err != nil {
			return 0, err
		}
		i = e
	}
	for ; i < len(src); i++ {
		switch c := src[i]; {
		case c == ']' || c == '}':
			return i + 1, nil
		case c == '#' && i > 0 && (src[i-1] == ' ' || src[i-1] == '\t'):
			i = lineEnd(src, i) - 1
		case c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',':
			return 0, unsafef("cannot tell where the collection at %s ends", parse.NodePos(n))
		}
	}
	return 0, unsafef("cannot tell where the collection at %s ends", parse.NodePos(n))
}

// lineEnd is the offset of the newline ending the line at i (or len).
func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// nextLine is the offset of the line after the one at i.
func nextLine(src []byte, i int) int { return min(lineEnd(src, i)+1, len(src)) }

// lineStart is the offset of the start of the line holding i.
func lineStart(src []byte, i int) int { return bytes.LastIndexByte(src[:i], '\n') + 1 }
