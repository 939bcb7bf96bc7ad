package history

import (
	"maps"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

// A story is known by its ID, but its identity survives what real
// repositories do to IDs and files: a file that stops parsing, an ID
// defined by two files at once, an ID that changes. Walk settles each
// of these on the steps, so Transitions only compares the two sides.

// keepUnreadable gives a story file that stops parsing the identity of
// its last readable version (with Err saying why), so the story is
// unreadable there, not deleted, and not born again when it parses again.
func keepUnreadable(steps []Step) {
	last := map[string]*Facts{} // path -> its last readable version
	for i := range steps {
		for j := range steps[i].Deltas {
			d := &steps[i].Deltas[j]
			d.Before = carry(d.Before, last[d.Path])
			prev := last[d.Path]
			if d.Before != nil && d.Before.Err == "" {
				prev = d.Before
			}
			d.After = carry(d.After, prev)
			if d.After != nil && d.After.Err == "" {
				last[d.Path] = d.After
			}
		}
	}
}

func carry(f, last *Facts) *Facts {
	if f == nil || f.Err == "" || f.ID != "" || last == nil || last.Kind != f.Kind {
		return f
	}
	c := *last
	c.Err = f.Err
	return &c
}

// addCodefiners adds, to each step that changes a file defining a story
// ID, the unchanged files that define the same ID (as Context deltas):
// an ID defined by two files exists while either does, and has the
// status of the first in path order, as in a loaded spec.
func addCodefiners(repo *gitsrc.Repo, cfg *config.Config, steps []Step, facts map[blobKey]*Facts) error {
	paths := map[string][]string{} // story ID -> every path that defined it in the walk
	for _, s := range steps {
		for _, d := range s.Deltas {
			for _, f := range []*Facts{d.Before, d.After} {
				if isStory(f) && !slices.Contains(paths[f.ID], d.Path) {
					paths[f.ID] = append(paths[f.ID], d.Path)
				}
			}
		}
	}
	at := func(tree gitsrc.Hash, p string) (*Facts, error) {
		if tree.IsZero() {
			return nil, nil
		}
		h, err := repo.FileAt(tree, p)
		if err != nil || h.IsZero() {
			return nil, err
		}
		k := blobKey{h, p}
		if f, ok := facts[k]; ok {
			return f, nil
		}
		f, err := parseBlob(repo, cfg, k)
		facts[k] = f
		return f, err
	}
	for i := range steps {
		s := &steps[i]
		listed := map[string]bool{}
		for _, d := range s.Deltas {
			listed[d.Path] = true
		}
		for _, id := range touchedStories(s.Deltas) {
			for _, p := range paths[id] {
				if listed[p] {
					continue
				}
				listed[p] = true
				before, err := at(s.parentTree, p)
				if err != nil {
					return err
				}
				after, err := at(s.tree, p)
				if err != nil {
					return err
				}
				if defines(before, id) || defines(after, id) {
					s.Deltas = append(s.Deltas, Delta{Path: p, Before: before, After: after, Context: true})
				}
			}
		}
		slices.SortFunc(s.Deltas, func(a, b Delta) int { return strings.Compare(a.Path, b.Path) })
	}
	return nil
}

func isStory(f *Facts) bool { return f != nil && f.Kind == spec.KindStory && f.ID != "" }

func defines(f *Facts, id string) bool { return isStory(f) && f.ID == id }

// touchedStories are the story IDs on either side of the deltas, in
// natural order.
func touchedStories(ds []Delta) []string {
	var ids []string
	for _, d := range ds {
		for _, f := range []*Facts{d.Before, d.After} {
			if isStory(f) && !slices.Contains(ids, f.ID) {
				ids = append(ids, f.ID)
			}
		}
	}
	slices.SortFunc(ids, names.Compare)
	return ids
}

// findRenames pairs, in each step, the stories whose ID vanished with
// those whose ID appeared, by pairRenames; it reads the files' content
// only in the steps that have both.
func findRenames(repo *gitsrc.Repo, steps []Step) error {
	for i := range steps {
		s := &steps[i]
		before, after := storiesByID(s.Deltas, true), storiesByID(s.Deltas, false)
		if !hasOwn(before, after) || !hasOwn(after, before) {
			continue
		}
		gone, err := versions(repo, before, after)
		if err != nil {
			return err
		}
		came, err := versions(repo, after, before)
		if err != nil {
			return err
		}
		pairs := pairRenames(gone, came)
		for gi, g := range gone {
			if ci, ok := pairs[gi]; ok {
				s.Renames = append(s.Renames, Rename{From: g.id, To: came[ci].id})
			}
		}
	}
	return nil
}

// hasOwn reports whether side has a readable story that other lacks.
func hasOwn(side, other map[string]located) bool {
	for id, l := range side {
		if _, ok := other[id]; !ok && l.Err == "" {
			return true
		}
	}
	return false
}

// versions are the readable stories of side that other lacks, with their
// files' content, in natural ID order.
func versions(repo *gitsrc.Repo, side, other map[string]located) ([]version, error) {
	var out []version
	for id, l := range side {
		if _, ok := other[id]; ok || l.Err != "" {
			continue
		}
		src, err := repo.Blob(l.blob)
		if err != nil {
			return nil, err
		}
		out = append(out, version{path: l.path, id: id, src: src})
	}
	slices.SortFunc(out, func(a, b version) int { return names.Compare(a.id, b.id) })
	return out, nil
}

// Unreadable are the spec files whose last version in the steps could
// not be read, in path order: at the walk's end, any story in them is
// unknown, which an answer about that story must say.
func Unreadable(steps []Step) []UnreadableFile {
	last := map[string]*Facts{}
	for _, s := range steps {
		for _, d := range s.Deltas {
			if !d.Context {
				last[d.Path] = d.After
			}
		}
	}
	var out []UnreadableFile
	for _, p := range slices.Sorted(maps.Keys(last)) {
		if f := last[p]; f != nil && f.Err != "" {
			out = append(out, UnreadableFile{Path: p, Err: f.Err})
		}
	}
	return out
}
