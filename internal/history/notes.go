package history

import (
	"cmp"
	"io/fs"
	"slices"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

// Note is a story in the release notes: accepted at the end of the range
// and not at its start. Accepted is the transition that made it so, nil
// when history was not walked or does not show one.
type Note struct {
	Story    *spec.Story
	Accepted *Transition
	// Unchecked are its acceptance criteria not checked at the end of the
	// range (lint's unmet-acceptance): it is in the notes all the same,
	// since its status says accepted, but marked.
	Unchecked []string
}

// Range lists the release notes of a range whose end, the spec at to,
// the caller loaded (front matter is enough: the notes show its titles,
// roadmap items and goals). The start is read only where it differs from
// the end. With commits it also walks the range to name the commit in
// which each story became accepted; that walk is most of the work, so it
// is done only for a format that shows it.
func Range(repo *gitsrc.Repo, end *spec.Spec, from, to *gitsrc.Commit, commits bool) ([]Note, error) {
	cfg := end.Config
	start, err := StartOf(repo, cfg, from, to)
	if err != nil {
		return nil, err
	}
	var ts []Transition
	if commits {
		steps, err := Walk(repo, cfg, from, to)
		if err != nil {
			return nil, err
		}
		ts = Transitions(steps)
	}
	notes := ReleaseNotes(start, end, ts)
	if err := readCriteria(repo, to, cfg, notes); err != nil {
		return nil, err
	}
	return notes, nil
}

// readCriteria finds the unchecked acceptance criteria of the noted
// stories. The end was loaded without bodies, for speed; the few noted
// stories' files are read again whole.
func readCriteria(repo *gitsrc.Repo, to *gitsrc.Commit, cfg *config.Config, notes []Note) error {
	if len(notes) == 0 {
		return nil
	}
	fsys, err := repo.FS(to)
	if err != nil {
		return err
	}
	for i, n := range notes {
		src, err := fs.ReadFile(fsys, n.Story.File.Path)
		if err != nil {
			return err
		}
		if f := spec.ParseFile(cfg, n.Story.File.Path, src); f != nil && f.Story != nil {
			for _, c := range f.Story.Unchecked() {
				notes[i].Unchecked = append(notes[i].Unchecked, c.Text)
			}
		}
	}
	return nil
}

// Start is what the stories were at the start of a range, read only from
// the files that differ between its ends: a file that is the same at both
// ends holds the same stories, in the same status.
type Start struct {
	changed map[string]bool   // paths, relative to the spec root
	stories map[string]*Facts // by ID: the stories in those files at the start
}

// StartOf compares the spec trees at the ends of a range and reads the
// start's side of each file that differs.
func StartOf(repo *gitsrc.Repo, cfg *config.Config, from, to *gitsrc.Commit) (*Start, error) {
	a, err := repo.SpecTree(from)
	if err != nil {
		return nil, err
	}
	b, err := repo.SpecTree(to)
	if err != nil {
		return nil, err
	}
	changes, err := repo.Changes(a, b)
	if err != nil {
		return nil, err
	}
	facts, err := parseBlobs(repo, cfg, [][]gitsrc.FileChange{changes})
	if err != nil {
		return nil, err
	}
	s := &Start{changed: map[string]bool{}, stories: map[string]*Facts{}}
	for _, ch := range changes { // in path order: the first file wins an ID
		s.changed[ch.Path] = true
		if f := facts[blobKey{ch.Old, ch.Path}]; f != nil && f.Kind == spec.KindStory && s.stories[f.ID] == nil {
			s.stories[f.ID] = f
		}
	}
	return s, nil
}

// WasAccepted reports whether a story of the range's end was accepted at
// its start.
func (s *Start) WasAccepted(st *spec.Story, cfg *config.Config) bool {
	if !s.changed[st.File.Path] {
		return cfg.IsAccepted(st.Status)
	}
	f := s.stories[st.ID]
	return f != nil && cfg.IsAccepted(f.Status)
}

// ReleaseNotes lists the stories accepted in to and not at the start of
// the range (or not there at all), grouped by roadmap item (in natural ID
// order, stories with no known item last), then by ID. ts are the
// transitions of the range, to name the commit in which each story became
// accepted.
func ReleaseNotes(start *Start, to *spec.Spec, ts []Transition) []Note {
	cfg := to.Config
	var out []Note
	for _, st := range to.Stories {
		if !cfg.IsAccepted(st.Status) || st != to.Story(st.ID) || start.WasAccepted(st, cfg) {
			continue
		}
		n := Note{Story: st}
		for i := len(ts) - 1; i >= 0; i-- {
			if ts[i].ID == st.ID && cfg.IsAccepted(ts[i].To) {
				n.Accepted = &ts[i]
				break
			}
		}
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b Note) int {
		return cmp.Or(compareItems(a.Story.Item, b.Story.Item), names.Compare(a.Story.ID, b.Story.ID))
	})
	return out
}

func compareItems(a, b *spec.RoadmapItem) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return names.Compare(a.ID, b.ID)
}
