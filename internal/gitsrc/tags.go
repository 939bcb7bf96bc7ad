package gitsrc

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// LatestTag is the greatest tag, in semantic-version order, whose commit
// is reachable from c. Tags that are not versions rank below every
// version, newest commit first, then by name. It returns "" when no tag
// is reachable.
func (r *Repo) LatestTag(c *Commit) (string, error) {
	return r.latestTag(c, func(tagCommit) bool { return true })
}

// PreviousVersion is the greatest version tag reachable from c that is a
// lower version than tag: the release before tag. It returns "" when
// there is none.
func (r *Repo) PreviousVersion(c *Commit, tag string) (string, error) {
	v, ok := parseVersion(tag)
	if !ok {
		return "", nil
	}
	return r.latestTag(c, func(t tagCommit) bool {
		tv, ok := parseVersion(t.name)
		return ok && compareVersions(tv, v) < 0
	})
}

// VersionAt is the greatest version tag that points at c itself, "" when
// none does: HEAD on a release.
func (r *Repo) VersionAt(c *Commit) (string, error) {
	tags, err := r.tagCommits()
	if err != nil {
		return "", err
	}
	best := ""
	for _, t := range tags {
		_, isVersion := parseVersion(t.name)
		if isVersion && t.commit.Hash == c.Hash && (best == "" || compareTags(t, tagCommit{name: best, commit: c}) > 0) {
			best = t.name
		}
	}
	return best, nil
}

func (r *Repo) latestTag(c *Commit, keep func(tagCommit) bool) (string, error) {
	tags, err := r.tagCommits()
	if err != nil {
		return "", err
	}
	if len(tags) == 0 {
		if r.Shallow() {
			return "", &ShallowError{What: "no tags"}
		}
		return "", nil
	}
	var reach map[Hash]*Commit
	err = r.with(func(g *git.Repository) error {
		reach, err = r.ancestors(g, c, nil, false)
		return err
	})
	if err != nil {
		return "", err
	}
	var cands []tagCommit
	for _, t := range tags {
		if _, ok := reach[t.commit.Hash]; ok && keep(t) {
			cands = append(cands, t)
		}
	}
	if len(cands) == 0 {
		if r.Shallow() {
			return "", &ShallowError{What: "no tag reachable from " + c.Rev}
		}
		return "", nil
	}
	return slices.MaxFunc(cands, compareTags).name, nil
}

type tagCommit struct {
	name   string
	commit *Commit
}

// tagCommits lists every tag with the commit it points at, annotated
// tags peeled. Tags of other objects (a tree, a blob) are left out.
func (r *Repo) tagCommits() ([]tagCommit, error) {
	var out []tagCommit
	err := r.with(func(g *git.Repository) error {
		iter, err := g.Tags()
		if err != nil {
			return err
		}
		return iter.ForEach(func(ref *plumbing.Reference) error {
			name := ref.Name().Short()
			c, err := r.peel(g, name, ref.Hash())
			var (
				notCommit *UnknownRevError
				shallow   *ShallowError
			)
			switch {
			case errors.As(err, &notCommit): // a tag of a tree or a blob
				return nil
			case errors.As(err, &shallow): // before the cut: as if absent, as its history is
				return nil
			case err != nil: // a damaged tag is not a missing one
				return err
			}
			out = append(out, tagCommit{name, newCommit(c, "")})
			return nil
		})
	})
	var corrupt *CorruptError
	if errors.As(err, &corrupt) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	return out, nil
}

func compareTags(a, b tagCommit) int {
	va, aok := parseVersion(a.name)
	vb, bok := parseVersion(b.name)
	switch {
	case aok && bok:
		return cmp.Or(compareVersions(va, vb), strings.Compare(a.name, b.name))
	case aok:
		return 1
	case bok:
		return -1
	}
	return cmp.Or(a.commit.Committer.When.Compare(b.commit.Committer.When), strings.Compare(b.name, a.name))
}

// version is a semantic version: v1.2.3-rc.1+build (the "v" optional,
// build metadata ignored, as semver says).
type version struct {
	core [3]int
	pre  []string
}

func parseVersion(s string) (version, bool) {
	s = strings.TrimPrefix(s, "v")
	s, _, _ = strings.Cut(s, "+")
	s, pre, hasPre := strings.Cut(s, "-")
	parts := strings.Split(s, ".")
	var v version
	if len(parts) != 3 {
		return v, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || p != strconv.Itoa(n) {
			return v, false
		}
		v.core[i] = n
	}
	if hasPre {
		v.pre = strings.Split(pre, ".")
	}
	return v, true
}

// compareVersions follows semver precedence: a pre-release ranks below
// its release; pre-release fields compare numerically when numeric.
func compareVersions(a, b version) int {
	if c := slices.Compare(a.core[:], b.core[:]); c != 0 {
		return c
	}
	switch {
	case a.pre == nil && b.pre == nil:
		return 0
	case a.pre == nil:
		return 1
	case b.pre == nil:
		return -1
	}
	for i := 0; i < len(a.pre) && i < len(b.pre); i++ {
		if c := comparePre(a.pre[i], b.pre[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a.pre), len(b.pre))
}

func comparePre(a, b string) int {
	na, errA := strconv.Atoi(a)
	nb, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return cmp.Compare(na, nb)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return strings.Compare(a, b)
}
