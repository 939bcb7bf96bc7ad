package gitsrc

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"

	"github.com/prodspec/prodspec/internal/gittest"
)

// packedRepo is a repository of 30 commits, each changing a few of 40
// stories and a long file in a directory of them, repacked into one pack
// file: go-git writes most trees and blobs as deltas of others.
func packedRepo(t *testing.T) *gittest.Repo {
	t.Helper()
	r, err := gittest.Init(t.TempDir())
	must(t, err)
	long := strings.Repeat("a line of the long file that deltas share\n", 400)
	for c := range 30 {
		for s := c % 5; s < 40; s += 5 + c%3 {
			must(t, r.Write(fmt.Sprintf("product/stories/S-%d.md", s), fmt.Sprintf("---\nid: S-%d\ntitle: Story %d\nstatus: s%d\n---\n", s, s, c)))
		}
		must(t, r.Write("product/long.md", long+strings.Repeat("x", c)))
		_, err := r.Commit(fmt.Sprintf("commit %d", c), gittest.CommitOptions{})
		must(t, err)
	}
	must(t, r.Git.RepackObjects(&git.RepackConfig{}))
	return r
}

// TestPacksReadAsGoGit reads every object of a packed repository through
// the packs and through go-git: the same type and bytes, deltas included.
func TestPacksReadAsGoGit(t *testing.T) {
	r := packedRepo(t)
	ps, err := openPacks(filepath.Join(r.Dir, ".git"))
	must(t, err)
	defer ps.close()
	if len(ps.files) != 1 {
		t.Fatalf("%d packs, want the one RepackObjects wrote", len(ps.files))
	}
	iter, err := r.Git.Storer.IterEncodedObjects(plumbing.AnyObject)
	must(t, err)
	n, deltas := 0, 0
	must(t, iter.ForEach(func(o plumbing.EncodedObject) error {
		rd, err := o.Reader()
		must(t, err)
		want, err := io.ReadAll(rd)
		must(t, err)
		typ, got, ok, err := ps.read(Hash(o.Hash()))
		switch {
		case err != nil || !ok:
			t.Errorf("%s: ok %v, %v", o.Hash(), ok, err)
		case typ != o.Type() || !bytes.Equal(got, want):
			t.Errorf("%s: a %s of %d bytes, want a %s of %d", o.Hash(), typ, len(got), o.Type(), len(want))
		}
		off, _ := ps.files[0].idx.find(Hash(o.Hash())) // TestPackIndexAsGoGit holds find to go-git
		raw := make([]byte, 64)
		if _, err := ps.files[0].f.ReadAt(raw, off); err == nil {
			if h, err := readHeader(raw, off); err == nil && (h.typ == plumbing.OFSDeltaObject || h.typ == plumbing.REFDeltaObject) {
				deltas++
			}
		}
		n++
		return nil
	}))
	if n < 100 || deltas < 20 {
		t.Errorf("%d objects, %d deltas: the repository tests too little", n, deltas)
	}
}

// TestPacksRefuseACorruptPack: an object whose packed bytes changed
// gives an error naming it, never a panic or wrong bytes.
func TestPacksRefuseACorruptPack(t *testing.T) {
	r := packedRepo(t)
	names, err := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.pack"))
	must(t, err)
	data, err := os.ReadFile(names[0])
	must(t, err)
	ps, err := openPacks(filepath.Join(r.Dir, ".git"))
	must(t, err)
	objs, err := ps.files[0].objects()
	must(t, err)
	ps.close()
	for _, o := range objs[:len(objs)-1] {
		data[o.off+1] ^= 0x01 // one bit of each object's header or data
	}
	must(t, os.WriteFile(names[0], data, 0o644))
	ps, err = openPacks(filepath.Join(r.Dir, ".git"))
	must(t, err)
	defer ps.close()
	for _, o := range objs[:len(objs)-1] {
		_, _, err := ps.at(0, o.off, 0)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("pack object at offset %d", o.off)) {
			t.Errorf("offset %d: %v, want an error naming the object", o.off, err)
		}
	}
}

// TestPacksRefuseATruncatedPack: a pack cut short (a copy interrupted)
// gives errors for the objects past the cut, never a panic.
func TestPacksRefuseATruncatedPack(t *testing.T) {
	r := packedRepo(t)
	names, err := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.pack"))
	must(t, err)
	info, err := os.Stat(names[0])
	must(t, err)
	must(t, os.Truncate(names[0], info.Size()/2))
	ps, err := openPacks(filepath.Join(r.Dir, ".git"))
	must(t, err)
	defer ps.close()
	objs, err := ps.files[0].objects()
	must(t, err)
	failed := 0
	for _, o := range objs[:len(objs)-1] {
		if _, _, err := ps.at(0, o.off, 0); err != nil {
			failed++
		}
	}
	if failed == 0 {
		t.Error("every object read from a pack cut in half")
	}
}

// FuzzPatchDelta checks patchDelta against go-git's PatchDelta, which it
// replaces on the hot path: the same bytes for every delta go-git
// accepts, an error for every one it refuses.
//
//	go test -run '^$' -fuzz FuzzPatchDelta -fuzztime 1m ./internal/gitsrc
func FuzzPatchDelta(f *testing.F) {
	base := []byte(strings.Repeat("0123456789abcdef", 8))
	f.Add(base, []byte{128, 1, 130, 1, 0x91, 16, 32, 3, 'x', 'y', 'z', 0x90, 0x10, 0x10}) // copy, insert, copy
	f.Add(base, []byte{128, 1, 0})
	f.Add([]byte{}, []byte{0, 2, 2, 'h', 'i'})
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		want, werr := packfile.PatchDelta(base, delta)
		got, gerr := patchDelta(base, delta)
		switch {
		case werr == nil && gerr != nil:
			t.Fatalf("go-git accepts, patchDelta refuses: %v", gerr)
		case werr != nil && gerr == nil:
			t.Fatalf("go-git refuses (%v), patchDelta gives %q", werr, got)
		case werr == nil && !bytes.Equal(got, want):
			t.Fatalf("patchDelta gives %q, go-git %q", got, want)
		}
	})
}

// FuzzReadHeader: any bytes give a header or an error, never a panic,
// and a delta's base is always before the object.
func FuzzReadHeader(f *testing.F) {
	f.Add([]byte{0x95, 0x0a}, int64(100))
	f.Add([]byte{0x65, 0x81, 0x00}, int64(300))
	f.Add([]byte{0x75}, int64(0))
	f.Fuzz(func(t *testing.T, b []byte, off int64) {
		if off < 0 {
			return
		}
		h, err := readHeader(b, off)
		if err == nil && h.typ == plumbing.OFSDeltaObject && (h.base < 0 || h.base >= off) {
			t.Fatalf("base %d for an object at %d", h.base, off)
		}
		if err == nil && h.length > int64(len(b)) {
			t.Fatalf("a header of %d bytes in %d", h.length, len(b))
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestPackIndexAsGoGit reads a pack's index as go-git does: every object
// at the same offset with the same CRC, absent names absent.
func TestPackIndexAsGoGit(t *testing.T) {
	r := packedRepo(t)
	names, err := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.idx"))
	must(t, err)
	data, err := os.ReadFile(names[0])
	must(t, err)
	checkPackIndex(t, data, true)
	checkPackIndex(t, packIndexSeed(3), true) // a large offset
}

// checkPackIndex compares readPackIndex with go-git's decoder on data;
// with valid, both must read it.
func checkPackIndex(t *testing.T, data []byte, valid bool) {
	t.Helper()
	ours, oerr := readPackIndex(data)
	want := idxfile.NewMemoryIndex()
	werr := idxfile.NewDecoder(bytes.NewReader(data)).Decode(want)
	if valid && (oerr != nil || werr != nil) {
		t.Fatalf("readPackIndex: %v; go-git: %v", oerr, werr)
	}
	if oerr != nil {
		return
	}
	byOffset, berr := ours.byOffset()
	if werr != nil {
		return // read without panic: enough where go-git refuses
	}
	iter, err := want.Entries()
	must(t, err)
	n := 0
	crcs := map[int64]uint32{}
	for {
		e, err := iter.Next()
		if err == io.EOF {
			break
		}
		must(t, err)
		n++
		crcs[int64(e.Offset)] = e.CRC32
		h := Hash(e.Hash)
		if off, ok := ours.find(h); !ok || off != int64(e.Offset) {
			t.Fatalf("%s: find %d, %v; go-git %d", e.Hash, off, ok, e.Offset)
		}
		h[19] ^= 0x5a
		_, gone := want.FindOffset(plumbing.Hash(h))
		if _, ok := ours.find(h); ok && gone != nil {
			t.Fatalf("%s: find finds it, go-git does not", h)
		}
	}
	if berr != nil || len(byOffset) != n || ours.count() != n {
		t.Fatalf("byOffset: %d objects (%v), go-git %d", len(byOffset), berr, n)
	}
	for i, o := range byOffset {
		if crcs[o.off] != o.crc || i > 0 && o.off < byOffset[i-1].off {
			t.Fatalf("object at %d: CRC %x, go-git %x, or out of order", o.off, o.crc, crcs[o.off])
		}
	}
}

// FuzzPackIndex: any bytes are read or refused without a panic, and an
// index go-git reads is read the same.
//
//	go test -run '^$' -fuzz FuzzPackIndex -fuzztime 1m ./internal/gitsrc
func FuzzPackIndex(f *testing.F) {
	f.Add(packIndexSeed(3))
	f.Add(packIndexSeed(0))
	f.Fuzz(func(t *testing.T, data []byte) { checkPackIndex(t, data, false) })
}

// packIndexSeed is a valid index of n made-up objects, one past 2 GiB.
func packIndexSeed(n int) []byte {
	b := []byte("\377tOc\x00\x00\x00\x02")
	for i := range 256 {
		c := 0
		if i >= 0x10 {
			c = n
		}
		b = binary.BigEndian.AppendUint32(b, uint32(c))
	}
	for i := range n {
		b = append(b, append([]byte{0x10, byte(i)}, make([]byte, 18)...)...)
	}
	for i := range n {
		b = binary.BigEndian.AppendUint32(b, uint32(0xc0de+i))
	}
	for i := range n {
		off := uint32(12 + 100*i)
		if i == n-1 {
			off = 1 << 31 // the first large offset
		}
		b = binary.BigEndian.AppendUint32(b, off)
	}
	if n > 0 {
		b = binary.BigEndian.AppendUint64(b, 3<<30)
	}
	b = append(b, make([]byte, 20)...) // the pack's checksum
	sum := sha1.Sum(b)
	return append(b, sum[:]...)
}

// TestOpenRefusesACorruptIndex: a pack index whose bytes changed is an
// error naming it at the first read, never objects read from the wrong
// offsets.
func TestOpenRefusesACorruptIndex(t *testing.T) {
	r := packedRepo(t)
	names, err := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.idx"))
	must(t, err)
	data, err := os.ReadFile(names[0])
	must(t, err)
	data[8+256*4+5] ^= 1 // a byte of the first name
	must(t, os.WriteFile(names[0], data, 0o644))
	repo, err := Open(r.Dir)
	must(t, err)
	defer repo.Close()
	_, err = repo.Resolve("HEAD")
	if err == nil || !strings.Contains(err.Error(), "malformed pack index") || !strings.Contains(err.Error(), filepath.Base(names[0])) {
		t.Fatalf("Resolve: %v, want the index named as malformed", err)
	}
}

// TestPackedSize: the bytes of a repository's packs, none before it is
// packed.
func TestPackedSize(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	must(t, err)
	must(t, r.Write("product/vision.md", "---\nkind: vision\ntitle: V\n---\n"))
	_, err = r.Commit("vision", gittest.CommitOptions{})
	must(t, err)
	size := func() int64 {
		repo, err := Open(r.Dir)
		must(t, err)
		defer repo.Close()
		return repo.PackedSize()
	}
	if n := size(); n != 0 {
		t.Errorf("loose objects only: PackedSize = %d, want 0", n)
	}
	must(t, r.Git.RepackObjects(&git.RepackConfig{}))
	names, err := filepath.Glob(filepath.Join(r.Dir, ".git", "objects", "pack", "*.pack"))
	must(t, err)
	info, err := os.Stat(names[0])
	must(t, err)
	if n := size(); len(names) != 1 || n != info.Size() {
		t.Errorf("PackedSize = %d, want the pack's %d bytes", n, info.Size())
	}
}
