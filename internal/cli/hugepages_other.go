//go:build !linux

package cli

// preferHugePages does nothing where transparent huge pages are Linux's
// (see hugepages_linux.go).
func preferHugePages(int64) {}
