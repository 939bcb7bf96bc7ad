//go:build !unix

package gitsrc

import "os"

// mapFile maps nothing here: packs are read with ReadAt (see mmap_unix.go).
func mapFile(*os.File, int64) []byte { return nil }

func unmapFile([]byte) error { return nil }
