package cli

import (
	"cmp"
	"errors"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

// idCollisions finds the IDs that this branch (the spec s linted: the
// work tree, or --at) and --base both added since the merge base of
// HEAD (or --at) and --base, for different stories or roadmap items:
// the pull request learns of the collision before the merge does.
// atRef is the spec at --base, ref its commit.
func idCollisions(opts *lintOptions, src *source.Source, s *spec.Spec, ref *gitsrc.Commit, atRef *spec.Spec) ([]lint.Collision, error) {
	head, err := src.Resolve(cmp.Or(opts.At, "HEAD"))
	if err != nil {
		return nil, err
	}
	repo, err := src.Repo()
	if err != nil {
		return nil, err
	}
	base, err := repo.MergeBase(head, ref)
	switch {
	case errors.Is(err, gitsrc.ErrNoMergeBase):
		return nil, nil // unrelated histories share no IDs to take
	case err != nil:
		return nil, err
	case base.Hash == ref.Hash:
		return nil, nil // --base is behind this branch: it added nothing since
	}
	atBase, err := src.FrontMatterAt(base)
	if err != nil {
		return nil, err
	}
	return history.Collisions(repo, s, atBase, atRef, base, ref, opts.Base)
}
