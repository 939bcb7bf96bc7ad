// Package history reads a spec's past from git: which spec files each
// commit changed and what they held before and after, and from that the
// status transitions of stories, the revisions of roadmap items and
// goals, the stories left suspect by a change of their roadmap item,
// release notes and the changes that roles govern. Commits whose spec
// tree equals their parent's are skipped without reading a file, and
// each distinct blob is parsed once.
package history

import (
	"bytes"
	"errors"
	"hash/fnv"
	"slices"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/par"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

// Facts is what history needs of one spec file at one commit.
type Facts struct {
	Kind    spec.Kind
	ID      string
	Title   string
	Status  string
	Roadmap string   // a story's roadmap item
	Horizon string   // a roadmap item's
	Goals   []string // a roadmap item's goals, as written
	// Body is a roadmap item's description hashed with its whitespace
	// collapsed, so that reflowing a paragraph is no change of scope.
	Body        uint64
	VisionGoals []GoalFacts // a vision's goals, in order
	// Err says why the file could not be read, "" when it could. A story
	// whose file stops parsing is unreadable there, not deleted: its ID,
	// title and status are then those of its last readable version.
	Err string
}

// GoalFacts is what history needs of one goal of the vision.
type GoalFacts struct{ ID, Title string }

// Delta is a file that a commit changed. A nil side means the file was
// absent there, or was not a spec file.
type Delta struct {
	Path          string // relative to the spec root
	Before, After *Facts
	Old, New      gitsrc.Hash // the file's blobs; zero where absent
	// Context is a file the commit did not change, listed because it
	// defines an ID that a changed file defines too: an ID defined by two
	// files exists while either does.
	Context bool
}

// Step is one commit that changed the spec, with the files it changed.
type Step struct {
	Commit  *gitsrc.Commit
	Deltas  []Delta  // in path order
	Renames []Rename // stories whose ID changed in the commit
	// ItemRenames are the roadmap items whose ID changed in the commit,
	// by the same rule as stories.
	ItemRenames []Rename

	tree, parentTree gitsrc.Hash // the spec trees of the commit and its first parent
}

// Rename is a story whose ID changed in a commit: its file at the new ID
// is the same file, or at least half the same content (git's rule for a
// rename), as the file at the old ID.
type Rename struct{ From, To string }

// Log is one walk: every commit of the range and, among them, the steps.
// What needs the commits that changed nothing in the spec (a Reviewed:
// trailer in an empty commit) takes them from here rather than walking
// again.
type Log struct {
	Commits []*gitsrc.Commit // parents first, as Repo.Commits orders them
	Steps   []Step
}

// Walk returns the steps of the commits reachable from to and not from
// from (from nil: all of to's history), parents first: Read's steps.
func Walk(repo *gitsrc.Repo, cfg *config.Config, from, to *gitsrc.Commit) ([]Step, error) {
	l, err := Read(repo, cfg, from, to)
	if err != nil {
		return nil, err
	}
	return l.Steps, nil
}

// Read walks the commits reachable from to and not from from (from nil:
// all of to's history), parents first.
//
// A commit is compared with its parent. A merge is credited only with
// what differs from every one of its parents (what git's combined diff
// shows: a conflict resolved by hand); what it brings in from a branch
// was changed, and is reported, in that branch's commits.
func Read(repo *gitsrc.Repo, cfg *config.Config, from, to *gitsrc.Commit) (*Log, error) {
	cache := openCache(repo, cfg)
	l, err := read(repo, cfg, from, to, cache)
	if err == nil {
		cache.save()
	}
	return l, err
}

func read(repo *gitsrc.Repo, cfg *config.Config, from, to *gitsrc.Commit, cache *walkCache) (*Log, error) {
	commits, err := repo.Commits(from, to)
	if err != nil {
		return nil, err
	}
	pending, err := diffCommits(repo, cfg, commits, cache.ready())
	if err != nil {
		return nil, err
	}
	changes := make([][]gitsrc.FileChange, len(pending))
	for i, p := range pending {
		changes[i] = p.Changes
	}
	if err := parseBlobs(repo, cfg, changes, cache); err != nil {
		return nil, err
	}
	facts := cache.facts
	steps := make([]Step, 0, len(pending))
	for _, p := range pending {
		s := Step{Commit: p.commit, tree: p.Tree, parentTree: p.ParentTree}
		for _, ch := range p.Changes {
			d := Delta{Path: ch.Path, Before: facts[blobKey{ch.Old, ch.Path}], After: facts[blobKey{ch.New, ch.Path}], Old: ch.Old, New: ch.New}
			if d.Before != nil || d.After != nil {
				s.Deltas = append(s.Deltas, d)
			}
		}
		if len(s.Deltas) > 0 {
			steps = append(steps, s)
		}
	}
	keepUnreadable(steps)
	if err := addCodefiners(repo, cfg, steps, cache); err != nil {
		return nil, err
	}
	if err := findRenames(repo, steps, cache); err != nil {
		return nil, err
	}
	return &Log{Commits: commits, Steps: steps}, nil
}

// diffCommits compares every commit that cache does not know with its
// parents, in parallel; par.For hands each worker runs of consecutive
// commits, so a commit's trees are still in the tree cache when its child
// asks for them as its parent's.
func diffCommits(repo *gitsrc.Repo, cfg *config.Config, commits []*gitsrc.Commit, cache *walkCache) ([]pendingStep, error) {
	found := make([]commitDiff, len(commits))
	known := make([]bool, len(commits))
	var todo []int
	for i, c := range commits {
		if found[i], known[i] = cache.diffs[c.Hash]; !known[i] {
			todo = append(todo, i)
		}
	}
	err := par.For(len(todo), func(j int) (err error) {
		i := todo[j]
		found[i], err = diffCommit(repo, cfg, commits[i])
		return err
	})
	if err != nil {
		return nil, err
	}
	var out []pendingStep
	for i, d := range found {
		if !known[i] {
			cache.addDiff(commits[i].Hash, d)
		}
		if len(d.Changes) > 0 {
			out = append(out, pendingStep{commits[i], d})
		}
	}
	return out, nil
}

// pendingStep is a commit that changed spec files, before they are read.
type pendingStep struct {
	commit *gitsrc.Commit
	commitDiff
}

// diffCommit lists the candidate spec files c changed: none when its
// spec tree is unchanged.
func diffCommit(repo *gitsrc.Repo, cfg *config.Config, c *gitsrc.Commit) (commitDiff, error) {
	tree, err := repo.SpecTree(c)
	if err != nil {
		return commitDiff{}, err
	}
	parents, err := repo.Parents(c)
	if err != nil {
		return commitDiff{}, err
	}
	var changes []gitsrc.FileChange
	var parentTree gitsrc.Hash
	for i, p := range parents {
		h, err := repo.SpecTree(p)
		if err != nil {
			return commitDiff{}, err
		}
		if h == tree {
			return commitDiff{}, nil
		}
		if i == 0 {
			parentTree = h
		}
		vs, err := repo.Changes(h, tree)
		if err != nil {
			return commitDiff{}, err
		}
		if i == 0 {
			changes = vs
		} else {
			changes = inBoth(changes, vs)
		}
	}
	if len(parents) == 0 { // a root commit: everything is new
		if changes, err = repo.Changes(gitsrc.Hash{}, tree); err != nil {
			return commitDiff{}, err
		}
	}
	kept := changes[:0]
	for _, ch := range changes {
		if spec.Candidate(cfg, ch.Path) {
			kept = append(kept, ch)
		}
	}
	if len(kept) == 0 {
		return commitDiff{}, nil
	}
	return commitDiff{Tree: tree, ParentTree: parentTree, Changes: kept}, nil
}

// inBoth keeps the changes of a whose path b changed too.
func inBoth(a, b []gitsrc.FileChange) []gitsrc.FileChange {
	paths := make(map[string]bool, len(b))
	for _, ch := range b {
		paths[ch.Path] = true
	}
	return slices.DeleteFunc(a, func(ch gitsrc.FileChange) bool { return !paths[ch.Path] })
}

// blobKey names a parse: the same blob at another path may be of another
// kind, so the path is part of the key.
type blobKey struct {
	Hash gitsrc.Hash
	Path string
}

// parseBlobs reads and parses every distinct blob the changes mention
// that cache does not know, once each, in parallel (reading is serialized
// by the repository, parsing is not), and adds them to it. The cache's
// facts are then the facts of every blob the walk met: Read looks them up
// there, rather than copy 20,000 of them into a map of its own each run.
func parseBlobs(repo *gitsrc.Repo, cfg *config.Config, changes [][]gitsrc.FileChange, cache *walkCache) error {
	var todo []blobKey
	queued := map[blobKey]bool{}
	for _, cs := range changes {
		for _, ch := range cs {
			for _, k := range []blobKey{{ch.Old, ch.Path}, {ch.New, ch.Path}} {
				if _, known := cache.facts[k]; known || queued[k] || k.Hash.IsZero() {
					continue
				}
				queued[k] = true
				todo = append(todo, k)
			}
		}
	}
	facts := make([]*Facts, len(todo))
	err := par.For(len(todo), func(i int) (err error) {
		facts[i], err = parseBlob(repo, cfg, todo[i])
		return err
	})
	if err != nil {
		return err
	}
	for i, k := range todo {
		cache.addFacts(k, facts[i])
	}
	return nil
}

func parseBlob(repo *gitsrc.Repo, cfg *config.Config, k blobKey) (*Facts, error) {
	src, err := repo.SharedBlob(k.Hash) // parsed, not kept: facts copy what they hold
	var corrupt *gitsrc.CorruptError
	if errors.As(err, &corrupt) { // name the file too, as a loaded spec does
		return nil, &gitsrc.CorruptError{What: corrupt.What + " (" + k.Path + ")", Err: corrupt.Err}
	}
	if err != nil {
		return nil, err
	}
	f, ok := quickFacts(cfg, k.Path, src)
	if !ok {
		f = factsOf(spec.ParseFrontMatter(cfg, k.Path, src))
	}
	if f != nil && f.Kind == spec.KindRoadmap && f.Err == "" {
		f.Body = bodyHash(src)
	}
	return f, nil
}

// bodyHash hashes the markdown body of src (what follows the front
// matter) word by word, so that only a change of words changes it.
func bodyHash(src []byte) uint64 {
	parts, err := parse.Split(src)
	if err != nil {
		return 0
	}
	h := fnv.New64a()
	for _, w := range bytes.Fields(parts.Body) {
		h.Write(w)
		h.Write([]byte{' '})
	}
	return h.Sum64()
}

func factsOf(f *spec.File) *Facts {
	switch {
	case f == nil:
		return nil
	case f.Story != nil:
		return &Facts{Kind: spec.KindStory, ID: f.Story.ID, Title: f.Story.Title, Status: f.Story.Status, Roadmap: f.Story.Roadmap.ID}
	case f.Item != nil:
		var goals []string // nil for none, as the walk cache (gob) gives it back
		for _, g := range f.Item.Goals {
			goals = append(goals, g.ID)
		}
		return &Facts{Kind: spec.KindRoadmap, ID: f.Item.ID, Title: f.Item.Title, Status: f.Item.Status, Horizon: f.Item.Horizon, Goals: goals}
	case f.Vision != nil:
		var goals []GoalFacts
		for _, g := range f.Vision.Goals {
			goals = append(goals, GoalFacts{g.ID, g.Title})
		}
		return &Facts{Kind: spec.KindVision, Title: f.Vision.Title, VisionGoals: goals}
	}
	return &Facts{Kind: f.Kind, Err: f.Why()} // a spec file too broken to decode
}
