package parse

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// scanYAML builds the node tree of a front matter written in the part of
// YAML that people write by hand, as yaml.v3 would, less its comments, in
// a fraction of the time:
//
//	# S-2: pin notebook
//	id: S-2
//	title: "Pin notebook"
//	status: done  # since the review
//	depends_on: [S-7, 'S-9']
//	labels:
//	  - sharing
//	  - 'a11y'
//	rice:
//	  reach: 4146
//	  effort: 3
//
// That is a mapping of "key: value" lines, each key in the first column,
// each value a plain, single-quoted or (backslash-free) double-quoted
// scalar on one line, a one-line flow list or mapping of such scalars,
// nothing (a null), a block list of such scalars under the key, or a block
// mapping one level deep of the same kinds of values; with blank lines,
// whole-line comments and " # comments" after values anywhere.
//
// It gives up (false) on anything else: multi-line scalars, escapes,
// deeper nesting, anchors, tags, tabs, CRs, control characters, line breaks
// yaml.v3 alone knows. The contract is "yaml.v3's tree, less comments":
// every node has yaml.v3's Kind, Style, Tag, Value, Line and Column, but
// no HeadComment, LineComment or FootComment, which no reader of Parse's
// or ParseFrontMatter's tree uses (fmt, which keeps comments, reads
// yaml.v3's own tree through FrontMatterYAML). FuzzScanYAML checks that
// whenever it does not give up it agrees with yaml.v3. Positions are YAML
// positions, as yaml.v3's are. Each line is read once or twice: linear.
func scanYAML(fm []byte) (*yaml.Node, bool) {
	s := &yamlScanner{fm: fm}
	s.advance()
	if s.l == nil || s.ind != 0 {
		return nil, false // empty, or indented: yaml.v3 decides
	}
	root, ok := s.mapping(0, 0)
	if !ok || s.l != nil || s.bad {
		return nil, false
	}
	return root, true
}

// yamlScanner walks the content lines of a front matter, skipping blank
// lines and whole-line comments: in a tree of one-line values they change
// nothing but the comments yaml.v3 would attach, which we leave out.
type yamlScanner struct {
	fm   []byte
	next int    // offset of the line after l
	n    int    // l's line number
	l    []byte // the current content line, nil after the last
	ind  int    // l's indentation: leading spaces
	bad  bool   // a comment holding a tab or a character yaml.v3 may reject
}

// advance moves to the next content line.
func (s *yamlScanner) advance() {
	for s.next < len(s.fm) {
		s.l, s.next = line(s.fm, s.next)
		s.n++
		s.ind = skipSpaces(s.l, 0)
		switch {
		case s.ind == len(s.l): // blank
		case s.l[s.ind] == '#':
			s.bad = s.bad || !printableText(s.l[s.ind:])
		default:
			return
		}
	}
	s.l = nil
}

// mapping reads the block mapping whose keys are at indentation m: the
// root (depth 0) or a value one level down (depth 1). It ends at the first
// line indented less; a line indented more than m there is not for us.
func (s *yamlScanner) mapping(m, depth int) (*yaml.Node, bool) {
	node := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: s.n, Column: m + 1}
	for s.l != nil && s.ind == m {
		key, val, ok := s.entry(m, depth)
		if !ok {
			return nil, false
		}
		node.Content = append(node.Content, key, val)
	}
	return node, s.l == nil || s.ind < m
}

// entry reads "key: value" or "key:" and the block under it, from the
// line at indentation m.
func (s *yamlScanner) entry(m, depth int) (key, val *yaml.Node, ok bool) {
	l, n := s.l, s.n
	k := keyLen(l[m:])
	if k == 0 || m+k == len(l) || l[m+k] != ':' {
		return nil, nil, false
	}
	key = scalar(string(l[m:m+k]), n, m+1)
	at := skipSpaces(l, m+k+1)
	switch {
	case at == m+k+1 && at < len(l):
		return nil, nil, false // "key:value": one plain scalar to yaml.v3
	case at == len(l) || l[at] == '#':
		val, ok = s.block(m, depth, column(l, m+k+1))
		return key, val, ok && trailer(l, at)
	}
	val, ok = value(l, at, n)
	s.advance()
	return key, val, ok
}

// block reads what follows "key:" at indentation m: a block list, a
// nested mapping, or nothing, which yaml.v3 reads as a null just after the
// colon (line n, column col). A list may sit at the key's own indentation.
func (s *yamlScanner) block(m, depth, col int) (*yaml.Node, bool) {
	n := s.n
	s.advance()
	switch {
	case s.l != nil && s.ind >= m && isItem(s.l[s.ind:]):
		return s.sequence(s.ind)
	case s.l != nil && s.ind > m:
		if depth > 0 {
			return nil, false // deeper than we go
		}
		return s.mapping(s.ind, depth+1)
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Line: n, Column: col}, true
}

// isItem: rest starts a block list item, "- ".
func isItem(rest []byte) bool { return len(rest) > 1 && rest[0] == '-' && rest[1] == ' ' }

// sequence reads a block list of one-line values whose "- " are at
// indentation i.
func (s *yamlScanner) sequence(i int) (*yaml.Node, bool) {
	node := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: s.n, Column: i + 1}
	for s.l != nil && s.ind == i && isItem(s.l[i:]) {
		at := skipSpaces(s.l, i+2)
		if at == len(s.l) {
			return nil, false // "- " alone: a null item, or one on the next lines
		}
		item, ok := value(s.l, at, s.n)
		if !ok {
			return nil, false
		}
		node.Content = append(node.Content, item)
		s.advance()
	}
	return node, true
}

// value reads the one-line value that starts at l[at] and ends the line,
// but for spaces and a comment.
func value(l []byte, at, n int) (*yaml.Node, bool) {
	switch l[at] {
	case '[':
		return scanFlow(l, at, yaml.SequenceNode, n)
	case '{':
		return scanFlow(l, at, yaml.MappingNode, n)
	case '\'', '"':
		val, end, ok := scanQuoted(l, at, n)
		return val, ok && trailer(l, end)
	}
	return scanPlain(l, at, len(l), false, n)
}

// trailer: l[i:] is what may follow a value on its line: spaces, then
// maybe a comment. yaml.v3 also takes a "#" right after a quote or a
// bracket as a comment; we leave that to it.
func trailer(l []byte, i int) bool {
	j := skipSpaces(l, i)
	if j == len(l) {
		return true
	}
	return l[j] == '#' && (j > i || i > 0 && l[i-1] == ' ') && printableText(l[j:])
}

// printableText: every character of b is one scanYAML lets through.
func printableText(b []byte) bool {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if !printable(r) || size == 1 && r == utf8.RuneError {
			return false
		}
		i += size
	}
	return true
}

// scanFlow reads a flow list or mapping that starts at l[at] and ends the
// line (trailing spaces and a comment aside). Its items are plain or
// quoted scalars, on this line.
func scanFlow(l []byte, at int, kind yaml.Kind, n int) (*yaml.Node, bool) {
	node := &yaml.Node{Kind: kind, Style: yaml.FlowStyle, Tag: "!!seq", Line: n, Column: column(l, at)}
	closer := byte(']')
	if kind == yaml.MappingNode {
		node.Tag, closer = "!!map", '}'
	}
	i := skipSpaces(l, at+1)
	if i < len(l) && l[i] == closer {
		return node, trailer(l, i+1)
	}
	for {
		if kind == yaml.MappingNode {
			k := keyLen(l[i:])
			if k == 0 || i+k+1 >= len(l) || l[i+k] != ':' || l[i+k+1] != ' ' {
				return nil, false
			}
			node.Content = append(node.Content, scalar(string(l[i:i+k]), n, column(l, i)))
			i = skipSpaces(l, i+k+1)
		}
		item, end, ok := flowItem(l, i, closer, n)
		if !ok {
			return nil, false
		}
		node.Content = append(node.Content, item)
		if l[end] == closer {
			return node, trailer(l, end+1)
		}
		i = skipSpaces(l, end+1)
	}
}

// flowItem reads the scalar at l[i] in a flow collection and returns the
// offset of the "," or closer after it.
func flowItem(l []byte, i int, closer byte, n int) (*yaml.Node, int, bool) {
	if i < len(l) && (l[i] == '\'' || l[i] == '"') {
		item, end, ok := scanQuoted(l, i, n)
		end = skipSpaces(l, end)
		if !ok || end == len(l) || l[end] != ',' && l[end] != closer {
			return nil, 0, false
		}
		return item, end, true
	}
	end := i
	for end < len(l) && l[end] != ',' && l[end] != closer {
		end++
	}
	item, ok := scanPlain(l, i, end, true, n)
	if !ok || end == len(l) {
		return nil, 0, false
	}
	return item, end, true
}

// scanQuoted reads the single- or double-quoted scalar that starts at
// l[at] and ends on this line, and returns the offset after its closing
// quote. In single quotes a doubled quote is one quote; double quotes
// holding a backslash (an escape) are left to yaml.v3, as are tabs.
func scanQuoted(l []byte, at, n int) (*yaml.Node, int, bool) {
	q := l[at]
	val := &yaml.Node{Kind: yaml.ScalarNode, Style: yaml.DoubleQuotedStyle, Tag: "!!str", Line: n, Column: column(l, at)}
	if q == '\'' {
		val.Style = yaml.SingleQuotedStyle
	}
	var b []byte // the value, once a "''" means it is not l's text
	from := at + 1
	for i := from; i < len(l); i++ {
		switch c := l[i]; {
		case c == '\\' && q == '"':
			return nil, 0, false
		case c == q && q == '\'' && i+1 < len(l) && l[i+1] == '\'':
			b = append(append(b, l[from:i]...), '\'')
			i++
			from = i + 1
		case c == q:
			if !printableText(l[at+1 : i]) {
				return nil, 0, false
			}
			if b == nil {
				val.Value = string(l[from:i])
			} else {
				val.Value = string(append(b, l[from:i]...))
			}
			return val, i + 1, true
		}
	}
	return nil, 0, false // the scalar goes on on the next line
}

// scanPlain reads the plain scalar in l[from:to], trailing spaces aside.
// In a flow collection (flow) it may not hold any of ",[]{}?:#" at all;
// in a block, a " #" ends it and starts a comment.
func scanPlain(l []byte, from, to int, flow bool, n int) (*yaml.Node, bool) {
	v := l[from:to]
	if len(v) == 0 || !plainStart(v) {
		return nil, false
	}
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRune(v[i:])
		switch {
		case r == '#' && !flow && v[i-1] == ' ':
			if !trailer(l, from+i) {
				return nil, false
			}
			v = v[:i]
			i = len(v)
			continue
		case !printable(r) || size == 1 && r == utf8.RuneError, r == '#' && flow:
			return nil, false
		case r == ':' && (flow || i+1 == len(v) || v[i+1] == ' '):
			return nil, false // a mapping inside the value: yaml.v3 decides
		case flow && strings.ContainsRune(",[]{}?", r): // each ends a flow scalar
			return nil, false
		}
		i += size
	}
	v = bytes.TrimRight(v, " ")
	return scalar(string(v), n, column(l, from)), true
}

// keyLen is the length of the key at the start of l: a letter or "_",
// then letters, digits, "_" and "-"; 0 for none. yaml.v3 takes no key
// longer than 1024 characters.
func keyLen(l []byte) int {
	if len(l) == 0 || !isLetter(l[0]) && l[0] != '_' {
		return 0
	}
	i := 1
	for i < len(l) && (isLetter(l[i]) || isDigit(l[i]) || l[i] == '_' || l[i] == '-') {
		i++
	}
	if i > 1000 {
		return 0
	}
	return i
}

// plainStart: what a plain scalar may start with here. Indicators ("-"
// and "+" but before a letter or digit), quotes and "<<" are left out.
func plainStart(v []byte) bool {
	c := v[0]
	switch {
	case isLetter(c) || isDigit(c) || c == '.' || c == '/' || c == '~' || c == '(' || c == '_':
		return true
	case c == '-' || c == '+':
		return len(v) > 1 && (isLetter(v[1]) || isDigit(v[1]))
	}
	return false
}

// printable: the characters yaml.v3 reads as themselves in a scalar, less
// the ones it breaks lines at, the BOM and anything above U+FFFD.
func printable(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7e:
		return true
	case r == 0x2028 || r == 0x2029 || r == 0xfeff:
		return false
	}
	return r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd
}

// scalar is a plain scalar node, tagged the way yaml.v3 resolves it.
func scalar(v string, line, col int) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: v, Line: line, Column: col}
	n.Tag = plainTag(n)
	return n
}

// plainTag is n.ShortTag() without its cost for the most common scalars:
// yaml.v3 resolves a word that starts with a letter to a string unless it
// is one of the YAML 1.2 booleans or nulls.
func plainTag(n *yaml.Node) string {
	if !isLetter(n.Value[0]) {
		return n.ShortTag()
	}
	switch n.Value {
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case "null", "Null", "NULL":
		return "!!null"
	}
	return "!!str"
}

// column is the YAML column of l[i]: yaml.v3 counts characters.
func column(l []byte, i int) int { return utf8.RuneCount(l[:i]) + 1 }

func skipSpaces(l []byte, i int) int {
	for i < len(l) && l[i] == ' ' {
		i++
	}
	return i
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
