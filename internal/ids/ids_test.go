package ids_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/prodspec/prodspec/internal/gittest"
	"github.com/prodspec/prodspec/internal/ids"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

func TestMain(m *testing.M) {
	code := m.Run()
	gittest.BenchCleanup()
	os.Exit(code)
}

func story(id string) string {
	return "---\nid: " + id + "\ntitle: Story " + id + "\nroadmap: R-1\nstatus: draft\n---\n"
}

var storyID = regexp.MustCompile(`^S-[0-9]+$`)

// TestUsed: an ID is taken when the work tree, any branch, remote-tracking
// branch or tag, or any past commit has it, whatever the file is called.
func TestUsed(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	must(t, err)
	must(t, r.Write("stories/S-1.md", story("S-1")))
	must(t, r.Write("stories/S-2.md", story("S-2")))
	_, err = r.Commit("two stories", gittest.CommitOptions{})
	must(t, err)
	// S-9 lives in a file not named by its ID, then is deleted.
	must(t, r.Write("stories/login.md", story("S-9")))
	_, err = r.Commit("S-9", gittest.CommitOptions{})
	must(t, err)
	must(t, os.Remove(filepath.Join(r.Dir, "stories", "login.md")))
	_, err = r.Commit("drop S-9", gittest.CommitOptions{})
	must(t, err)
	must(t, r.Tag("v1", ""))
	// A branch adds S-12, a tag on an unmerged line S-13, a remote S-14.
	must(t, r.Branch("feature", true))
	must(t, r.Write("stories/S-12.md", story("S-12")))
	_, err = r.Commit("S-12", gittest.CommitOptions{})
	must(t, err)
	must(t, r.Write("stories/S-13.md", story("S-13")))
	_, err = r.Commit("S-13", gittest.CommitOptions{})
	must(t, err)
	must(t, r.Tag("exp", "an experiment"))
	must(t, r.Write("stories/S-14.md", story("S-14")))
	remote, err := r.Commit("S-14", gittest.CommitOptions{})
	must(t, err)
	must(t, r.Git.Storer.SetReference(plumbing.NewHashReference("refs/remotes/origin/other", remote)))
	must(t, r.Git.Storer.RemoveReference("refs/heads/feature"))
	must(t, r.Checkout("main"))
	// And the work tree has an uncommitted S-3.
	must(t, r.Write("stories/S-3.md", story("S-3")))

	set := usedIn(t, r.Dir)
	taken(t, set, map[string]string{
		"S-1":  "the work tree (stories/S-1.md)",
		"S-3":  "the work tree (stories/S-3.md)",
		"S-9":  "(stories/login.md)",
		"S-13": "(stories/S-13.md)",
		"S-14": "(stories/S-14.md)",
	})
	if where, ok := set.Lookup("S-4"); ok {
		t.Errorf("S-4 is free, Lookup says %q", where)
	}
	next, err := set.Next(storyID)
	must(t, err)
	if next != "S-15" {
		t.Errorf("Next = %s, want S-15 (one past the remote branch's S-14)", next)
	}
	if set.Note != "" {
		t.Errorf("Note = %q, want none in a whole repository", set.Note)
	}
}

// TestUsedReadsBrokenFilesIDLines: a file whose YAML is broken elsewhere
// (Backlog.md's "assignee: @name") still says its ID on its id line; that
// ID is taken, in the work tree and in history, besides the file name's.
func TestUsedReadsBrokenFilesIDLines(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	must(t, err)
	broken := func(id string) string { return "---\nid: " + id + "\nassignee: @someone\n---\n" }
	must(t, r.Write("stories/old-task.md", broken("S-21")))
	_, err = r.Commit("a broken task", gittest.CommitOptions{})
	must(t, err)
	must(t, os.Remove(filepath.Join(r.Dir, "stories", "old-task.md")))
	must(t, r.Write("stories/S-1.md", story("S-1")))
	_, err = r.Commit("S-1", gittest.CommitOptions{})
	must(t, err)
	must(t, r.Write("stories/new-task.md", broken("S-22")))
	taken(t, usedIn(t, r.Dir), map[string]string{
		"S-21":     "(stories/old-task.md)",
		"S-22":     "the work tree (stories/new-task.md)",
		"new-task": "the work tree (stories/new-task.md)",
	})
}

// usedIn is ids.Used on the work tree at dir.
func usedIn(t *testing.T, dir string) *ids.Set {
	t.Helper()
	src, err := source.Open(source.Options{Dir: dir})
	must(t, err)
	defer src.Close()
	s, err := src.WorkTree()
	must(t, err)
	set, err := ids.Used(src, s)
	must(t, err)
	return set
}

// taken checks that each ID is taken, where the suffix says.
func taken(t *testing.T, set *ids.Set, want map[string]string) {
	t.Helper()
	for id, where := range want {
		if got, ok := set.Lookup(id); !ok || !strings.HasSuffix(got, where) {
			t.Errorf("Lookup(%s) = %q, %v; want ...%q", id, got, ok, where)
		}
	}
}

// TestCacheSharedByWorktrees: the cache is the repository's, in its
// common git directory, so a linked worktree (a product owner's second
// branch) starts warm.
func TestCacheSharedByWorktrees(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	must(t, err)
	must(t, r.Write("stories/S-1.md", story("S-1")))
	_, err = r.Commit("S-1", gittest.CommitOptions{})
	must(t, err)
	wt := filepath.Join(t.TempDir(), "wt")
	must(t, r.Worktree(wt, "feature"))
	for _, dir := range []string{r.Dir, wt} {
		src, err := source.Open(source.Options{Dir: dir})
		must(t, err)
		s, err := src.WorkTree()
		must(t, err)
		_, err = ids.Used(src, s)
		must(t, err)
		src.Close()
	}
	if _, err := os.Stat(filepath.Join(r.Dir, ".git", "prodspec", "ids.cache")); err != nil {
		t.Errorf("no cache in the common git directory: %v", err)
	}
	if _, err := os.Stat(filepath.Join(r.Dir, ".git", "worktrees", "feature", "prodspec")); err == nil {
		t.Errorf("a cache of the worktree's own: want one cache per repository")
	}
}

// TestUsedOutsideRepository: the work tree only, and a note that says so.
func TestUsedOutsideRepository(t *testing.T) {
	dir := t.TempDir()
	must(t, os.MkdirAll(filepath.Join(dir, "stories"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "stories", "S-7.md"), []byte(story("S-7")), 0o644))
	src, err := source.Open(source.Options{Dir: dir})
	must(t, err)
	s, err := src.WorkTree()
	must(t, err)
	set, err := ids.Used(src, s)
	must(t, err)
	if next, _ := set.Next(storyID); next != "S-8" || !strings.Contains(set.Note, "not in a git repository") {
		t.Errorf("Next = %s, Note = %q; want S-8 and a note", next, set.Note)
	}
}

// BenchmarkUsed is what `prodspec new` adds to loading the spec, on the
// generated 10k-story, 2,000-commit repository (gittest.BenchRepo):
// "cold" without the cache of what each commit added, "warm" with it.
func BenchmarkUsed(b *testing.B) {
	dir, err := gittest.BenchRepo()
	if err != nil {
		b.Fatal(err)
	}
	cache := filepath.Join(dir, "..", ".git", "prodspec", "ids.cache")
	for _, cold := range []bool{true, false} {
		name := map[bool]string{true: "cold", false: "warm"}[cold]
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if cold {
					b.StopTimer()
					os.Remove(cache)
					b.StartTimer()
				}
				used(b, dir)
			}
		})
	}
}

func used(b *testing.B, dir string) {
	src, err := source.Open(source.Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	set, err := ids.Used(src, &spec.Spec{})
	if err != nil {
		b.Fatal(err)
	}
	if _, ok := set.Lookup("S-10000"); !ok {
		b.Fatal("S-10000 not found")
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
