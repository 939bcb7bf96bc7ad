//go:build unix

package config

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLoadRefusesAFIFO: a .prodspec.yaml that is a FIFO, found or named
// with --config, is a configuration error naming it, and is not opened:
// reading it would wait for a writer forever.
func TestLoadRefusesAFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, FileName)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	for _, file := range []string{"", fifo} {
		done := make(chan error)
		go func() {
			_, err := Load(dir, dir, file, Known{})
			done <- err
		}()
		select {
		case err := <-done:
			var ce *Error
			want := ".prodspec.yaml: configuration file is a FIFO, not a regular file"
			if !errors.As(err, &ce) || err.Error() != want {
				t.Errorf("--config %q: %v, want the configuration error %q", file, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("--config %q: Load hangs on a FIFO", file)
		}
	}
}
