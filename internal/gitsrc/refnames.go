package gitsrc

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// RefName is a branch or tag as a revision names it, for completion and
// "did you mean": listing names reads no object, unlike Tips.
type RefName struct {
	Name string // "main", "v1.0.0", "origin/main"
	Kind string // "branch", "tag" or "remote branch"
}

// RefNames lists the branches, tags and remote-tracking branches, in that
// order, each sorted by name (go-git's iteration order is not stable).
func (r *Repo) RefNames() ([]RefName, error) {
	var out []RefName
	err := r.with(func(g *git.Repository) error {
		var err error
		out, err = refNames(g)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list refs: %w", err)
	}
	return out, nil
}

func refNames(g *git.Repository) ([]RefName, error) {
	var out []RefName
	iter, err := g.References()
	if err != nil {
		return nil, err
	}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		n := ref.Name()
		switch {
		case n.IsBranch():
			out = append(out, RefName{n.Short(), "branch"})
		case n.IsTag():
			out = append(out, RefName{n.Short(), "tag"})
		case n.IsRemote() && ref.Type() == plumbing.HashReference: // not origin/HEAD
			out = append(out, RefName{n.Short(), "remote branch"})
		}
		return nil
	})
	order := map[string]int{"branch": 0, "tag": 1, "remote branch": 2}
	slices.SortFunc(out, func(a, b RefName) int {
		return cmp.Or(cmp.Compare(order[a.Kind], order[b.Kind]), cmp.Compare(a.Name, b.Name))
	})
	return out, err
}
