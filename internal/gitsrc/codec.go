package gitsrc

import "encoding/binary"

// The cache files' primitive encoding: hashes as 20 bytes, counts and
// lengths as uvarints, strings as a length and bytes, fixed-size numbers
// little-endian. gob took 36 ms of a 190 ms `history ID` decoding hashes
// a byte at a time; this takes a few.

// Encoder appends values to B.
type Encoder struct{ B []byte }

func (e *Encoder) Uint(n int)      { e.B = binary.AppendUvarint(e.B, uint64(n)) }
func (e *Encoder) Uint64(n uint64) { e.B = binary.LittleEndian.AppendUint64(e.B, n) }
func (e *Encoder) Byte(b byte)     { e.B = append(e.B, b) }
func (e *Encoder) Hash(h Hash)     { e.B = append(e.B, h[:]...) }
func (e *Encoder) String(s string) { e.Uint(len(s)); e.B = append(e.B, s...) }

// Decoder reads what an Encoder wrote. Past a fault (Bad) it reads
// zeros, so that a caller checks once, at the end (Done). Strings are
// slices of the one string it reads from, not copies.
type Decoder struct {
	s   string
	i   int
	bad bool
}

// NewDecoder reads data.
func NewDecoder(data string) *Decoder { return &Decoder{s: data} }

// Bad reports a fault so far; Done that the data was read whole, without one.
func (d *Decoder) Bad() bool  { return d.bad }
func (d *Decoder) Done() bool { return !d.bad && d.i == len(d.s) }

// Fail marks the data as faulty, for what the caller finds wrong in it.
func (d *Decoder) Fail() { d.bad = true }

func (d *Decoder) need(n int) bool {
	if d.bad || n < 0 || n > len(d.s)-d.i {
		d.bad = true
		return false
	}
	return true
}

func (d *Decoder) Uint() int {
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

// Count reads a count of items at least min bytes each: one the rest of
// the data cannot hold is a fault, so a corrupt count allocates nothing.
func (d *Decoder) Count(min int) int {
	n := d.Uint()
	if !d.need(n * min) {
		return 0
	}
	return n
}

func (d *Decoder) Uint64() uint64 {
	if !d.need(8) {
		return 0
	}
	d.i += 8
	return binary.LittleEndian.Uint64([]byte(d.s[d.i-8 : d.i]))
}

func (d *Decoder) Byte() byte {
	if !d.need(1) {
		return 0
	}
	d.i++
	return d.s[d.i-1]
}

func (d *Decoder) Hash() (h Hash) {
	if d.need(len(h)) {
		copy(h[:], d.s[d.i:])
		d.i += len(h)
	}
	return h
}

func (d *Decoder) String() string {
	n := d.Uint()
	if !d.need(n) {
		return ""
	}
	d.i += n
	return d.s[d.i-n : d.i]
}
