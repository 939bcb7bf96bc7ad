package history

import (
	"maps"
	"slices"
	"time"

	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

// The product manager's history: what each commit changed of roadmap
// items and vision goals. Roadmap items keep their identity by the
// stories' rules (Walk settles duplicates, ID changes and unreadable
// files on the steps); a goal whose ID changes while its title stays
// is one goal.

// Revision is what one commit changed of a roadmap item or a goal.
type Revision struct {
	Kind           spec.Kind // spec.KindRoadmap, or spec.KindVision for a goal
	ID             string
	Title          string // after the commit (before it, when removed)
	Added, Removed bool
	Status         *Edit // nil when unchanged; From "" when added
	Horizon        *Edit
	Retitled       *Edit
	GoalsAdded     []string // a roadmap item's goals, in the order written
	GoalsRemoved   []string
	Body           bool   // a roadmap item's description changed
	RenamedFrom    string // the ID before this commit
	Unreadable     string // why the file could not be read here; the values are its last readable ones
	Commit         string // short hash
	Hash           string
	Path           string    // the file after the commit (before it, when removed)
	Author         string    // email
	Date           time.Time // the author's date
}

// Edit is a value before and after a commit; "" is absent.
type Edit struct{ From, To string }

// Scope changes are the ways a roadmap item can change in meaning, in
// the order they are named.
const (
	ScopeTitle = "title"
	ScopeGoals = "goals"
	ScopeBody  = "description"
)

// Scope names what r changed of an existing item's meaning (its title,
// goals or description), nil when it changed none: status and horizon
// say when, not what, and an item added or removed is lint's business.
func (r Revision) Scope() []string {
	if r.Kind != spec.KindRoadmap || r.Added || r.Removed {
		return nil
	}
	var out []string
	if r.Retitled != nil {
		out = append(out, ScopeTitle)
	}
	if len(r.GoalsAdded)+len(r.GoalsRemoved) > 0 {
		out = append(out, ScopeGoals)
	}
	if r.Body {
		out = append(out, ScopeBody)
	}
	return out
}

// Revisions lists every change of roadmap items and goals in the steps,
// in commit order and, within a commit, items before goals, each in
// natural ID order.
func Revisions(steps []Step) []Revision {
	var out []Revision
	for _, s := range steps {
		n := len(out)
		out = append(out, itemRevisions(s)...)
		out = append(out, goalRevisions(s)...)
		for i := n; i < len(out); i++ {
			r := &out[i]
			r.Commit, r.Hash, r.Author, r.Date = s.Commit.Short(), s.Commit.Hash.String(), s.Commit.Author.Email, s.Commit.Author.When.UTC()
		}
	}
	return out
}

func itemRevisions(s Step) []Revision {
	before, after := byID(s.Deltas, true, spec.KindRoadmap), byID(s.Deltas, false, spec.KindRoadmap)
	var out []Revision
	for _, id := range changedIDs(before, after, s.ItemRenames) {
		r, b, a := newRevision(spec.KindRoadmap, id, before, after, s.ItemRenames)
		if !r.Added && !r.Removed {
			r.Retitled = edit(b.Title, a.Title)
			r.Body = b.Body != a.Body
		}
		if a.ID != "" {
			r.Status, r.Horizon = edit(b.Status, a.Status), edit(b.Horizon, a.Horizon)
			r.GoalsAdded, r.GoalsRemoved = without(a.Goals, b.Goals), without(b.Goals, a.Goals)
		}
		if r.changed() {
			out = append(out, r)
		}
	}
	return out
}

// newRevision starts the revision of id, an ID on either side (the new
// one of a rename), with the sides it compares: b is the old ID's when
// id was renamed. It settles added, removed, renamed and unreadable.
func newRevision(kind spec.Kind, id string, before, after map[string]located, rs []Rename) (r Revision, b, a located) {
	b, a = before[id], after[id]
	r = Revision{Kind: kind, ID: id, Title: a.Title, Path: a.path}
	if old := renamedFrom(rs, id); old != "" {
		b, r.RenamedFrom = before[old], old
	}
	switch {
	case a.ID == "":
		r.Removed, r.Title, r.Path = true, b.Title, b.path
	case b.ID == "":
		r.Added = true
	case a.Err != "" && b.Err == "":
		r.Unreadable = a.Err
	}
	return r, b, a
}

func (r Revision) changed() bool {
	return r.Added || r.Removed || r.Status != nil || r.Horizon != nil || r.Retitled != nil ||
		len(r.GoalsAdded)+len(r.GoalsRemoved) > 0 || r.Body || r.RenamedFrom != "" || r.Unreadable != ""
}

// goalRevisions compares the goals of the vision files on each side. A
// goal whose ID vanished while another with the same title appeared is
// one goal renamed.
func goalRevisions(s Step) []Revision {
	before, after := goalsByID(s.Deltas, true), goalsByID(s.Deltas, false)
	renames := goalRenames(before, after)
	var out []Revision
	for _, id := range changedIDs(before, after, renames) {
		r, b, a := newRevision(spec.KindVision, id, before, after, renames)
		if !r.Added && !r.Removed {
			r.Retitled = edit(b.Title, a.Title)
		}
		if r.changed() {
			out = append(out, r)
		}
	}
	return out
}

// goalsByID collects the goals of the vision files on one side of the
// deltas, the first file in path order winning an ID. Each goal is
// located with its ID and title, and its file's Err.
func goalsByID(ds []Delta, before bool) map[string]located {
	m := map[string]located{}
	for _, d := range ds {
		f := d.After
		if before {
			f = d.Before
		}
		if f == nil || f.Kind != spec.KindVision {
			continue
		}
		for _, g := range f.VisionGoals {
			if _, ok := m[g.ID]; !ok && g.ID != "" {
				m[g.ID] = located{Facts: Facts{Kind: spec.KindVision, ID: g.ID, Title: g.Title, Err: f.Err}, path: d.Path}
			}
		}
	}
	return m
}

// goalRenames pairs goals whose ID vanished with goals whose ID appeared
// under the same title, each at most once, in natural ID order.
func goalRenames(before, after map[string]located) []Rename {
	var out []Rename
	taken := map[string]bool{}
	for _, old := range slices.SortedFunc(maps.Keys(before), names.Compare) {
		if _, ok := after[old]; ok {
			continue
		}
		for _, id := range slices.SortedFunc(maps.Keys(after), names.Compare) {
			if _, ok := before[id]; !ok && !taken[id] && after[id].Title == before[old].Title {
				out, taken[id] = append(out, Rename{From: old, To: id}), true
				break
			}
		}
	}
	return out
}

// changedIDs are the IDs on either side, but not an old ID that was
// renamed (its change is under the new one), in natural order.
func changedIDs(before, after map[string]located, rs []Rename) []string {
	ids := make([]string, 0, len(before)+len(after))
	for id := range before {
		if !slices.ContainsFunc(rs, func(r Rename) bool { return r.From == id }) {
			ids = append(ids, id)
		}
	}
	for id := range after {
		if _, ok := before[id]; !ok {
			ids = append(ids, id)
		}
	}
	slices.SortFunc(ids, names.Compare)
	return ids
}

func renamedFrom(rs []Rename, id string) string {
	for _, r := range rs {
		if r.To == id {
			return r.From
		}
	}
	return ""
}

func edit(from, to string) *Edit {
	if from == to {
		return nil
	}
	return &Edit{from, to}
}

// without is the IDs of a not in b, in a's order.
func without(a, b []string) []string {
	var out []string
	for _, id := range a {
		if !slices.Contains(b, id) && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// ItemTimeline is one roadmap item's or goal's revisions.
type ItemTimeline struct {
	Kind      spec.Kind // spec.KindRoadmap, or spec.KindVision for a goal
	ID        string
	Title     string // after the last revision
	Revisions []Revision
}

// ItemTimelines groups revisions by roadmap item, then by goal, each in
// natural ID order. One whose ID changed has one timeline, under its
// last ID.
func ItemTimelines(rs []Revision) []ItemTimeline {
	var out []ItemTimeline
	for _, kind := range []spec.Kind{spec.KindRoadmap, spec.KindVision} {
		var mine []Revision
		for _, r := range rs {
			if r.Kind == kind {
				mine = append(mine, r)
			}
		}
		ids, groups := chain(mine, func(r Revision) (string, string) { return r.ID, r.RenamedFrom })
		for _, id := range ids {
			g := groups[id]
			out = append(out, ItemTimeline{Kind: kind, ID: id, Title: g[len(g)-1].Title, Revisions: g})
		}
	}
	return out
}

// chain groups events by identity: an event under a new ID that was
// renamed from an ID with a group continues that group under the new ID.
// It returns the groups' IDs in natural order.
func chain[T any](events []T, idOf func(T) (id, renamedFrom string)) ([]string, map[string][]T) {
	groups := map[string][]T{}
	for _, e := range events {
		id, from := idOf(e)
		if past, ok := groups[from]; ok && from != id && groups[id] == nil {
			delete(groups, from)
			groups[id] = past
		}
		groups[id] = append(groups[id], e)
	}
	return slices.SortedFunc(maps.Keys(groups), names.Compare), groups
}
