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

// Known front-matter keys per kind, in canonical order (fmt writes this order).
var (
	VisionKeys  = []string{"kind", "title", "owner", "goals"}
	GoalKeys    = []string{"id", "title"}
	RoadmapKeys = []string{"kind", "id", "title", "goals", "status", "horizon", "target", "owner"}
	StoryKeys   = []string{"kind", "id", "title", "roadmap", "status", "owner", "estimate", "depends_on", "labels", "rice", "wsjf", "moscow"}
	RICEKeys    = []string{"reach", "impact", "confidence", "effort"}
	WSJFKeys    = []string{"business_value", "time_criticality", "risk_reduction", "job_size"}
)

// decoder turns one file's front matter into a typed item, recording each
// problem at the position of the key or value at fault.
type decoder struct {
	cfg  *config.Config
	file *File
}

func (d *decoder) report(rule string, pos Pos, format string, args ...any) {
	d.file.Problems = append(d.file.Problems, Problem{Rule: rule, Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// entry is a known key and its value node.
type entry struct {
	key, val *yaml.Node
}

// mapping indexes the known keys of m by canonical name and reports the
// unknown ones. Keys may be renamed by the config's field aliases.
func (d *decoder) mapping(m *yaml.Node, known []string, where string) map[string]entry {
	out := make(map[string]entry, len(m.Content)/2)
	written := make([]string, len(known))
	for i, k := range known {
		written[i] = d.cfg.Field(k)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if j := slices.Index(written, k.Value); j >= 0 {
			out[known[j]] = entry{k, v}
			continue
		}
		if slices.Contains(d.cfg.Fields.Extra, k.Value) {
			continue
		}
		d.report(RuleUnknownField, parse.NodePos(k), "unknown field %q%s%s", k.Value, where, names.DidYouMean(k.Value, written))
	}
	return out
}

func (d *decoder) positions(m map[string]entry) fields {
	f := make(fields, len(m))
	for k, e := range m {
		f[k] = parse.NodePos(e.val)
	}
	return f
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// str decodes a scalar as its literal text, so an ID written 010 stays "010".
func (d *decoder) str(m map[string]entry, key string) (string, bool) {
	e, ok := m[key]
	if !ok || isNull(e.val) {
		return "", false
	}
	if e.val.Kind != yaml.ScalarNode {
		d.report(RuleInvalidValue, parse.NodePos(e.val), "%s must be a single value, not a %s", d.cfg.Field(key), parse.KindName(e.val))
		return "", false
	}
	return e.val.Value, true
}

// required is str for a key that must be present and non-empty.
func (d *decoder) required(m map[string]entry, key string) string {
	v, ok := d.str(m, key)
	if e, present := m[key]; !present {
		d.report(RuleRequiredField, parse.Start, "missing required field %q", d.cfg.Field(key))
	} else if !ok && isNull(e.val) || ok && strings.TrimSpace(v) == "" {
		d.report(RuleRequiredField, parse.NodePos(e.key), "required field %q is empty", d.cfg.Field(key))
	}
	return v
}

// oneOf checks a scalar against its vocabulary.
func (d *decoder) oneOf(m map[string]entry, key string, vocab []string) string {
	v, ok := d.str(m, key)
	if ok && !slices.Contains(vocab, v) {
		d.report(RuleInvalidValue, parse.NodePos(m[key].val), "%s %q is not one of: %s%s", d.cfg.Field(key), v, strings.Join(vocab, ", "), names.DidYouMean(v, vocab))
	}
	return v
}

// refs decodes a list of IDs; a single scalar is taken as a list of one.
func (d *decoder) refs(m map[string]entry, key string) []Ref {
	e, ok := m[key]
	if !ok || isNull(e.val) {
		return nil
	}
	if e.val.Kind == yaml.ScalarNode {
		return []Ref{{ID: e.val.Value, Pos: parse.NodePos(e.val)}}
	}
	if e.val.Kind != yaml.SequenceNode {
		d.report(RuleInvalidValue, parse.NodePos(e.val), "%s must be a list of IDs, not a %s", d.cfg.Field(key), parse.KindName(e.val))
		return nil
	}
	out := make([]Ref, 0, len(e.val.Content))
	for _, c := range e.val.Content {
		if c.Kind != yaml.ScalarNode || isNull(c) {
			d.report(RuleInvalidValue, parse.NodePos(c), "%s must list IDs, not a %s", d.cfg.Field(key), parse.KindName(c))
			continue
		}
		out = append(out, Ref{ID: c.Value, Pos: parse.NodePos(c)})
	}
	return out
}

func (d *decoder) strings(m map[string]entry, key string) []string {
	rs := d.refs(m, key)
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

func isInfOrNaN(f float64) bool { return f != f || f > 1e308 || f < -1e308 }

func describe(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return "a " + parse.KindName(n)
}

func (d *decoder) decodeID(m map[string]entry, check func(string) bool, kind string) string {
	id := d.required(m, "id")
	if id != "" && !check(id) {
		d.report(RuleIDFormat, parse.NodePos(m["id"].val), "%s ID %q does not match the pattern %s", kind, id, d.patternFor(kind))
	}
	return id
}

func (d *decoder) patternFor(kind string) string {
	switch kind {
	case "goal":
		return d.cfg.GoalID().String()
	case "roadmap item":
		return d.cfg.RoadmapID().String()
	}
	return d.cfg.StoryID().String()
}

func (d *decoder) vision(root *yaml.Node, body parse.Body) *Vision {
	m := d.mapping(root, VisionKeys, "")
	v := &Vision{File: d.file, Narrative: body.Narrative, Fields: d.positions(m)}
	v.Title = d.required(m, "title")
	v.Owner, _ = d.str(m, "owner")
	e, ok := m["goals"]
	if !ok {
		d.report(RuleRequiredField, parse.Start, "missing required field %q", d.cfg.Field("goals"))
		return v
	}
	if e.val.Kind != yaml.SequenceNode {
		if !isNull(e.val) {
			d.report(RuleInvalidValue, parse.NodePos(e.val), "goals must be a list of goals with id and title, not a %s", parse.KindName(e.val))
		}
		return v
	}
	for _, g := range e.val.Content {
		if g.Kind != yaml.MappingNode {
			d.report(RuleInvalidValue, parse.NodePos(g), "a goal must be a mapping with id and title, not a %s", parse.KindName(g))
			continue
		}
		gm := d.mapping(g, GoalKeys, " in goal")
		goal := &Goal{File: d.file, Pos: parse.NodePos(g)}
		goal.ID = d.decodeGoalID(gm, g)
		goal.Title = d.required(gm, "title")
		if e, ok := gm["id"]; ok {
			goal.Pos = parse.NodePos(e.val)
		}
		v.Goals = append(v.Goals, goal)
	}
	return v
}

// decodeGoalID is decodeID for a goal, whose missing keys are reported at
// the goal rather than at the top of the file.
func (d *decoder) decodeGoalID(gm map[string]entry, g *yaml.Node) string {
	if _, ok := gm["id"]; !ok {
		d.report(RuleRequiredField, parse.NodePos(g), "goal is missing required field \"id\"")
		return ""
	}
	return d.decodeID(gm, d.cfg.GoalID().MatchString, "goal")
}

func (d *decoder) item(root *yaml.Node) *RoadmapItem {
	m := d.mapping(root, RoadmapKeys, "")
	it := &RoadmapItem{File: d.file, Fields: d.positions(m)}
	it.ID = d.decodeID(m, d.cfg.RoadmapID().MatchString, "roadmap item")
	it.Title = d.required(m, "title")
	if e, ok := m["goals"]; !ok {
		d.report(RuleRequiredField, parse.Start, "missing required field %q", d.cfg.Field("goals"))
	} else {
		n := len(d.file.Problems)
		it.Goals = d.refs(m, "goals")
		// A value refs rejected is reported already; untraced is for a
		// key that names nothing.
		if len(it.Goals) == 0 && len(d.file.Problems) == n {
			d.report(RuleUntracedItem, parse.NodePos(e.key), "roadmap item %q serves no goal", it.ID)
		}
	}
	it.Status = d.required(m, "status")
	if it.Status != "" {
		d.oneOf(m, "status", d.cfg.Roadmap.Statuses)
	}
	it.Horizon = d.oneOf(m, "horizon", Horizons)
	it.Target, _ = d.str(m, "target")
	it.Owner, _ = d.str(m, "owner")
	return it
}

func (d *decoder) story(root *yaml.Node, body parse.Body) *Story {
	m := d.mapping(root, StoryKeys, "")
	s := &Story{File: d.file, Fields: d.positions(m), Narrative: body.Narrative,
		HasCriteria: body.HasCriteria, Criteria: body.Criteria}
	s.ID = d.decodeID(m, d.cfg.StoryID().MatchString, "story")
	s.Title = d.required(m, "title")
	if e, ok := m["roadmap"]; !ok {
		d.report(RuleRequiredField, parse.Start, "missing required field %q", d.cfg.Field("roadmap"))
	} else if id, _ := d.str(m, "roadmap"); strings.TrimSpace(id) != "" {
		s.Roadmap = Ref{ID: id, Pos: parse.NodePos(e.val)}
	} else if e.val.Kind == yaml.ScalarNode { // a list or mapping is already invalid-value
		d.report(RuleUntracedStory, parse.NodePos(e.key), "story %q serves no roadmap item", s.ID)
	}
	s.Status = d.required(m, "status")
	if s.Status != "" {
		d.oneOf(m, "status", d.cfg.Story.Statuses)
	}
	s.Owner, _ = d.str(m, "owner")
	if e, ok := m["estimate"]; ok && !isNull(e.val) {
		if f, ok := d.number(e.val, d.cfg.Field("estimate"), false); ok {
			if f < 0 {
				d.report(RuleInvalidValue, parse.NodePos(e.val), "%s must not be negative", d.cfg.Field("estimate"))
			} else {
				s.Estimate = &f
			}
		}
	}
	s.DependsOn = d.refs(m, "depends_on")
	s.Labels = d.strings(m, "labels")
	s.RICE = d.rice(m)
	s.WSJF = d.wsjf(m)
	s.MoSCoW = d.oneOf(m, "moscow", MoSCoW)
	return s
}

// inputs decodes a mapping of named non-negative numbers (the RICE and WSJF
// inputs). It returns nil unless every key is present and valid; divisor
// must also be positive.
func (d *decoder) inputs(m map[string]entry, key string, keys []string, divisor string) []float64 {
	e, ok := m[key]
	if !ok || isNull(e.val) {
		return nil
	}
	name := d.cfg.Field(key)
	if e.val.Kind != yaml.MappingNode {
		d.report(RuleInvalidValue, parse.NodePos(e.val), "%s must be a mapping of %s, not %s", name, strings.Join(keys, ", "), describe(e.val))
		return nil
	}
	sub := d.mapping(e.val, keys, " in "+name)
	vals := make([]float64, len(keys))
	valid := true
	for i, k := range keys {
		se, ok := sub[k]
		if !ok {
			d.report(RuleInvalidValue, parse.NodePos(e.val), "%s is missing %s", name, k)
			valid = false
			continue
		}
		f, ok := d.number(se.val, name+"."+k, k == "confidence")
		switch {
		case !ok:
			valid = false
		case f < 0:
			d.report(RuleInvalidValue, parse.NodePos(se.val), "%s.%s must not be negative", name, k)
			valid = false
		case k == divisor && f == 0:
			d.report(RuleInvalidValue, parse.NodePos(se.val), "%s.%s must be greater than 0", name, k)
			valid = false
		case k == "confidence" && f > 1:
			d.report(RuleInvalidValue, parse.NodePos(se.val), "%s.confidence must be between 0 and 1 (or 0%% to 100%%)", name)
			valid = false
		}
		vals[i] = f
	}
	if !valid {
		return nil
	}
	return vals
}

func (d *decoder) rice(m map[string]entry) *RICE {
	v := d.inputs(m, "rice", RICEKeys, "effort")
	if v == nil {
		return nil
	}
	return &RICE{Reach: v[0], Impact: v[1], Confidence: v[2], Effort: v[3]}
}

func (d *decoder) wsjf(m map[string]entry) *WSJF {
	v := d.inputs(m, "wsjf", WSJFKeys, "job_size")
	if v == nil {
		return nil
	}
	return &WSJF{BusinessValue: v[0], TimeCriticality: v[1], RiskReduction: v[2], JobSize: v[3]}
}
