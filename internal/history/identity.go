package history

import (
	"cmp"
	"crypto/sha256"
	"maps"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/par"
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
	if !anyUnreadable(steps) {
		return
	}
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

func anyUnreadable(steps []Step) bool {
	for _, s := range steps {
		for _, d := range s.Deltas {
			if d.Before != nil && d.Before.Err != "" || d.After != nil && d.After.Err != "" {
				return true
			}
		}
	}
	return false
}

func carry(f, last *Facts) *Facts {
	if f == nil || f.Err == "" || f.ID != "" || last == nil || last.Kind != f.Kind {
		return f
	}
	c := *last
	c.Err = f.Err
	return &c
}

// addCodefiners adds, to each step that changes a file defining a story,
// a roadmap item or a goal, the unchanged files that define the same one
// (as Context deltas): an ID defined by two files exists while either
// does, and has the values of the first in path order, as in a loaded
// spec.
func addCodefiners(repo *gitsrc.Repo, cfg *config.Config, steps []Step, cache *walkCache) error {
	paths := map[ident][]string{} // every path that defined it in the walk
	for _, s := range steps {
		for _, d := range s.Deltas {
			for _, f := range []*Facts{d.Before, d.After} {
				for _, id := range idents(f) {
					if !slices.Contains(paths[id], d.Path) {
						paths[id] = append(paths[id], d.Path)
					}
				}
			}
		}
	}
	at := func(tree gitsrc.Hash, p string) (*Facts, error) {
		if tree.IsZero() {
			return nil, nil
		}
		h, ok := cache.files[treePath{tree, p}]
		if !ok {
			var err error
			if h, err = repo.FileAt(tree, p); err != nil {
				return nil, err
			}
			cache.addFile(treePath{tree, p}, h)
		}
		if h.IsZero() {
			return nil, nil
		}
		k := blobKey{h, p}
		if f, ok := cache.facts[k]; ok {
			return f, nil
		}
		f, err := parseBlob(repo, cfg, k)
		if err == nil {
			cache.addFacts(k, f)
		}
		return f, err
	}
	for i := range steps {
		s := &steps[i]
		if !shared(s.Deltas, paths) {
			continue // most steps: each ID they touch was only ever in one file
		}
		listed := map[string]bool{}
		for _, d := range s.Deltas {
			listed[d.Path] = true
		}
		for _, id := range touched(s.Deltas) {
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

// shared reports whether a delta defines an identity that more than one
// path defined in the walk.
func shared(ds []Delta, paths map[ident][]string) bool {
	for _, d := range ds {
		for _, f := range []*Facts{d.Before, d.After} {
			for _, id := range idents(f) {
				if len(paths[id]) > 1 {
					return true
				}
			}
		}
	}
	return false
}

// ident is what has an identity of its own in history: a story, a
// roadmap item (kind roadmap) or a goal (kind vision).
type ident struct {
	kind spec.Kind
	id   string
}

// idents are the identities a file's facts define.
func idents(f *Facts) []ident {
	switch {
	case f == nil:
		return nil
	case f.Kind == spec.KindVision:
		out := make([]ident, 0, len(f.VisionGoals))
		for _, g := range f.VisionGoals {
			if g.ID != "" {
				out = append(out, ident{spec.KindVision, g.ID})
			}
		}
		return out
	case f.ID != "":
		return []ident{{f.Kind, f.ID}}
	}
	return nil
}

// AboutStories reports whether a step changes a story.
func AboutStories(steps []Step) bool {
	for _, s := range steps {
		for _, d := range s.Deltas {
			if isStory(d.Before) || isStory(d.After) {
				return true
			}
		}
	}
	return false
}

func isStory(f *Facts) bool { return f != nil && f.Kind == spec.KindStory && f.ID != "" }

func defines(f *Facts, id ident) bool { return slices.Contains(idents(f), id) }

// touched are the identities on either side of the deltas, by kind and
// then in natural ID order.
func touched(ds []Delta) []ident {
	var ids []ident
	seen := map[ident]bool{} // a first commit adds thousands: no quadratic search
	for _, d := range ds {
		for _, f := range []*Facts{d.Before, d.After} {
			for _, id := range idents(f) {
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
			}
		}
	}
	slices.SortFunc(ids, func(a, b ident) int {
		return cmp.Or(strings.Compare(string(a.kind), string(b.kind)), names.Compare(a.id, b.id))
	})
	return ids
}

// findRenames pairs, in each step, the stories (and, apart, the roadmap
// items) whose ID vanished with those whose ID appeared, by pairRenames;
// steps in parallel, for a commit that renames hundreds of files compares
// each pair of them. What pairRenames found is kept in the cache.
func findRenames(repo *gitsrc.Repo, steps []Step, cache *walkCache) error {
	found := make([][]pairing, len(steps)) // what the cache did not know
	err := par.For(len(steps), func(i int) (err error) {
		s := &steps[i]
		if s.Renames, err = renames(repo, s.Deltas, spec.KindStory, cache, &found[i]); err != nil {
			return err
		}
		s.ItemRenames, err = renames(repo, s.Deltas, spec.KindRoadmap, cache, &found[i])
		return err
	})
	for _, ps := range found {
		for _, p := range ps {
			cache.addPairing(p.key, p.renames)
		}
	}
	return err
}

// pairing is what pairRenames found for the sides named by key.
type pairing struct {
	key     [sha256.Size]byte
	renames []Rename
}

// renames pairs the IDs of kind that vanished in the deltas with those
// that appeared; it reads the files' content only when there are both
// and the cache does not know the answer, which it adds to found.
func renames(repo *gitsrc.Repo, ds []Delta, kind spec.Kind, cache *walkCache, found *[]pairing) ([]Rename, error) {
	if !changesID(ds, kind, true) || !changesID(ds, kind, false) {
		return nil, nil // a first commit's 10,000 additions: no map of them
	}
	before, after := byID(ds, true, kind), byID(ds, false, kind)
	if !hasOwn(before, after) || !hasOwn(after, before) {
		return nil, nil
	}
	gone, came := versions(before, after), versions(after, before)
	key := pairingKey(gone, came)
	if rs, ok := cache.pairings[key]; ok {
		return rs, nil
	}
	if err := readSources(repo, gone, came); err != nil {
		return nil, err
	}
	var out []Rename
	pairs := pairRenames(gone, came)
	for gi, g := range gone {
		if ci, ok := pairs[gi]; ok {
			out = append(out, Rename{From: g.id, To: came[ci].id})
		}
	}
	*found = append(*found, pairing{key, out})
	return out, nil
}

// changesID reports whether a delta has an ID of kind on one side (before
// or after) that its other side does not: no ID can have vanished, or
// appeared, in a step without one.
func changesID(ds []Delta, kind spec.Kind, before bool) bool {
	for _, d := range ds {
		f, other := d.After, d.Before
		if before {
			f, other = d.Before, d.After
		}
		if f != nil && f.Kind == kind && f.ID != "" && (other == nil || other.Kind != kind || other.ID != f.ID) {
			return true
		}
	}
	return false
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

// versions are the readable stories of side that other lacks, in
// natural ID order, their content not read yet.
func versions(side, other map[string]located) []version {
	var out []version
	for id, l := range side {
		if _, ok := other[id]; !ok && l.Err == "" {
			out = append(out, version{path: l.path, id: id, blob: l.blob})
		}
	}
	slices.SortFunc(out, func(a, b version) int { return names.Compare(a.id, b.id) })
	return out
}

// Unreadable are the spec files whose last version in the steps could
// not be read, in path order: at the walk's end, any story in them is
// unknown, which an answer about that story must say.
func Unreadable(steps []Step) []UnreadableFile {
	last := lastFacts(steps)
	var out []UnreadableFile
	for _, p := range slices.Sorted(maps.Keys(last)) {
		if f := last[p]; f != nil && f.Err != "" {
			out = append(out, UnreadableFile{Path: p, Err: f.Err})
		}
	}
	return out
}

// lastFacts is each spec file's last version in the steps (nil when
// deleted): for a walk of all history, the spec at its end.
func lastFacts(steps []Step) map[string]*Facts {
	last := map[string]*Facts{}
	for _, s := range steps {
		for _, d := range s.Deltas {
			if !d.Context {
				last[d.Path] = d.After
			}
		}
	}
	return last
}
