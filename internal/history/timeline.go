package history

import (
	"slices"
	"strconv"
	"time"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

// Transition is a story's status changing in one commit. From is "" when
// the story appears, To is "" when it is removed. Two kinds of
// transition may keep the status: a story whose ID changed (RenamedFrom
// is the old ID), and one whose file stopped parsing (Unreadable says
// why; the story is still there, with its last readable status).
type Transition struct {
	ID          string
	Title       string
	From        string
	To          string
	RenamedFrom string
	Unreadable  string
	Commit      string // short hash
	Hash        string
	Path        string    // the story's file after the commit (before it, when removed)
	Author      string    // email
	Date        time.Time // the author's date
}

// Transitions lists every story status change in the steps, in commit
// order and, within a commit, by ID. A story is known by its ID, so a
// renamed or moved file changes nothing; an ID that changed is one story
// (see Rename).
func Transitions(steps []Step) []Transition {
	var out []Transition
	for _, s := range steps {
		before, after := storiesByID(s.Deltas, true), storiesByID(s.Deltas, false)
		renamedFrom := map[string]string{} // new ID -> old ID
		renamed := map[string]bool{}       // old IDs
		for _, r := range s.Renames {
			renamedFrom[r.To], renamed[r.From] = r.From, true
		}
		ids := make([]string, 0, len(before)+len(after))
		for id := range before {
			if !renamed[id] {
				ids = append(ids, id)
			}
		}
		for id := range after {
			if _, ok := before[id]; !ok {
				ids = append(ids, id)
			}
		}
		slices.SortFunc(ids, names.Compare)
		for _, id := range ids {
			b, a := before[id], after[id]
			t := Transition{ID: id, Title: a.Title, Path: a.path, From: b.Status, To: a.Status}
			if old, ok := renamedFrom[id]; ok {
				t.From, t.RenamedFrom = before[old].Status, old
			}
			if a.Err != "" && b.Err == "" && b.ID != "" {
				t.Unreadable = a.Err
			}
			if t.From == t.To && t.RenamedFrom == "" && t.Unreadable == "" && (b.ID == "") == (a.ID == "") {
				continue
			}
			if a.ID == "" {
				t.Title, t.Path = b.Title, b.path
			}
			t.Commit, t.Hash, t.Author, t.Date = s.Commit.Short(), s.Commit.Hash.String(), s.Commit.Author.Email, s.Commit.Author.When.UTC()
			out = append(out, t)
		}
	}
	return out
}

type located struct {
	Facts
	path string
	blob gitsrc.Hash
}

// storiesByID collects the stories on one side of the deltas; the first
// file in path order wins an ID, as in a loaded spec.
func storiesByID(ds []Delta, before bool) map[string]located { return byID(ds, before, spec.KindStory) }

// byID collects the stories or roadmap items (kind) on one side of the
// deltas; the first file in path order wins an ID.
func byID(ds []Delta, before bool, kind spec.Kind) map[string]located {
	m := map[string]located{}
	for _, d := range ds {
		f, blob := d.After, d.New
		if before {
			f, blob = d.Before, d.Old
		}
		if f == nil || f.Kind != kind || f.ID == "" {
			continue
		}
		if _, ok := m[f.ID]; !ok {
			m[f.ID] = located{*f, d.Path, blob}
		}
	}
	return m
}

// Timeline is one story's transitions and, once accepted, its cycle time.
type Timeline struct {
	ID          string
	Title       string
	Status      string // after the last transition ("" when removed)
	Transitions []Transition
	// CycleTime runs from the story first entering an in-progress status
	// to its last acceptance; nil unless it is accepted now and was ever
	// in progress before.
	CycleTime *Duration
}

// Duration is a cycle time in whole seconds and as text ("3d 4h").
type Duration struct {
	Seconds int64
	Text    string
}

// Timelines groups transitions by story, in natural ID order. A story
// whose ID changed has one timeline, under its last ID, with the past
// under its old ID.
func Timelines(ts []Transition, cfg *config.Config) []Timeline {
	ids, groups := chain(ts, func(t Transition) (string, string) { return t.ID, t.RenamedFrom })
	out := make([]Timeline, 0, len(ids))
	for _, id := range ids {
		tl := Timeline{ID: id, Transitions: groups[id]}
		for _, t := range tl.Transitions {
			tl.Status = t.To
			if t.Title != "" {
				tl.Title = t.Title
			}
		}
		tl.CycleTime = cycleTime(tl.Transitions, cfg)
		out = append(out, tl)
	}
	return out
}

// TimelineOf is the timeline Timelines(Transitions(steps), cfg) has
// under id, found from only the steps that touch id or an ID linked to
// it by renames: a step's transitions depend on that step alone, and a
// timeline joins only IDs that renames link. false when there is none
// under id (id may be a story's old ID: its timeline is under its last).
func TimelineOf(steps []Step, id string, cfg *config.Config) (Timeline, bool) {
	linked := map[string]bool{id: true}
	for grown := true; grown; { // renames are few: repeat until no new ID links in
		grown = false
		for _, s := range steps {
			for _, r := range s.Renames {
				if linked[r.From] != linked[r.To] {
					linked[r.From], linked[r.To], grown = true, true, true
				}
			}
		}
	}
	var mine []Step
	for _, s := range steps {
		if s, ok := only(s, linked); ok {
			mine = append(mine, s)
		}
	}
	for _, tl := range Timelines(Transitions(mine), cfg) {
		if tl.ID == id {
			return tl, true
		}
	}
	return Timeline{}, false
}

// only is s with only the deltas and renames of stories with one of the
// ids, false when there are none. Transitions reads a story's deltas and
// renames and nothing else, so the ids' transitions are the same, and a
// first commit that adds 10,000 stories is not read for one.
func only(s Step, ids map[string]bool) (Step, bool) {
	keep := func(d Delta) bool {
		return isStory(d.Before) && ids[d.Before.ID] || isStory(d.After) && ids[d.After.ID]
	}
	var deltas []Delta
	for _, d := range s.Deltas {
		if keep(d) {
			deltas = append(deltas, d)
		}
	}
	renames := slices.DeleteFunc(slices.Clone(s.Renames), func(r Rename) bool { return !ids[r.From] && !ids[r.To] })
	s.Deltas, s.Renames = deltas, renames
	return s, len(deltas) > 0 || len(renames) > 0
}

func cycleTime(ts []Transition, cfg *config.Config) *Duration {
	if len(ts) == 0 || !cfg.IsAccepted(ts[len(ts)-1].To) {
		return nil
	}
	start := slices.IndexFunc(ts, func(t Transition) bool { return cfg.IsInProgress(t.To) })
	if start < 0 {
		return nil
	}
	d := ts[len(ts)-1].Date.Sub(ts[start].Date)
	if d < 0 {
		return nil // commits dated out of order: no honest answer
	}
	return &Duration{Seconds: int64(d / time.Second), Text: FormatDuration(d)}
}

// FormatDuration writes a cycle time as days and hours: "3d 4h", "5h",
// "0h" under an hour.
func FormatDuration(d time.Duration) string {
	h := int64(d / time.Hour)
	days, hours := h/24, h%24
	switch {
	case days == 0:
		return itoa(hours) + "h"
	case hours == 0:
		return itoa(days) + "d"
	}
	return itoa(days) + "d " + itoa(hours) + "h"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
