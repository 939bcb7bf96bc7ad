package gitsrc

import (
	"cmp"
	"errors"
	"path"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// SpecTree is the hash of the spec root's tree in c, the zero hash when
// the spec root does not exist there. Equal hashes mean an unchanged spec.
func (r *Repo) SpecTree(c *Commit) (Hash, error) {
	h, err := r.subtree(c.Tree, r.Prefix)
	if err != nil {
		return Hash{}, r.missing(err, r.Prefix+" at "+c.Short())
	}
	return h, nil
}

// FileChange is a file whose blob differs between two spec trees; a zero
// hash on one side means the file is absent there. Symlinks and
// submodules are left out: history reads files, not links.
type FileChange struct {
	Path     string // relative to the spec root
	Old, New Hash
}

// Changes lists the files that differ between two spec trees (either may
// be the zero hash), in path order, descending only into subtrees whose
// hashes differ.
func (r *Repo) Changes(a, b Hash) ([]FileChange, error) {
	var out []FileChange
	err := r.diffTrees("", a, b, &out)
	slices.SortFunc(out, func(x, y FileChange) int { return strings.Compare(x.Path, y.Path) })
	return out, err
}

// diffTrees merge-walks the encoded entries of two trees, both in git's
// order (compareRaw), so that only entries that differ are decoded: the
// stories directory of a big spec has 10,000 entries and a commit
// changes a few. The trees are read as ropes, whose shared runs are
// stepped over whole.
func (r *Repo) diffTrees(dir string, a, b Hash, out *[]FileChange) error {
	if a == b {
		return nil
	}
	ra, err := r.treeRope(a)
	if err != nil {
		return r.missing(err, "tree "+a.Short())
	}
	rb, err := r.treeRope(b)
	if err != nil {
		return r.missing(err, "tree "+b.Short())
	}
	return diffRopes(ra, rb, func(x, y treeEntry) error {
		p := path.Join(dir, cmp.Or(x.name, y.name))
		if x.mode == filemode.Dir || y.mode == filemode.Dir {
			if err := r.diffTrees(p, dirHash(x), dirHash(y), out); err != nil {
				return err
			}
		}
		if fx, fy := fileHash(x), fileHash(y); fx != fy {
			*out = append(*out, FileChange{Path: p, Old: fx, New: fy})
		}
		return nil
	})
}

// treeRope returns a tree as a rope: from the packs, or else as one
// span of its bytes.
func (r *Repo) treeRope(h Hash) (*rope, error) {
	if h.IsZero() {
		return &rope{}, nil
	}
	ps, err := r.packs()
	if err != nil {
		return nil, err
	}
	if ps != nil {
		typ, rp, ok, err := ps.rope(h)
		switch {
		case ok && err == nil && typ == plumbing.TreeObject:
			return rp, nil
		case err != nil && !errors.Is(err, plumbing.ErrObjectNotFound):
			return nil, err
		}
	}
	t, err := r.tree(h)
	if err != nil {
		return nil, err
	}
	return wholeRope(t), nil
}

func dirHash(e treeEntry) Hash {
	if e.mode == filemode.Dir {
		return e.hash
	}
	return Hash{}
}

func fileHash(e treeEntry) Hash {
	if e.mode == filemode.Regular || e.mode == filemode.Executable || e.mode == filemode.Deprecated {
		return e.hash
	}
	return Hash{}
}

// FileAt is the blob of the file at p (relative to the spec root) in
// the spec tree specTree, the zero hash when there is no such regular
// file: what an unchanged file holds in a commit, for history to read
// beside the files the commit changed.
func (r *Repo) FileAt(specTree Hash, p string) (Hash, error) {
	dir, name := path.Split(p)
	h, err := r.subtree(specTree, strings.TrimSuffix(dir, "/"))
	if err != nil || h.IsZero() {
		return Hash{}, err
	}
	t, err := r.tree(h)
	if err != nil {
		return Hash{}, err
	}
	e, ok := t.find(name)
	if !ok {
		return Hash{}, nil
	}
	return fileHash(e), nil
}
