package gitsrc

import (
	"cmp"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Commit is a resolved commit with what reports show of it.
type Commit struct {
	*object.Commit
	Rev string // as the user wrote it
}

// Short is the commit's abbreviated hash.
func (c *Commit) Short() string { return short(c.Hash) }

// short abbreviates a hash as git does by default.
func short(h plumbing.Hash) string { return h.String()[:7] }

// commit wraps a commit the walk found, named by its short hash.
func commit(c *object.Commit) *Commit { return &Commit{Commit: c, Rev: short(c.Hash)} }

// Commits returns the commits reachable from to and not from from (all
// of to's history when from is nil), parents before children; commits
// that could go either way are ordered by committer time, then hash, so
// the order is the same on every machine. Reaching the edge of a shallow
// clone is a ShallowError.
func (r *Repo) Commits(from, to *Commit) ([]*Commit, error) {
	var seen map[plumbing.Hash]*object.Commit
	err := r.with(func(g *git.Repository) error {
		var hidden map[plumbing.Hash]*object.Commit
		var err error
		if from != nil {
			if hidden, err = r.ancestors(g, from.Commit, nil, false); err != nil {
				return err
			}
		}
		seen, err = r.ancestors(g, to.Commit, hidden, true)
		return err
	})
	if err != nil {
		return nil, err
	}
	return topoOrder(seen), nil
}

// ancestors collects c and every commit reachable from it, stopping at
// the commits in stop. At the edge of a shallow clone it stops too, or
// with strict fails: the commits it needs are not there.
func (r *Repo) ancestors(g *git.Repository, c *object.Commit, stop map[plumbing.Hash]*object.Commit, strict bool) (map[plumbing.Hash]*object.Commit, error) {
	seen := map[plumbing.Hash]*object.Commit{}
	queue := []*object.Commit{c}
	for len(queue) > 0 {
		c := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if _, ok := stop[c.Hash]; ok {
			continue
		}
		if _, ok := seen[c.Hash]; ok {
			continue
		}
		seen[c.Hash] = c
		if slices.Contains(r.shallow, c.Hash) {
			if !strict {
				continue
			}
			return nil, &ShallowError{What: "history before commit " + short(c.Hash) + " is missing"}
		}
		for _, h := range c.ParentHashes {
			if _, ok := stop[h]; ok {
				continue
			}
			p, err := g.CommitObject(h)
			if err != nil {
				return nil, r.missing(err, "commit "+short(h))
			}
			queue = append(queue, p)
		}
	}
	return seen, nil
}

// topoOrder sorts commits parents first (Kahn's algorithm), taking the
// oldest ready commit each time.
func topoOrder(set map[plumbing.Hash]*object.Commit) []*Commit {
	children := map[plumbing.Hash][]*object.Commit{}
	waiting := map[plumbing.Hash]int{}
	var ready []*object.Commit
	for _, c := range set {
		n := 0
		for _, p := range c.ParentHashes {
			if _, ok := set[p]; ok {
				n++
				children[p] = append(children[p], c)
			}
		}
		waiting[c.Hash] = n
		if n == 0 {
			ready = append(ready, c)
		}
	}
	out := make([]*Commit, 0, len(set))
	for len(ready) > 0 {
		// Newest last, so the oldest ready commit is popped from the end.
		slices.SortFunc(ready, func(a, b *object.Commit) int { return -compareCommits(a, b) })
		c := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		out = append(out, commit(c))
		for _, ch := range children[c.Hash] {
			if waiting[ch.Hash]--; waiting[ch.Hash] == 0 {
				ready = append(ready, ch)
			}
		}
	}
	return out
}

func compareCommits(a, b *object.Commit) int {
	return cmp.Or(a.Committer.When.Compare(b.Committer.When), strings.Compare(a.Hash.String(), b.Hash.String()))
}

// Parents are c's parents in order.
func (r *Repo) Parents(c *Commit) ([]*Commit, error) {
	var out []*Commit
	err := r.with(func(g *git.Repository) error {
		for _, h := range c.ParentHashes {
			p, err := g.CommitObject(h)
			if err != nil {
				return r.missing(err, "parent of "+c.Short())
			}
			out = append(out, commit(p))
		}
		return nil
	})
	return out, err
}
