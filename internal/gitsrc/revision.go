package gitsrc

import (
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Resolve finds the commit a revision names: a branch, a lightweight or
// annotated tag, HEAD~N, or a short or full hash.
func (r *Repo) Resolve(rev string) (*Commit, error) {
	var c *Commit
	empty := false
	err := r.with(func(g *git.Repository) error {
		h, err := g.ResolveRevision(plumbing.Revision(rev))
		if err == nil {
			c, err = readCommit(g, Hash(*h))
		}
		if err != nil {
			_, headErr := g.Head()
			empty = errors.Is(headErr, plumbing.ErrReferenceNotFound)
		}
		return err
	})
	if err == nil {
		c.Rev = rev
		return c, nil
	}
	if empty {
		return nil, &UnknownRevError{Rev: rev, Empty: true}
	}
	if r.Shallow() {
		return nil, &ShallowError{What: fmt.Sprintf("revision %q not found", rev)}
	}
	return nil, &UnknownRevError{Rev: rev}
}

// Range resolves "A..B" (commits reachable from B and not from A),
// "A...B" (the same from the merge base of A and B) or a lone "A", whose
// end is defaultTo (nil To when defaultTo is "": the work tree).
func (r *Repo) Range(arg, defaultTo string) (from, to *Commit, err error) {
	a, b, sym := splitRange(arg)
	if a == "" {
		return nil, nil, &UnknownRevError{Rev: arg}
	}
	switch {
	case b == "" && sym: // A... is A...HEAD, as git reads it
		b = "HEAD"
	case b == "":
		b = defaultTo
	}
	if from, err = r.Resolve(a); err != nil {
		return nil, nil, err
	}
	if b != "" {
		if to, err = r.Resolve(b); err != nil {
			return nil, nil, err
		}
	}
	if sym {
		if from, err = r.mergeBase(from, to); err != nil {
			return nil, nil, err
		}
	}
	return from, to, nil
}

// splitRange splits A..B and A...B; sym is true for the three dots.
func splitRange(arg string) (a, b string, sym bool) {
	if a, b, ok := strings.Cut(arg, "..."); ok {
		return a, b, true
	}
	a, b, _ = strings.Cut(arg, "..")
	return a, b, false
}

func (r *Repo) mergeBase(a, b *Commit) (*Commit, error) {
	var bases []*object.Commit
	err := r.with(func(g *git.Repository) error {
		// The commits are read again with this handle: MergeBase walks
		// through the storage an object was read from.
		ca, err := g.CommitObject(plumbing.Hash(a.Hash))
		if err != nil {
			return err
		}
		cb, err := g.CommitObject(plumbing.Hash(b.Hash))
		if err != nil {
			return err
		}
		bases, err = ca.MergeBase(cb)
		return err
	})
	if err != nil {
		if r.Shallow() {
			return nil, &ShallowError{What: "merge base of " + a.Rev + " and " + b.Rev}
		}
		return nil, err
	}
	if len(bases) == 0 {
		return nil, fmt.Errorf("%s and %s have no common ancestor", a.Rev, b.Rev)
	}
	// Several bases are possible after criss-cross merges; take the
	// smallest hash so the answer does not depend on go-git's order.
	best := bases[0]
	for _, c := range bases[1:] {
		if c.Hash.String() < best.Hash.String() {
			best = c
		}
	}
	rev := fmt.Sprintf("%s (merge base of %s and %s)", Hash(best.Hash).Short(), a.Rev, b.Rev)
	return newCommit(best, rev), nil
}
