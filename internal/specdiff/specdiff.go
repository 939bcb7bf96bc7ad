// Package specdiff compares two loaded specs — a pull request's base and
// head — and says what changed for a product reviewer: what was added or
// removed, status transitions, stories moved between roadmap items, title
// and scope changes, acceptance criteria, and re-prioritization.
package specdiff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/spec"
)

// Diff is every product change between two specs. Each list is in ID order.
// Its JSON shape is render's (render/diff.go), like every report's.
type Diff struct {
	Goals   []Change
	Items   []Change
	Stories []Change
}

// Change is what happened to one goal, roadmap item or story.
type Change struct {
	ID     string
	Title  string // at head, or at base when removed
	Change string // added | removed | changed

	Status   *Transition
	TitleWas string
	Roadmap  *Transition // a story moved to another item
	Goals    *ListChange // a roadmap item's goals
	Horizon  *Transition
	Priority []Field // changed priority inputs
	Rank     *RankMove
	Criteria []Criterion
}

// Transition is a value before and after; "" means absent.
type Transition struct {
	From string
	To   string
}

// ListChange is what was added to and removed from a list of IDs.
type ListChange struct {
	Added   []string
	Removed []string
}

// Field is one changed priority input, values as written ("" when absent).
type Field struct {
	Name string
	From string
	To   string
}

// RankMove is a story's backlog rank before and after (0: not ranked).
type RankMove struct {
	From int
	To   int
}

// Criterion is an acceptance criterion added, removed, checked or unchecked.
type Criterion struct {
	Text   string
	Change string // added | removed | checked | unchecked
}

// Empty reports whether nothing changed.
func (d *Diff) Empty() bool { return len(d.Goals)+len(d.Items)+len(d.Stories) == 0 }

// Ranker ranks the open stories of a spec under some model: ID -> rank.
type Ranker func(*spec.Spec) map[string]int

// Compare returns the changes from base to head. rank may be nil.
func Compare(base, head *spec.Spec, rank Ranker) *Diff {
	d := &Diff{
		Goals: compareByID(base.Goals, head.Goals, base.Goal, head.Goal,
			func(g *spec.Goal) string { return g.ID }, func(g *spec.Goal) string { return g.Title }, nil),
		Items: compareByID(base.Items, head.Items, base.Item, head.Item,
			func(it *spec.RoadmapItem) string { return it.ID }, func(it *spec.RoadmapItem) string { return it.Title }, itemChanges),
	}
	var before, after map[string]int
	if rank != nil {
		before, after = rank(base), rank(head)
	}
	d.Stories = compareByID(base.Stories, head.Stories, base.Story, head.Story,
		func(st *spec.Story) string { return st.ID }, func(st *spec.Story) string { return st.Title },
		func(c *Change, a, b *spec.Story) { storyChanges(c, a, b, before[a.ID], after[b.ID]) })
	withStatusWhenAdded(d.Items, func(id string) string { return head.Item(id).Status })
	withStatusWhenAdded(d.Stories, func(id string) string { return head.Story(id).Status })
	return d
}

// withStatusWhenAdded gives each added value the status it was added
// with, a transition from nothing: a reviewer asks whether a new story
// arrives as a draft or already accepted.
func withStatusWhenAdded(cs []Change, status func(id string) string) {
	for i, c := range cs {
		if c.Change == "added" {
			cs[i].Status = transition("", status(c.ID))
		}
	}
}

// compareByID matches values by ID (the first definition of a duplicated
// ID, as lookups do) and reports added, removed and changed ones.
func compareByID[T any](base, head []T, inBase, inHead func(string) T, id, title func(T) string, fields func(*Change, T, T)) []Change {
	var out []Change
	var zero T
	isZero := func(v T) bool { return any(v) == any(zero) }
	seen := map[string]bool{}
	for _, h := range head {
		k := id(h)
		if k == "" || seen[k] || !sameValue(inHead(k), h) {
			continue
		}
		seen[k] = true
		b := inBase(k)
		if isZero(b) {
			out = append(out, Change{ID: k, Title: title(h), Change: "added"})
			continue
		}
		c := Change{ID: k, Title: title(h), Change: "changed"}
		if title(b) != title(h) {
			c.TitleWas = title(b)
		}
		if fields != nil {
			fields(&c, b, h)
		}
		if c.hasChanges() {
			out = append(out, c)
		}
	}
	for _, b := range base {
		k := id(b)
		if k != "" && !seen[k] && isZero(inHead(k)) && sameValue(inBase(k), b) {
			seen[k] = true
			out = append(out, Change{ID: k, Title: title(b), Change: "removed"})
		}
	}
	slices.SortFunc(out, func(a, b Change) int { return names.Compare(a.ID, b.ID) })
	return out
}

func sameValue[T any](a, b T) bool { return any(a) == any(b) }

func (c *Change) hasChanges() bool {
	return c.TitleWas != "" || c.Status != nil || c.Roadmap != nil || c.Goals != nil ||
		c.Horizon != nil || len(c.Priority) > 0 || c.Rank != nil || len(c.Criteria) > 0
}

func transition(from, to string) *Transition {
	if from == to {
		return nil
	}
	return &Transition{From: from, To: to}
}

func itemChanges(c *Change, a, b *spec.RoadmapItem) {
	c.Status = transition(a.Status, b.Status)
	c.Horizon = transition(a.Horizon, b.Horizon)
	c.Goals = listChange(refIDs(a.Goals), refIDs(b.Goals))
}

func storyChanges(c *Change, a, b *spec.Story, rankBefore, rankAfter int) {
	c.Status = transition(a.Status, b.Status)
	c.Roadmap = transition(a.Roadmap.ID, b.Roadmap.ID)
	c.Priority = priorityChanges(a, b)
	if rankBefore != rankAfter && (len(c.Priority) > 0 || rankBefore == 0 || rankAfter == 0) {
		c.Rank = &RankMove{From: rankBefore, To: rankAfter}
	}
	c.Criteria = criteriaChanges(a, b)
}

func refIDs(rs []spec.Ref) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func listChange(a, b []string) *ListChange {
	var lc ListChange
	for _, x := range b {
		if !slices.Contains(a, x) {
			lc.Added = append(lc.Added, x)
		}
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			lc.Removed = append(lc.Removed, x)
		}
	}
	if lc.Added == nil && lc.Removed == nil {
		return nil
	}
	return &lc
}

// priorityChanges lists the priority inputs that differ.
func priorityChanges(a, b *spec.Story) []Field {
	var out []Field
	add := func(name, from, to string) {
		if from != to {
			out = append(out, Field{Name: name, From: from, To: to})
		}
	}
	add("estimate", num(a.Estimate), num(b.Estimate))
	for _, m := range priority.Models() {
		add(m.Name, inputs(m, a), inputs(m, b))
	}
	add("depends_on", fmt.Sprint(refIDs(a.DependsOn)), fmt.Sprint(refIDs(b.DependsOn)))
	return out
}

func num(f *float64) string {
	if f == nil {
		return ""
	}
	return fmt.Sprint(*f)
}

// inputs are st's inputs to the model m as one value: "reach 800, impact
// 2, ..." for a mapping of numbers, the word for a one-word model, "" when
// st has none.
func inputs(m *priority.Model, st *spec.Story) string {
	vals := m.Values(st)
	if vals == nil {
		return ""
	}
	if !m.Numeric() {
		return fmt.Sprint(vals[0])
	}
	parts := make([]string, len(vals))
	for i, name := range m.Inputs() {
		parts[i] = fmt.Sprintf("%s %g", strings.ReplaceAll(name, "_", " "), vals[i])
	}
	return strings.Join(parts, ", ")
}

// criteriaChanges matches criteria by text: new texts were added, missing
// ones removed, and a matched one may have been checked or unchecked.
func criteriaChanges(a, b *spec.Story) []Criterion {
	var out []Criterion
	before := map[string]bool{}
	for _, c := range a.Criteria {
		before[c.Text] = c.Checked
	}
	after := map[string]bool{}
	for _, c := range b.Criteria {
		after[c.Text] = c.Checked
		was, ok := before[c.Text]
		switch {
		case !ok:
			out = append(out, Criterion{Text: c.Text, Change: "added"})
		case !was && c.Checked:
			out = append(out, Criterion{Text: c.Text, Change: "checked"})
		case was && !c.Checked:
			out = append(out, Criterion{Text: c.Text, Change: "unchecked"})
		}
	}
	for _, c := range a.Criteria {
		if _, ok := after[c.Text]; !ok {
			out = append(out, Criterion{Text: c.Text, Change: "removed"})
		}
	}
	return out
}
