package cli

import (
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
)

// TestSourceLines: lines of a regular file, CRLF or not; nothing from a
// FIFO (reading one could hang), a file over the size limit, or a file
// that is not there.
func TestSourceLines(t *testing.T) {
	fsys := fstest.MapFS{
		"a.md":    {Data: []byte("---\r\nid: S-1\r\n")},
		"fifo.md": {Mode: fs.ModeNamedPipe},
		"big.md":  {Data: make([]byte, 101)},
	}
	lines := sourceLines(fsys, 100)
	if got := lines("a.md"); !slices.Equal(got, []string{"---", "id: S-1", ""}) {
		t.Errorf("a.md: %q", got)
	}
	for _, name := range []string{"fifo.md", "big.md", "missing.md"} {
		if got := lines(name); got != nil {
			t.Errorf("%s: %q, want none", name, got)
		}
	}
}
