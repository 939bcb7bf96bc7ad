package gitsrc_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/gittest"
)

// history builds a repository with the spec under product/:
//
//	c1 v0.9.0 (lightweight)  add S-1, S-2
//	c2 v1.0.0 (annotated)    S-1 accepted
//	c3 on branch feature     add S-3
//	c4 on main               rename S-2 to S-2-lock.md
//	c5 merge feature         v1.10.0-rc.1, v1.2.0
func history(t *testing.T) (*gittest.Repo, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	r, err := gittest.Init(dir)
	check(t, err)
	hashes := map[string]string{}
	commit := func(name, msg string, o gittest.CommitOptions) {
		h, err := r.Commit(msg, o)
		check(t, err)
		hashes[name] = h.String()
	}
	check(t, r.Write("README.md", "# repo\n"))
	check(t, r.Write("product/stories/S-1.md", story("S-1", "ready")))
	check(t, r.Write("product/stories/S-2.md", story("S-2", "draft")))
	commit("c1", "add stories", gittest.CommitOptions{})
	check(t, r.Tag("v0.9.0", ""))
	check(t, r.Write("product/stories/S-1.md", story("S-1", "accepted")))
	commit("c2", "accept S-1", gittest.CommitOptions{Author: "po@example.com"})
	check(t, r.Tag("v1.0.0", "release 1.0.0"))
	check(t, r.Branch("feature", true))
	check(t, r.Write("product/stories/S-3.md", story("S-3", "ready")))
	commit("c3", "add S-3", gittest.CommitOptions{})
	check(t, r.Checkout("main"))
	check(t, r.Write("product/stories/S-2-lock.md", story("S-2", "draft")))
	check(t, rm(dir, "product/stories/S-2.md"))
	commit("c4", "rename S-2", gittest.CommitOptions{})
	check(t, r.Write("product/stories/S-3.md", story("S-3", "ready")))
	commit("c5", "merge feature", gittest.CommitOptions{Merge: "feature"})
	check(t, r.Tag("v1.10.0-rc.1", "rc"))
	check(t, r.Tag("v1.2.0", ""))
	return r, hashes
}

func story(id, status string) string {
	return "---\nid: " + id + "\ntitle: Story " + id + "\nroadmap: R-1\nstatus: " + status + "\n---\nBody.\n"
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func rm(dir, name string) error {
	return os.Remove(filepath.Join(dir, filepath.FromSlash(name)))
}

func TestOpenFromSubdirectory(t *testing.T) {
	r, _ := history(t)
	repo, err := gitsrc.Open(filepath.Join(r.Dir, "product", "stories"))
	check(t, err)
	if repo.Prefix != "product/stories" {
		t.Errorf("Prefix = %q, want product/stories", repo.Prefix)
	}
	if _, err := gitsrc.Open(t.TempDir()); !errors.Is(err, gitsrc.ErrNotRepository) {
		t.Errorf("Open outside a repository: %v, want ErrNotRepository", err)
	}
}

func TestResolve(t *testing.T) {
	r, h := history(t)
	repo, err := gitsrc.Open(filepath.Join(r.Dir, "product"))
	check(t, err)
	for rev, want := range map[string]string{
		"HEAD":         h["c5"],
		"main":         h["c5"],
		"feature":      h["c3"],
		"v0.9.0":       h["c1"], // lightweight
		"v1.0.0":       h["c2"], // annotated: peeled to its commit
		"HEAD~1":       h["c4"],
		"HEAD^2":       h["c3"],
		h["c2"][:7]:    h["c2"],
		h["c2"]:        h["c2"],
		"v1.2.0":       h["c5"],
		"v1.10.0-rc.1": h["c5"],
	} {
		c, err := repo.Resolve(rev)
		if err != nil {
			t.Errorf("Resolve(%q): %v", rev, err)
			continue
		}
		if c.Hash.String() != want {
			t.Errorf("Resolve(%q) = %s, want %s", rev, c.Hash, want)
		}
	}
	var unknown *gitsrc.UnknownRevError
	if _, err := repo.Resolve("v9"); !errors.As(err, &unknown) || unknown.Rev != "v9" {
		t.Errorf("Resolve(v9): %v, want UnknownRevError", err)
	}
}

func TestResolveInAnEmptyRepository(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	check(t, err)
	repo, err := gitsrc.Open(r.Dir)
	check(t, err)
	_, err = repo.Resolve("HEAD")
	if err == nil || err.Error() != `unknown revision "HEAD": the repository has no commits yet` {
		t.Errorf("Resolve(HEAD) in an empty repository: %v", err)
	}
}

func TestRange(t *testing.T) {
	r, h := history(t)
	repo, err := gitsrc.Open(r.Dir)
	check(t, err)
	from, to, err := repo.Range("v0.9.0..v1.0.0", "HEAD")
	check(t, err)
	if from.Hash.String() != h["c1"] || to.Hash.String() != h["c2"] {
		t.Errorf("A..B = %s..%s", from.Short(), to.Short())
	}
	from, to, err = repo.Range("v1.0.0", "HEAD")
	check(t, err)
	if from.Hash.String() != h["c2"] || to.Hash.String() != h["c5"] {
		t.Errorf("A = %s..%s, want v1.0.0..HEAD", from.Short(), to.Short())
	}
	if _, to, _ = repo.Range("v1.0.0", ""); to != nil {
		t.Errorf("A with no default end: to = %v, want nil (the work tree)", to)
	}
	// feature...: from the merge base of feature and HEAD, to HEAD.
	from, to, err = repo.Range("feature...", "")
	check(t, err)
	if from.Hash.String() != h["c3"] || to.Hash.String() != h["c5"] {
		t.Errorf("A... = %s..%s, want c3..c5", from.Short(), to.Short())
	}
	// feature...HEAD~1: from the merge base of the two, c2.
	from, to, err = repo.Range("feature...HEAD~1", "HEAD")
	check(t, err)
	if from.Hash.String() != h["c2"] || to.Hash.String() != h["c4"] {
		t.Errorf("A...B = %s..%s, want merge base c2..c4", from.Short(), to.Short())
	}
}

func TestCommitsParentsFirst(t *testing.T) {
	r, h := history(t)
	repo, err := gitsrc.Open(r.Dir)
	check(t, err)
	head, err := repo.Resolve("HEAD")
	check(t, err)
	all, err := repo.Commits(nil, head)
	check(t, err)
	got := names(all, h)
	if want := []string{"c1", "c2", "c3", "c4", "c5"}; !slices.Equal(got, want) {
		t.Errorf("Commits(nil, HEAD) = %v, want %v", got, want)
	}
	from, err := repo.Resolve("v1.0.0")
	check(t, err)
	since, err := repo.Commits(from, head)
	check(t, err)
	if got, want := names(since, h), []string{"c3", "c4", "c5"}; !slices.Equal(got, want) {
		t.Errorf("Commits(v1.0.0, HEAD) = %v, want %v", got, want)
	}
}

func names(cs []*gitsrc.Commit, h map[string]string) []string {
	var out []string
	for _, c := range cs {
		for n, hash := range h {
			if hash == c.Hash.String() {
				out = append(out, n)
			}
		}
	}
	return out
}

func TestChanges(t *testing.T) {
	r, _ := history(t)
	repo, err := gitsrc.Open(filepath.Join(r.Dir, "product"))
	check(t, err)
	c4, err := repo.Resolve("HEAD~1")
	check(t, err)
	c2, err := repo.Resolve("v1.0.0")
	check(t, err)
	a, err := repo.SpecTree(c2)
	check(t, err)
	b, err := repo.SpecTree(c4)
	check(t, err)
	changes, err := repo.Changes(a, b)
	check(t, err)
	var got []string
	for _, c := range changes {
		side := "changed"
		switch {
		case c.Old.IsZero():
			side = "added"
		case c.New.IsZero():
			side = "removed"
		}
		got = append(got, side+" "+c.Path)
	}
	want := []string{"added stories/S-2-lock.md", "removed stories/S-2.md"}
	if !slices.Equal(got, want) {
		t.Errorf("Changes = %v, want %v", got, want)
	}
	blob, err := repo.Blob(changes[0].New)
	check(t, err)
	if !strings.Contains(string(blob), "id: S-2") {
		t.Errorf("Blob = %q", blob)
	}
}

func TestFS(t *testing.T) {
	r, _ := history(t)
	repo, err := gitsrc.Open(filepath.Join(r.Dir, "product"))
	check(t, err)
	head, err := repo.Resolve("HEAD")
	check(t, err)
	fsys, err := repo.FS(head)
	check(t, err)
	check(t, fstest.TestFS(fsys, "stories/S-1.md", "stories/S-2-lock.md", "stories/S-3.md"))
	data, err := fs.ReadFile(fsys, "stories/S-1.md")
	check(t, err)
	if string(data) != story("S-1", "accepted") {
		t.Errorf("S-1 at HEAD = %q", data)
	}
	if _, err := fs.ReadFile(fsys, "README.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file above the spec root is visible: %v", err)
	}
}

func TestLatestTag(t *testing.T) {
	r, _ := history(t)
	repo, err := gitsrc.Open(r.Dir)
	check(t, err)
	for rev, want := range map[string]string{
		"HEAD":    "v1.10.0-rc.1", // semver: 1.10.0-rc.1 > 1.2.0, whatever the ref order
		"HEAD~1":  "v1.0.0",
		"feature": "v1.0.0",
	} {
		c, err := repo.Resolve(rev)
		check(t, err)
		got, err := repo.LatestTag(c)
		check(t, err)
		if got != want {
			t.Errorf("LatestTag(%s) = %q, want %q", rev, got, want)
		}
	}
}

func TestLinkedWorktree(t *testing.T) {
	r, h := history(t)
	wt := filepath.Join(t.TempDir(), "wt")
	check(t, r.Worktree(wt, "review"))
	repo, err := gitsrc.Open(filepath.Join(wt, "product"))
	check(t, err)
	c, err := repo.Resolve("v1.0.0")
	check(t, err)
	if c.Hash.String() != h["c2"] {
		t.Errorf("v1.0.0 from a linked worktree = %s", c.Short())
	}
	if repo.Prefix != "product" {
		t.Errorf("Prefix = %q", repo.Prefix)
	}
}

func TestShallowClone(t *testing.T) {
	r, _ := history(t)
	dst := filepath.Join(t.TempDir(), "clone")
	check(t, gittest.ShallowClone(r.Dir, dst))
	repo, err := gitsrc.Open(dst)
	check(t, err)
	var shallow *gitsrc.ShallowError
	if _, err := repo.Resolve("v1.0.0"); !errors.As(err, &shallow) {
		t.Errorf("a tag in a shallow clone: %v, want ShallowError", err)
	}
	head, err := repo.Resolve("HEAD")
	check(t, err)
	if _, err := repo.Commits(nil, head); !errors.As(err, &shallow) {
		t.Errorf("history of a shallow clone: %v, want ShallowError", err)
	}
	if _, err := repo.LatestTag(head); !errors.As(err, &shallow) {
		t.Errorf("latest tag of a shallow clone: %v, want ShallowError", err)
	}
	if !strings.Contains(shallow.Error(), "fetch-depth: 0") {
		t.Errorf("message %q does not say how to fetch full history", shallow.Error())
	}
	if _, err := repo.FS(head); err != nil {
		t.Errorf("HEAD's tree of a shallow clone: %v", err)
	}
}

// TestChangesGitOrder covers what a merge walk of two sorted trees can
// get wrong: git sorts a directory as if its name ended in "/", so a file
// "a" that becomes a directory "a" sorts elsewhere, around "a-b" and
// "a.md"; and a spec root two levels down.
func TestChangesGitOrder(t *testing.T) {
	dir := t.TempDir()
	r, err := gittest.Init(dir)
	check(t, err)
	for name, content := range map[string]string{"x/spec/a": "file a\n", "x/spec/a-b/s.md": "1\n", "x/spec/a.md": "1\n", "x/spec/a0/s.md": "1\n", "x/spec/z.md": "1\n"} {
		check(t, r.Write(name, content))
	}
	_, err = r.Commit("c1", gittest.CommitOptions{})
	check(t, err)
	check(t, rm(dir, "x/spec/a"))
	// go-git cannot stage a file turned directory in one go.
	_, err = r.Commit("c2", gittest.CommitOptions{})
	check(t, err)
	for name, content := range map[string]string{"x/spec/a/s.md": "new\n", "x/spec/a.md": "2\n", "x/spec/a0/s.md": "2\n"} {
		check(t, r.Write(name, content))
	}
	_, err = r.Commit("c3", gittest.CommitOptions{})
	check(t, err)
	repo, err := gitsrc.Open(filepath.Join(dir, "x", "spec"))
	check(t, err)
	var trees []gitsrc.Hash
	for _, rev := range []string{"HEAD~2", "HEAD"} {
		c, err := repo.Resolve(rev)
		check(t, err)
		h, err := repo.SpecTree(c)
		check(t, err)
		trees = append(trees, h)
	}
	var got []string
	for _, pair := range [][2]gitsrc.Hash{{trees[0], trees[1]}, {trees[1], trees[0]}} {
		changes, err := repo.Changes(pair[0], pair[1])
		check(t, err)
		var s []string
		for _, c := range changes {
			s = append(s, c.Path+":"+map[bool]string{true: "-", false: "+"}[c.New.IsZero()]+map[bool]string{true: "-", false: "+"}[c.Old.IsZero()])
		}
		got = append(got, strings.Join(s, " "))
	}
	// path:new side present, old side present
	want := []string{"a:-+ a.md:++ a/s.md:+- a0/s.md:++", "a:+- a.md:++ a/s.md:-+ a0/s.md:++"}
	if !slices.Equal(got, want) {
		t.Errorf("Changes =\n%q\nwant\n%q", got, want)
	}
}
