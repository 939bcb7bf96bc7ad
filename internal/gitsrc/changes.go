package gitsrc

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// SpecTree is the hash of the spec root's tree in c, the zero hash when
// the spec root does not exist there. Equal hashes mean an unchanged spec.
func (r *Repo) SpecTree(c *Commit) (plumbing.Hash, error) {
	h := c.TreeHash
	if r.Prefix == "" {
		return h, nil
	}
	// Step down the prefix through raw trees: decoding the root tree
	// with go-git for each of thousands of commits is needlessly slow.
	for _, name := range strings.Split(r.Prefix, "/") {
		raw, err := r.rawTree(h)
		if err != nil {
			return plumbing.ZeroHash, r.missing(err, r.Prefix+" at "+short(c.Hash))
		}
		e, ok := findRaw(raw, name)
		if !ok || e.Mode != filemode.Dir {
			return plumbing.ZeroHash, nil
		}
		h = e.Hash
	}
	return h, nil
}

// FileChange is a file whose blob differs between two spec trees; a zero
// hash on one side means the file is absent there. Symlinks and
// submodules are left out: history reads files, not links.
type FileChange struct {
	Path     string // relative to the spec root
	Old, New plumbing.Hash
}

// Changes lists the files that differ between two spec trees (either may
// be the zero hash), in path order, descending only into subtrees whose
// hashes differ.
func (r *Repo) Changes(a, b plumbing.Hash) ([]FileChange, error) {
	var out []FileChange
	err := r.diffTrees("", a, b, &out)
	slices.SortFunc(out, func(x, y FileChange) int { return strings.Compare(x.Path, y.Path) })
	return out, err
}

// diffTrees merge-walks the raw entries of two trees, both in git's
// order, so that only entries that differ are decoded: the stories
// directory of a big spec has 10,000 entries and a commit changes a few.
func (r *Repo) diffTrees(dir string, a, b plumbing.Hash, out *[]FileChange) error {
	if a == b {
		return nil
	}
	ra, err := r.rawTree(a)
	if err != nil {
		return r.missing(err, "tree "+short(a))
	}
	rb, err := r.rawTree(b)
	if err != nil {
		return r.missing(err, "tree "+short(b))
	}
	for len(ra) > 0 || len(rb) > 0 {
		// Most entries of a big directory are the same on both sides:
		// skip them by comparing bytes, without decoding names.
		for n := rawEntryLen(ra); n > 0 && len(rb) >= n && string(ra[:n]) == string(rb[:n]); n = rawEntryLen(ra) {
			ra, rb = ra[n:], rb[n:]
		}
		if len(ra) == 0 && len(rb) == 0 {
			break
		}
		var x, y object.TreeEntry
		switch c := compareRaw(ra, rb); {
		case c < 0:
			x, ra, err = nextRaw(ra)
		case c > 0:
			y, rb, err = nextRaw(rb)
		default: // the same name, another mode or hash
			if x, ra, err = nextRaw(ra); err == nil {
				y, rb, err = nextRaw(rb)
			}
		}
		if err != nil {
			return err
		}
		p := path.Join(dir, cmp.Or(x.Name, y.Name))
		if x.Mode == filemode.Dir || y.Mode == filemode.Dir {
			if err := r.diffTrees(p, dirHash(x), dirHash(y), out); err != nil {
				return err
			}
		}
		if fx, fy := fileHash(x), fileHash(y); fx != fy {
			*out = append(*out, FileChange{Path: p, Old: fx, New: fy})
		}
	}
	return nil
}

func dirHash(e object.TreeEntry) plumbing.Hash {
	if e.Mode == filemode.Dir {
		return e.Hash
	}
	return plumbing.ZeroHash
}

func fileHash(e object.TreeEntry) plumbing.Hash {
	if e.Mode == filemode.Regular || e.Mode == filemode.Executable || e.Mode == filemode.Deprecated {
		return e.Hash
	}
	return plumbing.ZeroHash
}
