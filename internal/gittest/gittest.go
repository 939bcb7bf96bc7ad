// Package gittest builds real git repositories for tests with go-git, at
// fixed authors and times, so that commit hashes are the same on every run
// and no git binary is needed.
package gittest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Epoch is the time of a repository's first commit; each later commit is
// an hour after the one before unless it says otherwise.
var Epoch = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

// Repo is a repository with a work tree, and the clock of its commits.
type Repo struct {
	Dir  string
	Git  *git.Repository
	next time.Time
}

// Init makes a repository in dir with its default branch named main.
func Init(dir string) (*Repo, error) {
	r, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		return nil, err
	}
	return &Repo{Dir: dir, Git: r, next: Epoch}, nil
}

// Open opens a repository made by Init, its clock after its newest commit.
func Open(dir string) (*Repo, error) {
	r, err := git.PlainOpen(dir)
	if err != nil {
		return nil, err
	}
	repo := &Repo{Dir: dir, Git: r, next: Epoch}
	iter, err := r.CommitObjects()
	if err != nil {
		return nil, err
	}
	err = iter.ForEach(func(c *object.Commit) error {
		if t := c.Committer.When.Add(time.Hour); t.After(repo.next) {
			repo.next = t
		}
		return nil
	})
	return repo, err
}

// Write writes a file of the work tree, making its directories.
func (r *Repo) Write(name, content string) error {
	p := filepath.Join(r.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(content), 0o644)
}

// CommitOptions are what a commit may set; zero values take defaults.
type CommitOptions struct {
	Author string    // email; the name is the part before "@"
	When   time.Time // default: an hour after the previous commit
	Merge  string    // a revision to record as the second parent
}

// Commit stages every change in the work tree (additions, edits,
// removals) and commits it.
func (r *Repo) Commit(msg string, o CommitOptions) (plumbing.Hash, error) {
	wt, err := r.Git.Worktree()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return plumbing.ZeroHash, err
	}
	if o.Author == "" {
		o.Author = "dev@example.com"
	}
	if o.When.IsZero() {
		o.When = r.next
	}
	r.next = o.When.Add(time.Hour)
	name, _, _ := strings.Cut(o.Author, "@")
	sig := &object.Signature{Name: name, Email: o.Author, When: o.When}
	opts := &git.CommitOptions{All: true, Author: sig, Committer: sig, AllowEmptyCommits: true}
	if o.Merge != "" {
		head, err := r.Git.Head()
		if err != nil {
			return plumbing.ZeroHash, err
		}
		other, err := r.Git.ResolveRevision(plumbing.Revision(o.Merge))
		if err != nil {
			return plumbing.ZeroHash, fmt.Errorf("merge %s: %w", o.Merge, err)
		}
		opts.Parents = []plumbing.Hash{head.Hash(), *other}
	}
	return wt.Commit(msg, opts)
}

// Tag tags HEAD: annotated when msg is not empty, lightweight otherwise.
func (r *Repo) Tag(name, msg string) error {
	head, err := r.Git.Head()
	if err != nil {
		return err
	}
	var opts *git.CreateTagOptions
	if msg != "" {
		opts = &git.CreateTagOptions{Message: msg, Tagger: &object.Signature{Name: "release", Email: "release@example.com", When: r.next}}
	}
	_, err = r.Git.CreateTag(name, head.Hash(), opts)
	return err
}

// Branch makes a branch at HEAD and, with checkout, switches to it.
func (r *Repo) Branch(name string, checkout bool) error {
	head, err := r.Git.Head()
	if err != nil {
		return err
	}
	ref := plumbing.NewBranchReferenceName(name)
	if err := r.Git.Storer.SetReference(plumbing.NewHashReference(ref, head.Hash())); err != nil {
		return err
	}
	if checkout {
		return r.Checkout(name)
	}
	return nil
}

// Checkout switches the work tree to a branch.
func (r *Repo) Checkout(name string) error {
	wt, err := r.Git.Worktree()
	if err != nil {
		return err
	}
	return wt.Checkout(&git.CheckoutOptions{Branch: plumbing.NewBranchReferenceName(name), Force: true})
}

// Worktree adds a linked work tree of a new branch at dir, laid out as
// `git worktree add` does: a .git file pointing into the main
// repository's .git/worktrees/NAME, which points back and shares objects.
func (r *Repo) Worktree(dir, branch string) error {
	if err := r.Branch(branch, false); err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	common, err := filepath.Abs(filepath.Join(r.Dir, ".git"))
	if err != nil {
		return err
	}
	admin := filepath.Join(common, "worktrees", branch)
	files := map[string]string{
		filepath.Join(admin, "HEAD"):      "ref: refs/heads/" + branch + "\n",
		filepath.Join(admin, "commondir"): "../..\n",
		filepath.Join(admin, "gitdir"):    filepath.Join(abs, ".git") + "\n",
		filepath.Join(abs, ".git"):        "gitdir: " + admin + "\n",
	}
	for p, content := range files {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	wr, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{EnableDotGitCommonDir: true})
	if err != nil {
		return err
	}
	wt, err := wr.Worktree()
	if err != nil {
		return err
	}
	return wt.Reset(&git.ResetOptions{Mode: git.HardReset})
}

// ShallowClone copies the repository at src to dst as `git clone
// --depth 1` leaves it: HEAD's commit, tree and blobs only, the branch
// but no tags, and .git/shallow naming the commit.
func ShallowClone(src, dst string) error {
	from, err := git.PlainOpen(src)
	if err != nil {
		return err
	}
	head, err := from.Head()
	if err != nil {
		return err
	}
	to, err := git.PlainInitWithOptions(dst, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: head.Name()},
	})
	if err != nil {
		return err
	}
	c, err := from.CommitObject(head.Hash())
	if err != nil {
		return err
	}
	if err := copyObject(from, to, c.Hash); err != nil {
		return err
	}
	tree, err := c.Tree()
	if err != nil {
		return err
	}
	if err := copyObject(from, to, tree.Hash); err != nil {
		return err
	}
	walker := object.NewTreeWalker(tree, true, nil)
	defer walker.Close()
	for {
		_, e, err := walker.Next()
		if err != nil {
			break
		}
		if err := copyObject(from, to, e.Hash); err != nil {
			return err
		}
	}
	if err := to.Storer.SetReference(plumbing.NewHashReference(head.Name(), c.Hash)); err != nil {
		return err
	}
	if err := to.Storer.SetShallow([]plumbing.Hash{c.Hash}); err != nil {
		return err
	}
	_, err = to.CreateRemote(&config.RemoteConfig{Name: "origin", URLs: []string{src}})
	if err != nil {
		return err
	}
	wt, err := to.Worktree()
	if err != nil {
		return err
	}
	return wt.Reset(&git.ResetOptions{Mode: git.HardReset, Commit: c.Hash})
}

func copyObject(from, to *git.Repository, h plumbing.Hash) error {
	obj, err := from.Storer.EncodedObject(plumbing.AnyObject, h)
	if err != nil {
		return err
	}
	_, err = to.Storer.SetEncodedObject(obj)
	return err
}

// SetUserEmail sets user.email in the repository's own configuration, as
// `git config user.email` does: who new, init and set take to be acting.
func (r *Repo) SetUserEmail(email string) error {
	cfg, err := r.Git.Config()
	if err != nil {
		return err
	}
	cfg.User.Email = email
	return r.Git.SetConfig(cfg)
}
