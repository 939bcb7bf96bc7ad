package parse

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeFrontMatter parses the YAML of parts into a mapping node whose
// positions are file positions. It rejects what yaml.Node decoding lets
// through silently: duplicate keys, anchors and aliases (an alias expands
// when a field is decoded, which is how "billion laughs" files blow up).
func decodeFrontMatter(parts Parts, lines *lineIndex, yamlOf func([]byte) (*yaml.Node, error)) (*yaml.Node, []Problem) {
	if off, marker := docMarker(parts.FrontMatter); off >= 0 {
		return nil, []Problem{markerProblem(marker, lines.pos(parts.FMOffset+off))}
	}
	at := newYAMLLines(parts, lines)
	root, err := yamlOf(parts.FrontMatter)
	if err != nil {
		return nil, []Problem{yamlProblem(err, at)}
	}
	if root == nil { // empty front matter: an empty mapping
		return &yaml.Node{Kind: yaml.MappingNode, Line: parts.FMLine, Column: 1}, nil
	}
	relocate(root, at)
	if root.Kind != yaml.MappingNode {
		return nil, []Problem{{Rule: RuleFrontMatter, Pos: NodePos(root),
			Msg: "front matter must be a mapping of keys to values, not a " + KindName(root)}}
	}
	var probs []Problem
	check(root, &probs)
	if len(probs) > 0 {
		return nil, probs
	}
	return root, nil
}

// docMarker finds the first YAML document marker in fm: a line that starts
// with "---" (a second document; a line of "---" alone would have closed
// the front matter) or "..." (the end of the document) followed by a blank
// or a line break. yaml.v3 reads only the first document, so what follows
// one would be silently lost to lint and deleted by fmt. Lines start where
// yaml.v3's do: after LF, CR, U+0085, U+2028 and U+2029. It returns the
// marker's offset in fm and the marker, or -1.
func docMarker(fm []byte) (int, string) {
	if !bytes.Contains(fm, []byte("---")) && !bytes.Contains(fm, []byte("...")) {
		return -1, "" // most front matter: no line break to look after
	}
	for off := 0; off < len(fm); {
		if len(fm)-off >= 3 {
			if m := string(fm[off : off+3]); (m == "---" || m == "...") && blankOrBreak(fm[off+3:]) {
				return off, m
			}
		}
		i := bytes.IndexAny(fm[off:], "\n\r\u0085\u2028\u2029")
		if i < 0 {
			break
		}
		_, size := utf8.DecodeRune(fm[off+i:])
		off += i + size
	}
	return -1, ""
}

// blankOrBreak: rest starts with a space, tab or line break, or is empty.
func blankOrBreak(rest []byte) bool {
	if len(rest) == 0 {
		return true
	}
	switch r, _ := utf8.DecodeRune(rest); r {
	case ' ', '\t', '\n', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

func markerProblem(marker string, pos Pos) Problem {
	msg := `a "---" line with more after it starts a second YAML document, which would not be read: ` +
		`front matter is one document, closed by a "---" line alone`
	if marker == "..." {
		msg = `a "..." line ends the YAML document, and what follows it would not be read: ` +
			`front matter is one document, closed by a "---" line alone`
	}
	return Problem{Rule: RuleFrontMatter, Pos: pos, Msg: msg}
}

// parseYAML returns the root node of fm, or nil when fm is empty. Most
// front matter is simple enough for scanYAML; yaml.v3 reads the rest.
func parseYAML(fm []byte) (*yaml.Node, error) {
	if root, ok := scanYAML(fm); ok {
		return root, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil || doc.Kind == 0 {
		return nil, err
	}
	return doc.Content[0], nil
}

func yamlProblem(err error, at *yamlLines) Problem {
	line, msg := YAMLError(err)
	return Problem{Rule: RuleFrontMatter, Pos: at.pos(max(line, 1), 1), Msg: "invalid YAML: " + msg}
}

// YAMLError splits a yaml.v3 syntax error into its 1-based line (0 when
// it names none) and its message, correcting the parser's 0-based lines.
func YAMLError(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLineErr.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	if isParserError(msg) {
		line++
	}
	return line, msg
}

// yaml.v3 prints scanner errors with 1-based lines but parser errors with
// the 0-based line of the construct being parsed (and no line at all when
// that is 0). These are the parser's messages.
var parserErrors = []string{"did not find expected", "found undefined tag handle", "found duplicate %", "found incompatible YAML document"}

func isParserError(msg string) bool {
	for _, p := range parserErrors {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// relocate moves every node from YAML positions to file positions.
func relocate(n *yaml.Node, at *yamlLines) {
	p := at.pos(n.Line, n.Column)
	n.Line, n.Column = p.Line, p.Col
	for _, c := range n.Content {
		relocate(c, at)
	}
}

// check reports anchors, aliases, duplicate mapping keys and keys that
// are not plain values ("{a: 1}: x", "? [a]") anywhere below n: a key is
// a field's name, and fmt could not write such a key back stably.
func check(n *yaml.Node, probs *[]Problem) {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		*probs = append(*probs, Problem{Rule: RuleFrontMatter, Pos: NodePos(n),
			Msg: "anchors and aliases are not allowed in front matter"})
		return
	}
	if n.Kind == yaml.MappingNode {
		seen := make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode && k.Kind != yaml.AliasNode {
				*probs = append(*probs, Problem{Rule: RuleFrontMatter, Pos: NodePos(k),
					Msg: "a key that is a " + KindName(k) + ": front matter keys are names"})
				continue
			}
			if first, dup := seen[k.Value]; dup && k.Kind == yaml.ScalarNode {
				*probs = append(*probs, Problem{Rule: RuleFrontMatter, Pos: NodePos(k),
					Msg: "duplicate key " + strconv.Quote(k.Value) + " (first at line " + strconv.Itoa(first) + ")"})
			} else {
				seen[k.Value] = k.Line
			}
		}
	}
	for _, c := range n.Content {
		check(c, probs)
	}
}

// NodePos is the file position of a node decoded by this package.
func NodePos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

// KindName names the YAML kind of n for messages ("list", "mapping", ...).
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "null" // "~" or nothing: not the scalar an ID would be
		}
		return "scalar"
	}
	return "value"
}
