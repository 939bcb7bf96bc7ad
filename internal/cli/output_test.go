package cli

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestAtomicWritesSyncTheDirectory: a rename or link is only durable once
// the directory holding it is synced; syncing the file is not enough.
func TestAtomicWritesSyncTheDirectory(t *testing.T) {
	var synced []string
	defer func(orig func(string)) { syncDir = orig }(syncDir)
	syncDir = func(dir string) { synced = append(synced, dir) }

	dir := t.TempDir()
	if err := writeFileAtomic(filepath.Join(dir, "report.md"), []byte("x\n"), false, io.Discard); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "stories")
	if err := createFileAtomic(filepath.Join(sub, "S-1.md"), []byte("y\n"), io.Discard); err != nil {
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

// TestTempFilesAreNamedAndStaleOnesRemoved: a temporary file is named
// .NAME.prodspec-tmp-*, and one a killed run left (older than an hour)
// is removed on the next write to its directory, with a note; a fresh one
// (another run may be writing it) and other people's files are kept.
func TestTempFilesAreNamedAndStaleOnesRemoved(t *testing.T) {
	tmp, err := writeTemp(filepath.Join(t.TempDir(), "report.md"), []byte("x\n"), 0o644, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\.report\.md\.prodspec-tmp-[0-9]+$`).MatchString(filepath.Base(tmp)) {
		t.Errorf("temporary file %s is not named .report.md.prodspec-tmp-*", filepath.Base(tmp))
	}
	temps.remove(tmp)

	// The first write to dir, in this process, sweeps it.
	dir := t.TempDir()
	old := time.Now().Add(-2 * time.Hour)
	files := map[string]time.Time{
		".status.md.prodspec-tmp-123": old,        // stale: removed
		".S-1.md.prodspec-tmp-456":    time.Now(), // fresh: kept
		".notes.md.tmp789":            old,        // not prodspec's: kept
		"mine.prodspec-tmp-1":         old,        // not hidden, not prodspec's: kept
	}
	for name, mtime := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	var note strings.Builder
	if err := writeFileAtomic(filepath.Join(dir, "report.md"), []byte("x\n"), false, &note); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, ".status.md.prodspec-tmp-123")
	if _, err := os.Lstat(stale); err == nil {
		t.Error("the stale temporary file was kept")
	}
	if want := "prodspec: removed " + stale + ", a temporary file left by an interrupted run\n"; note.String() != want {
		t.Errorf("note %q, want %q", note.String(), want)
	}
	for name := range files {
		if _, err := os.Lstat(filepath.Join(dir, name)); (err == nil) != (name != ".status.md.prodspec-tmp-123") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestTempFileRemovedOnError: when the write fails after the temporary
// file was made (here the link, over a path in a missing directory's
// place), no temporary file is left.
func TestTempFileRemovedOnError(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "S-1.md"), []byte("theirs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := createFileAtomic(filepath.Join(dir, "S-1.md"), []byte("mine\n"), io.Discard); err == nil {
		t.Fatal("createFileAtomic replaced a file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestInsideRoot: a path prodspec derives is refused when a symlinked
// directory on its way leads out of the spec root, or nowhere; one that
// stays inside, and directories still to be made, are fine.
func TestInsideRoot(t *testing.T) {
	work := t.TempDir()
	root := filepath.Join(work, "spec")
	for _, d := range []string{"spec/real", "outside"} {
		if err := os.MkdirAll(filepath.Join(work, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"spec/in": "real", "spec/out": "../outside", "spec/gone": "../missing"} {
		if err := os.Symlink(target, filepath.Join(work, link)); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	for rel, want := range map[string]string{
		"S-1.md":         "",
		"in/S-1.md":      "",
		"new/dir/S-1.md": "",
		"out/S-1.md":     "leads to " + filepath.Join(work, "outside", "S-1.md") + ", outside the spec root",
		"out/a/S-1.md":   "leads to " + filepath.Join(work, "outside", "a", "S-1.md") + ", outside the spec root",
		"gone/S-1.md":    "a symlink to nowhere",
	} {
		err := insideRoot(root, filepath.Join(root, rel))
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want) || exitCode(err) != ExitUsage) {
			t.Errorf("%s: %v, want %q", rel, err, want)
		}
	}
}

// TestReplaceRefusesAFileChangedSinceRead: set, check and mv write a file
// back only if it still holds what they read; an edit made meanwhile (an
// editor, another run) is kept, and no temporary file is left.
func TestReplaceRefusesAFileChangedSinceRead(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "S-1.md")
	if err := os.WriteFile(path, []byte("edited meanwhile\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := replaceFileAtomic(path, []byte("as read\n"), []byte("new\n"), io.Discard)
	if err == nil || exitCode(err) != ExitUsage || !strings.Contains(err.Error(), "changed on disk since prodspec read it") {
		t.Fatalf("got %v, want a refusal", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "edited meanwhile\n" {
		t.Errorf("file is now %q", got)
	}
	if err := replaceFileAtomic(path, []byte("edited meanwhile\n"), []byte("new\n"), io.Discard); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new\n" {
		t.Errorf("file is now %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
