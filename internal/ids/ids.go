// Package ids knows which IDs a spec has ever used, wherever it lives in
// git, so that a new ID never collides with one on another branch and a
// deleted story's ID is never given out again.
package ids

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/par"
	"github.com/prodspec/prodspec/internal/scaffold"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

// Set is the IDs in use or once used, each with where it was first seen.
type Set struct {
	where map[string]string
	// Note says what the set could not look at (outside a repository,
	// a shallow clone); "" when it saw everything.
	Note string
}

// Lookup says whether id is taken, and where: "the work tree
// (stories/S-4.md)" or "commit abc1234 (stories/S-4.md)".
func (s *Set) Lookup(id string) (where string, ok bool) {
	where, ok = s.where[id]
	return where, ok
}

// Next is one past the highest taken ID that matches re (see
// scaffold.NextID): never an ID any branch, tag or past commit used.
func (s *Set) Next(re *regexp.Regexp) (string, error) {
	return scaffold.NextID(s.Taken(), re)
}

// Taken lists the taken IDs in order.
func (s *Set) Taken() []string {
	taken := make([]string, 0, len(s.where))
	for id := range s.where {
		taken = append(taken, id)
	}
	slices.Sort(taken) // NextID's ties go by order
	return taken
}

func (s *Set) add(id, where string) {
	if id == "" {
		return
	}
	if _, ok := s.where[id]; !ok {
		s.where[id] = where
	}
}

// Used collects the IDs of the work tree's spec s and of every spec file
// that any commit reachable from HEAD, a local or remote-tracking branch
// or a tag ever added or changed. Outside a git repository it has the
// work tree's only, and says so in Note.
func Used(src *source.Source, s *spec.Spec) (*Set, error) {
	set := &Set{where: map[string]string{}}
	for _, f := range s.Files {
		for _, id := range fileIDs(f) {
			set.add(id, "the work tree ("+f.Path+")")
		}
		if f.Story == nil && f.Item == nil && f.Vision == nil { // unreadable: its id line may still say
			if data, err := os.ReadFile(filepath.Join(src.Dir, filepath.FromSlash(f.Path))); err == nil {
				if id, ok := spec.DeclaredID(src.Config, f.Path, data); ok {
					set.add(id, "the work tree ("+f.Path+")")
				}
			}
		}
	}
	repo, err := src.Repo()
	var notRepo *source.NotInRepoError
	if errors.As(err, &notRepo) {
		set.Note = "not in a git repository: IDs were checked against the work tree only"
		return set, nil
	}
	if err != nil {
		return nil, err
	}
	if err := addHistory(set, repo, src); err != nil {
		return nil, err
	}
	if repo.Shallow() {
		set.Note = "shallow clone: IDs used only before its first commit are not known; fetch the whole history (git fetch --unshallow) to be sure"
	}
	return set, nil
}

// addHistory adds the IDs of every spec file each reachable commit added
// or changed against its first parent: together they are every spec
// file any ref's tree holds or its history held.
func addHistory(set *Set, repo *gitsrc.Repo, src *source.Source) error {
	tips, err := repo.Tips()
	if err != nil {
		return err
	}
	commits, err := repo.Reachable(tips)
	if err != nil {
		return err
	}
	byHash := make(map[gitsrc.Hash]*gitsrc.Commit, len(commits))
	for _, c := range commits {
		byHash[c.Hash] = c
	}
	key := cacheKey(repo.Prefix, src.Config)
	cached := readCache(repo, key)
	found := make(map[string][]seen, len(commits))
	var todo []*gitsrc.Commit
	for _, c := range commits {
		if ids, ok := cached[c.Hash.String()]; ok {
			found[c.Hash.String()] = ids
		} else {
			todo = append(todo, c)
		}
	}
	read := make([][]seen, len(todo))
	err = par.For(len(todo), func(i int) error {
		var err error
		read[i], err = commitIDs(repo, src, todo[i], byHash)
		return err
	})
	if err != nil {
		return err
	}
	for i, c := range todo {
		found[c.Hash.String()] = read[i]
	}
	if len(todo) > 0 || len(found) != len(cached) {
		writeCache(repo, key, found)
	}
	for _, c := range commits {
		for _, f := range found[c.Hash.String()] {
			set.add(f.ID, fmt.Sprintf("commit %s (%s)", c.Short(), f.Path))
		}
	}
	return nil
}

// seen is an ID a commit's file declares.
type seen struct{ ID, Path string }

// commitIDs reads the IDs of the spec files c added or changed against
// its first parent (all of its spec files for a root commit, or one
// whose parent is past a shallow clone's edge).
func commitIDs(repo *gitsrc.Repo, src *source.Source, c *gitsrc.Commit, byHash map[gitsrc.Hash]*gitsrc.Commit) ([]seen, error) {
	tree, err := repo.SpecTree(c)
	if err != nil {
		return nil, err
	}
	var before gitsrc.Hash
	if len(c.Parents) > 0 {
		if p := byHash[c.Parents[0]]; p != nil {
			if before, err = repo.SpecTree(p); err != nil {
				return nil, err
			}
		}
	}
	changes, err := repo.Changes(before, tree)
	if err != nil {
		return nil, err
	}
	var out []seen
	for _, ch := range changes {
		if ch.New.IsZero() || !spec.Candidate(src.Config, ch.Path) {
			continue
		}
		data, err := repo.Blob(ch.New)
		if err != nil {
			return nil, err
		}
		// Most versions say their ID on one line; the YAML is parsed
		// only when it does not (a sixth of a cold read).
		if id, ok := spec.DeclaredID(src.Config, ch.Path, data); ok {
			out = append(out, seen{id, ch.Path})
			continue
		}
		f := spec.ParseFrontMatter(src.Config, ch.Path, data)
		if f == nil {
			continue
		}
		for _, id := range fileIDs(f) {
			out = append(out, seen{id, ch.Path})
		}
	}
	return out, nil
}

// fileIDs are the IDs a spec file declares: a story's or roadmap item's
// own, a vision's goals'. A file whose front matter cannot be read is
// taken to use the ID its name carries, so that a broken file's ID is not
// given out while someone fixes it. (An old version in history whose id
// line reads plainly gives that ID even when the rest of its YAML is
// broken: commitIDs reads the line before parsing. Either way the ID is
// not given out again.)
func fileIDs(f *spec.File) []string {
	switch {
	case f.Story != nil && f.Story.ID != "":
		return []string{f.Story.ID}
	case f.Item != nil && f.Item.ID != "":
		return []string{f.Item.ID}
	case f.Vision != nil:
		var out []string
		for _, g := range f.Vision.Goals {
			out = append(out, g.ID)
		}
		return out
	}
	return []string{strings.TrimSuffix(path.Base(f.Path), path.Ext(f.Path))}
}
