package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/prodspec/prodspec/internal/gittest"
)

// A broken repository is exit 3 with a reason, never a wrong answer
// (issue 14). Each test builds the repository below with gittest and
// breaks it:
//
//	c1 v1.0.0 (annotated)  vision, R-1, S-1 ready
//	c2 v1.1.0 (annotated)  S-2 added, ready
type brokenRepo struct {
	*gittest.Repo
	c1, c2 plumbing.Hash
	s2     plumbing.Hash // S-2's blob
}

func newBrokenRepo(t *testing.T) *brokenRepo {
	t.Helper()
	r, err := gittest.Init(filepath.Join(t.TempDir(), "repo"))
	must(t, err)
	must(t, r.Write("vision.md", "---\nkind: vision\ntitle: Acme\ngoals: [{id: G1, title: Capture}]\n---\n"))
	must(t, r.Write("roadmap/R-1.md", "---\nid: R-1\ntitle: Capture\ngoals: [G1]\nstatus: planned\nhorizon: now\n---\n"))
	must(t, r.Write("stories/S-1.md", brokenStory("S-1")))
	c1, err := r.Commit("first release", gittest.CommitOptions{})
	must(t, err)
	must(t, r.Tag("v1.0.0", "release 1.0.0"))
	must(t, r.Write("stories/S-2.md", brokenStory("S-2")))
	c2, err := r.Commit("add S-2", gittest.CommitOptions{})
	must(t, err)
	must(t, r.Tag("v1.1.0", "release 1.1.0"))
	c, err := r.Git.CommitObject(c2)
	must(t, err)
	f, err := c.File("stories/S-2.md")
	must(t, err)
	return &brokenRepo{Repo: r, c1: c1, c2: c2, s2: f.Hash}
}

func brokenStory(id string) string {
	return "---\nid: " + id + "\ntitle: Story " + id + "\nroadmap: R-1\nstatus: ready\n" +
		"rice: {reach: 1, impact: 1, confidence: 1, effort: 1}\n---\nBody.\n"
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// run runs prodspec in dir and returns its exit code, stdout and stderr.
func run(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(append([]string{"-C", dir}, args...), &Streams{Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
	return code, out.String(), errb.String()
}

func wantExit(t *testing.T, dir string, code int, stderr []string, args ...string) string {
	t.Helper()
	got, out, errs := run(t, dir, args...)
	if got != code {
		t.Errorf("prodspec %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), got, code, out, errs)
	}
	for _, s := range stderr {
		if !strings.Contains(errs, s) {
			t.Errorf("prodspec %s: stderr %q lacks %q", strings.Join(args, " "), errs, s)
		}
	}
	return out
}

// A blob that cannot be read fails the command naming it, rather than
// leaving out the story it holds.
func TestCorruptBlobIsExit3(t *testing.T) {
	r := newBrokenRepo(t)
	must(t, r.CorruptLoose(r.s2))
	short := r.s2.String()[:7]
	for _, args := range [][]string{
		{"diff", "v1.0.0..HEAD"},
		{"backlog", "--at", "v1.1.0"},
		{"lint", "--at", "HEAD"},
		{"release-notes", "v1.0.0..v1.1.0"},
		{"history"},
	} {
		wantExit(t, r.Dir, ExitRuntime, []string{"blob " + short}, args...)
	}
	wantExit(t, r.Dir, ExitRuntime, []string{"the repository is broken", "stories/S-2.md at " + r.c2.String()[:7]}, "diff", "v1.0.0..HEAD")
}

// A tree that cannot be read is not an empty directory.
func TestCorruptTreeIsExit3(t *testing.T) {
	r := newBrokenRepo(t)
	c, err := r.Git.CommitObject(r.c2)
	must(t, err)
	tree, err := c.Tree()
	must(t, err)
	stories, err := tree.Tree("stories")
	must(t, err)
	must(t, r.CorruptLoose(stories.Hash))
	wantExit(t, r.Dir, ExitRuntime, []string{"tree " + stories.Hash.String()[:7]}, "diff", "v1.0.0..HEAD")
	wantExit(t, r.Dir, ExitRuntime, []string{"tree " + stories.Hash.String()[:7]}, "backlog", "--at", "HEAD")
}

// A truncated pack is no "No product changes."
func TestTruncatedPackIsExit3(t *testing.T) {
	r := newBrokenRepo(t)
	pack, err := r.Pack()
	must(t, err)
	info, err := os.Stat(pack)
	must(t, err)
	must(t, os.Truncate(pack, info.Size()/2))
	out := wantExit(t, r.Dir, ExitRuntime, []string{"the repository is broken"}, "diff", "v1.0.0..HEAD")
	if strings.Contains(out, "No product changes") {
		t.Errorf("a truncated pack reads as no changes:\n%s", out)
	}
}

// A tag whose commit cannot be read exists: it is not an unknown
// revision.
func TestFlippedPackIsNotUnknownRevision(t *testing.T) {
	r := newBrokenRepo(t)
	pack, err := r.Pack()
	must(t, err)
	must(t, gittest.FlipInPack(pack, r.c2))
	wantExit(t, r.Dir, ExitRuntime, []string{"the repository is broken", "object " + r.c2.String()[:7], `"v1.1.0"`}, "backlog", "--at", "v1.1.0")
	wantExit(t, r.Dir, ExitUsage, []string{`unknown revision "v9.9.9"`}, "backlog", "--at", "v9.9.9")
}

// Revisions resolve as git resolves them.
func TestRevisionsAsGit(t *testing.T) {
	r := newBrokenRepo(t)
	// A branch with "@" in its name, at c1: S-2 is not there yet.
	must(t, r.Git.Storer.SetReference(plumbing.NewHashReference("refs/heads/a@b", r.c1)))
	if out := wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", "a@b"); strings.Contains(out, "S-2") || !strings.Contains(out, "S-1") {
		t.Errorf("backlog --at a@b is not c1's:\n%s", out)
	}
	// A branch named like c1's short hash, at c2: the ref wins.
	prefix := r.c1.String()[:7]
	must(t, r.Git.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName(prefix), r.c2)))
	if out := wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", prefix); !strings.Contains(out, "S-2") {
		t.Errorf("backlog --at %s is not the branch's commit:\n%s", prefix, out)
	}
	// The full hash is always the object.
	if out := wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", r.c1.String()); strings.Contains(out, "S-2") {
		t.Errorf("backlog --at the full hash of c1 shows S-2:\n%s", out)
	}
	wantExit(t, r.Dir, ExitUsage, []string{`revision "HEAD^{tree}" is a tree, not a commit`}, "backlog", "--at", "HEAD^{tree}")
	wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", "v1.1.0^{commit}")
	wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", "HEAD~1")
	wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", "HEAD^")
	wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", "@")
	wantExit(t, r.Dir, ExitUsage, []string{`unknown revision "HEAD~2"`}, "backlog", "--at", "HEAD~2")
	wantExit(t, r.Dir, ExitUsage, []string{`unknown revision "HEAD^2"`}, "backlog", "--at", "HEAD^2")
}

// A damaged tag is not a missing one: release notes would otherwise be
// written from the release before it.
func TestCorruptTagIsExit3(t *testing.T) {
	r := newBrokenRepo(t)
	ref, err := r.Git.Tag("v1.1.0")
	must(t, err)
	must(t, r.CorruptLoose(ref.Hash()))
	wantExit(t, r.Dir, ExitRuntime, []string{"the repository is broken", ref.Hash().String()[:7]}, "release-notes")
}

// A bare repository is read where no work tree is needed, its spec root
// the top of the tree, and said to have none where one is.
func TestBareRepository(t *testing.T) {
	r := newBrokenRepo(t)
	bare := filepath.Join(t.TempDir(), "repo.git")
	must(t, r.Bare(bare))
	if out := wantExit(t, bare, ExitOK, nil, "diff", "v1.0.0..v1.1.0"); !strings.Contains(out, "S-2") {
		t.Errorf("diff in a bare repository lacks S-2:\n%s", out)
	}
	if out := wantExit(t, bare, ExitOK, nil, "backlog", "--at", "v1.1.0"); !strings.Contains(out, "S-2") {
		t.Errorf("backlog --at in a bare repository lacks S-2:\n%s", out)
	}
	wantExit(t, bare, ExitOK, nil, "release-notes", "v1.0.0..v1.1.0")
	wantExit(t, bare, ExitOK, nil, "history")
	noWorkTree := []string{"is a bare repository, which has no work tree: name a ref to read (--at REF, or BASE..HEAD)"}
	wantExit(t, bare, ExitUsage, noWorkTree, "lint")
	wantExit(t, bare, ExitUsage, noWorkTree, "backlog")
	wantExit(t, bare, ExitUsage, noWorkTree, "diff", "v1.0.0")
}

// A SHA-256 repository is refused, not misread.
func TestSHA256Repository(t *testing.T) {
	r := newBrokenRepo(t)
	cfg := filepath.Join(r.Dir, ".git", "config")
	data, err := os.ReadFile(cfg)
	must(t, err)
	data = bytes.Replace(data, []byte("repositoryformatversion = 0"), []byte("repositoryformatversion = 1"), 1)
	must(t, os.WriteFile(cfg, append(data, "[extensions]\n\tobjectformat = sha256\n"...), 0o644))
	want := []string{"uses sha256 object names (extensions.objectformat): not supported yet"}
	wantExit(t, r.Dir, ExitRuntime, want, "backlog", "--at", "HEAD")
	wantExit(t, r.Dir, ExitRuntime, want, "history")
}

// What names no commit, or what go-git parses and ignores, is no answer
// at HEAD.
func TestRevisionsNotCommits(t *testing.T) {
	r := newBrokenRepo(t)
	wantExit(t, r.Dir, ExitUsage, []string{`revision "HEAD:vision.md" is a file or directory, not a commit`}, "backlog", "--at", "HEAD:vision.md")
	wantExit(t, r.Dir, ExitUsage, []string{`revision "HEAD@{1}": reflog and upstream revisions (@{...}) are not supported`}, "backlog", "--at", "HEAD@{1}")
	wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", "HEAD^{/first}")
}

// A full hash of no object is unknown, with or without a suffix; hashes
// may be written in capitals, as git takes them.
func TestRevisionsFullHash(t *testing.T) {
	r := newBrokenRepo(t)
	none := strings.Repeat("ab", 20)
	wantExit(t, r.Dir, ExitUsage, []string{`unknown revision "` + none + `"`}, "backlog", "--at", none)
	wantExit(t, r.Dir, ExitUsage, []string{`unknown revision "` + none + `~1"`}, "backlog", "--at", none+"~1")
	wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", strings.ToUpper(r.c1.String()[:7]))
	wantExit(t, r.Dir, ExitOK, nil, "backlog", "--at", strings.ToUpper(r.c1.String())+"^0")
}
