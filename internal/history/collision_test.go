package history_test

import (
	"fmt"
	"testing"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/gittest"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/spec"
)

// TestCollisions: the commit named is the one that added the other item,
// not a later one that changed it, and one on a branch merged into the
// base ref; the spec at the merge base is loaded only when an ID may
// collide.
//
//	c1 main     R-1, S-1
//	c2 ours     S-3 "Ours", R-2 "Ours"
//	c3 main     S-3 "Theirs" (add S-3)
//	c4 main     S-3 ready (move S-3 on)
//	c5 side     R-2 "Theirs" (side: R-2), merged into main by c6
func TestCollisions(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	check(t, err)
	commit := func(msg, merge string, files ...string) {
		t.Helper()
		for i := 0; i < len(files); i += 2 {
			check(t, r.Write(files[i], files[i+1]))
		}
		_, err := r.Commit(msg, gittest.CommitOptions{Merge: merge})
		check(t, err)
	}
	item := func(id, title string) string {
		return fmt.Sprintf("---\nid: %s\ntitle: %s\ngoals: [G1]\nstatus: planned\n---\n", id, title)
	}
	titled := func(id, title, status string) string {
		return fmt.Sprintf("---\nid: %s\ntitle: %s\nroadmap: R-1\nstatus: %s\n---\n", id, title, status)
	}
	commit("c1", "", "roadmap/R-1.md", item("R-1", "One"), "stories/S-1.md", story("S-1", "draft"))
	check(t, r.Branch("ours", true))
	commit("c2", "", "stories/S-3.md", titled("S-3", "Ours", "draft"), "roadmap/R-2.md", item("R-2", "Ours"))
	check(t, r.Checkout("main"))
	commit("add S-3", "", "stories/S-3.md", titled("S-3", "Theirs", "draft"))
	commit("move S-3 on", "", "stories/S-3.md", titled("S-3", "Theirs", "ready"))
	check(t, r.Branch("side", true))
	commit("side: R-2", "", "roadmap/sync.md", item("R-2", "Theirs"))
	check(t, r.Checkout("main"))
	commit("merge side", "side", "roadmap/sync.md", item("R-2", "Theirs")) // a merge commits the work tree

	g, err := gitsrc.Open(r.Dir)
	check(t, err)
	t.Cleanup(func() { g.Close() })
	head, ref := resolve(t, g, "ours"), resolve(t, g, "main")
	base, err := g.MergeBase(head, ref)
	check(t, err)
	loads := 0
	atBase := func() (*spec.Spec, error) { loads++; return load(t, g, base), nil }

	got, err := history.Collisions(g, load(t, g, head), load(t, g, ref), base, ref, "main", atBase)
	check(t, err)
	want := []string{
		"roadmap/R-2.md R-2 roadmap/sync.md Theirs side: R-2",
		"stories/S-3.md S-3 stories/S-3.md Theirs add S-3",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d collisions %+v, want %d", len(got), got, len(want))
	}
	for i, c := range got {
		if s := fmt.Sprintf("%s %s %s %s %s", c.File, c.ID, c.Other, c.Title, c.Subject); s != want[i] {
			t.Errorf("collision %d: %s, want %s", i, s, want[i])
		}
	}
	if loads != 1 {
		t.Errorf("the spec at the merge base was loaded %d times, want 1", loads)
	}

	// The base ref against itself added nothing ours has: the spec at the
	// merge base is never loaded.
	loads = 0
	got, err = history.Collisions(g, load(t, g, base), load(t, g, ref), base, ref, "main", atBase)
	check(t, err)
	if len(got) != 0 || loads != 0 {
		t.Errorf("ours = the merge base: %d collisions, %d loads; want none", len(got), loads)
	}
}
