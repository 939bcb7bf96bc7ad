package cli

import (
	"errors"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

// idCollisions finds the IDs that this branch (the spec s linted: the
// work tree, or --at, whose commit is head) and --base (ref, named
// refName, its spec atRef) both added since their merge base, for
// different stories or roadmap items: the pull request learns of the
// collision before the merge does.
func idCollisions(src *source.Source, repo *gitsrc.Repo, s *spec.Spec, head, ref *gitsrc.Commit, atRef *spec.Spec, refName string) ([]lint.Collision, error) {
	base, err := repo.MergeBase(head, ref)
	switch {
	case errors.Is(err, gitsrc.ErrNoMergeBase):
		return nil, nil // unrelated histories share no IDs to take
	case err != nil:
		return nil, err
	case base.Hash == ref.Hash:
		return nil, nil // --base is behind this branch: it added nothing since
	}
	atBase := func() (*spec.Spec, error) { return src.FrontMatterAt(base) }
	return history.Collisions(repo, s, atRef, base, ref, refName, atBase)
}
