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
//
// It also returns the files that differ and could not be read at the
// start, which the notes must name.
func Range(repo *gitsrc.Repo, end *spec.Spec, from, to *gitsrc.Commit, commits bool) ([]Note, []UnreadableFile, error) {
	cfg := end.Config
	cache := openCache(repo, cfg) // one for both reads: decoded and written once
	start, err := startOf(repo, end, from, to, cache)
	if err != nil {
		return nil, nil, err
	}
	var ts []Transition
	if commits {
		l, err := read(repo, cfg, from, to, cache)
		if err != nil {
			return nil, nil, err
		}
		ts = Transitions(l.Steps)
	}
	cache.save()
	notes := ReleaseNotes(start, end, ts)
	if err := readCriteria(repo, to, cfg, notes); err != nil {
		return nil, nil, err
	}
	return notes, start.Unreadable, nil
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
	changed map[string]*Facts // path -> its facts at the start, for every file that differs
	stories map[string]*Facts // ID -> the first story in those files at the start, in path order
	renamed map[string]*Facts // end ID -> the start story whose ID changed to it
	// Unreadable are the files that differ and could not be read at the
	// start: a story in one may wrongly be in the notes.
	Unreadable []UnreadableFile
}

// UnreadableFile is a spec file that could not be read, and why.
type UnreadableFile struct{ Path, Err string }

// StartOf compares the spec trees at the ends of a range and reads the
// start's side of each file that differs. end is the spec at the end. A
// story whose ID changed between the ends (its file the same, or at
// least half the same) is known at the start by its new ID.
func StartOf(repo *gitsrc.Repo, end *spec.Spec, from, to *gitsrc.Commit) (*Start, error) {
	cache := openCache(repo, end.Config)
	s, err := startOf(repo, end, from, to, cache)
	if err == nil {
		cache.save()
	}
	return s, err
}

func startOf(repo *gitsrc.Repo, end *spec.Spec, from, to *gitsrc.Commit, cache *walkCache) (*Start, error) {
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
	if err := parseBlobs(repo, end.Config, [][]gitsrc.FileChange{changes}, cache.ready()); err != nil {
		return nil, err
	}
	facts := cache.facts
	s := &Start{changed: map[string]*Facts{}, stories: map[string]*Facts{}, renamed: map[string]*Facts{}}
	for _, ch := range changes { // in path order: the first file wins an ID
		f := facts[blobKey{ch.Old, ch.Path}]
		s.changed[ch.Path] = f
		switch {
		case f == nil:
		case f.Err != "":
			s.Unreadable = append(s.Unreadable, UnreadableFile{ch.Path, f.Err})
		case f.Kind == spec.KindStory && f.ID != "" && s.stories[f.ID] == nil:
			s.stories[f.ID] = f
		}
	}
	return s, s.followRenames(repo, end, changes)
}

// followRenames pairs the start's stories whose ID the end lacks with
// the end's stories in changed files whose ID the start lacks.
func (s *Start) followRenames(repo *gitsrc.Repo, end *spec.Spec, changes []gitsrc.FileChange) error {
	var gone, came []version
	blobs := make(map[string]gitsrc.FileChange, len(changes))
	for _, ch := range changes {
		blobs[ch.Path] = ch
		if f := s.changed[ch.Path]; f != nil && s.stories[f.ID] == f && end.Story(f.ID) == nil {
			gone = append(gone, version{path: ch.Path, id: f.ID, blob: ch.Old})
		}
	}
	for _, st := range end.Stories {
		ch, changed := blobs[st.File.Path]
		if changed && st.ID != "" && s.stories[st.ID] == nil && end.Story(st.ID) == st {
			came = append(came, version{path: st.File.Path, id: st.ID, blob: ch.New})
		}
	}
	if len(gone) == 0 || len(came) == 0 {
		return nil
	}
	if err := readSources(repo, gone, came); err != nil {
		return err
	}
	for gi, ci := range pairRenames(gone, came) {
		s.renamed[came[ci].id] = s.stories[gone[gi].id]
	}
	return nil
}

// WasAccepted reports whether a story of the range's end was accepted at
// its start.
func (s *Start) WasAccepted(st *spec.Story, cfg *config.Config) bool {
	if _, changed := s.changed[st.File.Path]; !changed {
		return cfg.IsAccepted(st.Status)
	}
	f := s.stories[st.ID]
	if f == nil {
		f = s.renamed[st.ID]
	}
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
			if ts[i].ID == st.ID && cfg.IsAccepted(ts[i].To) && !cfg.IsAccepted(ts[i].From) {
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
