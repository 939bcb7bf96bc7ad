package gitsrc

import (
	"bytes"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
)

// Ropes: a big directory's tree, rebuilt from its delta chain, as the
// runs of bytes it was rebuilt from.
//
// Where stories sit in one directory, every commit rewrites that
// directory's tree (10,000 entries, 380 KB), and git stores each version
// as a delta of another, up to fifty deep. Rebuilding every version's
// bytes to compare it with its parent's copied and allocated half a
// gigabyte over 1,000 commits, most of such a walk. A rope keeps instead
// which runs of its base each version copies, down to the whole objects
// at the bottom of the chains, and the bytes the deltas insert:
// neighbouring versions then share almost all of their runs, and
// diffTrees steps over a shared run's entries without reading them.

// rope is an object's bytes as consecutive spans.
type rope struct {
	spans []span
	size  int
}

// span is n bytes of a rope, starting at at in it: src.raw[off:off+n].
// src holds a whole object's bytes, or a delta's, which insert some of
// theirs; a tree's entry index (made on first use) says where its
// entries start, which lets diffTrees step over many at once.
type span struct {
	src        *tree
	off, n, at int
}

func (s span) bytes() []byte { return s.src.raw[s.off : s.off+s.n] }

// wholeRope is t's bytes as one span.
func wholeRope(t *tree) *rope {
	if len(t.raw) == 0 {
		return &rope{}
	}
	return &rope{spans: []span{{src: t, n: len(t.raw)}}, size: len(t.raw)}
}

const (
	// ropeMin is the size under which a rope is rebuilt as bytes: a
	// small tree is compared as fast byte by byte, and its spans would
	// cost more than its bytes.
	ropeMin = 8 << 10
	// ropeMaxSpans bounds a rope's spans: past it (a long chain of
	// scattered edits, or a hostile pack) it is rebuilt as bytes, so a
	// rope never costs much more than its bytes would.
	ropeMaxSpans = 1024
)

// bytes are the rope's bytes, copied into one slice.
func (r *rope) bytes() []byte {
	out := make([]byte, 0, r.size)
	for _, s := range r.spans {
		out = append(out, s.bytes()...)
	}
	return out
}

// patch is the rope that delta rebuilds from r, checked as patchDelta
// checks it.
func (r *rope) patch(delta []byte) (*rope, error) {
	src := &tree{raw: delta}
	out := &rope{}
	err := walkDelta(r.size, delta, func(uint64) {}, func(off, n int) {
		r.appendRange(out, off, n)
	}, func(b []byte) {
		// b is a slice of delta's array: where it starts follows from
		// how much of the array is left after it.
		out.add(span{src: src, off: cap(delta) - cap(b), n: len(b)})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// appendRange adds r's bytes [off, off+n) to out.
func (r *rope) appendRange(out *rope, off, n int) {
	i := sort.Search(len(r.spans), func(i int) bool { return r.spans[i].at+r.spans[i].n > off })
	for ; n > 0; i++ {
		s := r.spans[i]
		skip := off - s.at
		m := min(n, s.n-skip)
		out.add(span{src: s.src, off: s.off + skip, n: m})
		off, n = off+m, n-m
	}
}

// add appends s, joined to the last span where it continues it.
func (r *rope) add(s span) {
	if k := len(r.spans) - 1; k >= 0 && r.spans[k].src == s.src && r.spans[k].off+r.spans[k].n == s.off {
		r.spans[k].n += s.n
	} else {
		s.at = r.size
		r.spans = append(r.spans, s)
	}
	r.size += s.n
}

// ropeCost is what a cached rope holds: its spans, and the bytes it
// brought (a whole object's, or a delta's).
func ropeCost(o cachedRope) int { return 48*len(o.rope.spans) + o.own }

type cachedRope struct {
	typ  plumbing.ObjectType
	rope *rope
	own  int
}

// rope returns the object h as a rope; ok is false when no pack holds
// it.
func (ps *packs) rope(h Hash) (typ plumbing.ObjectType, r *rope, ok bool, err error) {
	i, off, ok := ps.where(h)
	if !ok {
		return 0, nil, false, nil
	}
	typ, r, err = ps.ropeAt(i, off, 0)
	return typ, r, true, err
}

// ropeAt is at, rebuilding a rope rather than bytes.
func (ps *packs) ropeAt(i int, off int64, depth int) (plumbing.ObjectType, *rope, error) {
	key := objectKey{i, off}
	if o, ok := ps.ropes.get(key); ok {
		return o.typ, o.rope, nil
	}
	if o, ok := ps.cache.get(key); ok { // already rebuilt as bytes
		return o.typ, wholeRope(&tree{raw: o.data}), nil
	}
	if depth > maxDeltaDepth {
		return 0, nil, corruptAt(off, errDeltaDepth)
	}
	h, data, err := ps.load(i, off)
	if err != nil {
		return 0, nil, err
	}
	typ := h.typ
	var r *rope
	if !h.isDelta() {
		r = wholeRope(&tree{raw: data})
	} else {
		j, at, found := ps.baseOf(i, h)
		if !found {
			return 0, nil, plumbing.ErrObjectNotFound // a thin pack's base: go-git may know it
		}
		var base *rope
		if typ, base, err = ps.ropeAt(j, at, depth+1); err != nil {
			return 0, nil, err
		}
		if r, err = base.patch(data); err != nil {
			return 0, nil, corruptAt(off, err)
		}
		if r.size < ropeMin || len(r.spans) > ropeMaxSpans {
			data = r.bytes() // what the cache holds for it now
			r = wholeRope(&tree{raw: data})
		}
	}
	ps.ropes.put(key, cachedRope{typ, r, len(data)})
	return typ, r, nil
}

// cursor is a place in a rope, always where an entry starts.
type cursor struct {
	spans  []span
	i, pos int // the span, and where in it
	buf    []byte
}

func (c *cursor) done() bool { return c.i == len(c.spans) }

// skip moves n bytes on.
func (c *cursor) skip(n int) {
	for n > 0 {
		left := c.spans[c.i].n - c.pos
		if n < left {
			c.pos += n
			return
		}
		n -= left
		c.i, c.pos = c.i+1, 0
	}
}

// entry returns the bytes of the entry at c, nil at the end: a slice of
// its span, or, where it runs over into the next, a copy valid until
// the next call.
func (c *cursor) entry() ([]byte, error) {
	if c.done() {
		return nil, nil
	}
	rest := c.spans[c.i].bytes()[c.pos:]
	if n := rawEntryLen(rest); n > 0 {
		return rest[:n], nil
	}
	b := c.buf[:0]
	need := -1 // bytes of the hash still to take, once the name's NUL is found
	for i, pos := c.i, c.pos; i < len(c.spans); i, pos = i+1, 0 {
		part := c.spans[i].bytes()[pos:]
		if need < 0 {
			z := bytes.IndexByte(part, 0)
			if z < 0 {
				b = append(b, part...)
				continue
			}
			b, part, need = append(b, part[:z+1]...), part[z+1:], 20
		}
		m := min(need, len(part))
		b, need = append(b, part[:m]...), need-m
		if need == 0 {
			c.buf = b
			return b, nil
		}
	}
	return nil, errBadTree
}

// diffRopes merge-walks the entries of two trees, calling differ with
// each pair that differs: the same name with another mode or hash, or an
// entry on one side only (the other zero).
func diffRopes(a, b *rope, differ func(x, y treeEntry) error) error {
	ca, cb := &cursor{spans: a.spans}, &cursor{spans: b.spans}
	for {
		skipShared(ca, cb)
		ea, err := ca.entry()
		if err != nil {
			return err
		}
		eb, err := cb.entry()
		if err != nil {
			return err
		}
		if ea == nil && eb == nil {
			return nil
		}
		if string(ea) == string(eb) {
			ca.skip(len(ea))
			cb.skip(len(eb))
			continue
		}
		var x, y treeEntry
		c := compareRaw(ea, eb)
		if c <= 0 {
			if x, _, err = nextRaw(ea); err != nil {
				return err
			}
			ca.skip(len(ea))
		}
		if c >= 0 {
			if y, _, err = nextRaw(eb); err != nil {
				return err
			}
			cb.skip(len(eb))
		}
		if err := differ(x, y); err != nil {
			return err
		}
	}
}

// skipShared moves a and b past the entries at which both hold the very
// same bytes of one source, without comparing them: most of two
// neighbouring versions of a big directory. Their entries are the same:
// both cursors are where an entry starts, and equal bytes split into
// entries alike.
func skipShared(a, b *cursor) {
	for !a.done() && !b.done() {
		sa, sb := a.spans[a.i], b.spans[b.i]
		x := sa.off + a.pos
		if sa.src != sb.src || x != sb.off+b.pos {
			return
		}
		k := wholeEntries(sa.src, x, min(sa.n-a.pos, sb.n-b.pos))
		if k == 0 {
			return
		}
		a.skip(k)
		b.skip(k)
	}
}

// wholeEntries is how many bytes of src.raw[x:x+n], x where an entry
// starts, hold whole entries. Where src's own entry index starts one at
// x, it says so by binary search; elsewhere (a delta's bytes, or a run
// that starts mid-entry of its object) the entries are read one by one.
func wholeEntries(src *tree, x, n int) int {
	entries, _ := src.index() // those before a malformed one are sound
	if i, found := sort.Find(len(entries), func(i int) int { return x - int(entries[i].start) }); found {
		j := sort.Search(len(entries), func(j int) bool { return entries[j].end() > x+n })
		if j > i {
			return entries[j-1].end() - x
		}
		return 0
	}
	k := 0
	for l := rawEntryLen(src.raw[x+k : x+n]); l > 0; l = rawEntryLen(src.raw[x+k : x+n]) {
		k += l
	}
	return k
}
