package edit

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// Values are written as yaml.v3 writes them, so that `fmt` after `set`
// gives what `set` after `fmt` gives: quoted only where YAML needs it
// (or where the value it replaces was quoted), and in a flow collection
// as a flow collection needs.

// render writes n (a scalar, or a collection in flow style) as one line
// of YAML; inFlow: inside a flow list or mapping.
func render(n *yaml.Node, inFlow bool) (string, error) {
	wrap := n
	if inFlow {
		wrap = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{n}}
	}
	out, err := yaml.Marshal(wrap)
	if err != nil {
		return "", err
	}
	s := strings.TrimSuffix(string(out), "\n")
	if inFlow {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	}
	if strings.ContainsAny(s, "\n\r") {
		return "", unsafef("value %q does not fit on one line", n.Value)
	}
	return s, nil
}

// decode reads text written by render back as the node YAML makes of it,
// for the tree a change should give.
func decode(text string, inFlow bool) *yaml.Node {
	if inFlow {
		text = "[" + text + "]"
	}
	var doc yaml.Node
	if yaml.Unmarshal([]byte(text), &doc) != nil || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	}
	n := doc.Content[0]
	if inFlow && len(n.Content) == 1 {
		return n.Content[0]
	}
	return n
}

// scalar is a new scalar; tag "!!str" keeps a value such as 010 or true
// text, "" lets YAML read it (a number).
func scalar(v, tag string, style yaml.Style) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: v, Style: style}
}

// flowList is a list of text items in flow style.
func flowList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, it := range items {
		n.Content = append(n.Content, scalar(it, "!!str", 0))
	}
	return n
}

// quoted is the quoting of n kept for a value replacing it: the quotes
// yaml.v3 writes n with, which are n's own unless fmt would change them,
// so that set and fmt agree in either order.
func quoted(n *yaml.Node) yaml.Style {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	out, err := yaml.Marshal(&c)
	switch {
	case err != nil || len(out) == 0:
		return 0
	case out[0] == '"':
		return yaml.DoubleQuotedStyle
	case out[0] == '\'':
		return yaml.SingleQuotedStyle
	}
	return 0
}

// display is a value as a person reads it in set's report: a scalar's
// text, a collection in flow style; "" for none.
func display(n *yaml.Node) string {
	if n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" {
		return ""
	}
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	c := clone(n)
	var flat func(*yaml.Node)
	flat = func(x *yaml.Node) {
		x.HeadComment, x.LineComment, x.FootComment = "", "", ""
		if x.Kind != yaml.ScalarNode {
			x.Style = yaml.FlowStyle
		} else {
			x.Style &= yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle
		}
		for _, y := range x.Content {
			flat(y)
		}
	}
	flat(c)
	out, err := yaml.Marshal(c)
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}
