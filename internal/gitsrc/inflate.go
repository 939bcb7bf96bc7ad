package gitsrc

import (
	"encoding/binary"
	"errors"
	"io"
	"math/bits"
	"sync"
)

// A pack object is a zlib stream (RFC 1950 around RFC 1951's DEFLATE) of
// a size its header states, and the whole stream is in memory (the pack
// is mapped). compress/zlib reads it a byte at a time through an
// io.ByteReader into a 32 KiB window and copies out; inflating trees and
// blobs was a third of a cold history walk. zlibInflate decodes straight
// into the object's bytes, reading the input 8 bytes at a time. It
// accepts exactly what inflating with compress/zlib did (FuzzInflate
// holds it to that): the object's first size bytes, decoded; a stream
// that ends, or breaks, before them is an error, and what follows them
// is not read (nor is the Adler-32, which the pack's CRC covers).

var (
	errInflateTruncated = io.ErrUnexpectedEOF
	errInflateCorrupt   = errors.New("flate: corrupt input")
	errInflateHeader    = errors.New("zlib: invalid header")
	errInflateDict      = errors.New("zlib: invalid dictionary")
)

// zlibInflate fills dst with the start of the zlib stream src.
func zlibInflate(dst, src []byte) error {
	if len(src) < 2 {
		return errInflateTruncated
	}
	if src[0]&0x0f != 8 || src[0]>>4 > 7 || binary.BigEndian.Uint16(src)%31 != 0 {
		return errInflateHeader
	}
	at := 2
	if src[1]&0x20 != 0 { // a preset dictionary: compress/zlib, given none, takes the empty one's (Adler-32 1)
		if len(src) < 6 {
			return errInflateTruncated
		}
		if binary.BigEndian.Uint32(src[2:]) != 1 {
			return errInflateDict
		}
		at = 6
	}
	if len(dst) == 0 {
		return nil
	}
	f := inflaters.Get().(*inflater)
	defer inflaters.Put(f)
	f.in, f.pos, f.bits, f.nb, f.pad = src[at:], 0, 0, 0, 0
	err := f.inflate(dst)
	f.in = nil
	return err
}

// inflater is one DEFLATE decode: the input, a 64-bit buffer of its next
// bits (least significant first), and the current block's Huffman
// tables (literals and lengths, distances, and the code lengths' code
// they are sent in), kept to be rebuilt in place by the next stream.
type inflater struct {
	in   []byte
	pos  int    // the next byte of in to load into bits
	bits uint64 // loaded bits not yet consumed
	nb   uint   // how many
	pad  int    // zero bytes loaded past the end of in: bits there are none
	lit  huffTable
	dist huffTable
	clen huffTable
	lens [286 + 30]uint8
}

var inflaters = sync.Pool{New: func() any { return new(inflater) }}

// refill loads whole bytes until at least 56 bits are loaded; past the
// end of the input it loads zeros, counted in pad.
func (f *inflater) refill() {
	if f.pos+8 <= len(f.in) {
		f.bits |= binary.LittleEndian.Uint64(f.in[f.pos:]) << f.nb
		f.pos += int(63-f.nb) >> 3
		f.nb |= 56
		return
	}
	for f.nb <= 56 {
		if f.pos < len(f.in) {
			f.bits |= uint64(f.in[f.pos]) << f.nb
		} else {
			f.pad++
		}
		f.pos++
		f.nb += 8
	}
}

// has reports whether n bits of the input are loaded: compress/flate
// fails a stream that ends where it needs n more, even when the symbol
// it then reads is shorter (it reads a Huffman table's shortest code
// first), and so must this.
func (f *inflater) has(n uint) bool { return hasBits(f.nb, f.pad, n) }

// hasBits is has of nb loaded bits of which the last pad bytes are none.
func hasBits(nb uint, pad int, n uint) bool { return pad == 0 || int(nb)-8*pad >= int(n) }

// take consumes n loaded bits, which the caller checked with has.
func (f *inflater) take(n uint) uint64 {
	v := f.bits & (1<<n - 1)
	f.bits >>= n
	f.nb -= n
	return v
}

// need loads and checks n bits.
func (f *inflater) need(n uint) error {
	if f.nb < n {
		f.refill()
	}
	if !f.has(n) {
		return errInflateTruncated
	}
	return nil
}

// inflate decodes DEFLATE blocks into dst until it is full.
func (f *inflater) inflate(dst []byte) error {
	out := 0
	for final := false; out < len(dst); {
		if final {
			return errInflateTruncated // the stream ended short of dst
		}
		if err := f.need(3); err != nil {
			return err
		}
		final = f.take(1) == 1
		var err error
		switch f.take(2) {
		case 0:
			out, err = f.stored(dst, out)
		case 1:
			out, err = f.huffman(dst, out, &fixedLit, nil)
		case 2:
			if err = f.readTables(); err == nil {
				out, err = f.huffman(dst, out, &f.lit, &f.dist)
			}
		default:
			err = errInflateCorrupt
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// stored copies an uncompressed block.
func (f *inflater) stored(dst []byte, out int) (int, error) {
	f.take(f.nb & 7) // to a byte boundary: what is left are whole bytes
	at := f.pos - int(f.nb/8)
	f.bits, f.nb, f.pad = 0, 0, 0
	if at+4 > len(f.in) {
		return out, errInflateTruncated
	}
	n := int(binary.LittleEndian.Uint16(f.in[at:]))
	if uint16(n) != ^binary.LittleEndian.Uint16(f.in[at+2:]) {
		return out, errInflateCorrupt
	}
	at += 4
	c := copy(dst[out:], f.in[at:min(at+n, len(f.in))])
	out += c
	if out < len(dst) && c < n {
		return out, errInflateTruncated
	}
	f.pos = at + c
	return out, nil
}

// codeOrder is the order in which a dynamic block lists the lengths of
// the code length code.
var codeOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// readTables reads a dynamic block's Huffman tables.
func (f *inflater) readTables() error {
	if err := f.need(14); err != nil {
		return err
	}
	nlit := int(f.take(5)) + 257
	ndist := int(f.take(5)) + 1
	nclen := int(f.take(4)) + 4
	if nlit > 286 || ndist > 30 {
		return errInflateCorrupt
	}
	var clens [19]uint8
	for _, c := range codeOrder[:nclen] {
		if err := f.need(3); err != nil {
			return err
		}
		clens[c] = uint8(f.take(3))
	}
	if !f.clen.build(clens[:], 7) {
		return errInflateCorrupt
	}
	lens := f.lens[:nlit+ndist]
	for i := 0; i < len(lens); {
		x, err := f.symbol(&f.clen)
		if err != nil {
			return err
		}
		if x < 16 {
			lens[i] = uint8(x)
			i++
			continue
		}
		rep, nb, b := 3, uint(2), uint8(0)
		switch x {
		case 16:
			if i == 0 {
				return errInflateCorrupt
			}
			b = lens[i-1]
		case 17:
			nb = 3
		case 18:
			rep, nb = 11, 7
		}
		if err := f.need(nb); err != nil {
			return err
		}
		rep += int(f.take(nb))
		if i+rep > len(lens) {
			return errInflateCorrupt
		}
		for range rep {
			lens[i] = b
			i++
		}
	}
	if !f.lit.build(lens[:nlit], litBits) || !f.dist.build(lens[nlit:], distBits) {
		return errInflateCorrupt
	}
	f.lit.min = max(f.lit.min, uint(lens[256])) // compress/flate reads this far ahead, see has
	return nil
}

// huffman decodes a compressed block with the tables given; dist nil
// means the fixed distance code (5 bits). It works on copies of the bit
// buffer, which the compiler keeps in registers: this loop is where
// inflating spends its time.
func (f *inflater) huffman(dst []byte, out int, lit, dist *huffTable) (int, error) {
	in, pos, bitbuf, nb := f.in, f.pos, f.bits, f.nb
	defer func() { f.pos, f.bits, f.nb = pos, bitbuf, nb }()
	has := func(n uint) bool { return hasBits(nb, f.pad, n) }
	take := func(n uint) uint64 {
		v := bitbuf & (1<<n - 1)
		bitbuf >>= n
		nb -= n
		return v
	}
	symbol := func(t *huffTable) (uint32, error) { // inflater.symbol on the copies
		e := t.entry(bitbuf)
		n := uint(e & 15)
		if f.pad != 0 && !has(max(t.min, n)) {
			return 0, errInflateTruncated
		}
		if n == 0 {
			return 0, errInflateCorrupt
		}
		bitbuf >>= n
		nb -= n
		return e >> 16, nil
	}
	for out < len(dst) {
		if nb < 48 { // room for a length and a distance with their extra bits
			if pos+8 <= len(in) { // refill's fast path, on the copies
				bitbuf |= binary.LittleEndian.Uint64(in[pos:]) << nb
				pos += int(63-nb) >> 3
				nb |= 56
			} else {
				f.pos, f.bits, f.nb = pos, bitbuf, nb
				f.refill()
				pos, bitbuf, nb = f.pos, f.bits, f.nb
			}
		}
		v, err := symbol(lit)
		if err != nil {
			return out, err
		}
		switch {
		case v < 256:
			dst[out] = byte(v)
			out++
			continue
		case v == 256:
			return out, nil
		case v >= 286:
			return out, errInflateCorrupt
		}
		length, n := int(lengthBase[v-257]), uint(lengthExtra[v-257])
		if n > 0 {
			if !has(n) {
				return out, errInflateTruncated
			}
			length += int(take(n))
		}
		var d uint32
		if dist == nil {
			if !has(5) {
				return out, errInflateTruncated
			}
			d = uint32(bits.Reverse8(uint8(take(5) << 3)))
		} else if d, err = symbol(dist); err != nil {
			return out, err
		}
		if d >= 30 {
			return out, errInflateCorrupt
		}
		back := int(distBase[d])
		if n := uint(distExtra[d]); n > 0 {
			if !has(n) {
				return out, errInflateTruncated
			}
			back += int(take(n))
		}
		if back > out {
			return out, errInflateCorrupt
		}
		end := min(out+length, len(dst))
		if back >= length {
			copy(dst[out:end], dst[out-back:])
		} else {
			for i := out; i < end; i++ { // an overlapping copy repeats its bytes
				dst[i] = dst[i-back]
			}
		}
		out = end
	}
	return out, nil
}

// symbol decodes the next symbol with t.
func (f *inflater) symbol(t *huffTable) (uint32, error) {
	if f.nb < 15 {
		f.refill()
	}
	e := t.entry(f.bits)
	n := uint(e & 15)
	if !f.has(max(t.min, n)) {
		return 0, errInflateTruncated
	}
	if n == 0 {
		return 0, errInflateCorrupt
	}
	f.take(n)
	return e >> 16, nil
}

// huffTable decodes a canonical Huffman code: entries indexed by the
// next bits (first bit lowest) hold symbol<<16 | code length, 0 for bits
// that start no code, or for codes longer than bits a link to a second
// table: offset<<16 | its index bits<<8 | linkEntry.
type huffTable struct {
	entries []uint32
	bits    uint // index bits of the first table
	min     uint // the shortest code's length
}

// entry is t's entry for the code that starts the bits b.
func (t *huffTable) entry(b uint64) uint32 {
	e := t.entries[b&(1<<t.bits-1)]
	if e&linkEntry != 0 {
		e = t.entries[e>>16+uint32(b>>t.bits)&(1<<(e>>8&15)-1)]
	}
	return e
}

const (
	linkEntry = 1 << 4
	litBits   = 9
	distBits  = 8
)

// build makes t decode the code with these lengths, as compress/flate
// accepts it: complete, or a single code of length 1, or empty (which
// then decodes nothing). false for any other.
func (t *huffTable) build(lengths []uint8, primary uint) bool {
	var count [16]int
	minLen, maxLen := 0, 0
	for _, n := range lengths {
		if n == 0 {
			continue
		}
		if minLen == 0 || int(n) < minLen {
			minLen = int(n)
		}
		maxLen = max(maxLen, int(n))
		count[n]++
	}
	t.bits, t.min = primary, uint(minLen)
	size := 1 << primary
	if maxLen > int(primary) {
		size += (1 << primary) << (maxLen - int(primary)) // room for every link table, at most
	}
	if cap(t.entries) < size {
		t.entries = make([]uint32, size)
	}
	t.entries = t.entries[:1<<primary]
	clear(t.entries)
	if maxLen == 0 {
		return true
	}
	var next [16]int
	code := 0
	for i := minLen; i <= maxLen; i++ {
		code <<= 1
		next[i] = code
		code += count[i]
	}
	if code != 1<<maxLen && !(code == 1 && maxLen == 1) {
		return false
	}
	sub := uint(max(maxLen-int(primary), 0)) // every link table's index bits
	for sym, n := range lengths {
		if n == 0 {
			continue
		}
		c := next[n]
		next[n]++
		rev := int(bits.Reverse16(uint16(c)) >> (16 - n))
		e := uint32(sym)<<16 | uint32(n)
		if uint(n) <= primary {
			for i := rev; i < 1<<primary; i += 1 << n {
				t.entries[i] = e
			}
			continue
		}
		head := rev & (1<<primary - 1)
		link := t.entries[head]
		if link == 0 {
			link = uint32(len(t.entries))<<16 | uint32(sub)<<8 | linkEntry
			t.entries[head] = link
			t.entries = append(t.entries, make([]uint32, 1<<sub)...)
		}
		base := int(link >> 16)
		for i := rev >> primary; i < 1<<sub; i += 1 << (uint(n) - primary) {
			t.entries[base+i] = e
		}
	}
	return true
}

// The lengths and distances a symbol starts from, and the extra bits
// that are added (RFC 1951, 3.2.5).
var (
	lengthBase  = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// fixedLit is the fixed literal/length code of RFC 1951, 3.2.6.
var fixedLit = func() huffTable {
	var lens [288]uint8
	for i := range lens {
		switch {
		case i < 144:
			lens[i] = 8
		case i < 256:
			lens[i] = 9
		case i < 280:
			lens[i] = 7
		default:
			lens[i] = 8
		}
	}
	var t huffTable
	t.build(lens[:], 9)
	return t
}()
