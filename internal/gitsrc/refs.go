package gitsrc

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// Tip is a commit a ref points at.
type Tip struct {
	Ref    string // "HEAD", "refs/heads/main", "refs/remotes/origin/x", "refs/tags/v1"
	Commit *Commit
}

// Tips lists HEAD and every local branch, remote-tracking branch and tag
// with the commit it points at (annotated tags peeled), in ref name
// order with HEAD first. Refs of other objects and refs past the edge of
// a shallow clone are left out: neither has a spec to read.
func (r *Repo) Tips() ([]Tip, error) {
	var out []Tip
	err := r.with(func(g *git.Repository) error {
		if head, err := g.Head(); err == nil {
			c, err := r.peel(g, "HEAD", head.Hash())
			if err != nil {
				return err
			}
			out = append(out, Tip{"HEAD", newCommit(c, "HEAD")})
		} else if !errors.Is(err, plumbing.ErrReferenceNotFound) {
			return err
		}
		iter, err := g.References()
		if err != nil {
			return err
		}
		return iter.ForEach(func(ref *plumbing.Reference) error {
			name := ref.Name()
			if ref.Type() != plumbing.HashReference || !(name.IsBranch() || name.IsRemote() || name.IsTag()) {
				return nil
			}
			c, err := r.peel(g, name.Short(), ref.Hash())
			var (
				notCommit *UnknownRevError
				shallow   *ShallowError
			)
			switch {
			case errors.As(err, &notCommit), errors.As(err, &shallow):
				return nil
			case err != nil:
				return err
			}
			out = append(out, Tip{name.String(), newCommit(c, name.Short())})
			return nil
		})
	})
	var corrupt *CorruptError
	if errors.As(err, &corrupt) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("list refs: %w", err)
	}
	slices.SortStableFunc(out[min(1, len(out)):], func(a, b Tip) int { return strings.Compare(a.Ref, b.Ref) })
	return out, nil
}

// Reachable returns every commit reachable from any of tips, parents
// before children, in the order Commits gives. At the edge of a shallow
// clone it stops without an error: the caller asks Shallow.
func (r *Repo) Reachable(tips []Tip) ([]*Commit, error) {
	seen := map[Hash]*Commit{}
	err := r.with(func(g *git.Repository) error {
		for _, t := range tips {
			if _, ok := seen[t.Commit.Hash]; ok {
				continue
			}
			more, err := r.ancestors(g, t.Commit, seen, false)
			if err != nil {
				return err
			}
			for h, c := range more {
				seen[h] = c
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return topoOrder(seen), nil
}
