// Package edit changes values in a spec file's front matter in place, for
// `prodspec set`, `check` and `mv`. It never writes the document again:
// it finds the bytes of the values it changes from yaml.v3's node
// positions and splices new bytes there, so comments, key order, quoting,
// indentation, line endings, a BOM and the body stay as they were. Each
// change is checked by parsing the result again: the front matter must
// hold exactly what it held before but for the changed value, or the
// change is refused (an *UnsafeError) rather than written.
package edit

import (
	"bytes"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

// Doc is one spec file open for editing.
type Doc struct {
	src   []byte
	kind  spec.Kind
	cfg   *config.Config
	root  *yaml.Node // the front matter's mapping, at file positions
	at    parse.Offsets
	fm    [2]int // the front matter's byte range in src
	eol   string // "\r\n" when the front matter's lines end so
	table *spec.Table
}

// FileError is a file whose front matter cannot be edited: the first
// problem lint reports with it, at lint's position.
type FileError struct{ parse.Problem }

func (e *FileError) Error() string { return e.Pos.String() + ": " + e.Msg }

// UnsafeError is a change the engine could not make without touching
// more than the value it names; nothing is written.
type UnsafeError struct{ Msg string }

func (e *UnsafeError) Error() string {
	return e.Msg + ": cannot change it in place without touching other values; edit the file by hand"
}

func unsafef(format string, args ...any) error {
	return &UnsafeError{Msg: fmt.Sprintf(format, args...)}
}

// Open reads src, a spec file of kind, for editing under cfg. A file
// whose front matter lint rejects is a *FileError.
func Open(src []byte, kind spec.Kind, cfg *config.Config) (*Doc, error) {
	doc := parse.ParseFrontMatter(src)
	if p, ok := doc.FirstProblem(); ok {
		return nil, &FileError{p}
	}
	parts, _ := parse.Split(src)
	kind = spec.DeclaredKind(doc.FrontMatter, kind) // as fmt orders it
	d := &Doc{src: src, kind: kind, cfg: cfg, root: doc.FrontMatter, at: parse.NewOffsets(src),
		fm: [2]int{parts.FMOffset, parts.FMOffset + len(parts.FrontMatter)}, eol: "\n", table: spec.FieldsOf(kind)}
	if d.root.Style&yaml.FlowStyle != 0 {
		return nil, &FileError{parse.Problem{Pos: parse.NodePos(d.root),
			Msg: "front matter written as one flow mapping ({...}); run prodspec fmt first"}}
	}
	if k := d.complexKey(d.root); k != nil {
		return nil, &FileError{parse.Problem{Pos: parse.NodePos(k),
			Msg: "a key that is a list or a mapping (? ...): set edits files whose keys are plain names; edit this one by hand"}}
	}
	if bytes.Contains(parts.FrontMatter, []byte("\r\n")) {
		d.eol = "\r\n"
	}
	return d, nil
}

// complexKey is the first key in n's mappings that is not a named
// scalar or is written in the long form "? key", or nil: the engine finds
// keys by name and ends by position, and neither holds for "? [a, b]".
func (d *Doc) complexKey(n *yaml.Node) *yaml.Node {
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 && (c.Kind != yaml.ScalarNode || c.Tag == "!!null" || d.explicit(c)) {
			return c
		}
		if k := d.complexKey(c); k != nil {
			return k
		}
	}
	return nil
}

// explicit says whether the key k is written in the long form: after a
// "?" on its line, or on a line after one that is only "?".
func (d *Doc) explicit(k *yaml.Node) bool {
	at := d.start(k)
	before := bytes.TrimRight(d.src[lineStart(d.src, at):at], " \t")
	if bytes.HasSuffix(before, []byte("?")) || at < len(d.src) && d.src[at] == '?' {
		return true
	}
	for l := lineStart(d.src, at); l > d.fm[0]; {
		prev := lineStart(d.src, l-1)
		switch line := bytes.TrimSpace(d.src[prev:l]); {
		case len(line) == 0 || line[0] == '#':
			l = prev // blank lines and comments between
		default:
			return string(line) == "?"
		}
	}
	return false
}

// Bytes is the file as edited so far.
func (d *Doc) Bytes() []byte { return d.src }

// splice replaces src[start:end] with text.
type splice struct {
	start, end int
	text       string
}

// commit applies splices (non-overlapping, any order) and parses the
// result, which must hold what want holds: the tree before the change
// with the change made. Only then does d take the new bytes.
func (d *Doc) commit(ss []splice, want *yaml.Node) error {
	slices.SortFunc(ss, func(a, b splice) int { return b.start - a.start })
	out := d.src
	for i, s := range ss {
		if s.start < d.fm[0] || s.end > d.fm[1] || s.start > s.end || i > 0 && s.end > ss[i-1].start {
			return unsafef("internal error: a change outside the front matter")
		}
		out = slices.Concat(out[:s.start:s.start], []byte(s.text), out[s.end:])
	}
	next, err := Open(out, d.kind, d.cfg)
	if err != nil {
		return unsafef("the change would make the front matter invalid (%v)", err)
	}
	if !same(want, next.root) {
		return unsafef("the change would alter other values")
	}
	*d = *next
	return nil
}

// same reports whether a and b hold the same YAML values: kinds, scalar
// values and their resolved tags, mappings by key, lists in order.
// Positions, styles and comments do not count.
func same(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return false
	}
	switch a.Kind {
	case yaml.ScalarNode:
		return a.Value == b.Value && a.ShortTag() == b.ShortTag()
	case yaml.MappingNode:
		for i := 0; i+1 < len(a.Content); i += 2 {
			_, bv := pair(b, a.Content[i].Value)
			if bv == nil || !same(a.Content[i+1], bv) {
				return false
			}
		}
		return true
	}
	for i := range a.Content {
		if !same(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// pair returns the key and value nodes of key in the mapping m, or nils.
func pair(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// clone is a deep copy of n, for building the tree a change should give.
func clone(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, x := range n.Content {
		c.Content[i] = clone(x)
	}
	return &c
}

// locate finds in want, a clone of d.root, the node that is n in d.root.
func (d *Doc) locate(want, n *yaml.Node) *yaml.Node {
	var walk func(a, b *yaml.Node) *yaml.Node
	walk = func(a, b *yaml.Node) *yaml.Node {
		if a == n {
			return b
		}
		for i := range a.Content {
			if r := walk(a.Content[i], b.Content[i]); r != nil {
				return r
			}
		}
		return nil
	}
	return walk(d.root, want)
}
