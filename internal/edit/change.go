package edit

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/spec"
)

// Op is what a Change does to its key.
type Op int

const (
	Set    Op = iota // key=value: replace the value (of a list: every item)
	Add              // key+=a,b: add items to a list
	Remove           // key-=a,b: take items out of a list
	Unset            // remove the key
)

// Change is one change to a front-matter key. Key is dotted for a key
// of a nested mapping (rice.reach) and may be prodspec's name or the one
// the team's files use (fields.aliases). Value holds a list's items
// separated by commas.
type Change struct {
	Key   string
	Op    Op
	Value string
}

// ParseChange reads a change as the command line writes it: key=value,
// key+=items or key-=items.
func ParseChange(arg string) (Change, error) {
	if !utf8.ValidString(arg) {
		return Change{}, fmt.Errorf("%q: not UTF-8 text", arg)
	}
	i := strings.IndexByte(arg, '=')
	if i <= 0 {
		return Change{}, fmt.Errorf("%q: want key=value, key+=items or key-=items", arg)
	}
	c := Change{Key: arg[:i], Op: Set, Value: arg[i+1:]}
	switch {
	case strings.HasSuffix(c.Key, "+"):
		c.Key, c.Op = c.Key[:len(c.Key)-1], Add
	case strings.HasSuffix(c.Key, "-"):
		c.Key, c.Op = c.Key[:len(c.Key)-1], Remove
	}
	if !validKey(c.Key) {
		return Change{}, fmt.Errorf("%q: bad key %q: keys are up to 64 letters, digits, _ and -, dotted for a nested value (rice.reach)", arg, c.Key)
	}
	if strings.TrimSpace(c.Value) == "" {
		return Change{}, fmt.Errorf("%q: no value; to remove %s use --unset %s", arg, c.Key, c.Key)
	}
	if strings.IndexFunc(c.Value, unicode.IsControl) >= 0 {
		return Change{}, fmt.Errorf("%q: a value is one line of text, without control characters", arg)
	}
	return c, nil
}

// validKey says whether key is dotted words of letters, digits, _ and
// -, each at most 64 bytes: every key a spec holds, and none that YAML
// would have to quote or write in the long "? key" form (over 128 bytes).
func validKey(key string) bool {
	for _, k := range strings.Split(key, ".") {
		if k == "" || len(k) > 64 || strings.IndexFunc(k, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-'
		}) >= 0 {
			return false
		}
	}
	return true
}

// Result is what one change did, for set to report: the values before
// and after as a person reads them ("" for none).
type Result struct {
	Key      string // dotted, as the file writes it
	Old, New string
}

// target is where a change applies: the mapping holding the key, the
// key's file name, its field (nil when prodspec does not know it), and
// how far the path exists.
type target struct {
	path   []string      // the keys as the file writes them
	fields []*spec.Field // the field of each key, nil where unknown
	tables []*spec.Table // the table each key is looked up in, nil where none
}

// resolve maps a dotted key onto the file's keys and prodspec's fields.
func (d *Doc) resolve(key string) target {
	var t target
	table := d.table
	for _, name := range strings.Split(key, ".") {
		var f *spec.Field
		if table != nil {
			f = d.field(table, name)
		}
		file := name
		if f != nil {
			file = d.cfg.Field(f.Key)
		}
		t.path = append(t.path, file)
		t.fields = append(t.fields, f)
		t.tables = append(t.tables, table)
		table = nil
		if f != nil {
			table = f.Sub
		}
	}
	return t
}

// field finds name in t, by prodspec's name or the file's.
func (d *Doc) field(t *spec.Table, name string) *spec.Field {
	if f := t.Field(name); f != nil {
		return f
	}
	for i := range t.Fields {
		if d.cfg.Field(t.Fields[i].Key) == name {
			return &t.Fields[i]
		}
	}
	return nil
}

// lookup walks the path: the deepest mapping that exists on it, how many
// keys of the path it covers, and the key and value nodes of the last
// key when all exist.
func (d *Doc) lookup(path []string) (m *yaml.Node, depth int, k, v *yaml.Node, err error) {
	m = d.root
	for i, key := range path {
		k, v = pair(m, key)
		if v == nil {
			return m, i, nil, nil, nil
		}
		if i == len(path)-1 {
			return m, i, k, v, nil
		}
		if v.Kind != yaml.MappingNode {
			return nil, 0, nil, nil, fmt.Errorf("%s is a %s, not a mapping", strings.Join(path[:i+1], "."), kindName(v))
		}
		m = v
	}
	return m, len(path), nil, nil, nil
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "scalar"
}

// Apply makes one change. A change that leaves the value as it was
// changes no byte.
func (d *Doc) Apply(c Change) (Result, error) {
	t := d.resolve(c.Key)
	res := Result{Key: strings.Join(t.path, ".")}
	_, _, _, old, err := d.lookup(t.path)
	if err != nil {
		return res, err
	}
	res.Old = display(old)
	f := t.fields[len(t.fields)-1]
	if f != nil && (f.Shape == spec.ShapeInputs || f.Shape == spec.ShapeGoals) && c.Op != Unset {
		return res, fmt.Errorf("%s is a mapping: set its keys one by one, e.g. %s.%s=…", res.Key, res.Key, f.Sub.Fields[0].Key)
	}
	switch {
	case c.Op == Unset:
		err = d.unset(t)
	case isList(f, old):
		err = d.changeList(t, c, old)
	case c.Op != Set:
		return res, fmt.Errorf("%s is not a list: use %s=value", res.Key, res.Key)
	default:
		err = d.setScalar(t, c.Value, scalarTag(f, old))
	}
	if err != nil {
		return res, err
	}
	_, _, _, now, _ := d.lookup(t.path)
	res.New = display(now)
	return res, nil
}

// isList: the key holds a list, by its field's shape or, for a key
// prodspec does not know or an owner written as a list, as written.
func isList(f *spec.Field, old *yaml.Node) bool {
	written := old != nil && old.Kind == yaml.SequenceNode
	if f == nil {
		return written
	}
	switch f.Shape {
	case spec.ShapeIDs, spec.ShapeLabels:
		return true
	case spec.ShapeNames:
		return written
	}
	return false
}

// scalarTag keeps numbers numbers and text text: a number field's value
// is read as YAML reads it; any other field's is text ("010" stays
// "010"); a key prodspec does not know keeps the kind its value had.
func scalarTag(f *spec.Field, old *yaml.Node) string {
	if f != nil {
		switch f.Shape {
		case spec.ShapeNonNegative, spec.ShapeDivisor, spec.ShapeFraction:
			return ""
		}
		return "!!str"
	}
	if old != nil && old.Kind == yaml.ScalarNode {
		switch old.ShortTag() {
		case "!!int", "!!float", "!!bool":
			return ""
		}
	}
	return "!!str"
}

// items splits a list value at commas.
func items(v string) []string {
	var out []string
	for _, it := range strings.Split(v, ",") {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}
