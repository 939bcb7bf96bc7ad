package gitsrc

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"slices"
	"sort"
)

// packIndex is a pack's index (pack-*.idx, version 2, the only one
// go-git reads too), kept as the tables it is made of and searched in
// place. go-git's decoder copied the tables into its own, and listing its
// entries to find where each object ends allocated one per object: a
// fifth of a warm `history ID`, at every start.
//
//	idx = "\377tOc" version(4) fanout(256*4) names(n*20) crcs(n*4) offsets(n*4) large(m*8) trailer(2*20)
type packIndex struct {
	fanout [256]uint32 // how many names start with a byte up to each
	names  []byte      // n sorted 20-byte names
	crcs   []byte      // n CRC-32s of the packed objects, in names' order
	offs   []byte      // n offsets; one with its top bit set is an index into large
	large  []byte      // 8-byte offsets past 2 GiB
}

var errBadIndex = errors.New("malformed pack index")

// readPackIndex reads an index file's bytes; a version other than 2,
// tables that do not fit its size or a checksum that does not match (as
// go-git checks it: a millisecond for 30,000 objects) is errBadIndex.
func readPackIndex(b []byte) (*packIndex, error) {
	const head, hashLen = 8 + 256*4, 20
	if len(b) < head+2*hashLen || !bytes.HasPrefix(b, []byte("\377tOc\x00\x00\x00\x02")) {
		return nil, errBadIndex
	}
	if sum := sha1.Sum(b[:len(b)-hashLen]); !bytes.Equal(sum[:], b[len(b)-hashLen:]) {
		return nil, errBadIndex
	}
	idx := &packIndex{}
	for i := range idx.fanout {
		idx.fanout[i] = binary.BigEndian.Uint32(b[8+4*i:])
		if i > 0 && idx.fanout[i] < idx.fanout[i-1] {
			return nil, errBadIndex
		}
	}
	n := int(idx.fanout[255])
	rest := len(b) - head - 2*hashLen
	if n > rest/(hashLen+4+4) {
		return nil, errBadIndex
	}
	at := head
	idx.names, at = b[at:at+n*hashLen], at+n*hashLen
	idx.crcs, at = b[at:at+n*4], at+n*4
	idx.offs, at = b[at:at+n*4], at+n*4
	idx.large = b[at : len(b)-2*hashLen]
	if len(idx.large)%8 != 0 {
		return nil, errBadIndex
	}
	return idx, nil
}

// count is how many objects the index lists.
func (idx *packIndex) count() int { return int(idx.fanout[255]) }

// offset is where the i-th object (in names' order) starts; ok is false
// for a large offset the index does not hold.
func (idx *packIndex) offset(i int) (int64, bool) {
	off := binary.BigEndian.Uint32(idx.offs[4*i:])
	if off&(1<<31) == 0 {
		return int64(off), true
	}
	at := 8 * int(off&^(1<<31))
	if at+8 > len(idx.large) {
		return 0, false
	}
	return int64(binary.BigEndian.Uint64(idx.large[at:])), true
}

// find is where h starts in the pack, by binary search among the names
// that start with its first byte.
func (idx *packIndex) find(h Hash) (int64, bool) {
	lo, hi := 0, int(idx.fanout[h[0]])
	if h[0] > 0 {
		lo = int(idx.fanout[h[0]-1])
	}
	i, found := sort.Find(hi-lo, func(i int) int {
		at := (lo + i) * len(h)
		return bytes.Compare(h[:], idx.names[at:at+len(h)])
	})
	if !found {
		return 0, false
	}
	return idx.offset(lo + i)
}

// byOffset lists the objects in the order they are in the pack, with
// their CRCs.
func (idx *packIndex) byOffset() ([]packed, error) {
	objs := make([]packed, idx.count())
	for i := range objs {
		off, ok := idx.offset(i)
		if !ok {
			return nil, errBadIndex
		}
		objs[i] = packed{off, binary.BigEndian.Uint32(idx.crcs[4*i:])}
	}
	slices.SortFunc(objs, func(a, b packed) int { return cmp.Compare(a.off, b.off) })
	return objs, nil
}
