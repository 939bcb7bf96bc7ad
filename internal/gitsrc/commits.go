package gitsrc

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Commit is a commit with what history and reports show of it.
type Commit struct {
	Hash      Hash
	Tree      Hash // the root tree
	Parents   []Hash
	Author    Signature
	Committer Signature
	Message   string
	Rev       string // as the user wrote it; the short hash for a commit the walk found
}

// Signature is who made a commit and when.
type Signature struct {
	Name, Email string
	When        time.Time
}

// Short is the commit's abbreviated hash.
func (c *Commit) Short() string { return c.Hash.Short() }

// Subject is the first line of the commit's message.
func (c *Commit) Subject() string {
	subject, _, _ := strings.Cut(strings.TrimSpace(c.Message), "\n")
	return strings.TrimSpace(subject)
}

// newCommit copies what prodspec uses of a go-git commit.
func newCommit(c *object.Commit, rev string) *Commit {
	parents := make([]Hash, len(c.ParentHashes))
	for i, p := range c.ParentHashes {
		parents[i] = Hash(p)
	}
	return &Commit{
		Hash: Hash(c.Hash), Tree: Hash(c.TreeHash), Parents: parents,
		Author:    Signature{Name: c.Author.Name, Email: c.Author.Email, When: c.Author.When},
		Committer: Signature{Name: c.Committer.Name, Email: c.Committer.Email, When: c.Committer.When},
		Message:   c.Message,
		Rev:       rev,
	}
}

// readCommit reads a commit the walk found, named by its short hash:
// from the commits cache, else from the packs when it is there (go-git
// would inflate it again through its own reader, a sixth of a warm
// history walk), else through g.
func (r *Repo) readCommit(g *git.Repository, h Hash) (*Commit, error) {
	typ, data, err := r.rawObject(g, h)
	if err != nil {
		return nil, err
	}
	if typ != plumbing.CommitObject {
		return nil, plumbing.ErrObjectNotFound // as go-git answers
	}
	r.keepCommit(h, data)
	return decodeCommit(h, data)
}

// rawObject is the type and content of the object h: from the commits
// cache, else the packs when one holds it (so that resolving HEAD does
// not make go-git load its own copy of the pack index), else through g.
func (r *Repo) rawObject(g *git.Repository, h Hash) (plumbing.ObjectType, []byte, error) {
	if raw, ok := r.cachedCommit(h); ok {
		return plumbing.CommitObject, []byte(raw), nil
	}
	ps, err := r.packs()
	if err != nil {
		return 0, nil, err
	}
	if ps != nil {
		typ, data, ok, err := ps.read(h)
		var corrupt *CorruptError
		switch {
		case errors.As(err, &corrupt):
			return 0, nil, &CorruptError{What: "object " + h.Short() + ", " + corrupt.What, Err: corrupt.Err}
		case err != nil && !errors.Is(err, plumbing.ErrObjectNotFound):
			return 0, nil, err
		case ok && err == nil:
			return typ, data, nil
		}
	}
	return goGitObject(g, plumbing.AnyObject, h)
}

func memoryObject(typ plumbing.ObjectType, data []byte) *plumbing.MemoryObject {
	obj := &plumbing.MemoryObject{}
	obj.SetType(typ)
	obj.Write(data)
	return obj
}

// decodeCommit decodes a raw commit as go-git does: most by quickCommit.
func decodeCommit(h Hash, data []byte) (*Commit, error) {
	if c, ok := quickCommit(h, data); ok {
		return c, nil
	}
	var c object.Commit
	if err := c.Decode(memoryObject(plumbing.CommitObject, data)); err != nil {
		return nil, &CorruptError{What: "commit " + h.Short(), Err: err}
	}
	c.Hash = plumbing.Hash(h)
	return newCommit(&c, h.Short()), nil
}

// Commits returns the commits reachable from to and not from from (all
// of to's history when from is nil), parents before children; commits
// that could go either way are ordered by committer time, then hash, so
// the order is the same on every machine. Reaching the edge of a shallow
// clone is a ShallowError.
func (r *Repo) Commits(from, to *Commit) ([]*Commit, error) {
	var seen map[Hash]*Commit
	err := r.with(func(g *git.Repository) error {
		var hidden map[Hash]*Commit
		var err error
		if from != nil {
			if hidden, err = r.ancestors(g, from, nil, false); err != nil {
				return err
			}
		}
		seen, err = r.ancestors(g, to, hidden, true)
		return err
	})
	r.saveCommits()
	if err != nil {
		return nil, err
	}
	return topoOrder(seen), nil
}

// ancestors collects c and every commit reachable from it, stopping at
// the commits in stop, each named by its short hash. At the edge of a
// shallow clone it stops too, or with strict fails: the commits it needs
// are not there.
func (r *Repo) ancestors(g *git.Repository, c *Commit, stop map[Hash]*Commit, strict bool) (map[Hash]*Commit, error) {
	first := *c
	first.Rev = c.Short()
	seen := map[Hash]*Commit{}
	queue := []*Commit{&first}
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
			return nil, &ShallowError{What: "history before commit " + c.Short() + " is missing"}
		}
		for _, h := range c.Parents {
			if _, ok := stop[h]; ok {
				continue
			}
			p, err := r.readCommit(g, h)
			if err != nil {
				return nil, r.missing(err, "commit "+h.Short())
			}
			queue = append(queue, p)
		}
	}
	return seen, nil
}

// topoOrder sorts commits parents first (Kahn's algorithm), taking the
// oldest ready commit each time.
func topoOrder(set map[Hash]*Commit) []*Commit {
	children := map[Hash][]*Commit{}
	waiting := map[Hash]int{}
	var ready []*Commit
	for _, c := range set {
		n := 0
		for _, p := range c.Parents {
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
		slices.SortFunc(ready, func(a, b *Commit) int { return -compareCommits(a, b) })
		c := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		out = append(out, c)
		for _, ch := range children[c.Hash] {
			if waiting[ch.Hash]--; waiting[ch.Hash] == 0 {
				ready = append(ready, ch)
			}
		}
	}
	return out
}

// compareCommits orders commits by committer time, then hash (bytes
// order as hex digits do).
func compareCommits(a, b *Commit) int {
	return cmp.Or(a.Committer.When.Compare(b.Committer.When), bytes.Compare(a.Hash[:], b.Hash[:]))
}

// Parents are c's parents in order.
func (r *Repo) Parents(c *Commit) ([]*Commit, error) {
	var out []*Commit
	err := r.with(func(g *git.Repository) error {
		for _, h := range c.Parents {
			p, err := r.readCommit(g, h)
			if err != nil {
				return r.missing(err, "parent of "+c.Short())
			}
			out = append(out, p)
		}
		return nil
	})
	return out, err
}
