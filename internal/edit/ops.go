package edit

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/spec"
)

// The changes below are made of four splices: replace a value, insert a
// key, append a list item, remove a key or an item. Each is committed
// (parsed again and compared) on its own, so a list change of several
// items is several small commits, each linear in the file's size.

// setScalar sets the key at t to the scalar v.
func (d *Doc) setScalar(t target, v, tag string) error {
	m, depth, k, old, err := d.lookup(t.path)
	if err != nil {
		return err
	}
	if old == nil {
		return d.insertPath(t, m, depth, scalar(v, tag, 0))
	}
	style := yaml.Style(0)
	if old.Kind == yaml.ScalarNode {
		style = quoted(old)
	}
	return d.replaceValue(m, k, old, scalar(v, tag, style))
}

// changeList sets, adds to or removes from the list at t.
func (d *Doc) changeList(t target, c Change, old *yaml.Node) error {
	its := items(c.Value)
	if len(its) == 0 {
		return fmt.Errorf("%s: no items in %q", c.Key, c.Value)
	}
	m, depth, k, _, err := d.lookup(t.path)
	if err != nil {
		return err
	}
	cur := values(old)
	switch {
	case c.Op == Remove && old == nil:
		return fmt.Errorf("%s is not set", c.Key)
	case old == nil:
		return d.insertPath(t, m, depth, flowList(its))
	case c.Op == Set && !scalarItems(old):
		return d.replaceValue(m, k, old, flowList(its))
	case c.Op == Set:
		return d.setItems(t.path, its)
	case c.Op == Add:
		for _, it := range its {
			if slices.Contains(cur, it) {
				return fmt.Errorf("%s already lists %q", c.Key, it)
			}
		}
		if !scalarItems(old) {
			return d.replaceValue(m, k, old, flowList(append(cur, its...)))
		}
		for _, it := range its {
			if err := d.appendItem(t.path, it); err != nil {
				return err
			}
		}
		return nil
	}
	left := slices.Clone(cur)
	for _, it := range its {
		i := slices.Index(left, it)
		if i < 0 {
			return fmt.Errorf("%s does not list %q (it lists %s)", c.Key, it, display(old))
		}
		left = slices.Delete(left, i, i+1)
	}
	if !scalarItems(old) || len(left) == 0 {
		return d.replaceValue(m, k, old, flowList(left))
	}
	for _, it := range its {
		_, _, _, seq, _ := d.lookup(t.path)
		i := slices.IndexFunc(seq.Content, func(n *yaml.Node) bool { return n.Value == it })
		if err := d.removeAt(seq, i, 1); err != nil {
			return err
		}
	}
	return nil
}

// values are the items of a list, or a scalar as a list of one.
func values(n *yaml.Node) []string {
	switch {
	case n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return nil
	case n.Kind == yaml.ScalarNode:
		return []string{n.Value}
	}
	var out []string
	for _, c := range n.Content {
		out = append(out, c.Value)
	}
	return out
}

// scalarItems: n is a list of scalars, whose items can be edited one by one.
func scalarItems(n *yaml.Node) bool {
	if n.Kind != yaml.SequenceNode {
		return false
	}
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

// setItems makes the list at path hold its: items that differ are
// replaced where they stand (keeping their comments), then the surplus
// is removed from the end or the rest appended.
func (d *Doc) setItems(path []string, its []string) error {
	_, _, _, seq, _ := d.lookup(path)
	inFlow := seq.Style&yaml.FlowStyle != 0
	want := clone(d.root)
	var ss []splice
	for i := 0; i < min(len(seq.Content), len(its)); i++ {
		item := seq.Content[i]
		text, err := render(scalar(its[i], "!!str", quoted(item)), inFlow)
		if err != nil {
			return err
		}
		if n := decode(text, inFlow); !same(item, n) {
			end, err := d.end(item)
			if err != nil {
				return err
			}
			ss = append(ss, splice{d.start(item), end, text})
			*d.locate(want, item) = *n
		}
	}
	if len(ss) > 0 {
		if err := d.commit(ss, want); err != nil {
			return err
		}
	}
	for {
		_, _, _, seq, _ = d.lookup(path)
		if len(seq.Content) <= len(its) {
			break
		}
		if err := d.removeAt(seq, len(seq.Content)-1, 1); err != nil {
			return err
		}
	}
	for _, it := range its[len(seq.Content):] {
		if err := d.appendItem(path, it); err != nil {
			return err
		}
	}
	return nil
}

// replaceValue replaces the value old of key k in the mapping m by n.
func (d *Doc) replaceValue(m, k, old, n *yaml.Node) error {
	inFlow := m.Style&yaml.FlowStyle != 0
	text, err := render(n, inFlow)
	if err != nil {
		return err
	}
	now := decode(text, inFlow)
	if same(old, now) {
		return nil
	}
	end, err := d.end(old)
	if err != nil {
		return err
	}
	s := splice{d.start(old), end, text}
	switch {
	case old.Kind != yaml.ScalarNode && old.Style&yaml.FlowStyle == 0:
		// A block list or mapping starts on a line of its own: the new
		// value goes where it began, after "key:".
		colon, err := d.afterColon(k)
		if err != nil {
			return err
		}
		s = splice{colon, end, " " + text}
	case s.start == s.end && !inFlow:
		s.text = " " + text // "key:" with no value: after the colon
	}
	want := clone(d.root)
	*d.locate(want, old) = *now
	return d.commit([]splice{s}, want)
}

// afterColon is the offset just past the ":" after the key k.
func (d *Doc) afterColon(k *yaml.Node) (int, error) {
	e, err := d.end(k)
	if err != nil {
		return 0, err
	}
	i := skipSpaces(d.src, e)
	if i >= d.fm[1] || d.src[i] != ':' {
		return 0, unsafef("no \":\" after the key at %d:%d", k.Line, k.Column)
	}
	return i + 1, nil
}

// insertPath adds the keys of t missing below m (the first at depth),
// the last holding leaf: a.b=1 with no a writes a: {b: 1}.
func (d *Doc) insertPath(t target, m *yaml.Node, depth int, leaf *yaml.Node) error {
	v := leaf
	for j := len(t.path) - 1; j > depth; j-- {
		v = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle, Content: []*yaml.Node{scalar(t.path[j], "!!str", 0), v}}
	}
	return d.insertPair(m, t.tables[depth], t.path[depth], v)
}

// insertPair adds key: v to the mapping m, before the first key that
// comes after it in the canonical order of table (fmt's), else last.
func (d *Doc) insertPair(m *yaml.Node, table *spec.Table, key string, v *yaml.Node) error {
	inFlow := m.Style&yaml.FlowStyle != 0
	kt, err := render(scalar(key, "!!str", 0), inFlow)
	if err != nil {
		return err
	}
	vt, err := render(v, inFlow)
	if err != nil {
		return err
	}
	entry := kt + ": " + vt
	next := -1
	for i := 0; table != nil && i+1 < len(m.Content); i += 2 {
		if table.Rank(d.cfg, m.Content[i].Value) > table.Rank(d.cfg, key) {
			next = i
			break
		}
	}
	var s splice
	var err2 error
	if inFlow {
		s, err2 = d.flowInsert(m, next, entry)
	} else {
		s, err2 = d.blockInsert(m, next, entry)
	}
	if err2 != nil {
		return err2
	}
	want := clone(d.root)
	wm := d.locate(want, m)
	wm.Content = append(wm.Content, scalar(key, "!!str", 0), decode(vt, inFlow))
	return d.commit([]splice{s}, want)
}

// flowInsert places entry in the flow mapping m before its pair next,
// or last.
func (d *Doc) flowInsert(m *yaml.Node, next int, entry string) (splice, error) {
	switch {
	case next >= 0:
		at := d.start(m.Content[next])
		return splice{at, at, entry + ", "}, nil
	case len(m.Content) > 0:
		at, err := d.end(m.Content[len(m.Content)-1])
		return splice{at, at, ", " + entry}, err
	}
	at := d.start(m) + 1
	return splice{at, at, entry}, nil
}

// blockInsert places entry on a line of its own in the block mapping m:
// above the pair next and the comment lines right above it, or after the
// last pair.
func (d *Doc) blockInsert(m *yaml.Node, next int, entry string) (splice, error) {
	if len(m.Content) == 0 { // an empty front matter
		return splice{d.fm[0], d.fm[0], entry + d.eol}, nil
	}
	k0 := d.start(m.Content[0])
	indent := string(d.src[lineStart(d.src, k0):k0])
	if strings.Trim(indent, " ") != "" {
		return splice{}, unsafef("the mapping at %d:%d does not start its line", m.Content[0].Line, m.Content[0].Column)
	}
	if next < 0 {
		e, err := d.end(m.Content[len(m.Content)-1])
		if err != nil {
			return splice{}, err
		}
		at := nextLine(d.src, e)
		return splice{at, at, indent + entry + d.eol}, nil
	}
	k := d.start(m.Content[next])
	at := lineStart(d.src, k)
	if strings.Trim(string(d.src[at:k]), " ") != "" {
		return splice{}, unsafef("the key at %d:%d does not start its line", m.Content[next].Line, m.Content[next].Column)
	}
	for at > d.fm[0] {
		prev := lineStart(d.src, at-1)
		if l := strings.TrimSpace(string(d.src[prev:at])); !strings.HasPrefix(l, "#") {
			break
		}
		at = prev
	}
	return splice{at, at, indent + entry + d.eol}, nil
}

// appendItem adds it at the end of the list at path.
func (d *Doc) appendItem(path []string, it string) error {
	_, _, _, seq, _ := d.lookup(path)
	inFlow := seq.Style&yaml.FlowStyle != 0
	text, err := render(scalar(it, "!!str", 0), inFlow)
	if err != nil {
		return err
	}
	var s splice
	switch {
	case inFlow && len(seq.Content) == 0:
		at := d.start(seq) + 1
		s = splice{at, at, text}
	case inFlow:
		at, err := d.end(seq.Content[len(seq.Content)-1])
		if err != nil {
			return err
		}
		s = splice{at, at, ", " + text}
	default:
		last := seq.Content[len(seq.Content)-1]
		ls := d.start(last)
		dash := string(d.src[lineStart(d.src, ls):ls])
		if strings.Trim(dash, " ") != "-" {
			return unsafef("the list item at %d:%d does not start its line", last.Line, last.Column)
		}
		e, err := d.end(last)
		if err != nil {
			return err
		}
		at := nextLine(d.src, e)
		s = splice{at, at, dash + text + d.eol}
	}
	want := clone(d.root)
	ws := d.locate(want, seq)
	ws.Content = append(ws.Content, decode(text, inFlow))
	return d.commit([]splice{s}, want)
}

// unset removes the key at t.
func (d *Doc) unset(t target) error {
	m, _, _, old, err := d.lookup(t.path)
	if err != nil {
		return err
	}
	if old == nil {
		return fmt.Errorf("%s is not set", strings.Join(t.path, "."))
	}
	i := 0
	for m.Content[i].Value != t.path[len(t.path)-1] {
		i += 2
	}
	if m != d.root && len(m.Content) == 2 && m.Style&yaml.FlowStyle == 0 {
		// The last key of a nested block mapping: the mapping is left {}.
		pm, _, pk, _, _ := d.lookup(t.path[:len(t.path)-1])
		return d.replaceValue(pm, pk, m, &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle})
	}
	return d.removeAt(m, i, 2)
}

// removeAt removes the item i of a list (width 1) or the pair at i of a
// mapping (width 2): in flow style with its comma, in block style with
// its lines.
func (d *Doc) removeAt(coll *yaml.Node, i, width int) error {
	nodes := coll.Content
	s0 := d.start(nodes[i])
	e0, err := d.end(nodes[i+width-1])
	if err != nil {
		return err
	}
	var s splice
	switch {
	case coll.Style&yaml.FlowStyle != 0 && i+width < len(nodes):
		s = splice{s0, d.start(nodes[i+width]), ""}
	case coll.Style&yaml.FlowStyle != 0 && i > 0:
		pe, err := d.end(nodes[i-1])
		if err != nil {
			return err
		}
		s = splice{pe, e0, ""}
	case coll.Style&yaml.FlowStyle != 0:
		s = splice{s0, e0, ""}
	default:
		ls := lineStart(d.src, s0)
		rest := strings.TrimSpace(string(d.src[e0:lineEnd(d.src, e0)]))
		if strings.Trim(string(d.src[ls:s0]), " -") != "" || rest != "" && !strings.HasPrefix(rest, "#") {
			return unsafef("the entry at %d:%d shares its line", nodes[i].Line, nodes[i].Column)
		}
		s = splice{ls, nextLine(d.src, e0), ""}
	}
	want := clone(d.root)
	wc := d.locate(want, coll)
	wc.Content = slices.Delete(wc.Content, i, i+width)
	return d.commit([]splice{s}, want)
}

// RenameID changes every ID of kind of that is old into new: the
// item's own id and every reference the fields of the file's kind hold
// (fields.go), in the vision's goals too, each keeping its quoting.
func (d *Doc) RenameID(of spec.IDKind, old, new string) ([]Result, error) {
	var ss []splice
	var res []Result
	want := clone(d.root)
	var walk func(m *yaml.Node, t *spec.Table, prefix string) error
	walk = func(m *yaml.Node, t *spec.Table, prefix string) error {
		for i := range t.Fields {
			f := &t.Fields[i]
			key := d.cfg.Field(f.Key)
			_, v := pair(m, key)
			switch {
			case v == nil:
			case f.Shape == spec.ShapeGoals && v.Kind == yaml.SequenceNode:
				for _, g := range v.Content {
					if g.Kind == yaml.MappingNode {
						if err := walk(g, f.Sub, prefix+key+"."); err != nil {
							return err
						}
					}
				}
			case (f.Shape == spec.ShapeID || f.Shape == spec.ShapeRef || f.Shape == spec.ShapeIDs) && f.Of == of:
				nodes, inFlow := []*yaml.Node{v}, m.Style&yaml.FlowStyle != 0
				if v.Kind == yaml.SequenceNode {
					nodes, inFlow = v.Content, v.Style&yaml.FlowStyle != 0
				}
				for _, n := range nodes {
					if n.Kind != yaml.ScalarNode || n.Value != old {
						continue
					}
					text, err := render(scalar(new, "!!str", quoted(n)), inFlow)
					if err != nil {
						return err
					}
					end, err := d.end(n)
					if err != nil {
						return err
					}
					ss = append(ss, splice{d.start(n), end, text})
					*d.locate(want, n) = *decode(text, inFlow)
					res = append(res, Result{Key: prefix + key, Old: old, New: new})
				}
			}
		}
		return nil
	}
	if d.table == nil {
		return nil, nil
	}
	if err := walk(d.root, d.table, ""); err != nil || len(ss) == 0 {
		return nil, err
	}
	return res, d.commit(ss, want)
}
