package gitsrc

import (
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/prodspec/prodspec/internal/names"
)

// Resolve finds the commit a revision names, as git resolves it: a
// branch, a lightweight or annotated tag, a remote branch, HEAD (or @),
// a full or short hash, followed by any of ~N, ^N and ^{commit}. A name
// is sought among refs first and as a short hash only then, as git does
// (git also warns when both exist; a full 40-digit hash is always the
// object). Something found that is not a commit (HEAD^{tree}, a tag of
// a blob) is an UnknownRevError saying what it is; a short hash that
// several objects start with names the one commit or tag among them, as
// for git log, else it is ambiguous; an object found and unreadable is a
// CorruptError, never "unknown".
func (r *Repo) Resolve(rev string) (*Commit, error) {
	switch {
	case strings.Contains(rev, ":"): // HEAD:path, :path
		return nil, &UnknownRevError{Rev: rev, NotCommit: "file or directory"}
	case strings.Contains(rev, "@{"): // go-git parses these and ignores them
		return nil, &UnknownRevError{Rev: rev, Unsupported: "reflog and upstream revisions (@{...})"}
	}
	base, steps, ok := splitRev(rev)
	if !ok {
		return r.resolveGoGit(rev)
	}
	var c *Commit
	err := r.with(func(g *git.Repository) error {
		h, err := r.resolveName(g, rev, base)
		if err != nil {
			return err
		}
		obj, err := r.peel(g, rev, h)
		if errors.Is(err, plumbing.ErrObjectNotFound) && strings.EqualFold(h.String(), base) && !r.Shallow() {
			return &UnknownRevError{Rev: rev} // a full hash of no object, as git's "bad object"
		}
		if err != nil {
			return err
		}
		for _, s := range steps {
			if s.typ != "" {
				if s.typ != "commit" {
					return &UnknownRevError{Rev: rev, NotCommit: s.typ}
				}
				continue
			}
			for range s.times {
				if s.nth > len(obj.ParentHashes) {
					return &UnknownRevError{Rev: rev}
				}
				p := obj.ParentHashes[max(s.nth, 1)-1]
				if obj, err = g.CommitObject(p); err != nil {
					return r.readErr(err, "commit "+Hash(p).Short(), rev)
				}
			}
		}
		c = newCommit(obj, rev)
		return nil
	})
	return c, err
}

// revStep is one suffix of a revision: ~N (times N, nth 1), ^N (times
// 1, nth N; ^0 is the commit itself) or ^{type} (typ).
type revStep struct {
	times, nth int
	typ        string
}

// splitRev splits a revision into its name and suffixes; ok is false for
// what only go-git's parser knows (^{/text}).
func splitRev(rev string) (base string, steps []revStep, ok bool) {
	if strings.Contains(rev, "^{/") {
		return "", nil, false
	}
	i := strings.IndexAny(rev, "~^")
	if i < 0 {
		i = len(rev)
	}
	base, rest := rev[:i], rev[i:]
	for rest != "" {
		op := rest[0]
		rest = rest[1:]
		if op == '^' && strings.HasPrefix(rest, "{") {
			typ, after, found := strings.Cut(rest[1:], "}")
			if !found {
				return "", nil, false
			}
			if typ == "" {
				typ = "commit" // ^{} peels tags, which peel does anyway
			}
			steps = append(steps, revStep{typ: typ})
			rest = after
			continue
		}
		j := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
		if j < 0 {
			j = len(rest)
		}
		n := 1
		if j > 0 {
			var err error
			if n, err = strconv.Atoi(rest[:j]); err != nil {
				return "", nil, false
			}
		}
		rest = rest[j:]
		if op == '~' {
			steps = append(steps, revStep{times: n, nth: 1})
		} else {
			steps = append(steps, revStep{times: 1, nth: n})
		}
	}
	for i, s := range steps { // ^0 is the commit itself
		if s.typ == "" && s.nth == 0 {
			steps[i].times = 0
		}
	}
	return base, steps, true
}

// resolveName finds the object a name (a revision without suffixes)
// names: a full hash, else a ref by git's rules, else a short hash.
func (r *Repo) resolveName(g *git.Repository, rev, name string) (plumbing.Hash, error) {
	if name == "" || name == "@" {
		name = "HEAD"
	}
	if len(name) == 2*len(plumbing.ZeroHash) && isHex(strings.ToLower(name)) {
		return plumbing.NewHash(name), nil
	}
	for _, rule := range plumbing.RefRevParseRules {
		ref, err := storer.ResolveReference(g.Storer, plumbing.ReferenceName(fmt.Sprintf(rule, name)))
		if err == nil {
			return ref.Hash(), nil
		}
	}
	if _, err := g.Head(); errors.Is(err, plumbing.ErrReferenceNotFound) {
		return plumbing.ZeroHash, &UnknownRevError{Rev: rev, Empty: true}
	}
	if short := strings.ToLower(name); len(short) >= 4 && isHex(short) { // git takes A-F too
		hs, err := hashesWithPrefix(g, short)
		if err != nil {
			return plumbing.ZeroHash, r.readErr(err, "objects named "+name, rev)
		}
		if len(hs) > 1 { // as git log does: a revision wants a commit
			var commits []plumbing.Hash
			for _, h := range hs {
				obj, err := g.Storer.EncodedObject(plumbing.AnyObject, h)
				if err != nil {
					return plumbing.ZeroHash, r.readErr(err, "object "+Hash(h).Short(), rev)
				}
				if t := obj.Type(); t == plumbing.CommitObject || t == plumbing.TagObject {
					commits = append(commits, h)
				}
			}
			if len(commits) > 0 {
				hs = commits
			}
		}
		switch len(hs) {
		case 1:
			return hs[0], nil
		case 0:
		default:
			return plumbing.ZeroHash, &UnknownRevError{Rev: rev, Ambiguous: len(hs)}
		}
	}
	if r.Shallow() {
		return plumbing.ZeroHash, &ShallowError{What: fmt.Sprintf("revision %q not found", rev)}
	}
	return plumbing.ZeroHash, &UnknownRevError{Rev: rev, Suggest: closestRef(g, name)}
}

// closestRef is a "did you mean" for a name that is no ref: the closest
// branch or tag name, "" when none is close or they cannot be listed.
func closestRef(g *git.Repository, name string) string {
	refs, err := refNames(g)
	if err != nil {
		return ""
	}
	all := make([]string, len(refs))
	for i, ref := range refs {
		all[i] = ref.Name
	}
	return names.DidYouMean(name, all)
}

// hashesWithPrefix lists the objects whose hash starts with the hex
// digits prefix.
func hashesWithPrefix(g *git.Repository, prefix string) ([]plumbing.Hash, error) {
	fast, ok := g.Storer.(interface {
		HashesWithPrefix([]byte) ([]plumbing.Hash, error)
	})
	if !ok {
		return nil, fmt.Errorf("storage %T cannot look up short hashes", g.Storer)
	}
	b, err := hex.DecodeString(prefix[:len(prefix)&^1])
	if err != nil {
		return nil, err
	}
	hs, err := fast.HashesWithPrefix(b)
	return slices.DeleteFunc(hs, func(h plumbing.Hash) bool { return !strings.HasPrefix(h.String(), prefix) }), err
}

func isHex(s string) bool {
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// peel reads the object h, following annotated tags, to a commit.
func (r *Repo) peel(g *git.Repository, rev string, h plumbing.Hash) (*object.Commit, error) {
	for range 10 {
		typ, data, err := r.rawObject(g, Hash(h))
		if err != nil {
			return nil, r.readErr(err, "object "+Hash(h).Short(), rev)
		}
		obj := memoryObject(typ, data)
		switch obj.Type() {
		case plumbing.CommitObject:
			c, err := object.DecodeCommit(g.Storer, obj)
			if err != nil {
				return nil, r.readErr(err, "commit "+Hash(h).Short(), rev)
			}
			r.keepCommit(Hash(h), data) // the next run resolves HEAD without opening a pack
			return c, nil
		case plumbing.TagObject:
			t, err := object.DecodeTag(g.Storer, obj)
			if err != nil {
				return nil, r.readErr(err, "tag "+Hash(h).Short(), rev)
			}
			h = t.Target
		default:
			return nil, &UnknownRevError{Rev: rev, NotCommit: obj.Type().String()}
		}
	}
	return nil, &UnknownRevError{Rev: rev, NotCommit: "tag of a tag of a tag"}
}

// resolveGoGit resolves what only go-git's parser knows (HEAD^{/fix}).
func (r *Repo) resolveGoGit(rev string) (*Commit, error) {
	var c *Commit
	err := r.with(func(g *git.Repository) error {
		h, err := g.ResolveRevision(plumbing.Revision(rev))
		if err != nil {
			if r.Shallow() {
				return &ShallowError{What: fmt.Sprintf("revision %q not found", rev)}
			}
			return &UnknownRevError{Rev: rev}
		}
		c, err = r.readCommit(g, Hash(*h))
		if err != nil {
			return r.readErr(err, "commit "+Hash(*h).Short(), rev)
		}
		c.Rev = rev
		return nil
	})
	return c, err
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
		if from, err = r.MergeBase(from, to); err != nil {
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

// ErrNoMergeBase is two commits of unrelated histories.
var ErrNoMergeBase = errors.New("no common ancestor")

// MergeBase is the best common ancestor of a and b, as git merge-base
// finds it; named "abc1234 (merge base of A and B)".
func (r *Repo) MergeBase(a, b *Commit) (*Commit, error) {
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
		return nil, r.missing(err, "history of "+a.Rev+" and "+b.Rev+" for their merge base")
	}
	if len(bases) == 0 {
		return nil, fmt.Errorf("%s and %s have %w", a.Rev, b.Rev, ErrNoMergeBase)
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
