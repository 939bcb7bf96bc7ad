package cli

import (
	"bufio"
	"errors"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// TestAdviseHuge: the heap memory adviseHuge is given is marked for huge
// pages ("hg" in its mapping's flags), where the kernel has them.
func TestAdviseHuge(t *testing.T) {
	b := make([]byte, 8<<20)
	if err := adviseHuge(b); errors.Is(err, syscall.EINVAL) {
		t.Skip("this kernel has no transparent huge pages")
	} else if err != nil {
		t.Fatal(err)
	}
	flags := vmFlags(t, uintptr(unsafe.Pointer(&b[len(b)/2])))
	runtime.KeepAlive(b)
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping of the advised memory has flags %q, want hg among them", flags)
	}
}

// vmFlags are the VmFlags of the mapping that holds addr, from
// /proc/self/smaps.
func vmFlags(t *testing.T, addr uintptr) string {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := mappingRange(line); ok {
			in = lo <= addr && addr < hi
		} else if flags, ok := strings.CutPrefix(line, "VmFlags:"); ok && in {
			return strings.TrimSpace(flags)
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
	return ""
}

// mappingRange reads a mapping's header line ("7f00-7f10 rw-p ...").
func mappingRange(line string) (lo, hi uintptr, ok bool) {
	r, _, _ := strings.Cut(line, " ")
	a, b, found := strings.Cut(r, "-")
	if !found {
		return 0, 0, false
	}
	x, err1 := strconv.ParseUint(a, 16, 64)
	y, err2 := strconv.ParseUint(b, 16, 64)
	return uintptr(x), uintptr(y), err1 == nil && err2 == nil
}
