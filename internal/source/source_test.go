package source_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/prodspec/prodspec/internal/gittest"
	"github.com/prodspec/prodspec/internal/source"
)

const story = "---\nid: S-1\ntitle: One\nroadmap: R-1\nstatus: ready\n---\n"

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	var notDir *source.NotADirError
	if _, err := source.Open(source.Options{Dir: filepath.Join(dir, "missing")}); !errors.As(err, &notDir) || !notDir.Missing {
		t.Errorf("a missing spec root: %v, want NotADirError", err)
	}

	// Outside a repository: the work tree reads, git does not, and an
	// empty spec root is no answer.
	src, err := source.Open(source.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var noSpec *source.NoSpecError
	if _, err := src.Load(""); !errors.As(err, &noSpec) {
		t.Errorf("an empty spec root: %v, want NoSpecError", err)
	}
	var notRepo *source.NotInRepoError
	if _, err := src.Repo(); !errors.As(err, &notRepo) {
		t.Errorf("git outside a repository: %v, want NotInRepoError", err)
	}
}

// TestPrefixThroughSymlink: the spec root's place in the repository is
// the same whether it is named directly or through a link, and the spec at
// a commit is read with the work tree's configuration.
func TestPrefixThroughSymlink(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	check(r.Write("product/tasks/S-1.md", story))
	_, err = r.Commit("first", gittest.CommitOptions{})
	check(err)
	check(os.WriteFile(filepath.Join(r.Dir, ".prodspec.yaml"), []byte("story: {paths: ['tasks/*.md']}\n"), 0o644))
	link := filepath.Join(t.TempDir(), "spec")
	check(os.Symlink(filepath.Join(r.Dir, "product"), link))
	for _, dir := range []string{filepath.Join(r.Dir, "product"), link} {
		src, err := source.Open(source.Options{Dir: dir})
		check(err)
		if src.Prefix != "product" {
			t.Errorf("%s: prefix %q, want product", dir, src.Prefix)
		}
		s, err := src.Load("HEAD")
		check(err)
		if len(s.Stories) != 1 || s.Stories[0].ID != "S-1" {
			t.Errorf("%s: HEAD read with the work tree's configuration has %d stories, want S-1", dir, len(s.Stories))
		}
		check(src.Close())
	}
}
