package cli

import (
	"os"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"unsafe"
)

// hugeHeap is how much of the heap preferHugePages makes eligible for
// huge pages: more than a cold walk of 2,000 commits over 10,000 stories
// keeps (about 100 MB), less than historyMemoryLimit, which counts it.
const hugeHeap = 128 << 20

// hugePagesFrom is the size of a repository's packs from which the
// commands that read history prefer huge pages: setting them up costs a
// small repository (the examples) 3 ms of a 35 ms run.
const hugePagesFrom = 8 << 20

// hugePageSize is a transparent huge page's size on amd64 and arm64 (4 KiB
// pages), and what madvise's range is aligned to.
const hugePageSize = 2 << 20

// preferHugePages makes the next hugeHeap bytes of heap eligible for
// transparent huge pages, for the commands that read git, when the
// repository's packs hold hugePagesFrom bytes or more. Go maps its heap
// without asking for them, and where Linux gives huge pages
// only on request ("madvise", most distributions' default) every new
// 4 KiB page of heap is a page fault: 34,000 in a cold history walk, a
// third of its CPU time, and 5,000 in a warm `history ID`
// (BENCHMARKS.md, stop 26). So it allocates hugeHeap bytes, which the
// runtime maps fresh and does not touch, asks the kernel to back them
// with huge pages (MADV_HUGEPAGE, which stays with the mapping), and
// frees them: the runtime hands out free pages lowest address first, so
// the walk's allocations land there. Where the kernel has no huge pages
// this changes nothing. GODEBUG=disablethp=1, Go's own switch against
// huge pages, turns it off; so does running outside Main (tests).
func preferHugePages(packed int64) {
	if !softLimits || packed < hugePagesFrom || slices.Contains(strings.Split(os.Getenv("GODEBUG"), ","), "disablethp=1") {
		return
	}
	b := make([]byte, hugeHeap)
	adviseHuge(b) // an error only means no huge pages: nothing changes
	runtime.KeepAlive(b)
	runtime.GC() // free them now, not at the next collection
}

// adviseHuge asks the kernel to back the huge pages that b covers whole
// with transparent huge pages.
func adviseHuge(b []byte) error {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	start := (p + hugePageSize - 1) &^ (hugePageSize - 1)
	end := (p + uintptr(len(b))) &^ (hugePageSize - 1)
	if end <= start {
		return nil
	}
	return syscall.Madvise(b[start-p:end-p], madvHugepage)
}

const madvHugepage = 14 // MADV_HUGEPAGE, which package syscall does not name
