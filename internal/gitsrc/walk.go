package gitsrc

import (
	"bytes"
	"cmp"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Commits returns the commits reachable from to and not from from (all
// of to's history when from is nil), parents before children; commits
// that could go either way are ordered by committer time, then hash, so
// the order is the same on every machine. Reaching the edge of a shallow
// clone is a ShallowError.
func (r *Repo) Commits(from, to *Commit) ([]*Commit, error) {
	var seen map[plumbing.Hash]*object.Commit
	err := r.with(func(g *git.Repository) error {
		var hidden map[plumbing.Hash]*object.Commit
		var err error
		if from != nil {
			if hidden, err = r.ancestors(g, from.Commit, nil, false); err != nil {
				return err
			}
		}
		seen, err = r.ancestors(g, to.Commit, hidden, true)
		return err
	})
	if err != nil {
		return nil, err
	}
	return topoOrder(seen), nil
}

// ancestors collects c and every commit reachable from it, stopping at
// the commits in stop. At the edge of a shallow clone it stops too, or
// with strict fails: the commits it needs are not there.
func (r *Repo) ancestors(g *git.Repository, c *object.Commit, stop map[plumbing.Hash]*object.Commit, strict bool) (map[plumbing.Hash]*object.Commit, error) {
	seen := map[plumbing.Hash]*object.Commit{}
	queue := []*object.Commit{c}
	for len(queue) > 0 {
		c := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		if _, ok := stop[c.Hash]; ok {
			continue
		}
		if _, ok := seen[c.Hash]; ok {
			continue
		}
		seen[c.Hash] = c
		if slices.Contains(r.shallow, c.Hash) {
			if !strict {
				continue
			}
			return nil, &ShallowError{What: "history before commit " + short(c.Hash) + " is missing"}
		}
		for _, h := range c.ParentHashes {
			if _, ok := stop[h]; ok {
				continue
			}
			p, err := g.CommitObject(h)
			if err != nil {
				return nil, r.missing(err, "commit "+short(h))
			}
			queue = append(queue, p)
		}
	}
	return seen, nil
}

// topoOrder sorts commits parents first (Kahn's algorithm), taking the
// oldest ready commit each time.
func topoOrder(set map[plumbing.Hash]*object.Commit) []*Commit {
	children := map[plumbing.Hash][]*object.Commit{}
	waiting := map[plumbing.Hash]int{}
	var ready []*object.Commit
	for _, c := range set {
		n := 0
		for _, p := range c.ParentHashes {
			if _, ok := set[p]; ok {
				n++
				children[p] = append(children[p], c)
			}
		}
		waiting[c.Hash] = n
		if n == 0 {
			ready = append(ready, c)
		}
	}
	out := make([]*Commit, 0, len(set))
	for len(ready) > 0 {
		// Newest last, so the oldest ready commit is popped from the end.
		slices.SortFunc(ready, func(a, b *object.Commit) int { return -compareCommits(a, b) })
		c := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		out = append(out, commit(c))
		for _, ch := range children[c.Hash] {
			if waiting[ch.Hash]--; waiting[ch.Hash] == 0 {
				ready = append(ready, ch)
			}
		}
	}
	return out
}

func compareCommits(a, b *object.Commit) int {
	return cmp.Or(a.Committer.When.Compare(b.Committer.When), strings.Compare(a.Hash.String(), b.Hash.String()))
}

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

// Parents are c's parents in order.
func (r *Repo) Parents(c *Commit) ([]*Commit, error) {
	var out []*Commit
	err := r.with(func(g *git.Repository) error {
		for _, h := range c.ParentHashes {
			p, err := g.CommitObject(h)
			if err != nil {
				return r.missing(err, "parent of "+c.Short())
			}
			out = append(out, commit(p))
		}
		return nil
	})
	return out, err
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

// Blob reads a file's content.
func (r *Repo) Blob(h plumbing.Hash) ([]byte, error) {
	var data []byte
	err := r.with(func(g *git.Repository) error {
		b, err := g.BlobObject(h)
		if err != nil {
			return r.missing(err, "blob "+short(h))
		}
		rd, err := b.Reader()
		if err != nil {
			return err
		}
		defer rd.Close()
		buf := bytes.NewBuffer(make([]byte, 0, b.Size))
		_, err = io.Copy(buf, rd)
		data = buf.Bytes()
		return err
	})
	return data, err
}
