package history

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"hash/maphash"
	"slices"

	"github.com/prodspec/prodspec/internal/gitsrc"
)

// A story keeps its identity when its ID changes: Backlog.md, for one,
// renamed every task-N to BACK-N in one commit, renaming the files too.
// Git's rule for a rename is content at least half the same; prodspec
// applies it to a story whose ID vanishes and one whose ID appears in
// the same commit (or between the two ends of a range).

// version is one side of a candidate rename: a story file's path, the
// story's ID, the file's blob and, once read (readSources), its content.
type version struct {
	path, id string
	blob     gitsrc.Hash
	src      []byte
}

// readSources reads the content of each version of the sides.
func readSources(repo *gitsrc.Repo, sides ...[]version) error {
	for _, vs := range sides {
		for i := range vs {
			src, err := repo.SharedBlob(vs[i].blob) // compared, not kept
			if err != nil {
				return err
			}
			vs[i].src = src
		}
	}
	return nil
}

// pairingKey names what pairRenames depends on, the IDs, paths and
// blobs of both sides, so that the walk cache can keep its answer: a
// commit that renames hundreds of stories (Backlog.md's task-N to BACK-N)
// otherwise reads and compares them all again on every walk.
func pairingKey(gone, came []version) [sha256.Size]byte {
	h := sha256.New()
	for _, side := range [][]version{gone, came} {
		for _, v := range side {
			h.Write([]byte(v.id + "\x00" + v.path + "\x00"))
			h.Write(v.blob[:])
		}
		h.Write([]byte{0xff}) // no ID or path holds it: the sides stay apart
	}
	return [sha256.Size]byte(h.Sum(nil))
}

// minSimilarity is git's default rename threshold (-M50%).
const minSimilarity = 0.5

// pairRenames pairs stories whose ID vanished (gone) with stories whose
// ID appeared (came): the same file with a new ID first, then the most
// similar pairs at least half alike, each story in one pair at most. It
// returns, for each paired index of gone, the index in came.
func pairRenames(gone, came []version) map[int]int {
	pairs := map[int]int{}
	taken := make([]bool, len(came))
	for i, g := range gone { // edited in place: the same file is the same story
		if j := slices.IndexFunc(came, func(c version) bool { return c.path == g.path }); j >= 0 && !taken[j] {
			pairs[i], taken[j] = j, true
		}
	}
	type scored struct {
		i, j  int
		score float64
	}
	var cands []scored
	lines := make([]lineSet, len(came))
	for j, c := range came {
		if !taken[j] {
			lines[j] = linesOf(c.src, lineSeed)
		}
	}
	for i, g := range gone {
		if _, ok := pairs[i]; ok {
			continue
		}
		gl := linesOf(g.src, lineSeed)
		for j := range came {
			if taken[j] {
				continue
			}
			if !mayBeAlike(gl, lines[j]) {
				continue
			}
			if s := gl.similarity(lines[j]); s >= minSimilarity {
				cands = append(cands, scored{i, j, s})
			}
		}
	}
	// Best first; equal scores in path order, so the pairing is the same
	// on every run.
	slices.SortFunc(cands, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(gone[a.i].path, gone[b.i].path), cmp.Compare(came[a.j].path, came[b.j].path))
	})
	for _, c := range cands {
		if _, ok := pairs[c.i]; !ok && !taken[c.j] {
			pairs[c.i], taken[c.j] = c.j, true
		}
	}
	return pairs
}

// lineSet is a file's lines as a multiset of hashes with their lengths
// (line ending included), sorted by hash so that two are compared by one
// merge, and its size.
type lineSet struct {
	lines []lineBytes
	size  int
}

// lineBytes is a line hash and the bytes in all lines with that hash.
type lineBytes struct {
	hash uint64
	n    int
}

func linesOf(src []byte, seed maphash.Seed) lineSet {
	ls := lineSet{size: len(src)}
	for len(src) > 0 {
		n := bytes.IndexByte(src, '\n') + 1
		if n == 0 {
			n = len(src)
		}
		ls.lines = append(ls.lines, lineBytes{maphash.Bytes(seed, src[:n]), n})
		src = src[n:]
	}
	slices.SortFunc(ls.lines, func(a, b lineBytes) int { return cmp.Compare(a.hash, b.hash) })
	merged := ls.lines[:0]
	for _, l := range ls.lines {
		if k := len(merged) - 1; k >= 0 && merged[k].hash == l.hash {
			merged[k].n += l.n
		} else {
			merged = append(merged, l)
		}
	}
	ls.lines = merged
	return ls
}

// similarity is the share of the larger file's bytes in lines both files
// have, as git scores a rename: 1 for equal content, 0 for nothing shared.
func (a lineSet) similarity(b lineSet) float64 {
	big := max(a.size, b.size)
	if big == 0 {
		return 1
	}
	common := 0
	for x, y := a.lines, b.lines; len(x) > 0 && len(y) > 0; {
		switch {
		case x[0].hash < y[0].hash:
			x = x[1:]
		case x[0].hash > y[0].hash:
			y = y[1:]
		default:
			common += min(x[0].n, y[0].n)
			x, y = x[1:], y[1:]
		}
	}
	return float64(common) / float64(big)
}

// mayBeAlike is false when a and b differ so much in size that they
// cannot be half alike: the lines they share are at most the smaller.
func mayBeAlike(a, b lineSet) bool {
	big := max(a.size, b.size)
	return big == 0 || float64(min(a.size, b.size))/float64(big) >= minSimilarity
}

// lineSeed hashes lines for every pairing; any seed serves, since only
// equality matters.
var lineSeed = maphash.MakeSeed()
