package spec

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/parse"
)

// decoder turns one file's front matter into a typed item by its kind's
// table of fields (fields.go), recording each problem at the position of
// the key or value at fault.
type decoder struct {
	cfg  *config.Config
	file *File
}

func (d *decoder) report(rule string, pos Pos, format string, args ...any) {
	d.file.Problems = append(d.file.Problems, Problem{Rule: rule, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// entry is a known key and its value node; both nil when the key is absent.
type entry struct {
	key, val *yaml.Node
}

func (d *decoder) vision(root *yaml.Node, body parse.Body) *Vision {
	v := &Vision{File: d.file, Narrative: body.Narrative}
	v.Fields = d.decode(root, VisionFields, v)
	return v
}

func (d *decoder) item(root *yaml.Node) *RoadmapItem {
	it := &RoadmapItem{File: d.file}
	it.Fields = d.decode(root, RoadmapFields, it)
	return it
}

func (d *decoder) story(root *yaml.Node, body parse.Body) *Story {
	s := &Story{File: d.file, Narrative: body.Narrative, HasCriteria: body.HasCriteria, Criteria: body.Criteria}
	s.Fields = d.decode(root, StoryFields, s)
	return s
}

// decode decodes the front matter root into item by the table t and
// returns where each known key's value is.
func (d *decoder) decode(root *yaml.Node, t *Table, item any) fields {
	m := d.mapping(root, t, "")
	pos := d.positions(t, m)
	d.decodeFields(t, m, item, nil)
	return pos
}

// mapping finds the known keys of m, indexed like t's fields, and reports
// the unknown ones. Keys may be renamed by the config's field aliases.
func (d *decoder) mapping(m *yaml.Node, t *Table, where string) []entry {
	written := t.Written(d.cfg)
	out := make([]entry, len(written))
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if j := slices.Index(written, k.Value); j >= 0 {
			out[j] = entry{k, v}
			continue
		}
		if slices.Contains(d.cfg.Fields.Extra, k.Value) {
			continue
		}
		d.report(RuleUnknownField, parse.NodePos(k), "unknown field %q%s%s", k.Value, where, names.DidYouMean(k.Value, written))
	}
	return out
}

func (d *decoder) positions(t *Table, m []entry) fields {
	n := 0
	for _, e := range m {
		if e.key != nil {
			n++
		}
	}
	f := make(fields, 0, n)
	for i, e := range m {
		if e.key != nil {
			f = append(f, fieldPos{t.Fields[i].Key, parse.NodePos(e.val)})
		}
	}
	return f
}

// decodeFields decodes the fields of t, in t's order, from m (indexed like
// t.Fields) into item. at is the mapping of an item nested in a file (a
// goal), nil for the front matter itself.
func (d *decoder) decodeFields(t *Table, m []entry, item any, at *yaml.Node) {
	var id string // the item's ID, for messages about its references
	for i := range t.Fields {
		f := &t.Fields[i]
		if f.set == nil {
			continue
		}
		e := m[i]
		x := value{present: e.key != nil}
		if x.present {
			x.pos = parse.NodePos(e.val)
		}
		switch f.Shape {
		case ShapeText:
			if f.Required {
				x.text = d.required(f, e)
			} else {
				x.text, _ = d.str(f, e)
			}
		case ShapeID:
			x.text = d.id(t, f, e, at)
			id = x.text
		case ShapeRef:
			x.ref = d.ref(t, f, e, id)
		case ShapeIDs:
			x.refs = d.idList(t, f, e, id)
		case ShapeLabels:
			x.words = words(d.refs(f, e))
		case ShapeNames:
			x.text = strings.Join(words(d.refs(f, e)), ", ")
		case ShapeVocab:
			x.text = d.oneOf(f, e)
		case ShapeNonNegative, ShapeDivisor, ShapeFraction:
			if x.present && !isNull(e.val) {
				x.num, x.numOK = d.bounded(f, e.val, d.cfg.Field(f.Key))
			}
		case ShapeInputs:
			x.nums = d.inputs(f, e)
		case ShapeGoals:
			x.goals = d.goals(f, e)
		}
		f.set(item, x)
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str decodes a scalar as its literal text, so an ID written 010 stays "010".
func (d *decoder) str(f *Field, e entry) (string, bool) {
	if e.key == nil || isNull(e.val) {
		return "", false
	}
	if e.val.Kind != yaml.ScalarNode {
		d.report(RuleInvalidValue, parse.NodePos(e.val), "%s must be a single value, not a %s", d.cfg.Field(f.Key), parse.KindName(e.val))
		return "", false
	}
	return e.val.Value, true
}

func (d *decoder) missing(f *Field) {
	d.report(RuleRequiredField, parse.Start, "missing required field %q", d.cfg.Field(f.Key))
}

// required is str for a key that must be present and non-empty.
func (d *decoder) required(f *Field, e entry) string {
	v, ok := d.str(f, e)
	if e.key == nil {
		d.missing(f)
	} else if !ok && isNull(e.val) || ok && strings.TrimSpace(v) == "" {
		d.report(RuleRequiredField, parse.NodePos(e.key), "required field %q is empty", d.cfg.Field(f.Key))
	}
	return v
}

// oneOf checks a scalar against its vocabulary.
func (d *decoder) oneOf(f *Field, e entry) string {
	var v string
	var ok bool
	if f.Required {
		v = d.required(f, e)
		ok = v != ""
	} else {
		v, ok = d.str(f, e)
	}
	if ok && !slices.Contains(f.Vocab(d.cfg), d.cfg.Value(f.Key, v)) {
		words := f.Words(d.cfg)
		d.report(RuleInvalidValue, parse.NodePos(e.val), "%s %q is not one of: %s%s", d.cfg.Field(f.Key), v, strings.Join(words, ", "), names.DidYouMean(v, words))
	}
	v = d.cfg.Value(f.Key, v)
	return v
}

// id decodes the item's own ID. A nested item (at, a goal) that has none
// is reported at the item, since its file may hold many.
func (d *decoder) id(t *Table, f *Field, e entry, at *yaml.Node) string {
	if e.key == nil && at != nil {
		d.report(RuleRequiredField, parse.NodePos(at), "%s is missing required field %q", t.Name, f.Key)
		return ""
	}
	id := d.required(f, e)
	if re := f.Of.Pattern(d.cfg); id != "" && !re.MatchString(id) {
		d.report(RuleIDFormat, parse.NodePos(e.val), "%s ID %q does not match the pattern %s", f.Of.Noun(), id, re)
	}
	return id
}

// untraced reports that the item with the given ID serves nothing: its
// tracing key f is written but names nothing.
func (d *decoder) untraced(t *Table, f *Field, e entry, id string) {
	d.report(t.untraced, parse.NodePos(e.key), "%s %q serves no %s", t.Name, id, f.Of.Noun())
}

// ref decodes one reference.
func (d *decoder) ref(t *Table, f *Field, e entry, id string) Ref {
	if e.key == nil {
		if f.RequiredIn(d.cfg) {
			d.missing(f)
		}
		return Ref{}
	}
	if v, _ := d.str(f, e); strings.TrimSpace(v) != "" {
		return Ref{ID: v, Pos: parse.NodePos(e.val)}
	}
	if f.Traces && e.val.Kind == yaml.ScalarNode { // a list or mapping is already invalid-value
		d.untraced(t, f, e, id)
	}
	return Ref{}
}

// idList decodes a list of references. A tracing list that is written
// but names nothing (and is not malformed) leaves the item untraced.
func (d *decoder) idList(t *Table, f *Field, e entry, id string) []Ref {
	if e.key == nil {
		if f.RequiredIn(d.cfg) {
			d.missing(f)
		}
		return nil
	}
	n := len(d.file.Problems)
	refs := d.refs(f, e)
	if f.Traces && len(refs) == 0 && len(d.file.Problems) == n {
		d.untraced(t, f, e, id)
	}
	return refs
}

// refs decodes a list of IDs; a single scalar is taken as a list of one.
func (d *decoder) refs(f *Field, e entry) []Ref {
	if e.key == nil || isNull(e.val) {
		return nil
	}
	if e.val.Kind == yaml.ScalarNode {
		return []Ref{{ID: e.val.Value, Pos: parse.NodePos(e.val)}}
	}
	if e.val.Kind != yaml.SequenceNode {
		d.report(RuleInvalidValue, parse.NodePos(e.val), "%s must be a list of IDs, not a %s", d.cfg.Field(f.Key), parse.KindName(e.val))
		return nil
	}
	out := make([]Ref, 0, len(e.val.Content))
	for _, c := range e.val.Content {
		if c.Kind != yaml.ScalarNode || isNull(c) {
			d.report(RuleInvalidValue, parse.NodePos(c), "%s must list IDs, not a %s", d.cfg.Field(f.Key), parse.KindName(c))
			continue
		}
		out = append(out, Ref{ID: c.Value, Pos: parse.NodePos(c)})
	}
	return out
}

func words(rs []Ref) []string {
	if rs == nil {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

// number decodes a YAML number. percent allows "80%" (as 0.8).
func (d *decoder) number(n *yaml.Node, name string, percent bool) (float64, bool) {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!int" || n.Tag == "!!float") {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64); err == nil && !isInfOrNaN(f) {
			return f, true
		}
	}
	if percent && n.Kind == yaml.ScalarNode && strings.HasSuffix(n.Value, "%") {
		if f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(n.Value, "%")), 64); err == nil && !isInfOrNaN(f) {
			return f / 100, true
		}
	}
	d.report(RuleInvalidValue, parse.NodePos(n), "%s must be a number, not %s", name, describe(n))
	return 0, false
}

// bounded decodes a number of one of the numeric shapes and checks its
// bounds; name is what messages call it.
func (d *decoder) bounded(f *Field, n *yaml.Node, name string) (float64, bool) {
	v, ok := d.number(n, name, f.Shape == ShapeFraction)
	switch {
	case !ok:
	case v < 0:
		d.report(RuleInvalidValue, parse.NodePos(n), "%s must not be negative", name)
	case f.Shape == ShapeDivisor && v == 0:
		d.report(RuleInvalidValue, parse.NodePos(n), "%s must be greater than 0", name)
	case f.Shape == ShapeFraction && v > 1:
		d.report(RuleInvalidValue, parse.NodePos(n), "%s must be between 0 and 1 (or 0%% to 100%%)", name)
	default:
		return v, true
	}
	return 0, false
}

func isInfOrNaN(f float64) bool { return f != f || f > 1e308 || f < -1e308 }

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return "a " + parse.KindName(n)
}

// inputs decodes a mapping of named numbers (a priority model's inputs)
// in the order of f.Sub. It returns nil unless every required one is
// present and every one valid.
func (d *decoder) inputs(f *Field, e entry) []float64 {
	if e.key == nil || isNull(e.val) {
		return nil
	}
	name := d.cfg.Field(f.Key)
	if e.val.Kind != yaml.MappingNode {
		d.report(RuleInvalidValue, parse.NodePos(e.val), "%s must be a mapping of %s, not %s", name, strings.Join(f.Sub.keys, ", "), describe(e.val))
		return nil
	}
	sub := d.mapping(e.val, f.Sub, " in "+name)
	vals := make([]float64, len(sub))
	valid := true
	for i := range f.Sub.Fields {
		sf := &f.Sub.Fields[i]
		if sub[i].key == nil {
			if sf.Required {
				d.report(RuleInvalidValue, parse.NodePos(e.val), "%s is missing %s", name, sf.Key)
				valid = false
			}
			continue
		}
		v, ok := d.bounded(sf, sub[i].val, name+"."+sf.Key)
		vals[i] = v
		valid = valid && ok
	}
	if !valid {
		return nil
	}
	return vals
}

// goals decodes the vision's list of goals.
func (d *decoder) goals(f *Field, e entry) []*Goal {
	if e.key == nil {
		if f.RequiredIn(d.cfg) {
			d.missing(f)
		}
		return nil
	}
	if e.val.Kind != yaml.SequenceNode {
		if !isNull(e.val) {
			d.report(RuleInvalidValue, parse.NodePos(e.val), "%s must be a list of goals with id and title, not a %s", f.Key, parse.KindName(e.val))
		}
		return nil
	}
	var out []*Goal
	for _, g := range e.val.Content {
		if g.Kind != yaml.MappingNode {
			d.report(RuleInvalidValue, parse.NodePos(g), "a goal must be a mapping with id and title, not a %s", parse.KindName(g))
			continue
		}
		goal := &Goal{File: d.file, Pos: parse.NodePos(g)}
		d.decodeFields(f.Sub, d.mapping(g, f.Sub, " in "+f.Sub.Name), goal, g)
		out = append(out, goal)
	}
	return out
}
