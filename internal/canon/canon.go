// Package canon rewrites a spec file's front matter in canonical form, for
// `prodspec fmt`: known keys in a fixed order, short lists and priority
// inputs in flow style, two-space indentation. Comments, unknown keys, the
// body and line endings are kept, so a formatted file differs from its
// source only where the canonical form does.
package canon

import (
	"bytes"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

// SkipError is why Format leaves a file alone: the first problem lint
// reports with the file's front matter, at the same file position and
// with the same message, so `fmt` and `lint` name the same place.
type SkipError struct {
	parse.Problem
}

func (e *SkipError) Error() string { return e.Pos.String() + ": " + e.Msg }

// Format returns src with its front matter in canonical form. It fails
// with a *SkipError on a file whose front matter lint rejects (missing,
// unterminated, not valid YAML, in a merge conflict, duplicate keys,
// anchors, not a mapping): there is nothing sound to rewrite. It also
// leaves alone a file over max_file_size, which lint does not read, and
// one that formatting would grow past it.
func Format(src []byte, kind spec.Kind, cfg *config.Config) ([]byte, error) {
	if int64(len(src)) > cfg.MaxFileSize {
		return nil, &SkipError{parse.Problem{Rule: parse.RuleUnreadableFile, Pos: parse.Start,
			Msg: fmt.Sprintf("file is %d bytes, over the %d-byte limit (max_file_size)", len(src), cfg.MaxFileSize)}}
	}
	// Most files fmt sees are formatted already, and telling that from
	// their lines takes a fraction of yaml.v3's parse and encode.
	if isCanonical(src, kind, cfg) {
		return src, nil
	}
	return format(src, kind, cfg)
}

// format is Format's own work, by yaml.v3, on a file within max_file_size.
func format(src []byte, kind spec.Kind, cfg *config.Config) ([]byte, error) {
	// The tree to rewrite is yaml.v3's own: parse's stands for an empty
	// or comment-only front matter with an empty mapping, written as {}.
	d, doc := parse.FrontMatterYAML(src)
	if first, ok := d.FirstProblem(); ok {
		return nil, &SkipError{first}
	}
	if doc.Kind == 0 {
		return src, nil
	}
	parts, _ := parse.Split(src)
	fm := parts.FrontMatter
	crlf := bytes.Contains(fm, []byte("\r\n"))
	if crlf {
		// yaml.v3 reads a comment on a CRLF line before the end as
		// ending in a blank line, and fmt would then set it apart from
		// the key it is under; the tree is read from LF lines instead
		// (the same lines: positions hold), and CRLF written back below.
		_, doc = parse.FrontMatterYAML(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")))
		fm = bytes.ReplaceAll(fm, []byte("\r\n"), []byte("\n"))
	}
	attachComments(doc, fm)
	canonicalize(doc.Content[0], spec.DeclaredKind(doc.Content[0], kind), cfg)
	flowLineComments(doc.Content[0])
	spaceHeads(doc.Content[0])
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	// The document, not its mapping: a comment above the first key and
	// set off by a blank line is the document's, and so is one at the end.
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	fm = buf.Bytes()
	if crlf {
		fm = bytes.ReplaceAll(fm, []byte("\n"), []byte("\r\n"))
	}
	closing := parts.BodyOffset - (parts.FMOffset + len(parts.FrontMatter))
	out := make([]byte, 0, len(src)+len(fm))
	out = append(out, src[:parts.FMOffset]...)
	out = append(out, fm...)
	out = append(out, src[parts.FMOffset+len(parts.FrontMatter):parts.FMOffset+len(parts.FrontMatter)+closing]...)
	out = append(out, parts.Body...)
	if int64(len(out)) > cfg.MaxFileSize {
		// Not a lint finding: the file is fine as it is.
		return nil, fmt.Errorf("formatted, the file would be %d bytes, over the %d-byte limit (max_file_size)", len(out), cfg.MaxFileSize)
	}
	return out, nil
}

// canonicalize orders and styles the top-level mapping of one kind.
func canonicalize(root *yaml.Node, kind spec.Kind, cfg *config.Config) {
	root.Style = 0
	if t := spec.FieldsOf(kind); t != nil {
		style(root, t, cfg)
	}
}

// style orders the keys of m by the table t and writes each known value
// in its shape's canonical style.
func style(m *yaml.Node, t *spec.Table, cfg *config.Config) {
	order(m, t, cfg)
	for _, f := range t.Fields {
		k, n := pair(m, cfg.Field(f.Key))
		if n == nil {
			continue
		}
		switch f.Shape {
		case spec.ShapeIDs, spec.ShapeLabels:
			flowList(n)
		case spec.ShapeInputs:
			flowMap(n, f.Sub, cfg)
		case spec.ShapeGoals:
			blockMaps(n, f.Sub, cfg)
		}
		if n.Style != yaml.FlowStyle && n.Kind != yaml.ScalarNode && len(n.Content) > 0 && n.LineComment != "" && k.LineComment == "" {
			// "goals: [{...}] # c" made a block list: yaml.v3 writes no
			// line comment of a block collection, so it goes on the key.
			// ("goals: [] # c" stays: an empty list is written [] in any
			// style, and its comment after it.)
			k.LineComment, n.LineComment = n.LineComment, ""
		}
	}
}

// order sorts the pairs of m: known keys in canonical order, then the rest
// in their original order.
func order(m *yaml.Node, t *spec.Table, cfg *config.Config) {
	type pair struct{ k, v *yaml.Node }
	pairs := make([]pair, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		pairs = append(pairs, pair{m.Content[i], m.Content[i+1]})
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return t.Rank(cfg, a.k.Value) - t.Rank(cfg, b.k.Value) })
	m.Content = m.Content[:0]
	for _, p := range pairs {
		m.Content = append(m.Content, p.k, p.v)
	}
}

// pair returns the key node and value node of key in m, or nils.
func pair(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// flowLineComments keeps the line comment of a key whose value is in
// flow style, in the source ("x: # c\n  [a]") or made so by fmt
// ("labels: # c" above a block list): yaml.v3 writes the pair on one
// line, with the value's line comment only. The key's goes after the
// value or, when the value has one of its own, above the key.
func flowLineComments(n *yaml.Node) {
	eachPair(n, func(k, v *yaml.Node) {
		switch {
		case k.LineComment == "" || v.Kind == yaml.ScalarNode || v.Style&yaml.FlowStyle == 0:
		case v.LineComment == "":
			v.LineComment, k.LineComment = k.LineComment, ""
		default:
			k.HeadComment, k.LineComment = joinComments(k.HeadComment, k.LineComment), ""
		}
	})
}

// hasComments reports whether a comment is written inside n: on one of
// its items, keys or values. Flow style has no place for those, so such
// a list or mapping stays in block style.
func hasComments(n *yaml.Node) bool {
	for _, c := range n.Content {
		if c.HeadComment != "" || c.LineComment != "" || c.FootComment != "" || hasComments(c) {
			return true
		}
	}
	return false
}

// flowList writes a list of scalars as [a, b].
func flowList(n *yaml.Node) {
	if n.Kind != yaml.SequenceNode {
		return
	}
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return
		}
	}
	setFlow(n)
}

// flowMap writes priority inputs as {reach: 1, ...} in canonical key order.
func flowMap(n *yaml.Node, t *spec.Table, cfg *config.Config) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(n.Content); i += 2 {
		if n.Content[i].Kind != yaml.ScalarNode {
			return
		}
	}
	order(n, t, cfg)
	setFlow(n)
}

// setFlow writes the list or mapping of scalars n in flow style, unless
// a comment is written inside it (it then keeps its style) or a null
// written as nothing ("-", "reach:"), which yaml.v3 would write as an
// empty quoted string in flow style, another value (it then gets block
// style).
func setFlow(n *yaml.Node) {
	if hasComments(n) {
		return
	}
	n.Style = yaml.FlowStyle
	for _, c := range n.Content {
		if c.Tag == "!!null" && c.Value == "" {
			n.Style = 0
		}
	}
}

// blockMaps writes a list of mappings (the vision's goals) in block style,
// each mapping's keys in the order of t.
func blockMaps(n *yaml.Node, t *spec.Table, cfg *config.Config) {
	if n.Kind != yaml.SequenceNode {
		return
	}
	n.Style = 0
	for _, m := range n.Content {
		if m.Kind == yaml.MappingNode {
			m.Style = 0
			style(m, t, cfg)
		}
	}
}
