package report

import (
	"github.com/prodspec/prodspec/internal/spec"
)

// TraceTree is the goal → roadmap item → story tree. A roadmap item serving
// two goals appears under both (the same *TraceItem). Items and stories
// that do not reach the tree are listed apart, as are the links that point
// at nothing.
type TraceTree struct {
	Title           string
	Goals           []*TraceGoal  // vision order
	Items           []*TraceItem  // every roadmap item, natural ID order
	UntracedItems   []*TraceItem  // serve no existing goal
	UntracedStories []*TraceStory // serve no existing roadmap item
	Summary         TraceSummary
}

type TraceGoal struct {
	ID, Title string
	Items     []*TraceItem // natural ID order; empty when no item serves the goal
}

type TraceItem struct {
	ID, Title, Status, Horizon string
	File                       string
	Goals                      []string // every goal it names, as written
	MissingGoals               []string // those that do not exist
	Stories                    []*TraceStory
}

type TraceStory struct {
	ID, Title, Status string
	Category          Category
	File              string
	Roadmap           string   // the roadmap item it names, "" when none
	MissingRoadmap    bool     // Roadmap names an item that does not exist
	MissingDeps       []string // depends_on IDs that do not exist
}

// TraceSummary counts what the tree holds and what is wrong with it.
type TraceSummary struct {
	Goals, Items, Stories int
	UnservedGoals         int // goals no roadmap item serves
	UntracedItems         int // items naming no goal at all
	UntracedStories       int // stories naming no roadmap item
	BrokenLinks           int // references to goals, items or stories that do not exist
}

// Trace builds the trace tree.
func Trace(s *spec.Spec) *TraceTree {
	t := &TraceTree{}
	if s.Vision != nil {
		t.Title = s.Vision.Title
	}
	stories := map[*spec.Story]*TraceStory{}
	for _, st := range sortByID(s.Stories, storyKey) {
		ts := traceStory(s, st)
		stories[st] = ts
		if st.Item == nil {
			t.UntracedStories = append(t.UntracedStories, ts)
		}
		t.Summary.BrokenLinks += len(ts.MissingDeps)
		switch {
		case ts.MissingRoadmap:
			t.Summary.BrokenLinks++
		case ts.Roadmap == "":
			t.Summary.UntracedStories++
		}
	}
	items := map[*spec.RoadmapItem]*TraceItem{}
	for _, it := range sortByID(s.Items, itemKey) {
		ti := traceItem(s, it, stories)
		items[it] = ti
		t.Items = append(t.Items, ti)
		if len(ti.MissingGoals) == len(ti.Goals) {
			t.UntracedItems = append(t.UntracedItems, ti)
		}
		t.Summary.BrokenLinks += len(ti.MissingGoals)
		if len(ti.Goals) == 0 {
			t.Summary.UntracedItems++
		}
	}
	for _, g := range s.Goals {
		tg := &TraceGoal{ID: g.ID, Title: g.Title}
		for _, it := range sortByID(g.Items, itemKey) {
			tg.Items = append(tg.Items, items[it])
		}
		if len(tg.Items) == 0 {
			t.Summary.UnservedGoals++
		}
		t.Goals = append(t.Goals, tg)
	}
	t.Summary.Goals, t.Summary.Items, t.Summary.Stories = len(s.Goals), len(s.Items), len(s.Stories)
	return t
}

func traceItem(s *spec.Spec, it *spec.RoadmapItem, stories map[*spec.Story]*TraceStory) *TraceItem {
	ti := &TraceItem{ID: it.ID, Title: it.Title, Status: it.Status, Horizon: it.Horizon, File: it.File.Path}
	for _, g := range it.Goals {
		ti.Goals = append(ti.Goals, g.ID)
		if s.Goal(g.ID) == nil {
			ti.MissingGoals = append(ti.MissingGoals, g.ID)
		}
	}
	for _, st := range sortByID(it.Stories, storyKey) {
		ti.Stories = append(ti.Stories, stories[st])
	}
	return ti
}

func traceStory(s *spec.Spec, st *spec.Story) *TraceStory {
	ts := &TraceStory{ID: st.ID, Title: st.Title, Status: st.Status, Category: category(s.Config, st.Status), File: st.File.Path,
		Roadmap: st.Roadmap.ID, MissingRoadmap: st.Roadmap.ID != "" && st.Item == nil}
	for _, r := range st.DependsOn {
		if s.Story(r.ID) == nil {
			ts.MissingDeps = append(ts.MissingDeps, r.ID)
		}
	}
	return ts
}
