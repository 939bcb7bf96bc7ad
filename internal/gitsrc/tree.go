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
	entries []rawEntry // made by the first lookup
	err     error      // the tree is malformed after the last of entries
}

// rawEntry is where an entry is in a tree's encoding: "MODE NAME\0" and
// a 20-byte hash from start, NAME from name to nul.
type rawEntry struct{ start, name, nul int32 }

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
	t, ok := r.trees.get(h)
	if ok {
		return t, nil
	}
	raw, err := r.readObject(plumbing.TreeObject, h)
	if err != nil {
		return nil, err
	}
	t = &tree{raw: raw}
	r.trees.put(h, t)
	return t, nil
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

// index is where each entry is, made once.
func (t *tree) index() ([]rawEntry, error) {
	t.indexed.Do(func() {
		for off := 0; off < len(t.raw); {
			e, ok := locate(t.raw, off)
			if !ok {
				t.err = errBadTree
				break
			}
			t.entries = append(t.entries, e)
			off = e.end()
		}
	})
	return t.entries, t.err
}

// find looks an entry up by name. In git's order a directory sorts as if
// its name ended in "/", so the name is sought in both places.
func (t *tree) find(name string) (treeEntry, bool) {
	entries, _ := t.index()
	for _, dir := range []bool{false, true} {
		i, ok := slices.BinarySearchFunc(entries, name, func(e rawEntry, name string) int {
			return compareNames(e.nameIn(t.raw), e.isDir(t.raw), name, dir)
		})
		if ok {
			te, err := entries[i].decode(t.raw, name)
			return te, err == nil
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

// locate finds the entry at off in raw, "MODE NAME\0" and a 20-byte hash.
func locate(raw []byte, off int) (rawEntry, bool) {
	rest := raw[off:]
	nul := bytes.IndexByte(rest, 0)
	if nul < 0 || len(rest) < nul+1+20 {
		return rawEntry{}, false
	}
	sp := bytes.IndexByte(rest[:nul], ' ')
	if sp < 0 {
		return rawEntry{}, false
	}
	return rawEntry{start: int32(off), name: int32(off + sp + 1), nul: int32(off + nul)}, true
}

// end is where the entry after e starts.
func (e rawEntry) end() int { return int(e.nul) + 1 + 20 }

func (e rawEntry) nameIn(raw []byte) []byte { return raw[e.name:e.nul] }

// isDir reports whether e's mode is a directory's: 40000, or 040000 in
// some old trees.
func (e rawEntry) isDir(raw []byte) bool {
	mode := raw[e.start : e.name-1]
	return string(mode) == "40000" || string(mode) == "040000"
}

// decode decodes e. name, when not "", is its name, already a string.
func (e rawEntry) decode(raw []byte, name string) (treeEntry, error) {
	mode, err := strconv.ParseUint(string(raw[e.start:e.name-1]), 8, 32)
	if err != nil {
		return treeEntry{}, errBadTree
	}
	if name == "" {
		name = string(e.nameIn(raw))
	}
	te := treeEntry{name: name, mode: filemode.FileMode(mode)}
	copy(te.hash[:], raw[e.nul+1:e.end()])
	return te, nil
}

// rawEntryLen is the length of the first entry of raw, 0 when raw is
// empty or malformed: locate's end, sooner, for the merge-walk's skipping
// of equal entries.
func rawEntryLen(raw []byte) int {
	i := bytes.IndexByte(raw, 0)
	if i < 0 || len(raw) < i+1+20 {
		return 0
	}
	return i + 1 + 20
}

// nextRaw decodes the first entry of raw and returns the rest.
func nextRaw(raw []byte) (treeEntry, []byte, error) {
	e, ok := locate(raw, 0)
	if !ok {
		return treeEntry{}, nil, errBadTree
	}
	te, err := e.decode(raw, "")
	return te, raw[e.end():], err
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
	ea, okA := locate(a, 0)
	eb, okB := locate(b, 0)
	if !okA || !okB {
		return 0 // decoding them reports it
	}
	return compareNames(ea.nameIn(a), ea.isDir(a), eb.nameIn(b), eb.isDir(b))
}

// compareNames is git's order of the entries of a tree: by name, bytes
// compared, a directory's name as if it ended in "/".
func compareNames[A, B string | []byte](a A, aDir bool, b B, bDir bool) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return cmp.Compare(a[i], b[i])
		}
	}
	return cmp.Compare(sortTail(a, n, aDir), sortTail(b, n, bDir))
}

// sortTail is the byte after the first n of a name in git's order: its
// next byte, "/" after a directory's name, 0 after a file's.
func sortTail[S string | []byte](name S, n int, dir bool) byte {
	switch {
	case n < len(name):
		return name[n]
	case dir:
		return '/'
	}
	return 0
}
