package gitsrc

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/prodspec/prodspec/internal/gittest"
)

// TestRopesDiffAsGoGit walks a generated history whose stories sit in
// one directory big enough to be read as ropes: every tree's rope holds
// go-git's bytes, and Changes between each commit and its parent lists
// what go-git's trees, decoded whole, differ in.
func TestRopesDiffAsGoGit(t *testing.T) {
	dir := t.TempDir()
	info, err := gittest.Generate(dir, gittest.GenConfig{Stories: 400, Commits: 60})
	must(t, err)
	g, err := git.PlainOpen(dir)
	must(t, err)
	repo, err := Open(filepath.Join(dir, info.Prefix))
	must(t, err)
	defer repo.Close()

	iter, err := g.TreeObjects()
	must(t, err)
	trees, spanned := 0, 0
	must(t, iter.ForEach(func(tr *object.Tree) error {
		rp, err := repo.treeRope(Hash(tr.Hash))
		must(t, err)
		want, err := repo.readObject(plumbing.TreeObject, Hash(tr.Hash))
		must(t, err)
		if !bytes.Equal(rp.bytes(), want) {
			t.Errorf("tree %s: its rope's bytes differ from the tree's", tr.Hash)
		}
		trees++
		if len(rp.spans) > 1 {
			spanned++
		}
		return nil
	}))
	if spanned < 20 {
		t.Fatalf("%d of %d trees read as ropes of more than one span: the test reads too few", spanned, trees)
	}

	commits, err := g.Log(&git.LogOptions{})
	must(t, err)
	pairs := 0
	must(t, commits.ForEach(func(c *object.Commit) error {
		if c.NumParents() == 0 {
			return nil
		}
		p, err := c.Parent(0)
		must(t, err)
		a, b := specTree(t, p, info.Prefix), specTree(t, c, info.Prefix)
		got, err := repo.Changes(Hash(a.Hash), Hash(b.Hash))
		must(t, err)
		if want := decodedDiff(t, a, b); !slices.Equal(got, want) {
			t.Errorf("%s: Changes =\n%v\nwant\n%v", c.Hash, got, want)
		}
		pairs++
		return nil
	}))
	if pairs < 50 {
		t.Fatalf("%d commits compared", pairs)
	}
}

func specTree(t *testing.T, c *object.Commit, prefix string) *object.Tree {
	t.Helper()
	root, err := c.Tree()
	must(t, err)
	tr, err := root.Tree(prefix)
	must(t, err)
	return tr
}

// decodedDiff is Changes the slow way: every file of both trees, by path.
func decodedDiff(t *testing.T, a, b *object.Tree) []FileChange {
	t.Helper()
	files := func(tr *object.Tree) map[string]Hash {
		m := map[string]Hash{}
		must(t, tr.Files().ForEach(func(f *object.File) error {
			if f.Mode == filemode.Regular || f.Mode == filemode.Executable {
				m[f.Name] = Hash(f.Hash)
			}
			return nil
		}))
		return m
	}
	fa, fb := files(a), files(b)
	var out []FileChange
	for p, h := range fa {
		if fb[p] != h {
			out = append(out, FileChange{Path: p, Old: h, New: fb[p]})
		}
	}
	for p, h := range fb {
		if _, ok := fa[p]; !ok {
			out = append(out, FileChange{Path: p, New: h})
		}
	}
	slices.SortFunc(out, func(x, y FileChange) int { return strings.Compare(x.Path, y.Path) })
	return out
}

// FuzzRopePatch holds a rope rebuilt through two deltas to the bytes
// patchDelta rebuilds, and to its errors.
//
//	go test -run '^$' -fuzz FuzzRopePatch -fuzztime 1m ./internal/gitsrc
func FuzzRopePatch(f *testing.F) {
	base := []byte(strings.Repeat("0123456789abcdef", 8))
	// copy 16 at 1, insert "xyz", copy 16 at 16; then copy 10 at 3, insert "q"
	f.Add(base, []byte{128, 1, 35, 0x91, 1, 16, 3, 'x', 'y', 'z', 0x91, 16, 16}, []byte{35, 11, 0x91, 3, 10, 1, 'q'})
	f.Add(base, []byte{128, 1, 0}, []byte{})
	f.Fuzz(func(t *testing.T, base, d1, d2 []byte) {
		want, werr := patchDelta(base, d1)
		r, gerr := wholeRope(&tree{raw: base}).patch(d1)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("patchDelta: %v, rope: %v", werr, gerr)
		}
		if werr != nil {
			return
		}
		if got := r.bytes(); !bytes.Equal(got, want) {
			t.Fatalf("rope %q, patchDelta %q", got, want)
		}
		want, werr = patchDelta(want, d2)
		r, gerr = r.patch(d2)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("second delta: patchDelta: %v, rope: %v", werr, gerr)
		}
		if werr == nil && !bytes.Equal(r.bytes(), want) {
			t.Fatalf("second delta: rope %q, patchDelta %q", r.bytes(), want)
		}
	})
}

// FuzzDiffRopes compares two versions of a directory, each a rope that
// copies the entries it shares from one old version and holds the others
// in bytes of its own, cut into spans at random places (an entry may
// then run over several): diffRopes finds what a decoded diff finds.
//
//	go test -run '^$' -fuzz FuzzDiffRopes -fuzztime 1m ./internal/gitsrc
func FuzzDiffRopes(f *testing.F) {
	f.Add(uint64(1), uint8(40))
	f.Add(uint64(7), uint8(3))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		rng := rand.New(rand.NewPCG(seed, 1))
		old := randomDir(rng, int(n))
		oldTree := &tree{raw: encodeDir(old)}
		a, b := editDir(rng, old), editDir(rng, old)
		ra, rb := ropeOf(rng, a, old, oldTree), ropeOf(rng, b, old, oldTree)
		var got []string
		err := diffRopes(ra, rb, func(x, y treeEntry) error {
			got = append(got, fmt.Sprintf("%s %o %s > %s %o %s", x.name, x.mode, x.hash, y.name, y.mode, y.hash))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if want := entryDiff(a, b); !slices.Equal(got, want) {
			t.Fatalf("diffRopes =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// randomDir is n entries, files and directories, in git's order.
func randomDir(rng *rand.Rand, n int) []treeEntry {
	seen := map[string]bool{}
	var es []treeEntry
	for range n {
		e := treeEntry{name: fmt.Sprintf("S-%d%s", rng.IntN(3*n+1), []string{"", ".md", "-x", "/"}[rng.IntN(4)])}
		e.mode = filemode.Regular
		if strings.HasSuffix(e.name, "/") {
			e.name, e.mode = strings.TrimSuffix(e.name, "/"), filemode.Dir
		}
		if seen[e.name] {
			continue
		}
		seen[e.name] = true
		e.hash[rng.IntN(20)] = byte(rng.IntN(3)) // often equal hashes, and zero bytes in them
		es = append(es, e)
	}
	sortDir(es)
	return es
}

func sortDir(es []treeEntry) {
	slices.SortFunc(es, func(x, y treeEntry) int {
		return compareNames(x.name, x.mode == filemode.Dir, y.name, y.mode == filemode.Dir)
	})
}

// editDir changes, drops and adds entries of es.
func editDir(rng *rand.Rand, es []treeEntry) []treeEntry {
	var out []treeEntry
	for _, e := range es {
		switch rng.IntN(8) {
		case 0: // dropped
		case 1:
			e.hash[0]++
			out = append(out, e)
		default:
			out = append(out, e)
		}
	}
	seen := map[string]bool{}
	for _, e := range out {
		seen[e.name] = true
	}
	for _, e := range randomDir(rng, rng.IntN(4)) {
		if !seen[e.name] {
			out = append(out, e)
		}
	}
	sortDir(out)
	return out
}

func encodeDir(es []treeEntry) []byte {
	var b []byte
	for _, e := range es {
		b = append(b, fmt.Sprintf("%o %s\x00", e.mode, e.name)...)
		b = append(b, e.hash[:]...)
	}
	return b
}

// ropeOf is es as a rope whose entries found in old come from oldTree's
// bytes, the others from bytes of its own, cut at random places.
func ropeOf(rng *rand.Rand, es, old []treeEntry, oldTree *tree) *rope {
	at := map[string]int{} // an entry's encoding -> where old has it
	off := 0
	for _, e := range old {
		enc := string(encodeDir([]treeEntry{e}))
		at[enc] = off
		off += len(enc)
	}
	own := &tree{raw: encodeDir(es)}
	r := &rope{}
	pos := 0
	for _, e := range es {
		enc := encodeDir([]treeEntry{e})
		if o, ok := at[string(enc)]; ok && rng.IntN(4) > 0 {
			addCut(rng, r, oldTree, o, len(enc))
		} else {
			addCut(rng, r, own, pos, len(enc))
		}
		pos += len(enc)
	}
	return r
}

// addCut adds src.raw[off:off+n] to r, sometimes cut in two.
func addCut(rng *rand.Rand, r *rope, src *tree, off, n int) {
	if n > 1 && rng.IntN(5) == 0 {
		k := 1 + rng.IntN(n-1)
		r.spans = append(r.spans, span{src: src, off: off, n: k, at: r.size})
		r.size += k
		off, n = off+k, n-k
	}
	r.add(span{src: src, off: off, n: n})
}

// entryDiff is diffRopes the slow way, by name.
func entryDiff(a, b []treeEntry) []string {
	byName := map[string][2]treeEntry{}
	var names []treeEntry
	for side, es := range [][]treeEntry{a, b} {
		for _, e := range es {
			key := dirKey(e)
			p, seen := byName[key]
			p[side] = e
			byName[key] = p
			if !seen {
				names = append(names, e)
			}
		}
	}
	sortDir(names)
	var out []string
	for _, e := range names {
		key := dirKey(e)
		x, y := byName[key][0], byName[key][1]
		if x != y {
			out = append(out, fmt.Sprintf("%s %o %s > %s %o %s", x.name, x.mode, x.hash, y.name, y.mode, y.hash))
		}
	}
	return out
}

func dirKey(e treeEntry) string {
	if e.mode == filemode.Dir {
		return e.name + "/"
	}
	return e.name
}

// TestRopeCost: a tree rebuilt as bytes is cached at the cost of its
// bytes, not of the delta it came from, so that the cache's bound holds.
func TestRopeCost(t *testing.T) {
	r := packedRepo(t)
	ps, err := openPacks(filepath.Join(r.Dir, ".git"))
	must(t, err)
	defer ps.close()
	iter, err := r.Git.TreeObjects()
	must(t, err)
	checked := 0
	must(t, iter.ForEach(func(tr *object.Tree) error {
		i, off, ok := ps.where(Hash(tr.Hash))
		if !ok {
			return nil
		}
		_, rp, err := ps.ropeAt(i, off, 0)
		must(t, err)
		o, ok := ps.ropes.get(objectKey{i, off})
		if ok && len(rp.spans) == 1 && rp.spans[0].src.raw != nil && o.own < rp.size {
			t.Errorf("tree %s: %d bytes held, cached at %d", tr.Hash, rp.size, o.own)
		}
		checked++
		return nil
	}))
	if checked < 20 {
		t.Fatalf("%d trees checked", checked)
	}
}
