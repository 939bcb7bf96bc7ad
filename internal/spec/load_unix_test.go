//go:build unix

package spec

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadFIFO: a FIFO where a spec file should be, or at the end of a
// symlink, is a finding and is never opened: reading it would wait for a
// writer forever.
func TestLoadFIFO(t *testing.T) {
	dir := t.TempDir()
	stories := filepath.Join(dir, "stories")
	if err := os.MkdirAll(stories, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(stories, "S-1.md"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	if err := os.Symlink("S-1.md", filepath.Join(stories, "S-2.md")); err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() { done <- strings.Join(problems(t, os.DirFS(dir)), "\n") }()
	select {
	case got := <-done:
		want := strings.Join([]string{
			"stories/S-1.md: file is a FIFO, not a regular file",
			`stories/S-2.md: symlink to "S-1.md" leads to a FIFO, not a regular file`,
		}, "\n")
		if got != want {
			t.Errorf("problems:\n%s\nwant:\n%s", got, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Load hangs on a FIFO")
	}
}
