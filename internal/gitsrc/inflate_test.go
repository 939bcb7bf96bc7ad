package gitsrc

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// inflateZlib is what zlibInflate replaces: the first len(dst) bytes of
// the stream, read with compress/zlib as the packs read objects before.
func inflateZlib(dst, src []byte) error {
	zr, err := zlib.NewReader(bytes.NewReader(src))
	if err != nil {
		return err
	}
	_, err = io.ReadFull(zr, dst)
	return err
}

// sameInflate checks zlibInflate against compress/zlib on src for an
// object of size bytes: both fail, or both give the same bytes.
func sameInflate(t *testing.T, src []byte, size int) {
	t.Helper()
	want, got := make([]byte, size), make([]byte, size)
	werr, gerr := inflateZlib(want, src), zlibInflate(got, src)
	switch {
	case (werr == nil) != (gerr == nil):
		t.Fatalf("size %d, stream %x:\ncompress/zlib: %v\nzlibInflate:   %v", size, src, werr, gerr)
	case werr == nil && !bytes.Equal(got, want):
		t.Fatalf("size %d, stream %x:\ngot  %q\nwant %q", size, src, got, want)
	}
}

// streams are zlib streams of every kind of block: stored, fixed and
// dynamic codes, long and overlapping matches, several blocks.
func streams(t testing.TB) [][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	texts := [][]byte{
		nil,
		[]byte("a"),
		[]byte("---\nid: S-1\ntitle: Import notebooks\nstatus: draft\n---\n"),
		bytes.Repeat([]byte("ab"), 1000), // overlapping matches
		bytes.Repeat([]byte{0}, 70000),   // longer than the window
		[]byte(strings.Repeat("tree entry 100644 S-12.md\x00", 300)),
	}
	random := make([]byte, 5000) // incompressible: stored blocks at most levels
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	texts = append(texts, random)
	hashes := make([]byte, 0, 40*100) // a tree: names and binary hashes
	for i := range 100 {
		hashes = append(hashes, fmt.Sprintf("100644 S-%d.md\x00", i)...)
		hashes = append(hashes, random[i*20:i*20+20]...)
	}
	texts = append(texts, hashes)
	var out [][]byte
	for _, text := range texts {
		for _, level := range []int{flate.NoCompression, flate.BestSpeed, flate.DefaultCompression, flate.BestCompression, flate.HuffmanOnly} {
			var b bytes.Buffer
			w, err := zlib.NewWriterLevel(&b, level)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(text)
			w.Close()
			out = append(out, b.Bytes())
		}
	}
	return out
}

// TestInflateAsZlib: on streams of every kind, whole, cut short, asked
// for fewer or more bytes than they hold, and with bits flipped,
// zlibInflate gives what compress/zlib gives.
func TestInflateAsZlib(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, s := range streams(t) {
		n := inflatedSize(s)
		for _, size := range []int{0, 1, n / 2, n - 1, n, n + 1} {
			if size >= 0 {
				sameInflate(t, s, size)
			}
		}
		for cut := range len(s) {
			if cut < 64 || cut%7 == 0 {
				sameInflate(t, s[:cut], n)
			}
		}
		for range 200 {
			bad := bytes.Clone(s)
			bad[rng.IntN(len(bad))] ^= 1 << rng.IntN(8)
			sameInflate(t, bad, n)
		}
	}
}

func inflatedSize(s []byte) int {
	zr, err := zlib.NewReader(bytes.NewReader(s))
	if err != nil {
		return 0
	}
	n, _ := io.Copy(io.Discard, zr)
	return int(n)
}

// TestInflatePackObjects inflates every object of a packed repository
// both ways.
func TestInflatePackObjects(t *testing.T) {
	r := packedRepo(t)
	ps, err := openPacks(r.Dir + "/.git")
	must(t, err)
	defer ps.close()
	objs, err := ps.files[0].objects()
	must(t, err)
	for i, o := range objs[:len(objs)-1] {
		raw, err := ps.files[0].bytes(o.off, objs[i+1].off)
		must(t, err)
		h, err := readHeader(raw, o.off)
		must(t, err)
		sameInflate(t, raw[h.length:], int(h.size))
	}
}

// FuzzInflate holds zlibInflate to compress/zlib on any stream and size.
//
//	go test -run '^$' -fuzz FuzzInflate -fuzztime 5m ./internal/gitsrc
func FuzzInflate(f *testing.F) {
	for _, s := range streams(f) {
		f.Add(s, uint16(min(inflatedSize(s), 1<<16-1)))
	}
	f.Fuzz(func(t *testing.T, src []byte, size uint16) {
		sameInflate(t, src, int(size))
	})
}

func BenchmarkInflate(b *testing.B) {
	ss := streams(b)
	sizes := make([]int, len(ss))
	total := 0
	for i, s := range ss {
		sizes[i] = inflatedSize(s)
		total += sizes[i]
	}
	for _, impl := range []struct {
		name string
		f    func(dst, src []byte) error
	}{{"zlibInflate", zlibInflate}, {"compress/zlib", inflateZlib}} {
		b.Run(impl.name, func(b *testing.B) {
			b.SetBytes(int64(total))
			for b.Loop() {
				for i, s := range ss {
					impl.f(make([]byte, sizes[i]), s)
				}
			}
		})
	}
}
