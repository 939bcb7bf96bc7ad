package source_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/prodspec/prodspec/internal/source"
)

// TestWorkTreeWith: the spec as it would be is the work tree's with the
// given files put in (also in a directory that does not exist yet),
// replaced or taken out, and nothing is written.
func TestWorkTreeWith(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "stories"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"stories/S-1.md": story, "stories/S-2.md": "---\nid: S-2\ntitle: Two\n---\n"} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src, err := source.Open(source.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	s, err := src.WorkTreeWith(map[string][]byte{
		"stories/S-1.md":         []byte("---\nid: S-1\ntitle: Renamed\n---\n"),
		"stories/S-2.md":         nil,
		"stories/new/S-3.md":     []byte("---\nid: S-3\ntitle: Three\n---\n"),
		"roadmap/deep/er/R-1.md": []byte("---\nid: R-1\ntitle: Item\n---\n"),
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range s.Files {
		got = append(got, f.Path)
	}
	if want := []string{"roadmap/deep/er/R-1.md", "stories/S-1.md", "stories/new/S-3.md"}; !slices.Equal(got, want) {
		t.Errorf("files %q, want %q", got, want)
	}
	if st := s.Story("S-1"); st == nil || st.Title != "Renamed" {
		t.Errorf("S-1 = %+v, want the new title", st)
	}
	if _, err := os.Stat(filepath.Join(dir, "stories", "new")); !os.IsNotExist(err) {
		t.Errorf("WorkTreeWith wrote to the work tree: %v", err)
	}
}
