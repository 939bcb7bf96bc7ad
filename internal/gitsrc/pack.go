package gitsrc

import (
	"cmp"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
)

// Packs read objects straight from a repository's pack files, for the
// trees and blobs a history walk reads by the thousand. go-git rebuilds
// each object from its delta chain too, but then hashes it with SHA-1 to
// key its cache (a sixth of a walk) and keeps a second copy of every tree;
// here an object is known by where it is in its pack, which the index
// already says, so nothing is hashed. Readers share one cache of rebuilt
// objects (delta bases, mostly trees) and read the files with ReadAt, so
// any number of goroutines read at once without a handle each.
//
// An object in no pack (a loose object, one in an alternate repository)
// is not found here, and the caller reads it with go-git.
type packs struct {
	files []*pack
	cache *lru[objectKey, cached]     // rebuilt objects, up to 64 MiB
	ropes *lru[objectKey, cachedRope] // trees rebuilt as ropes (rope.go), up to 64 MiB
}

type pack struct {
	f         *os.File
	mapped    []byte // f in memory (mapFile); nil where it is read with ReadAt
	idxMapped []byte // the index file in memory, when mapped
	idx       *packIndex
	size      int64 // of the pack file
	// objects lists where the objects start, in order, with the CRC-32
	// of their packed bytes, and last the pack's trailer: an object's
	// bytes end where the next one starts, so each is read with one
	// ReadAt of its size and checked against the index's CRC (go-git
	// checks none). It is sorted on the first read, not at open: a warm
	// history reads no object, and sorting 30,000 offsets took 5 ms.
	objects func() ([]packed, error)
}

type packed struct {
	off int64
	crc uint32
}

// openPacks opens the packs of the git directory gitDir; none is not an
// error (a repository with loose objects only).
func openPacks(gitDir string) (*packs, error) {
	names, err := filepath.Glob(filepath.Join(gitDir, "objects", "pack", "pack-*.idx"))
	if err != nil {
		return nil, err
	}
	ps := &packs{cache: newLRU[objectKey](64<<20, func(o cached) int { return len(o.data) }),
		ropes: newLRU[objectKey](64<<20, ropeCost)}
	for _, name := range names {
		p, err := openPack(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue // an index whose pack git gc just removed: go-git answers for its objects
		}
		if err != nil {
			ps.close()
			return nil, err
		}
		ps.files = append(ps.files, p)
	}
	return ps, nil
}

func openPack(idxName string) (_ *pack, err error) {
	p := &pack{}
	defer func() {
		if err != nil {
			p.close()
		}
	}()
	data, err := p.readIndex(idxName)
	if err != nil {
		return nil, err
	}
	if p.idx, err = readPackIndex(data); err != nil {
		return nil, fmt.Errorf("%s: %w", idxName, err)
	}
	if p.f, err = os.Open(strings.TrimSuffix(idxName, ".idx") + ".pack"); err != nil {
		return nil, err
	}
	info, err := p.f.Stat()
	if err != nil {
		return nil, err
	}
	if p.size = info.Size(); p.size < 20 {
		return nil, fmt.Errorf("%s: %w", idxName, errBadIndex)
	}
	p.mapped = mapFile(p.f, p.size-20)
	p.objects = sync.OnceValues(func() ([]packed, error) {
		objs, err := p.idx.byOffset()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", idxName, err)
		}
		return append(objs, packed{off: p.size - 20}), nil
	})
	return p, nil
}

// readIndex reads the index file, mapped where it can be: its pages are
// then the page cache's, not new memory to fault in (a warm history
// reads a 0.9 MB index and no object).
func (p *pack) readIndex(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if p.idxMapped = mapFile(f, info.Size()); p.idxMapped != nil {
		return p.idxMapped, nil
	}
	return io.ReadAll(f)
}

// object is the object at off: where its bytes end and their CRC.
func (p *pack) object(off int64) (end int64, crc uint32, err error) {
	objs, err := p.objects()
	if err != nil {
		return 0, 0, err
	}
	i, found := slices.BinarySearchFunc(objs, off, func(o packed, off int64) int { return cmp.Compare(o.off, off) })
	if !found || i+1 >= len(objs) || objs[i+1].off <= off {
		return 0, 0, errors.New("no object starts there")
	}
	return objs[i+1].off, objs[i].crc, nil
}

// bytes are the pack's bytes from off to end: read only.
func (p *pack) bytes(off, end int64) ([]byte, error) {
	if p.mapped != nil {
		if end > int64(len(p.mapped)) {
			return nil, io.ErrUnexpectedEOF
		}
		return p.mapped[off:end], nil
	}
	raw := make([]byte, end-off) // one read for the header and the data
	_, err := p.f.ReadAt(raw, off)
	return raw, err
}

func (ps *packs) close() error {
	var errs []error
	for _, p := range ps.files {
		errs = append(errs, p.close())
	}
	return errors.Join(errs...)
}

// close releases what openPack took, of a pack opened in part too.
func (p *pack) close() error {
	var errs []error
	errs = append(errs, unmapFile(p.mapped), unmapFile(p.idxMapped))
	if p.f != nil {
		errs = append(errs, p.f.Close())
	}
	return errors.Join(errs...)
}

// read returns the object h from the first pack that holds it; ok is
// false when none does.
func (ps *packs) read(h Hash) (typ plumbing.ObjectType, data []byte, ok bool, err error) {
	i, off, ok := ps.where(h)
	if !ok {
		return 0, nil, false, nil
	}
	typ, data, err = ps.at(i, off, 0)
	return typ, data, true, err
}

// where is the first pack that holds h, and where in it.
func (ps *packs) where(h Hash) (i int, off int64, ok bool) {
	for i, p := range ps.files {
		if off, ok := p.idx.find(h); ok {
			return i, off, true
		}
	}
	return 0, 0, false
}

// maxDeltaDepth bounds a delta chain; git writes at most 4095 (its
// pack.depth limit), and a longer one is a corrupt or hostile pack.
const maxDeltaDepth = 4096

var errDeltaDepth = fmt.Errorf("a delta chain longer than %d", maxDeltaDepth)

// at rebuilds the object at offset off of pack i.
func (ps *packs) at(i int, off int64, depth int) (plumbing.ObjectType, []byte, error) {
	key := objectKey{i, off}
	if o, ok := ps.cache.get(key); ok {
		return o.typ, o.data, nil
	}
	if depth > maxDeltaDepth {
		return 0, nil, corruptAt(off, errDeltaDepth)
	}
	h, data, err := ps.load(i, off)
	if err != nil {
		return 0, nil, err
	}
	typ := h.typ
	if h.isDelta() {
		j, at, found := ps.baseOf(i, h)
		if !found {
			return 0, nil, plumbing.ErrObjectNotFound // a thin pack's base: go-git may know it
		}
		var base []byte
		if typ, base, err = ps.at(j, at, depth+1); err != nil {
			return 0, nil, err
		}
		if data, err = patchDelta(base, data); err != nil {
			return 0, nil, corruptAt(off, err)
		}
	}
	ps.cache.put(key, cached{typ, data})
	return typ, data, nil
}

// baseOf is where the base of the delta h (at pack i) is: earlier in the
// same pack, or wherever its name is found; ok is false for a thin
// pack's base, in no pack.
func (ps *packs) baseOf(i int, h header) (j int, off int64, ok bool) {
	if h.typ == plumbing.OFSDeltaObject {
		return i, h.base, true
	}
	return ps.where(h.ref)
}

// load reads the object at offset off of pack i, checked against its
// CRC, and inflates it: a delta's instructions, or a whole object.
func (ps *packs) load(i int, off int64) (header, []byte, error) {
	p := ps.files[i]
	end, crc, err := p.object(off)
	if err != nil {
		return header{}, nil, corruptAt(off, err)
	}
	raw, err := p.bytes(off, end)
	if err != nil {
		return header{}, nil, corruptAt(off, err)
	}
	if crc32.ChecksumIEEE(raw) != crc {
		return header{}, nil, corruptAt(off, errors.New("its bytes do not match the CRC its index gives"))
	}
	h, err := readHeader(raw, off)
	if err != nil {
		return header{}, nil, err
	}
	data, err := inflate(raw[h.length:], h.size)
	if err != nil {
		return header{}, nil, corruptAt(off, err)
	}
	return h, data, nil
}

func corruptAt(off int64, err error) *CorruptError {
	return &CorruptError{What: fmt.Sprintf("the pack object at offset %d", off), Err: err}
}

// header is a pack object's header: its type, its size inflated, how
// many bytes the header takes, and a delta's base.
type header struct {
	typ    plumbing.ObjectType
	size   int64
	length int64
	base   int64 // an OFS delta's base offset
	ref    Hash  // a REF delta's base
}

func (h header) isDelta() bool {
	return h.typ == plumbing.OFSDeltaObject || h.typ == plumbing.REFDeltaObject
}

// readHeader reads the header at the start of b, the object at off.
func readHeader(b []byte, off int64) (header, error) {
	bad := func() error { return corruptAt(off, errors.New("a bad header")) } // made only when needed: this runs for every object
	i := 0
	next := func() (byte, bool) {
		if i >= len(b) {
			return 0, false
		}
		i++
		return b[i-1], true
	}
	c, ok := next()
	if !ok {
		return header{}, bad()
	}
	h := header{typ: plumbing.ObjectType(c >> 4 & 7), size: int64(c & 15)}
	for shift := 4; c&0x80 != 0; shift += 7 {
		if c, ok = next(); !ok || shift > 56 {
			return header{}, bad()
		}
		h.size |= int64(c&0x7f) << shift
	}
	switch h.typ {
	case plumbing.OFSDeltaObject:
		if c, ok = next(); !ok {
			return header{}, bad()
		}
		back := int64(c & 0x7f)
		for c&0x80 != 0 {
			if c, ok = next(); !ok || back > 1<<55 {
				return header{}, bad()
			}
			back = (back+1)<<7 | int64(c&0x7f)
		}
		if h.base = off - back; back <= 0 || h.base < 0 {
			return header{}, bad()
		}
	case plumbing.REFDeltaObject:
		if i+20 > len(b) {
			return header{}, bad()
		}
		copy(h.ref[:], b[i:i+20])
		i += 20
	case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
	default:
		return header{}, bad()
	}
	h.length = int64(i)
	return h, nil
}

// inflate inflates the zlib stream packed to its size bytes.
func inflate(packed []byte, size int64) ([]byte, error) {
	if size < 0 || size > 1<<34 {
		return nil, fmt.Errorf("an object of %d bytes", size)
	}
	data := make([]byte, size)
	if err := zlibInflate(data, packed); err != nil {
		return nil, err
	}
	return data, nil
}

// patchDelta rebuilds an object from its base and a git delta. It
// accepts exactly the deltas go-git's PatchDelta accepts (FuzzPatchDelta
// holds it to that) and allocates the result once, at the size the delta
// states, where go-git grows a buffer to it.
func patchDelta(base, delta []byte) ([]byte, error) {
	var out []byte
	err := walkDelta(len(base), delta, func(size uint64) {
		out = make([]byte, 0, size)
	}, func(off, n int) {
		out = append(out, base[off:off+n]...)
	}, func(b []byte) {
		out = append(out, b...)
	})
	return out, err
}

// walkDelta reads a git delta against a base of baseSize bytes: the
// sizes of the base and of the result, then instructions to copy a range
// of the base or insert the bytes that follow. It calls sized with the
// result's size (capped: each instruction writes at most 64 KiB, so a
// size past that is a lie not worth allocating for), then copy or insert
// for each instruction, after checking it; any error is the delta's.
// The one reader of deltas: patchDelta rebuilds bytes with it, a rope
// (rope.go) runs.
func walkDelta(baseSize int, delta []byte, sized func(uint64), copyRange func(off, n int), insert func([]byte)) error {
	bad := errors.New("a bad delta")
	if baseSize == 0 || len(delta) < 2 {
		return bad
	}
	srcSize, delta, ok := leb128(delta)
	if !ok || srcSize != uint64(baseSize) {
		return bad
	}
	size, delta, ok := leb128(delta)
	if !ok {
		return bad
	}
	sized(min(size, uint64(len(delta))<<16, 64<<20))
	for left := size; left > 0; {
		if len(delta) == 0 {
			return bad
		}
		cmd := delta[0]
		delta = delta[1:]
		var n uint64
		switch {
		case cmd&0x80 != 0: // copy a range of the base
			var off uint64
			for i := range 7 {
				if cmd&(1<<i) == 0 {
					continue
				}
				if len(delta) == 0 {
					return bad
				}
				if i < 4 {
					off |= uint64(delta[0]) << (8 * i)
				} else {
					n |= uint64(delta[0]) << (8 * (i - 4))
				}
				delta = delta[1:]
			}
			if n == 0 {
				n = 0x10000
			}
			if n > left || off+n > uint64(baseSize) {
				return bad
			}
			copyRange(int(off), int(n))
		case cmd != 0: // insert the next cmd bytes
			n = uint64(cmd)
			if n > left || n > uint64(len(delta)) {
				return bad
			}
			insert(delta[:n])
			delta = delta[n:]
		default:
			return bad
		}
		left -= n
	}
	if len(delta) != 0 {
		return bad
	}
	return nil
}

// leb128 reads a delta's size: little-endian groups of 7 bits, as
// go-git reads them (a number cut short at the end of the delta ends
// there).
func leb128(b []byte) (uint64, []byte, bool) {
	var v uint64
	for i := 0; i < len(b); i++ {
		if i*7 > 64-7 {
			return 0, nil, false
		}
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i]&0x80 == 0 || i+1 == len(b) {
			return v, b[i+1:], true
		}
	}
	return 0, b, true // nothing to read: 0, as go-git has it
}

type objectKey struct {
	pack int
	off  int64
}

type cached struct {
	typ  plumbing.ObjectType
	data []byte
}

// PackedSize is how many bytes the repository's pack files hold: a
// measure of how much history there is to read, for a caller that
// prepares differently for a big one. 0 where the objects are not on
// disk or are all loose.
func (r *Repo) PackedSize() int64 {
	if r.gitDir == "" {
		return 0
	}
	names, _ := filepath.Glob(filepath.Join(r.gitDir, "objects", "pack", "pack-*.pack"))
	var n int64
	for _, name := range names {
		if info, err := os.Stat(name); err == nil {
			n += info.Size()
		}
	}
	return n
}
