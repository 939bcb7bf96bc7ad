package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestAtomicWritesSyncTheDirectory: a rename or link is only durable once
// the directory holding it is synced; syncing the file is not enough.
func TestAtomicWritesSyncTheDirectory(t *testing.T) {
	var synced []string
	defer func(orig func(string)) { syncDir = orig }(syncDir)
	syncDir = func(dir string) { synced = append(synced, dir) }

	dir := t.TempDir()
	if err := writeFileAtomic(filepath.Join(dir, "report.md"), []byte("x\n"), false); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "stories")
	if err := createFileAtomic(filepath.Join(sub, "S-1.md"), []byte("y\n")); err != nil {
		t.Fatal(err)
	}
	if want := []string{dir, sub}; !slices.Equal(synced, want) {
		t.Errorf("synced %q, want %q", synced, want)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 2 {
		t.Errorf("temporary files left behind: %v %v", entries, err)
	}
}
