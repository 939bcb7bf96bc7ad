package gitsrc

import (
	"bytes"
	"errors"
	"io"
	"strconv"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// Walking history compares the spec tree of every commit with its
// parent's. go-git's Tree.Decode allocates every entry of a tree (10,000
// in a big stories directory) through a bufio.Reader; comparing the
// encoded bytes and decoding only the entries that differ is what git
// itself does, and is many times faster.

// rawTreeCacheSize bounds the trees kept; the walk goes parents first,
// so the trees of a commit are asked for again as its child's parent's.
const rawTreeCacheSize = 64

// rawTree returns a tree object's encoded entries, the zero hash's as
// empty. Cached trees are shared by every handle: they never change.
func (r *Repo) rawTree(h Hash) ([]byte, error) {
	if h.IsZero() {
		return nil, nil
	}
	r.mu.Lock()
	b, ok := r.trees.get(h)
	r.mu.Unlock()
	if ok {
		return b, nil
	}
	err := r.with(func(g *git.Repository) error {
		obj, err := g.Storer.EncodedObject(plumbing.TreeObject, plumbing.Hash(h))
		if err != nil {
			return err
		}
		rd, err := obj.Reader()
		if err != nil {
			return err
		}
		defer rd.Close()
		buf := bytes.NewBuffer(make([]byte, 0, obj.Size()))
		_, err = io.Copy(buf, rd)
		b = buf.Bytes()
		return err
	})
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.trees.put(h, b)
	r.mu.Unlock()
	return b, nil
}

// treeCache keeps recently used trees in two generations: when the
// current one is full it becomes the old one, and a tree found in the
// old one moves back. That is an LRU's effect without its bookkeeping.
type treeCache struct {
	cur, old map[Hash][]byte
}

// get finds a tree, moving one found in the old generation back.
func (c *treeCache) get(h Hash) ([]byte, bool) {
	if b, ok := c.cur[h]; ok {
		return b, true
	}
	b, ok := c.old[h]
	if ok {
		c.put(h, b)
	}
	return b, ok
}

func (c *treeCache) put(h Hash, b []byte) {
	if len(c.cur) >= rawTreeCacheSize/2 {
		c.old, c.cur = c.cur, nil
	}
	if c.cur == nil {
		c.cur = make(map[Hash][]byte, rawTreeCacheSize/2)
	}
	c.cur[h] = b
}

var errBadTree = errors.New("malformed tree object")

// rawEntryLen is the length of the first entry of raw ("MODE NAME\0"
// and a 20-byte hash), 0 when raw is empty or malformed.
func rawEntryLen(raw []byte) int {
	i := bytes.IndexByte(raw, 0)
	if i < 0 || len(raw) < i+1+20 {
		return 0
	}
	return i + 1 + 20
}

// treeEntry is one entry of a tree: a file, directory, symlink or
// submodule.
type treeEntry struct {
	name string
	mode filemode.FileMode
	hash Hash
}

// nextRaw decodes the first entry of raw and returns the rest.
func nextRaw(raw []byte) (treeEntry, []byte, error) {
	n := rawEntryLen(raw)
	sp := bytes.IndexByte(raw[:max(n, 0)], ' ')
	if n == 0 || sp < 0 {
		return treeEntry{}, nil, errBadTree
	}
	mode, err := strconv.ParseUint(string(raw[:sp]), 8, 32)
	if err != nil {
		return treeEntry{}, nil, errBadTree
	}
	e := treeEntry{name: string(raw[sp+1 : n-21]), mode: filemode.FileMode(mode)}
	copy(e.hash[:], raw[n-20:n])
	return e, raw[n:], nil
}

// rawName is the first entry's name and whether it is a directory.
func rawName(raw []byte) (name []byte, dir bool) {
	sp := bytes.IndexByte(raw, ' ')
	end := bytes.IndexByte(raw, 0)
	if sp < 0 || end < sp {
		return nil, false
	}
	// Directories are mode 40000 (040000 in some old trees).
	mode := raw[:sp]
	return raw[sp+1 : end], string(mode) == "40000" || string(mode) == "040000"
}

// compareRaw orders the first entries of two trees as git does, a
// directory's name as if it ended in "/". An empty tree sorts last.
func compareRaw(a, b []byte) int {
	switch {
	case len(a) == 0 && len(b) == 0:
		return 0
	case len(a) == 0:
		return 1
	case len(b) == 0:
		return -1
	}
	na, da := rawName(a)
	nb, db := rawName(b)
	n := min(len(na), len(nb))
	if c := bytes.Compare(na[:n], nb[:n]); c != 0 {
		return c
	}
	ca, cb := sortTail(na, n, da), sortTail(nb, n, db)
	switch {
	case ca < cb:
		return -1
	case ca > cb:
		return 1
	}
	return 0
}

// sortTail is the byte after the first n of a name in git's order: its
// next byte, "/" after a directory's name, 0 after a file's.
func sortTail(name []byte, n int, dir bool) byte {
	switch {
	case n < len(name):
		return name[n]
	case dir:
		return '/'
	}
	return 0
}

// findRaw finds an entry by name in a raw tree.
func findRaw(raw []byte, name string) (treeEntry, bool) {
	for len(raw) > 0 {
		n := rawEntryLen(raw)
		if n == 0 {
			return treeEntry{}, false
		}
		if got, _ := rawName(raw); string(got) == name {
			e, _, err := nextRaw(raw)
			return e, err == nil
		}
		raw = raw[n:]
	}
	return treeEntry{}, false
}
