package history

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"maps"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/spec"
)

// The walk cache's encoding, in gitsrc's primitives (a body hash is a
// Uint64). Entries are in hash order, so the same cache is the same bytes.
//
//	cache   = uvarint(#commits) commit* uvarint(#blobs) blob* uvarint(#pairings) pairing* uvarint(#files) file*
//	commit  = hash(commit) hash(tree) hash(parent tree) uvarint(#changes) (string(path) hash(old) hash(new))*
//	blob    = hash string(path) (0 | 1 facts)
//	facts   = string(kind) string(id) string(title) string(status) string(roadmap) string(horizon)
//	          uvarint(#goals) string* body(8) uvarint(#vision goals) (string(id) string(title))* string(err)
//	pairing = string(key, 32 bytes) uvarint(#renames) (string(from) string(to))*
//	file    = hash(tree) string(path) hash(blob)

func encodeCache(c *walkCache) []byte {
	var e gitsrc.Encoder
	hashes := make([]gitsrc.Hash, 0, len(c.diffs))
	for h := range c.diffs {
		hashes = append(hashes, h)
	}
	slices.SortFunc(hashes, func(a, b gitsrc.Hash) int { return bytes.Compare(a[:], b[:]) })
	e.Uint(len(hashes))
	for _, h := range hashes {
		d := c.diffs[h]
		e.Hash(h)
		e.Hash(d.Tree)
		e.Hash(d.ParentTree)
		e.Uint(len(d.Changes))
		for _, ch := range d.Changes {
			e.String(ch.Path)
			e.Hash(ch.Old)
			e.Hash(ch.New)
		}
	}
	keys := make([]blobKey, 0, len(c.facts))
	for k := range c.facts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b blobKey) int {
		return cmp.Or(bytes.Compare(a.Hash[:], b.Hash[:]), strings.Compare(a.Path, b.Path))
	})
	e.Uint(len(keys))
	for _, k := range keys {
		e.Hash(k.Hash)
		e.String(k.Path)
		f := c.facts[k]
		if f == nil {
			e.Byte(0)
			continue
		}
		e.Byte(1)
		for _, s := range []string{string(f.Kind), f.ID, f.Title, f.Status, f.Roadmap, f.Horizon} {
			e.String(s)
		}
		e.Uint(len(f.Goals))
		for _, g := range f.Goals {
			e.String(g)
		}
		e.Uint64(f.Body)
		e.Uint(len(f.VisionGoals))
		for _, g := range f.VisionGoals {
			e.String(g.ID)
			e.String(g.Title)
		}
		e.String(f.Err)
	}
	pairings := make([][sha256.Size]byte, 0, len(c.pairings))
	for k := range c.pairings {
		pairings = append(pairings, k)
	}
	slices.SortFunc(pairings, func(a, b [sha256.Size]byte) int { return bytes.Compare(a[:], b[:]) })
	e.Uint(len(pairings))
	for _, k := range pairings {
		e.String(string(k[:]))
		e.Uint(len(c.pairings[k]))
		for _, r := range c.pairings[k] {
			e.String(r.From)
			e.String(r.To)
		}
	}
	files := slices.SortedFunc(maps.Keys(c.files), func(a, b treePath) int {
		return cmp.Or(bytes.Compare(a.Tree[:], b.Tree[:]), strings.Compare(a.Path, b.Path))
	})
	e.Uint(len(files))
	for _, k := range files {
		e.Hash(k.Tree)
		e.String(k.Path)
		e.Hash(c.files[k])
	}
	return e.B
}

// decodeCache fills c from data; false when data is not a whole cache.
func decodeCache(data string, c *walkCache) bool {
	d := gitsrc.NewDecoder(data)
	n := d.Count(20 * 3)
	c.diffs = make(map[gitsrc.Hash]commitDiff, n)
	for range n {
		h, diff := d.Hash(), commitDiff{Tree: d.Hash(), ParentTree: d.Hash()}
		changes := d.Count(1 + 2*20)
		for range changes {
			diff.Changes = append(diff.Changes, gitsrc.FileChange{Path: d.String(), Old: d.Hash(), New: d.Hash()})
		}
		c.diffs[h] = diff
	}
	n = d.Count(20 + 2)
	c.facts = make(map[blobKey]*Facts, n)
	all := make([]Facts, n) // one allocation for the 15,000 of a big walk
	for i := range n {
		k := blobKey{Hash: d.Hash(), Path: d.String()}
		switch d.Byte() {
		case 0:
			c.facts[k] = nil
		case 1:
			decodeFacts(d, &all[i])
			c.facts[k] = &all[i]
		default:
			d.Fail()
		}
		if d.Bad() {
			return false
		}
	}
	n = d.Count(sha256.Size + 2)
	c.pairings = make(map[[sha256.Size]byte][]Rename, n)
	for range n {
		key := d.String()
		if len(key) != sha256.Size {
			return false
		}
		var rs []Rename
		for range d.Count(2) {
			rs = append(rs, Rename{From: d.String(), To: d.String()})
		}
		c.pairings[[sha256.Size]byte([]byte(key))] = rs
	}
	n = d.Count(20 + 1 + 20)
	c.files = make(map[treePath]gitsrc.Hash, n)
	for range n {
		k := treePath{d.Hash(), d.String()}
		c.files[k] = d.Hash()
	}
	return d.Done()
}

func decodeFacts(d *gitsrc.Decoder, f *Facts) {
	*f = Facts{Kind: spec.Kind(d.String()), ID: d.String(), Title: d.String(), Status: d.String(), Roadmap: d.String(), Horizon: d.String()}
	n := d.Count(1)
	for range n {
		f.Goals = append(f.Goals, d.String())
	}
	f.Body = d.Uint64()
	n = d.Count(2)
	for range n {
		f.VisionGoals = append(f.VisionGoals, GoalFacts{ID: d.String(), Title: d.String()})
	}
	f.Err = d.String()
}
