package canon

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

// The fast path. For a front matter in the part of YAML parse's scanner
// reads (parse.ScanFrontMatter: one-line values, one level of nesting),
// the canonical form is simple enough to write line by line from its
// tree: yaml.v3's encoder keeps each scalar's style, and writes flow
// collections as "[a, b]" and "{k: v}", block ones two spaces in. A file
// whose lines are those, with its comments only where they stay, is
// formatted. FuzzFastCanonical holds this to format's own output.

// isCanonical reports whether format would return src as it is. It says
// so only when it is sure: false means "don't know", and format decides.
func isCanonical(src []byte, kind spec.Kind, cfg *config.Config) bool {
	d, ok := parse.ScanFrontMatter(src)
	if !ok {
		return false
	}
	parts, _ := parse.Split(src)
	root := d.FrontMatter
	w := writer{cfg: cfg}
	return w.top(root, spec.FieldsOf(spec.DeclaredKind(root, kind))) && w.matches(parts.FrontMatter)
}

// wantLine is one line of the canonical form, less a line comment.
type wantLine struct {
	text string
	// top: a top-level entry. A comment right above one is its head
	// comment, and stays there.
	top bool
	// oneLine: the entry's value is on this line, so a line comment after
	// it stays there too.
	oneLine bool
}

// writer writes the canonical lines of a front matter, as far as it can
// tell what they are.
type writer struct {
	cfg   *config.Config
	lines []wantLine
	// commented are ranges of lines of which at least one must have a
	// line comment: the items of a block collection that a comment
	// inside keeps in block style (see hasComments).
	commented [][2]int
}

// top writes the root mapping, whose known keys the table t orders (nil:
// a kind fmt does not order). It is false when the canonical form is not
// one it writes.
func (w *writer) top(root *yaml.Node, t *spec.Table) bool {
	if !inOrder(root, t, w.cfg) {
		return false
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		f, ok := w.field(t, k.Value)
		if !ok || !w.entry(k, v, f) {
			return false
		}
	}
	return true
}

// field is the field of t a top-level key names, nil for an unknown key;
// false when more than one does (two aliases alike), which fmt may style
// twice.
func (w *writer) field(t *spec.Table, key string) (*spec.Field, bool) {
	if t == nil {
		return nil, true
	}
	var found *spec.Field
	for i := range t.Fields {
		if w.cfg.Field(t.Fields[i].Key) == key {
			if found != nil {
				return nil, false
			}
			found = &t.Fields[i]
		}
	}
	return found, true
}

// entry writes a top-level entry whose key is of field f (nil: unknown).
// The styles fmt gives known values (see style) must be the ones written.
func (w *writer) entry(k, v *yaml.Node, f *spec.Field) bool {
	shape := spec.ShapeText // any shape fmt leaves alone
	if f != nil {
		shape = f.Shape
	}
	switch {
	case shape == spec.ShapeGoals && v.Kind != yaml.ScalarNode:
		return false // block maps in a list: not scanned, and restyled
	case v.Kind == yaml.ScalarNode || v.Style == yaml.FlowStyle:
		if shape == spec.ShapeInputs && v.Kind == yaml.MappingNode && !inOrder(v, f.Sub, w.cfg) {
			return false
		}
		return w.oneLine("", k, v, true)
	case v.Kind == yaml.SequenceNode:
		return w.block(k, shape == spec.ShapeIDs || shape == spec.ShapeLabels, func() bool { return w.items(v) })
	}
	// A block mapping, one level deep.
	if shape == spec.ShapeInputs && (!inOrder(v, f.Sub, w.cfg) || !allScalars(v)) {
		return false
	}
	return w.block(k, shape == spec.ShapeInputs, func() bool { return w.nested(v) })
}

// block writes "key:" and then, by body, the block collection under it.
// flowable: fmt writes the collection in flow style unless a comment is
// inside it, so one of its lines must have one.
func (w *writer) block(k *yaml.Node, flowable bool, body func() bool) bool {
	key, ok := keyText(k)
	if !ok {
		return false
	}
	w.lines = append(w.lines, wantLine{text: key + ":", top: true})
	from := len(w.lines)
	if !body() {
		return false
	}
	if flowable {
		w.commented = append(w.commented, [2]int{from, len(w.lines)})
	}
	return true
}

// oneLine writes "key: value" with the value on the key's line, at indent.
func (w *writer) oneLine(indent string, k, v *yaml.Node, top bool) bool {
	key, ok := keyText(k)
	if !ok {
		return false
	}
	if v.Kind == yaml.ScalarNode && v.Value == "" && v.Style == 0 {
		// "key:" and nothing: a null; where yaml.v3 puts a comment after
		// it is not worth knowing.
		w.lines = append(w.lines, wantLine{text: indent + key + ":", top: top})
		return true
	}
	val, ok := valueText(v)
	w.lines = append(w.lines, wantLine{text: indent + key + ": " + val, top: top, oneLine: true})
	return ok
}

// items writes the items of a block list of scalars, two spaces in.
func (w *writer) items(seq *yaml.Node) bool {
	for _, it := range seq.Content {
		s, ok := scalarText(it)
		if !ok {
			return false
		}
		w.lines = append(w.lines, wantLine{text: "  - " + s, oneLine: true})
	}
	return true
}

// nested writes the entries of a block mapping two spaces in: one-line
// values, and block lists of scalars four spaces in.
func (w *writer) nested(m *yaml.Node) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if v.Kind != yaml.SequenceNode || v.Style == yaml.FlowStyle {
			if !w.oneLine("  ", k, v, false) {
				return false
			}
			continue
		}
		key, ok := keyText(k)
		if !ok {
			return false
		}
		w.lines = append(w.lines, wantLine{text: "  " + key + ":"})
		for _, it := range v.Content {
			s, ok := scalarText(it)
			if !ok {
				return false
			}
			w.lines = append(w.lines, wantLine{text: "    - " + s, oneLine: true})
		}
	}
	return true
}

// inOrder: the keys of m are in the canonical order of t (nil: any).
func inOrder(m *yaml.Node, t *spec.Table, cfg *config.Config) bool {
	if t == nil {
		return true
	}
	last := 0
	for i := 0; i+1 < len(m.Content); i += 2 {
		r := t.Rank(cfg, m.Content[i].Value)
		if r < last {
			return false
		}
		last = r
	}
	return true
}

func allScalars(m *yaml.Node) bool {
	for i := 1; i < len(m.Content); i += 2 {
		if m.Content[i].Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// valueText is a one-line value as yaml.v3 writes it: a scalar, or a
// flow list or mapping of scalars.
func valueText(v *yaml.Node) (string, bool) {
	if v.Kind == yaml.ScalarNode {
		return scalarText(v)
	}
	open, closer := "[", "]"
	if v.Kind == yaml.MappingNode {
		open, closer = "{", "}"
	}
	var b strings.Builder
	b.WriteString(open)
	for i, c := range v.Content {
		switch {
		case v.Kind == yaml.MappingNode && i%2 == 1:
			b.WriteString(": ")
		case i > 0:
			b.WriteString(", ")
		}
		s, ok := scalarText(c)
		if !ok || v.Kind == yaml.MappingNode && i%2 == 0 && (c.Style != 0 || len(s) > maxKey) {
			return "", false
		}
		b.WriteString(s)
	}
	b.WriteString(closer)
	return b.String(), true
}

// maxKey is the longest key yaml.v3 writes as "key:"; a longer one it
// writes as "? key".
const maxKey = 128

// keyText is a block mapping's key as yaml.v3 writes it: scanYAML's keys
// are plain words.
func keyText(k *yaml.Node) (string, bool) {
	return k.Value, k.Style == 0 && len(k.Value) <= maxKey
}

// scalarText is a scalar as yaml.v3 writes it in its style: scanYAML
// lets through no character yaml.v3 would escape, and no plain scalar it
// would quote but one that starts like a document marker.
func scalarText(n *yaml.Node) (string, bool) {
	switch n.Style {
	case 0:
		return n.Value, n.Value != "" && !strings.HasPrefix(n.Value, "...")
	case yaml.SingleQuotedStyle:
		return "'" + strings.ReplaceAll(n.Value, "'", "''") + "'", true
	case yaml.DoubleQuotedStyle:
		return `"` + n.Value + `"`, true
	}
	return "", false
}

// matches reports whether the front matter fm is w's lines, but for
// comments where they stay: whole-line comments at the left margin right
// above a top-level entry that follows a one-line top-level entry (or
// starts the front matter), and line comments after one-line values, one
// space after the value. Blank lines, trailing spaces and CRs are left to
// format.
func (w *writer) matches(fm []byte) bool {
	commented := make([]bool, len(w.lines))
	j := 0
	canHead, inHead := true, false
	for len(fm) > 0 {
		l, rest, _ := bytes.Cut(fm, []byte("\n"))
		fm = rest
		if len(l) == 0 || bytes.IndexByte(l, '\r') >= 0 || l[len(l)-1] == ' ' {
			return false
		}
		if l[0] == '#' {
			if !canHead {
				return false
			}
			inHead = true
			continue
		}
		if j == len(w.lines) || inHead && !w.lines[j].top {
			return false
		}
		ok, comment := w.lines[j].match(l)
		if !ok {
			return false
		}
		commented[j] = comment
		canHead, inHead = w.lines[j].top && w.lines[j].oneLine, false
		j++
	}
	return j == len(w.lines) && !inHead && w.commentsInside(commented)
}

// match reports whether the source line l is want's, and whether it has a
// line comment.
func (want wantLine) match(l []byte) (ok, comment bool) {
	rest, ok := bytes.CutPrefix(l, []byte(want.text))
	switch {
	case !ok:
		return false, false
	case len(rest) == 0:
		return true, false
	}
	return want.oneLine && bytes.HasPrefix(rest, []byte(" #")), true
}

// commentsInside: each range of w.commented has a line with a comment.
func (w *writer) commentsInside(commented []bool) bool {
	for _, r := range w.commented {
		found := false
		for _, c := range commented[r[0]:r[1]] {
			found = found || c
		}
		if !found {
			return false
		}
	}
	return true
}
