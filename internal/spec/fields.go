package spec

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/config"
)

// The front matter of each kind is described once, here, as a table of
// fields. The decoder (decode.go) reads files by it, package schema writes
// the JSON Schema from it and package canon the canonical form (`prodspec
// fmt`): key order, flow style. To add a field, add a row to its kind's
// table and a Go field to the model (model.go) for set to fill.

// Shape is what a field's value may be. Each shape has one decoding, one
// JSON Schema and one canonical style.
type Shape int

const (
	// ShapeKind is the file's "kind:", which Load reads before decoding.
	ShapeKind Shape = iota
	// ShapeText is one scalar, taken as its literal text.
	ShapeText
	// ShapeID is the item's own ID: text matching the ID pattern of Of
	// (config). Always required.
	ShapeID
	// ShapeRef is one ID of another item, of kind Of.
	ShapeRef
	// ShapeIDs is a list of IDs of items of kind Of; one scalar is a list
	// of one. Canonical form: [a, b].
	ShapeIDs
	// ShapeLabels is a list of words; one scalar is a list of one.
	// Canonical form: [a, b].
	ShapeLabels
	// ShapeNames is one name, or a list of names (Backlog.md's
	// assignee: [@a, @b]), kept as one text: "@a, @b".
	ShapeNames
	// ShapeVocab is one word of the vocabulary Vocab returns, or a word
	// the configuration maps onto one (fields.values).
	ShapeVocab
	// ShapeNonNegative is a number >= 0.
	ShapeNonNegative
	// ShapeDivisor is a number > 0.
	ShapeDivisor
	// ShapeFraction is a number from 0 to 1, also written as a percentage
	// ("80%").
	ShapeFraction
	// ShapeInputs is a mapping of the named numbers in Sub: a priority
	// model's inputs. Canonical form: {a: 1, b: 2} in Sub's order.
	ShapeInputs
	// ShapeGoals is the vision's list of goals, each a mapping of Sub
	// (GoalFields). Canonical form: block style, each goal's keys in Sub's
	// order.
	ShapeGoals
)

// Field is one key of the front matter.
type Field struct {
	// Key is prodspec's name for the key; a team may write another
	// (fields.aliases). Tables list their keys in canonical order.
	Key   string
	Shape Shape
	// Required fields must be present (and text ones not empty).
	Required bool
	// Doc is one line for the JSON Schema's description; {accepted}
	// stands for story.accepted. Empty where the schema has none.
	Doc string

	// Of is whose IDs a ShapeID, ShapeRef or ShapeIDs field holds.
	Of IDKind
	// Traces marks the reference that traces an item to what it serves:
	// present but naming nothing, the item is untraced (untraced-story,
	// untraced-roadmap) rather than merely missing a value.
	Traces bool
	// Vocab is the vocabulary of a ShapeVocab field.
	Vocab func(*config.Config) []string
	// Sub is the keys of a ShapeInputs mapping, or of each goal in
	// ShapeGoals.
	Sub *Table

	// set stores the decoded value in the item (a *Story, ...).
	set func(item any, v value)
}

// RequiredIn reports whether f must be written under cfg, which may make
// a reference optional (fields.optional).
func (f *Field) RequiredIn(cfg *config.Config) bool {
	return f.Required && !cfg.IsOptional(f.Key)
}

// Words are the words a ShapeVocab field accepts under cfg: its
// vocabulary, then the words cfg maps onto it, sorted.
func (f *Field) Words(cfg *config.Config) []string {
	return append(slices.Clone(f.Vocab(cfg)), slices.Sorted(maps.Keys(cfg.Fields.Values[f.Key]))...)
}

// DocFor is f's Doc for the configuration cfg.
func (f *Field) DocFor(cfg *config.Config) string {
	return strings.ReplaceAll(f.Doc, "{accepted}", cfg.Story.Accepted)
}

// MinItems is the least number of IDs a ShapeIDs field may list: one for
// the reference that traces an item, else none.
func (f *Field) MinItems() int {
	if f.Traces {
		return 1
	}
	return 0
}

// Table is the fields of one kind of front matter, or of a mapping inside
// one, in canonical order.
type Table struct {
	Name   string // what the front matter describes, as messages name it
	Fields []Field

	keys     []string // the Keys, for when no alias renames one
	untraced string   // the rule for an item its Traces field does not trace
}

func newTable(name, untraced string, fields ...Field) *Table {
	t := &Table{Name: name, Fields: fields, untraced: untraced}
	for _, f := range fields {
		t.keys = append(t.keys, f.Key)
	}
	return t
}

// Keys are the keys of t in canonical order, as prodspec names them (the
// table's own slice: read it, do not change it).
func (t *Table) Keys() []string { return t.keys }

// Written is the Keys as files write them: renamed by the config's
// field aliases.
func (t *Table) Written(cfg *config.Config) []string {
	if len(cfg.Fields.Aliases) == 0 {
		return t.keys
	}
	w := make([]string, len(t.keys))
	for i, k := range t.keys {
		w[i] = cfg.Field(k)
	}
	return w
}

// Field returns the field of t named key, nil when there is none.
func (t *Table) Field(key string) *Field {
	for i := range t.Fields {
		if t.Fields[i].Key == key {
			return &t.Fields[i]
		}
	}
	return nil
}

// Rank is the place of key, as a file under cfg writes it, in t's
// canonical order; a key t does not know comes after every known one.
// fmt sorts keys by it and set puts a new key where fmt would.
func (t *Table) Rank(cfg *config.Config, key string) int {
	for i, name := range t.keys {
		if cfg.Field(name) == key {
			return i
		}
	}
	return len(t.keys)
}

// IDKind is what an ID identifies: its pattern comes from the config.
type IDKind int

const (
	GoalID IDKind = iota + 1
	RoadmapID
	StoryID
)

// Pattern is the configured pattern of k's IDs.
func (k IDKind) Pattern(cfg *config.Config) *regexp.Regexp {
	switch k {
	case GoalID:
		return cfg.GoalID()
	case RoadmapID:
		return cfg.RoadmapID()
	}
	return cfg.StoryID()
}

// Noun names what k identifies, as messages do.
func (k IDKind) Noun() string {
	switch k {
	case GoalID:
		return "goal"
	case RoadmapID:
		return "roadmap item"
	}
	return "story"
}

// value is a decoded field, in the part its shape fills.
type value struct {
	present bool // the key is written
	pos     Pos  // of the value, when present
	text    string
	ref     Ref
	refs    []Ref
	words   []string
	num     float64
	numOK   bool // num is valid
	nums    []float64
	goals   []*Goal
}

// to adapts a setter of one item type to Field.set.
func to[T any](set func(*T, value)) func(any, value) {
	return func(item any, v value) { set(item.(*T), v) }
}

func fixed(vocab []string) func(*config.Config) []string {
	return func(*config.Config) []string { return vocab }
}

var kindField = Field{Key: "kind", Shape: ShapeKind}

// VisionFields is the front matter of the vision.
var VisionFields = newTable("vision", "",
	kindField,
	Field{Key: "title", Shape: ShapeText, Required: true, Doc: "The product's name or vision statement.",
		set: to(func(v *Vision, x value) { v.Title = x.text })},
	Field{Key: "owner", Shape: ShapeNames, Doc: "The product manager who owns the vision.",
		set: to(func(v *Vision, x value) { v.Owner = x.text })},
	Field{Key: "goals", Shape: ShapeGoals, Sub: GoalFields, Required: true, Doc: "The goals roadmap items serve.",
		set: to(func(v *Vision, x value) { v.Goals = x.goals })},
)

// GoalFields is one goal in the vision's goals.
var GoalFields = newTable("goal", "",
	Field{Key: "id", Shape: ShapeID, Of: GoalID, Required: true, Doc: "The goal's ID.",
		set: to(func(g *Goal, x value) {
			g.ID = x.text
			if x.present {
				g.Pos = x.pos
			}
		})},
	Field{Key: "title", Shape: ShapeText, Required: true, Doc: "What the goal achieves.",
		set: to(func(g *Goal, x value) { g.Title = x.text })},
)

// RoadmapFields is the front matter of a roadmap item.
var RoadmapFields = newTable("roadmap item", RuleUntracedItem,
	kindField,
	Field{Key: "id", Shape: ShapeID, Of: RoadmapID, Required: true, Doc: "The roadmap item's ID.",
		set: to(func(it *RoadmapItem, x value) { it.ID = x.text })},
	Field{Key: "title", Shape: ShapeText, Required: true, Doc: "What the item delivers.",
		set: to(func(it *RoadmapItem, x value) { it.Title = x.text })},
	Field{Key: "goals", Shape: ShapeIDs, Of: GoalID, Required: true, Traces: true, Doc: "The vision goals this item serves.",
		set: to(func(it *RoadmapItem, x value) { it.Goals = x.refs })},
	Field{Key: "status", Shape: ShapeVocab, Required: true, Doc: "Where the item stands.",
		Vocab: func(c *config.Config) []string { return c.Roadmap.Statuses },
		set:   to(func(it *RoadmapItem, x value) { it.Status = x.text })},
	Field{Key: "horizon", Shape: ShapeVocab, Vocab: fixed(Horizons), Doc: "When it is planned.",
		set: to(func(it *RoadmapItem, x value) { it.Horizon = x.text })},
	Field{Key: "target", Shape: ShapeText, Doc: "A target date or quarter, e.g. 2026-Q1.",
		set: to(func(it *RoadmapItem, x value) { it.Target = x.text })},
	Field{Key: "owner", Shape: ShapeNames, Doc: "The product manager who owns the item.",
		set: to(func(it *RoadmapItem, x value) { it.Owner = x.text })},
)

// StoryFields is the front matter of a story.
var StoryFields = newTable("story", RuleUntracedStory,
	kindField,
	Field{Key: "id", Shape: ShapeID, Of: StoryID, Required: true, Doc: "The story's ID.",
		set: to(func(s *Story, x value) { s.ID = x.text })},
	Field{Key: "title", Shape: ShapeText, Required: true, Doc: "A short name for the story.",
		set: to(func(s *Story, x value) { s.Title = x.text })},
	Field{Key: "roadmap", Shape: ShapeRef, Of: RoadmapID, Required: true, Traces: true, Doc: "The roadmap item this story serves.",
		set: to(func(s *Story, x value) { s.Roadmap = x.ref })},
	Field{Key: "status", Shape: ShapeVocab, Required: true, Doc: "Where the story stands; {accepted} means accepted by the product owner.",
		Vocab: func(c *config.Config) []string { return c.Story.Statuses },
		set:   to(func(s *Story, x value) { s.Status = x.text })},
	Field{Key: "owner", Shape: ShapeNames, Doc: "The product owner responsible for the story.",
		set: to(func(s *Story, x value) { s.Owner = x.text })},
	Field{Key: "estimate", Shape: ShapeNonNegative, Doc: "Size in points.",
		set: to(func(s *Story, x value) {
			if n := x.num; x.numOK {
				s.Estimate = &n
			}
		})},
	Field{Key: "depends_on", Shape: ShapeIDs, Of: StoryID, Doc: "Stories that must be done first.",
		set: to(func(s *Story, x value) { s.DependsOn = x.refs })},
	Field{Key: "labels", Shape: ShapeLabels,
		set: to(func(s *Story, x value) { s.Labels = x.words })},
	Field{Key: "rice", Shape: ShapeInputs, Sub: RICEInputs, Doc: "RICE inputs: reach × impact × confidence / effort.",
		set: to(func(s *Story, x value) {
			if v := x.nums; v != nil {
				s.RICE = &RICE{Reach: v[0], Impact: v[1], Confidence: v[2], Effort: v[3]}
			}
		})},
	Field{Key: "wsjf", Shape: ShapeInputs, Sub: WSJFInputs, Doc: "WSJF inputs: (business value + time criticality + risk reduction) / job size.",
		set: to(func(s *Story, x value) {
			if v := x.nums; v != nil {
				s.WSJF = &WSJF{BusinessValue: v[0], TimeCriticality: v[1], RiskReduction: v[2], JobSize: v[3]}
			}
		})},
	Field{Key: "moscow", Shape: ShapeVocab, Vocab: fixed(MoSCoW), Doc: "MoSCoW priority.",
		set: to(func(s *Story, x value) { s.MoSCoW = x.text })},
)

// RICEInputs are the inputs of a story's rice mapping, in the order of the
// fields of RICE.
var RICEInputs = newTable("rice", "",
	Field{Key: "reach", Shape: ShapeNonNegative, Required: true},
	Field{Key: "impact", Shape: ShapeNonNegative, Required: true},
	Field{Key: "confidence", Shape: ShapeFraction, Required: true},
	Field{Key: "effort", Shape: ShapeDivisor, Required: true},
)

// WSJFInputs are the inputs of a story's wsjf mapping, in the order of the
// fields of WSJF.
var WSJFInputs = newTable("wsjf", "",
	Field{Key: "business_value", Shape: ShapeNonNegative, Required: true},
	Field{Key: "time_criticality", Shape: ShapeNonNegative, Required: true},
	Field{Key: "risk_reduction", Shape: ShapeNonNegative, Required: true},
	Field{Key: "job_size", Shape: ShapeDivisor, Required: true},
)

// FieldsOf is the table of a kind's front matter; nil for an unknown kind.
func FieldsOf(k Kind) *Table {
	switch k {
	case KindVision:
		return VisionFields
	case KindRoadmap:
		return RoadmapFields
	case KindStory:
		return StoryFields
	}
	return nil
}
