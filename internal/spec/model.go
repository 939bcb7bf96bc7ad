// Package spec is the typed model of a product spec: a vision with goals,
// roadmap items that serve goals, and stories that serve roadmap items. Load
// builds it from any fs.FS (a working tree or a git tree), recording every
// problem a single file has, with its position, for lint to report.
package spec

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
)

// Kind is what a spec file holds.
type Kind string

const (
	KindVision  Kind = "vision"
	KindRoadmap Kind = "roadmap"
	KindStory   Kind = "story"
)

// Pos is a 1-based line and column.
type Pos = parse.Pos

// Problem is a finding about a single file, tagged with its lint rule.
type Problem = parse.Problem

// Rule names of the problems Load records. Cross-file rules live in lint.
const (
	RuleFrontMatter    = parse.RuleFrontMatter
	RuleUnreadableFile = parse.RuleUnreadableFile
	RuleRequiredField  = "required-field"
	RuleUnknownField   = "unknown-field"
	RuleInvalidValue   = "invalid-value"
	RuleIDFormat       = "id-format"
	RuleUntracedStory  = "untraced-story"
	RuleUntracedItem   = "untraced-roadmap"
)

// Spec is a loaded spec. Files, Goals, Items and Stories are in path order
// (goals in vision order); lookups by ID return the first in that order.
type Spec struct {
	Config  *config.Config
	Files   []*File
	Vision  *Vision // nil when there is no vision file
	Goals   []*Goal
	Items   []*RoadmapItem
	Stories []*Story
	// Elsewhere is where the spec seems to be instead: the folders below
	// the spec root that hold files of a kind the root holds none of, at
	// the paths that kind's patterns give relative to that folder (the
	// spec root's product/stories/S-1.md when the spec root should have
	// been product). Most files first.
	Elsewhere []Subroot

	goals   map[string]*Goal
	items   map[string]*RoadmapItem
	stories map[string]*Story
}

// Subroot is a folder below the spec root that looks like a spec root:
// Files of its files match a kind's patterns relative to it.
type Subroot struct {
	Dir   string
	Files int
	Kinds []Kind // the kinds they match, in vision, roadmap, story order
}

// File is one spec file: its problems and what it holds. Exactly one of
// Vision, Item and Story is set unless the file could not be read at all.
type File struct {
	Path     string // relative to the spec root, "/"-separated
	Kind     Kind
	Problems []Problem
	Vision   *Vision
	Item     *RoadmapItem
	Story    *Story
}

// Ref is an ID written in a file, where it was written.
type Ref struct {
	ID  string
	Pos Pos
}

// fields records where each known key of an item was written, so rules can
// point at a value without the model carrying a position per field: the
// keys written, in the table's order. A slice rather than a map: an item
// has a dozen keys at most, and at 100k stories the maps were a quarter
// of lint's live heap.
type fields []fieldPos

type fieldPos struct {
	key string
	pos Pos
}

// Pos returns the position of key's value, or line 1 (the opening fence)
// when the key is absent.
func (f fields) Pos(key string) Pos {
	for _, e := range f {
		if e.key == key {
			return e.pos
		}
	}
	return parse.Start
}

// Has reports whether key was written.
func (f fields) Has(key string) bool {
	return slices.ContainsFunc(f, func(e fieldPos) bool { return e.key == key })
}

type Vision struct {
	File      *File
	Title     string
	Owner     string
	Goals     []*Goal
	Narrative string
	Fields    fields
}

type Goal struct {
	File  *File
	ID    string
	Title string
	Pos   Pos            // of the id value
	Items []*RoadmapItem // resolved: the items that serve this goal
}

type RoadmapItem struct {
	File    *File
	ID      string
	Title   string
	Goals   []Ref
	Status  string
	Horizon string // now | next | later, or "" when absent
	Target  string
	Owner   string
	Fields  fields
	Stories []*Story // resolved: the stories that serve this item, in path order
}

type Story struct {
	File        *File
	ID          string
	Title       string
	Roadmap     Ref // ID "" when absent
	Status      string
	Owner       string
	Estimate    *float64
	DependsOn   []Ref
	Labels      []string
	RICE        *RICE
	WSJF        *WSJF
	MoSCoW      string
	Narrative   string
	HasCriteria bool
	Criteria    []parse.Criterion
	Fields      fields
	Item        *RoadmapItem // resolved, nil when the reference is broken
}

// RICE inputs: reach × impact × confidence / effort.
type RICE struct {
	Reach, Impact, Confidence, Effort float64
}

// WSJF inputs: (business value + time criticality + risk reduction) / job size.
type WSJF struct {
	BusinessValue, TimeCriticality, RiskReduction, JobSize float64
}

// Horizons in priority order.
var Horizons = []string{"now", "next", "later"}

// MoSCoW values in priority order.
var MoSCoW = []string{"must", "should", "could", "wont"}

// Goal, Item and Story look an ID up; nil when it does not exist.
func (s *Spec) Goal(id string) *Goal        { return s.goals[id] }
func (s *Spec) Item(id string) *RoadmapItem { return s.items[id] }
func (s *Spec) Story(id string) *Story      { return s.stories[id] }

// Unchecked are the acceptance criteria of st not checked yet.
func (st *Story) Unchecked() []parse.Criterion {
	var out []parse.Criterion
	for _, c := range st.Criteria {
		if !c.Checked {
			out = append(out, c)
		}
	}
	return out
}

// Unreadable are the spec files that hold nothing a report can use: not
// read at all, or with front matter that could not be decoded. Reports
// name them wherever they could change an answer.
func (s *Spec) Unreadable() []*File {
	var out []*File
	for _, f := range s.Files {
		if f.Vision == nil && f.Item == nil && f.Story == nil {
			out = append(out, f)
		}
	}
	return out
}

// Why says what is wrong with a file, by its first problem: "3:5: invalid
// YAML: …"; "" when it has none.
func (f *File) Why() string {
	if len(f.Problems) == 0 {
		return ""
	}
	p := slices.MinFunc(f.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return fmt.Sprintf("%d:%d: %s", p.Pos.Line, p.Pos.Col, p.Msg)
}
