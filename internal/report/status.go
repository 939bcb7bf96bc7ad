// Package report computes the status and trace reports from a spec as
// plain values: counts, percentages and trees, in a deterministic order.
// It decides nothing about how they look; render does that.
package report

import (
	"cmp"
	"slices"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

// Category is what a story status means for progress, so renderers can
// colour statuses whatever the team calls them.
type Category string

const (
	Accepted   Category = "accepted"
	Rejected   Category = "rejected"
	InProgress Category = "in-progress"
	Draft      Category = "draft"
	Open       Category = "open"    // on the backlog, neither draft nor in progress
	Closed     Category = "closed"  // off the backlog but not accepted, e.g. done
	Unknown    Category = "unknown" // not in the status vocabulary (a lint error)
)

// StoryStatus is one story status and its category.
type StoryStatus struct {
	Name     string
	Category Category
}

// StatusReport is progress per goal, per roadmap item and overall.
type StatusReport struct {
	Title      string        // the vision's title
	Statuses   []StoryStatus // the columns of every Counts.ByStatus, in this order
	Goals      []GoalStatus
	Items      []ItemStatus
	NotStarted []ItemStatus // on the now horizon and not started (see started)
	Untraced   int          // stories that serve no existing roadmap item
	Overall    Counts
}

type GoalStatus struct {
	ID, Title string
	Items     []string // IDs of the roadmap items serving it, natural order
	Counts    Counts
}

type ItemStatus struct {
	ID, Title, Status, Horizon string
	Goals                      []string
	Counts                     Counts
}

// Counts summarises a set of stories.
type Counts struct {
	Stories  int
	ByStatus []int // aligned with StatusReport.Statuses
	Accepted int
	Rejected int
	// Percent is accepted ÷ stories not rejected, rounded to a whole
	// percent, but never to 100 before all are accepted nor to 0 once one
	// is; nil when every story is rejected or there is none.
	Percent *int
	Points  *Points // nil when no story has an estimate
}

// Points sums the estimates of the stories that have one.
type Points struct {
	Total, Accepted float64
	Estimated       int // stories with an estimate
}

// Status computes the status report.
func Status(s *spec.Spec) *StatusReport {
	cfg := s.Config
	r := &StatusReport{Statuses: statuses(s)}
	if s.Vision != nil {
		r.Title = s.Vision.Title
	}
	count := func(stories []*spec.Story) Counts { return countStories(cfg, r.Statuses, stories) }
	for _, g := range s.Goals {
		items := sortByID(g.Items, itemKey)
		gs := GoalStatus{ID: g.ID, Title: g.Title}
		var stories []*spec.Story
		for _, it := range items {
			gs.Items = append(gs.Items, it.ID)
			stories = append(stories, it.Stories...)
		}
		gs.Counts = count(stories)
		r.Goals = append(r.Goals, gs)
	}
	for _, it := range sortByID(s.Items, itemKey) {
		is := ItemStatus{ID: it.ID, Title: it.Title, Status: it.Status, Horizon: it.Horizon, Counts: count(it.Stories)}
		for _, g := range it.Goals {
			is.Goals = append(is.Goals, g.ID)
		}
		r.Items = append(r.Items, is)
		if it.Horizon == "now" && !started(cfg, it) {
			r.NotStarted = append(r.NotStarted, is)
		}
	}
	for _, st := range s.Stories {
		if st.Item == nil {
			r.Untraced++
		}
	}
	r.Overall = count(s.Stories)
	return r
}

// started is true when work on a roadmap item has begun (or it was
// dropped): its status says so, or one of its stories is in progress or
// finished. An item still marked planned while a story is being built is
// behind on its status, not untouched.
func started(cfg *config.Config, it *spec.RoadmapItem) bool {
	if slices.Contains(cfg.Roadmap.Started, it.Status) || slices.Contains(cfg.Roadmap.Dropped, it.Status) {
		return true
	}
	return slices.ContainsFunc(it.Stories, func(st *spec.Story) bool {
		c := category(cfg, st.Status)
		return c == InProgress || c == Accepted || c == Closed
	})
}

// statuses are the configured story statuses, then any others the stories
// use (sorted), so a misspelt status is counted rather than lost.
func statuses(s *spec.Spec) []StoryStatus {
	cfg := s.Config
	var out []StoryStatus
	for _, name := range cfg.Story.Statuses {
		out = append(out, StoryStatus{name, category(cfg, name)})
	}
	var extra []string
	for _, st := range s.Stories {
		if !slices.Contains(cfg.Story.Statuses, st.Status) && !slices.Contains(extra, st.Status) {
			extra = append(extra, st.Status)
		}
	}
	slices.Sort(extra)
	for _, name := range extra {
		out = append(out, StoryStatus{name, category(cfg, name)})
	}
	return out
}

func category(cfg *config.Config, status string) Category {
	switch {
	case !slices.Contains(cfg.Story.Statuses, status):
		return Unknown
	case cfg.IsAccepted(status):
		return Accepted
	case cfg.IsRejected(status):
		return Rejected
	case cfg.IsInProgress(status):
		return InProgress
	case cfg.IsDraft(status):
		return Draft
	case cfg.IsOpen(status):
		return Open
	}
	return Closed
}

func countStories(cfg *config.Config, cols []StoryStatus, stories []*spec.Story) Counts {
	c := Counts{Stories: len(stories), ByStatus: make([]int, len(cols))}
	var pts Points
	for _, st := range stories {
		c.ByStatus[slices.IndexFunc(cols, func(s StoryStatus) bool { return s.Name == st.Status })]++
		accepted := cfg.IsAccepted(st.Status)
		if accepted {
			c.Accepted++
		}
		if cfg.IsRejected(st.Status) {
			c.Rejected++
		}
		if st.Estimate != nil {
			pts.Estimated++
			pts.Total += *st.Estimate
			if accepted {
				pts.Accepted += *st.Estimate
			}
		}
	}
	if n := c.Stories - c.Rejected; n > 0 {
		p := (c.Accepted*200 + n) / (2 * n) // round half up, in integers
		switch {
		case p == 100 && c.Accepted < n:
			p = 99
		case p == 0 && c.Accepted > 0:
			p = 1
		}
		c.Percent = &p
	}
	if pts.Estimated > 0 {
		c.Points = &pts
	}
	return c
}

// sortByID returns xs in natural ID order, then path order, each once
// (a roadmap item naming the same goal twice is listed twice by the goal).
func sortByID[T comparable](xs []T, key func(T) (id, path string)) []T {
	out := slices.Clone(xs)
	slices.SortFunc(out, func(a, b T) int {
		ida, pa := key(a)
		idb, pb := key(b)
		return cmp.Or(names.Compare(ida, idb), names.Compare(pa, pb))
	})
	return slices.Compact(out)
}

func itemKey(it *spec.RoadmapItem) (string, string) { return it.ID, it.File.Path }
func storyKey(st *spec.Story) (string, string)      { return st.ID, st.File.Path }

// CategoryOf is what a story status means for progress, for the renderers
// that colour statuses outside a status report (the flow pictures).
func CategoryOf(cfg *config.Config, status string) Category { return category(cfg, status) }
