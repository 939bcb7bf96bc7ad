package history

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

// A story is suspect when the roadmap item it serves changed in meaning
// (Revision.Scope: title, goals or description) in a commit after the
// story's file last changed: whoever wrote the story could not have
// known. A later commit that changes the story's content, or whose
// message names it in a "Reviewed:" trailer, clears it, so nothing is
// stored in the files. "After" is the walk's order (parents before
// children, then commit time). Only stories still to be accepted can
// be suspect: an accepted or rejected story is settled.

// Suspect is a story whose roadmap item changed in meaning since the
// story last changed.
type Suspect struct {
	ID, Title string // the story, at the walk's end
	Path      string // its file
	Item      string // the roadmap item it serves
	ItemTitle string
	// Changes are the item's changes in meaning since the story last
	// changed, oldest first.
	Changes []Revision
	// Since is the last commit of the walk that changed the story or
	// reviewed it, nil when none did.
	Since *Mark
}

// Mark is a commit that last revisited a story.
type Mark struct {
	Commit   string // short hash
	Author   string // email
	Date     time.Time
	Reviewed bool // by a Reviewed: trailer, not by changing the story
}

// Scope names every way the item changed in s.Changes, in Scope's order.
func (s Suspect) Scope() []string {
	var out []string
	for _, want := range []string{ScopeTitle, ScopeGoals, ScopeBody} {
		for _, r := range s.Changes {
			if slices.Contains(r.Scope(), want) {
				out = append(out, want)
				break
			}
		}
	}
	return out
}

// Last is the item's latest change in meaning.
func (s Suspect) Last() Revision { return s.Changes[len(s.Changes)-1] }

// Suspects lists the stories of end (the spec at the walk's end, or the
// work tree over it) that are suspect in the log, in natural ID order.
// Over a range it finds the stories made suspect by the range's commits:
// a change before the range, and anything that could clear it, are
// outside it.
func Suspects(l *Log, end *spec.Spec) []Suspect {
	var stories []endStory
	items := map[string]string{}
	for _, st := range end.Stories {
		if end.Story(st.ID) == st { // the first file of an ID gives its values
			stories = append(stories, endStory{st.ID, st.Title, st.Status, st.Roadmap.ID, st.File.Path})
		}
	}
	for _, it := range end.Items {
		if _, ok := items[it.ID]; !ok {
			items[it.ID] = it.Title
		}
	}
	return suspects(l, end.Config, stories, items)
}

// AllSuspects is Suspects for a log of all history (from the root
// commits): the spec at its end is the last version of each file the
// walk read, so it is not loaded again. A story whose file cannot be
// read at the end is unknown there (see Unreadable).
func AllSuspects(l *Log, cfg *config.Config) []Suspect {
	last := lastFacts(l.Steps)
	var stories []endStory
	seen := map[string]bool{}
	items := map[string]string{}
	for _, p := range slices.Sorted(maps.Keys(last)) {
		f := last[p]
		switch {
		case f == nil || f.Err != "" || f.ID == "":
		case f.Kind == spec.KindStory && !seen[f.ID]:
			seen[f.ID] = true
			stories = append(stories, endStory{f.ID, f.Title, f.Status, f.Roadmap, p})
		case f.Kind == spec.KindRoadmap:
			if _, ok := items[f.ID]; !ok {
				items[f.ID] = f.Title
			}
		}
	}
	return suspects(l, cfg, stories, items)
}

// endStory is a story as it stands at the end of a walk.
type endStory struct{ id, title, status, roadmap, path string }

// suspects finds the suspects among stories, given the roadmap items at
// the end (ID -> title).
func suspects(l *Log, cfg *config.Config, stories []endStory, items map[string]string) []Suspect {
	revisited := lastRevisits(l)
	changes := scopeChanges(l)
	var out []Suspect
	for _, st := range stories {
		if cfg.IsAccepted(st.status) || cfg.IsRejected(st.status) {
			continue // settled
		}
		tl, ok := changes[st.roadmap]
		title, exists := items[st.roadmap]
		if !ok || !exists {
			continue // unchanged, or gone: a broken reference is lint's, not a suspect
		}
		since, seen := revisited[st.id]
		var after []Revision
		for _, r := range tl.Revisions {
			if !seen || r.pos > since.pos {
				after = append(after, r.Revision)
			}
		}
		if len(after) == 0 {
			continue
		}
		s := Suspect{ID: st.id, Title: st.title, Path: st.path, Item: st.roadmap, ItemTitle: title, Changes: after}
		if seen {
			s.Since = &since.Mark
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b Suspect) int { return names.Compare(a.ID, b.ID) })
	return out
}

type placedMark struct {
	Mark
	pos int // in the log's commits
}

// lastRevisits finds, for each story ID, the last commit of the log that
// changed its content or named it in a Reviewed: trailer.
func lastRevisits(l *Log) map[string]placedMark {
	out := map[string]placedMark{}
	places := stepPlaces(l)
	for si, s := range l.Steps {
		for _, id := range changedStories(s) {
			out[id] = placedMark{markOf(s.Commit, false), places[si]}
		}
	}
	for i, c := range l.Commits {
		for _, id := range Reviewed(c.Message) {
			if m, ok := out[id]; !ok || m.pos < i {
				out[id] = placedMark{markOf(c, true), i}
			}
		}
	}
	return out
}

func markOf(c *gitsrc.Commit, reviewed bool) Mark {
	return Mark{Commit: c.Short(), Author: c.Author.Email, Date: c.Author.When.UTC(), Reviewed: reviewed}
}

// changedStories are the stories whose content a step changed: a file
// defining the story added, removed or edited. A file moved unchanged
// (the same blob at another path) is not a revisit: reorganizing
// folders reviews nothing.
func changedStories(s Step) []string {
	before, after := map[string][]gitsrc.Hash{}, map[string][]gitsrc.Hash{}
	for _, d := range s.Deltas {
		if d.Context {
			continue
		}
		if isStory(d.Before) {
			before[d.Before.ID] = append(before[d.Before.ID], d.Old)
		}
		if isStory(d.After) {
			after[d.After.ID] = append(after[d.After.ID], d.New)
		}
	}
	var out []string
	for _, side := range []map[string][]gitsrc.Hash{before, after} {
		for id := range side {
			b, a := sortedHashes(before[id]), sortedHashes(after[id])
			if !slices.Equal(b, a) && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

func sortedHashes(hs []gitsrc.Hash) []gitsrc.Hash {
	return slices.SortedFunc(slices.Values(hs), func(a, b gitsrc.Hash) int { return strings.Compare(a.String(), b.String()) })
}

type placedRevision struct {
	Revision
	pos int
}

type scopeTimeline struct{ Revisions []placedRevision }

// scopeChanges are, per roadmap item (under its last ID), its changes in
// meaning with their place among the log's commits.
func scopeChanges(l *Log) map[string]scopeTimeline {
	out := map[string]scopeTimeline{}
	pos := map[string]int{} // a step's commit hash -> its place
	for si, p := range stepPlaces(l) {
		pos[l.Steps[si].Commit.Hash.String()] = p
	}
	for _, tl := range ItemTimelines(Revisions(l.Steps)) {
		if tl.Kind != spec.KindRoadmap {
			continue
		}
		var st scopeTimeline
		for _, r := range tl.Revisions {
			if len(r.Scope()) > 0 {
				st.Revisions = append(st.Revisions, placedRevision{r, pos[r.Hash]})
			}
		}
		if len(st.Revisions) > 0 {
			out[tl.ID] = st
		}
	}
	return out
}

// stepPlaces is the place of each step's commit among the log's commits.
func stepPlaces(l *Log) []int {
	places := make([]int, 0, len(l.Steps))
	for i, c := range l.Commits {
		if n := len(places); n < len(l.Steps) && l.Steps[n].Commit.Hash == c.Hash {
			places = append(places, i)
		}
	}
	return places
}

// LintSuspects are suspects as lint's suspect-link rule takes them,
// named by the item's latest change in meaning.
func LintSuspects(ss []Suspect) []lint.Suspect {
	out := make([]lint.Suspect, len(ss))
	for i, s := range ss {
		last := s.Last()
		out[i] = lint.Suspect{Story: s.ID, Item: s.Item, Scope: s.Scope(), Commit: last.Commit, Author: last.Author}
	}
	return out
}
