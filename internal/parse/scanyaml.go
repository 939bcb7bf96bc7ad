package parse

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// scanYAML builds the node tree of a front matter written in the small
// part of YAML that most files use, exactly as yaml.v3 would, in a fifth
// of the time: one "key: value" a line, each key in the first column, each
// value a plain scalar or a one-line flow list or mapping of plain scalars:
//
//	title: Capture a note
//	depends_on: [S-7, S-9]
//	rice: {reach: 800, impact: 2, confidence: 0.8, effort: 3}
//
// It gives up (false) on anything else: quotes, comments, block lists,
// nesting, anchors, tags, tabs, control characters, line breaks yaml.v3
// alone knows. FuzzScanYAML checks that whenever it does not give up it
// agrees with yaml.v3. Positions are YAML positions, as yaml.v3's are.
func scanYAML(fm []byte) (*yaml.Node, bool) {
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for n, off := 1, 0; off < len(fm); n++ {
		l, next := line(fm, off)
		off = next
		if len(bytes.TrimLeft(l, " ")) == 0 {
			continue
		}
		key, val, ok := scanEntry(l, n)
		if !ok {
			return nil, false
		}
		if root.Line == 0 {
			root.Line, root.Column = n, 1
		}
		root.Content = append(root.Content, key, val)
	}
	return root, root.Line > 0
}

// scanEntry reads "key: value" from line l, line number n.
func scanEntry(l []byte, n int) (key, val *yaml.Node, ok bool) {
	k := keyLen(l)
	if k == 0 || k == len(l) || l[k] != ':' {
		return nil, nil, false
	}
	rest := l[k+1:]
	v := bytes.TrimLeft(rest, " ")
	if len(v) == len(rest) || len(v) == 0 {
		return nil, nil, false // "key:value" or "key:" (a null or a nested block)
	}
	at := k + 1 + len(rest) - len(v) // v's offset in l; all ASCII before it
	switch v[0] {
	case '[':
		val, ok = scanFlow(l, at, yaml.SequenceNode, n)
	case '{':
		val, ok = scanFlow(l, at, yaml.MappingNode, n)
	default:
		val, ok = scanPlain(l, at, len(l), false, n)
	}
	if !ok {
		return nil, nil, false
	}
	return scalar(string(l[:k]), n, 1), val, true
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

// scanFlow reads a flow list or mapping that starts at l[at] and ends the
// line (trailing spaces aside).
func scanFlow(l []byte, at int, kind yaml.Kind, n int) (*yaml.Node, bool) {
	node := &yaml.Node{Kind: kind, Style: yaml.FlowStyle, Tag: "!!seq", Line: n, Column: column(l, at)}
	closer := byte(']')
	if kind == yaml.MappingNode {
		node.Tag, closer = "!!map", '}'
	}
	i := skipSpaces(l, at+1)
	if i < len(l) && l[i] == closer {
		return node, len(bytes.TrimRight(l[i+1:], " ")) == 0
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
		end := i
		for end < len(l) && l[end] != ',' && l[end] != closer {
			end++
		}
		item, ok := scanPlain(l, i, end, true, n)
		if !ok || end == len(l) {
			return nil, false
		}
		node.Content = append(node.Content, item)
		if l[end] == closer {
			return node, len(bytes.TrimRight(l[end+1:], " ")) == 0
		}
		i = skipSpaces(l, end+1)
	}
}

// scanPlain reads the plain scalar in l[from:to], trailing spaces aside.
// In a flow collection (flow) it may not hold any of ",[]{}?:" at all.
func scanPlain(l []byte, from, to int, flow bool, n int) (*yaml.Node, bool) {
	v := bytes.TrimRight(l[from:to], " ")
	if len(v) == 0 || !plainStart(v) {
		return nil, false
	}
	for i := 0; i < len(v); {
		r, size := utf8.DecodeRune(v[i:])
		switch {
		case !printable(r) || size == 1 && r == utf8.RuneError, r == '#':
			return nil, false
		case r == ':' && (flow || i+1 == len(v) || v[i+1] == ' '):
			return nil, false // a mapping inside the value: yaml.v3 decides
		case flow && strings.ContainsRune(",[]{}?", r): // each ends a flow scalar
			return nil, false
		}
		i += size
	}
	return scalar(string(v), n, column(l, from)), true
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
