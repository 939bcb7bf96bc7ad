package history

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/spec"
)

// The walk cache's encoding: hashes as 20 bytes, counts and lengths as
// uvarints, a body hash as 8 bytes, strings as a length and bytes. It is
// read at the start of every walk, and gob took 36 ms of a 190 ms `history
// ID` on the generated repository, most of it decoding hashes a byte at
// a time; this takes a few. Entries are in hash order, so the same cache
// is the same bytes.
//
//	cache   = uvarint(#commits) commit* uvarint(#blobs) blob*
//	commit  = hash(commit) hash(tree) hash(parent tree) uvarint(#changes) (string(path) hash(old) hash(new))*
//	blob    = hash string(path) (0 | 1 facts)
//	facts   = string(kind) string(id) string(title) string(status) string(roadmap) string(horizon)
//	          uvarint(#goals) string* body(8) uvarint(#vision goals) (string(id) string(title))* string(err)

func encodeCache(c *walkCache) []byte {
	var e encoder
	hashes := make([]gitsrc.Hash, 0, len(c.diffs))
	for h := range c.diffs {
		hashes = append(hashes, h)
	}
	slices.SortFunc(hashes, func(a, b gitsrc.Hash) int { return bytes.Compare(a[:], b[:]) })
	e.uint(len(hashes))
	for _, h := range hashes {
		d := c.diffs[h]
		e.hash(h)
		e.hash(d.Tree)
		e.hash(d.ParentTree)
		e.uint(len(d.Changes))
		for _, ch := range d.Changes {
			e.string(ch.Path)
			e.hash(ch.Old)
			e.hash(ch.New)
		}
	}
	keys := make([]blobKey, 0, len(c.facts))
	for k := range c.facts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b blobKey) int {
		return cmp.Or(bytes.Compare(a.Hash[:], b.Hash[:]), strings.Compare(a.Path, b.Path))
	})
	e.uint(len(keys))
	for _, k := range keys {
		e.hash(k.Hash)
		e.string(k.Path)
		f := c.facts[k]
		if f == nil {
			e.b = append(e.b, 0)
			continue
		}
		e.b = append(e.b, 1)
		for _, s := range []string{string(f.Kind), f.ID, f.Title, f.Status, f.Roadmap, f.Horizon} {
			e.string(s)
		}
		e.uint(len(f.Goals))
		for _, g := range f.Goals {
			e.string(g)
		}
		e.b = binary.LittleEndian.AppendUint64(e.b, f.Body)
		e.uint(len(f.VisionGoals))
		for _, g := range f.VisionGoals {
			e.string(g.ID)
			e.string(g.Title)
		}
		e.string(f.Err)
	}
	return e.b
}

type encoder struct{ b []byte }

func (e *encoder) uint(n int)         { e.b = binary.AppendUvarint(e.b, uint64(n)) }
func (e *encoder) hash(h gitsrc.Hash) { e.b = append(e.b, h[:]...) }
func (e *encoder) string(s string)    { e.uint(len(s)); e.b = append(e.b, s...) }

// decodeCache fills c from data; false when data is not a whole cache.
func decodeCache(data []byte, c *walkCache) bool {
	// One string for all: each string read is a slice of it, not a copy.
	d := decoder{s: string(data)}
	n := d.count(20 * 3)
	for range n {
		h, diff := d.hash(), commitDiff{Tree: d.hash(), ParentTree: d.hash()}
		changes := d.count(1 + 2*20)
		for range changes {
			diff.Changes = append(diff.Changes, gitsrc.FileChange{Path: d.string(), Old: d.hash(), New: d.hash()})
		}
		c.diffs[h] = diff
	}
	n = d.count(20 + 2)
	for range n {
		k := blobKey{Hash: d.hash(), Path: d.string()}
		switch d.byte() {
		case 0:
			c.facts[k] = nil
		case 1:
			c.facts[k] = d.facts()
		default:
			d.bad = true
		}
		if d.bad {
			return false
		}
	}
	return !d.bad && d.i == len(d.s)
}

func (d *decoder) facts() *Facts {
	f := &Facts{Kind: spec.Kind(d.string()), ID: d.string(), Title: d.string(), Status: d.string(), Roadmap: d.string(), Horizon: d.string()}
	n := d.count(1)
	for range n {
		f.Goals = append(f.Goals, d.string())
	}
	if d.need(8) {
		f.Body = binary.LittleEndian.Uint64([]byte(d.s[d.i : d.i+8]))
		d.i += 8
	}
	n = d.count(2)
	for range n {
		f.VisionGoals = append(f.VisionGoals, GoalFacts{ID: d.string(), Title: d.string()})
	}
	f.Err = d.string()
	return f
}

// decoder reads what encoder wrote. Past a fault (bad) it reads zeros,
// so that callers check once, at the end.
type decoder struct {
	s   string
	i   int
	bad bool
}

func (d *decoder) need(n int) bool {
	if d.bad || n < 0 || n > len(d.s)-d.i {
		d.bad = true
		return false
	}
	return true
}

func (d *decoder) uint() int {
	if d.bad {
		return 0
	}
	v, n := binary.Uvarint([]byte(d.s[d.i:min(len(d.s), d.i+binary.MaxVarintLen64)]))
	if n <= 0 || v > uint64(len(d.s)) {
		d.bad = true
		return 0
	}
	d.i += n
	return int(v)
}

// count reads a count of items at least min bytes each: one the rest of
// the data cannot hold is a fault, so a corrupt count allocates nothing.
func (d *decoder) count(min int) int {
	n := d.uint()
	if !d.need(n * min) {
		return 0
	}
	return n
}

func (d *decoder) byte() byte {
	if !d.need(1) {
		return 0
	}
	d.i++
	return d.s[d.i-1]
}

func (d *decoder) hash() (h gitsrc.Hash) {
	if d.need(len(h)) {
		copy(h[:], d.s[d.i:])
		d.i += len(h)
	}
	return h
}

func (d *decoder) string() string {
	n := d.uint()
	if !d.need(n) {
		return ""
	}
	d.i += n
	return d.s[d.i-n : d.i]
}
