package parse

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var yamlLineErr = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// decodeFrontMatter parses the YAML of parts into a mapping node whose
// positions are file positions. It rejects what yaml.Node decoding lets
// through silently: duplicate keys, anchors and aliases (an alias expands
// when a field is decoded, which is how "billion laughs" files blow up).
func decodeFrontMatter(parts Parts, lines *lineIndex) (*yaml.Node, []Problem) {
	at := newYAMLLines(parts, lines)
	root, err := parseYAML(parts.FrontMatter)
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

// check reports anchors, aliases and duplicate mapping keys anywhere below n.
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
