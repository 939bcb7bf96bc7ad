//go:build unix

package gitsrc

import (
	"os"
	"syscall"
)

// mapFile maps f's first size bytes read-only, for files that are never
// rewritten in place: packs (a repack writes a new one and deletes the
// old, which a mapping survives), their indexes and prodspec's caches.
// Reading a pack object is then a slice of memory rather than a read
// into a new buffer (a cold history walk reads some 30,000), and the
// pages are the page cache's rather than new memory. nil when it cannot
// be mapped; the caller then reads the file.
func mapFile(f *os.File, size int64) []byte {
	if size <= 0 || int64(int(size)) != size {
		return nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return b
}

func unmapFile(b []byte) error {
	if b == nil {
		return nil
	}
	return syscall.Munmap(b)
}
