package gitsrc

import (
	"bytes"
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// Trees are read as git stores them: entries of "MODE NAME\0" and a
// 20-byte hash, in git's order. The history walk compares a commit's
// trees with its parent's by those bytes and decodes only the entries
// that differ, as git does; the stories directory of a big spec has
// 10,000 entries and a commit changes a few, and go-git's Tree.Decode
// allocated every one of them. treeFS, the spec loader's view of a
// commit, finds names in the same bytes by binary search.

// tree is a tree object's encoded entries. Trees never change, so one
// value is shared by every reader.
type tree struct {
	raw []byte

	indexed sync.Once
	starts  []int32 // where each entry starts; made by the first lookup
	err     error   // the tree is malformed after the last entry in starts
}

// emptyTree is the zero hash's tree: a directory absent on one side of a
// change, or a spec root absent from a commit.
var emptyTree = &tree{}

// treeCacheSize bounds the trees the repository keeps. The walk goes
// parents first, so the trees of a commit are asked for again as its
// child's parent's; a treeFS keeps the directories it read itself.
const treeCacheSize = 64

// tree returns a tree object, the zero hash's as empty. Cached trees are
// shared by every handle.
func (r *Repo) tree(h Hash) (*tree, error) {
	if h.IsZero() {
		return emptyTree, nil
	}
	r.mu.Lock()
	t, ok := r.trees.get(h)
	r.mu.Unlock()
	if ok {
		return t, nil
	}
	raw, err := r.readObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	t = &tree{raw: raw}
	r.mu.Lock()
	r.trees.put(h, t)
	r.mu.Unlock()
	return t, nil
}

// treeCache keeps recently used trees in two generations: when the
// current one is full it becomes the old one, and a tree found in the
// old one moves back. That is an LRU's effect without its bookkeeping.
type treeCache struct {
	cur, old map[Hash]*tree
}

// get finds a tree, moving one found in the old generation back.
func (c *treeCache) get(h Hash) (*tree, bool) {
	if t, ok := c.cur[h]; ok {
		return t, true
	}
	t, ok := c.old[h]
	if ok {
		c.put(h, t)
	}
	return t, ok
}

func (c *treeCache) put(h Hash, t *tree) {
	if len(c.cur) >= treeCacheSize/2 {
		c.old, c.cur = c.cur, nil
	}
	if c.cur == nil {
		c.cur = make(map[Hash]*tree, treeCacheSize/2)
	}
	c.cur[h] = t
}

// subtree is the hash of directory dir ("/"-separated; "" is root
// itself) in the tree root, the zero hash when there is no such
// directory.
func (r *Repo) subtree(root Hash, dir string) (Hash, error) {
	h := root
	if dir == "" {
		return h, nil
	}
	for name := range strings.SplitSeq(dir, "/") {
		t, err := r.tree(h)
		if err != nil {
			return Hash{}, err
		}
		e, ok := t.find(name)
		if !ok || e.mode != filemode.Dir {
			return Hash{}, nil
		}
		h = e.hash
	}
	return h, nil
}

// index is where each entry starts, made once.
func (t *tree) index() ([]int32, error) {
	t.indexed.Do(func() {
		for off := 0; off < len(t.raw); {
			n := rawEntryLen(t.raw[off:])
			if n == 0 {
				t.err = errBadTree
				break
			}
			t.starts = append(t.starts, int32(off))
			off += n
		}
	})
	return t.starts, t.err
}

// find looks an entry up by name. In git's order a directory sorts as if
// its name ended in "/", so the name is sought in both places.
func (t *tree) find(name string) (treeEntry, bool) {
	starts, _ := t.index()
	key := []byte(name)
	for _, dir := range []bool{false, true} {
		i, ok := slices.BinarySearchFunc(starts, key, func(start int32, key []byte) int {
			n, d := rawName(t.raw[start:])
			return compareNames(n, d, key, dir)
		})
		if ok {
			e, _, err := nextRaw(t.raw[starts[i]:])
			return e, err == nil
		}
	}
	return treeEntry{}, false
}

// treeEntry is one entry of a tree: a file, directory, symlink or
// submodule.
type treeEntry struct {
	name string
	mode filemode.FileMode
	hash Hash
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

// compareRaw orders the first entries of two trees as git does. An empty
// tree sorts last.
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
	return compareNames(na, da, nb, db)
}

// compareNames is git's order of the entries of a tree: by name, bytes
// compared, a directory's name as if it ended in "/".
func compareNames(a []byte, aDir bool, b []byte, bDir bool) int {
	n := min(len(a), len(b))
	if c := bytes.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	return cmp.Compare(sortTail(a, n, aDir), sortTail(b, n, bDir))
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
