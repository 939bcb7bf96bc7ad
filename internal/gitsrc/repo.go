// Package gitsrc reads a spec from a git repository with go-git: it opens
// the repository around a spec root, resolves revisions and ranges, offers
// a commit's tree as an fs.FS for the spec loader, and lists the commits
// of a range in the order history needs. No git binary is used. go-git's
// types stay inside: callers see Hash, Commit and FileChange.
package gitsrc

import (
	"crypto"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/hash"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// ErrNotRepository means the spec root is not inside a git work tree.
var ErrNotRepository = errors.New("not inside a git repository")

// UnknownRevError is a revision that names no commit in the repository:
// it names nothing, or something else than a commit.
type UnknownRevError struct {
	Rev         string
	Empty       bool   // the repository has no commits at all
	NotCommit   string // what it names instead: "tree", "blob"
	Ambiguous   int    // a short hash that this many objects start with
	Unsupported string // a syntax prodspec does not read
	Suggest     string // " (did you mean \"main\"?)" for a name close to a branch or tag
}

func (e *UnknownRevError) Error() string {
	switch {
	case e.Empty:
		return fmt.Sprintf("unknown revision %q: the repository has no commits yet", e.Rev)
	case e.NotCommit != "":
		return fmt.Sprintf("revision %q is a %s, not a commit", e.Rev, e.NotCommit)
	case e.Unsupported != "":
		return fmt.Sprintf("revision %q: %s are not supported", e.Rev, e.Unsupported)
	case e.Ambiguous > 0:
		return fmt.Sprintf("short hash %q is ambiguous: %d objects start with it; give more digits", e.Rev, e.Ambiguous)
	}
	return fmt.Sprintf("unknown revision %q%s", e.Rev, e.Suggest)
}

// CorruptError is an object that the repository should have and cannot
// give: missing, or unreadable (bad compression, a truncated or damaged
// pack). The repository is broken, not a spec file, so no answer is
// given from it: a command exits 3 naming the object.
type CorruptError struct {
	What string // the object, and where it was met
	Err  error
}

func (e *CorruptError) Error() string {
	return "the repository is broken: cannot read " + e.What + ": " + e.Err.Error()
}

func (e *CorruptError) Unwrap() error { return e.Err }

// ShallowError is history that a shallow clone does not have.
type ShallowError struct{ What string }

func (e *ShallowError) Error() string {
	return e.What + ": this is a shallow clone without the history needed; " +
		"fetch full history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"
}

// Repo is a repository opened from a directory inside its work tree. It
// is safe for concurrent use.
type Repo struct {
	// Prefix is the spec root relative to the work tree root,
	// "/"-separated, "" when they are the same.
	Prefix  string
	shallow []Hash // where a shallow clone was cut; nil when complete
	gitDir  string // the (common) git directory; "" for other storage

	// go-git's storage is not safe for concurrent readers (open pack
	// files share a read position), so each goroutine reading objects
	// borrows a handle of its own, opened on demand, one per CPU at most:
	// loading a spec and walking history read in parallel.
	open func() (*git.Repository, error)
	idle chan *git.Repository

	mu      sync.Mutex             // guards opened
	opened  []*git.Repository      // every handle, for Close
	trees   *lru[Hash, *tree]      // the one tree cache: history walk and treeFS
	packs   func() (*packs, error) // waits for the packs, read in the background; nil packs for other storage
	commits commitCache
	writes  sync.WaitGroup // cache files being written (WriteCacheLater)
}

// plainSHA1 makes go-git hash with the standard library's SHA-1 rather
// than its collision-detecting one, once, before any repository is read.
// prodspec writes no objects and fetches none: it reads a local
// repository, where go-git hashes every object it rebuilds from a pack
// only to key its cache, and detection made that a sixth of a history
// walk.
var plainSHA1 sync.Once

// Open opens the repository whose work tree holds dir, from any
// subdirectory and from a linked worktree, or the bare repository dir
// is (whose spec root is the top of the tree). A SHA-256 repository is
// an error: not supported yet.
func Open(dir string) (*Repo, error) {
	plainSHA1.Do(func() { _ = hash.RegisterHash(crypto.SHA1, sha1.New) })
	// From the real path, as Locate looks: a spec root reached through a
	// symlink is in the repository its target is in.
	real, err := realPath(dir)
	if err != nil {
		return nil, err
	}
	loc, err := Locate(dir)
	if err != nil {
		return nil, err
	}
	// A bare repository is the directory itself: looking for a .git
	// above it would find none, or another repository.
	r, err := git.PlainOpenWithOptions(real, &git.PlainOpenOptions{DetectDotGit: !loc.Bare, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, ErrNotRepository
	}
	if errors.Is(err, git.ErrUnknownExtension) || errors.Is(err, git.ErrUnsupportedExtensionRepositoryFormatVersion) {
		if f := objectFormat(loc); f != "" && !strings.EqualFold(f, "sha1") {
			return nil, fmt.Errorf("the repository at %s uses %s object names (extensions.objectformat): not supported yet; "+
				"prodspec reads SHA-1 repositories", loc.Root, f)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open repository: %w", err)
	}
	// A bare repository has no work tree: its spec root is the top of
	// each commit's tree, and nothing is read from a work tree.
	var wt *git.Worktree
	if !loc.Bare {
		if wt, err = r.Worktree(); err != nil {
			return nil, fmt.Errorf("open repository: %w", err)
		}
		root, err := realPath(wt.Filesystem.Root())
		if err != nil {
			return nil, err
		}
		if loc.Root != root {
			return nil, fmt.Errorf("%s is outside the work tree %s", dir, root)
		}
	}
	// Each handle opens the same storage again, keeping pack files open:
	// by default go-git opens the pack file anew for every object it
	// reads, which was a sixth of the time of release notes on a
	// 10k-story spec. PlainOpen offers no storage options; Filesystem is
	// the .git directory it found, a linked worktree's common one too.
	// The handles share one object cache (go-git's LRU locks itself): on
	// a 2,000-commit history one 64 MiB cache was as fast as one per
	// handle, with less CPU (a delta base one worker rebuilt serves the
	// other) and 180 MB less at the peak.
	open := func() (*git.Repository, error) { return r, nil }
	handles, gitDir := 1, ""
	if st, ok := r.Storer.(*filesystem.Storage); ok {
		gitDir = commonDir(st.Filesystem().Root())
		objects := cache.NewObjectLRU(64 * cache.MiByte)
		open = func() (*git.Repository, error) {
			kept := filesystem.NewStorageWithOptions(st.Filesystem(), objects,
				filesystem.Options{MaxOpenDescriptors: maxOpenPacks})
			if wt == nil {
				return git.Open(kept, nil)
			}
			return git.Open(kept, wt.Filesystem)
		}
		handles = runtime.GOMAXPROCS(0)
	}
	shallow, err := r.Storer.Shallow()
	if err != nil {
		return nil, fmt.Errorf("open repository: %w", err)
	}
	prefix := loc.Prefix
	var cut []Hash
	for _, h := range shallow {
		cut = append(cut, Hash(h))
	}
	// The packs' indexes are read while the command goes on: a warm
	// history walk first reads only the caches, and reading 30,000
	// objects' index took 12 ms.
	loadPacks := func() (*packs, error) { return nil, nil }
	if gitDir != "" {
		loadPacks = background(func() (*packs, error) {
			ps, err := openPacks(gitDir)
			if err != nil {
				return nil, fmt.Errorf("open repository: %w", err)
			}
			return ps, nil
		})
	}
	return &Repo{Prefix: prefix, shallow: cut, gitDir: gitDir, open: open, idle: make(chan *git.Repository, handles), packs: loadPacks,
		trees: newLRU[Hash](treeCacheSize, func(*tree) int { return 1 })}, nil
}

// background calls f in a goroutine and returns what waits for its
// result.
func background[T any](f func() (T, error)) func() (T, error) {
	done := make(chan struct{})
	var v T
	var err error
	go func() {
		defer close(done)
		v, err = f()
	}()
	return func() (T, error) {
		<-done
		return v, err
	}
}

// commonDir is the git directory that a linked worktree's gitDir
// (.git/worktrees/NAME) shares its objects with, named by its commondir
// file; gitDir itself for any other.
func commonDir(gitDir string) string {
	data, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if err != nil {
		return gitDir
	}
	dir := strings.TrimSpace(string(data))
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(gitDir, dir)
	}
	return filepath.Clean(dir)
}

// CachePath is where prodspec may keep a cache file of this repository,
// name inside the git directory's prodspec folder (shared by linked
// worktrees, as their objects are); "" when the repository is not on
// disk. What is cached there must be derivable from the objects alone:
// a missing or unreadable cache only costs time.
func (r *Repo) CachePath(name string) string {
	if r.gitDir == "" {
		return ""
	}
	return filepath.Join(r.gitDir, "prodspec", name)
}

// objectFormat is the repository's extensions.objectformat ("sha256"),
// "" when it has none or its configuration cannot be read. go-git
// refuses such a repository with "does not support extension", which
// says nothing to a user.
func objectFormat(loc Location) string {
	gitDir := filepath.Join(loc.Root, ".git")
	if loc.Bare {
		gitDir = loc.Root
	}
	data, err := os.ReadFile(filepath.Join(gitDir, "config"))
	if err != nil {
		return ""
	}
	var cfg config.Config
	if err := cfg.Unmarshal(data); err != nil {
		return ""
	}
	return cfg.Raw.Section("extensions").Option("objectformat")
}

// with runs f with a repository handle that no other goroutine uses
// meanwhile.
func (r *Repo) with(f func(*git.Repository) error) error {
	g, err := r.borrow()
	if err != nil {
		return err
	}
	defer func() { r.idle <- g }()
	return f(g)
}

// readObject reads an object's content whole, from the packs when one
// holds it. The bytes may be shared with other readers: read only.
func (r *Repo) readObject(typ plumbing.ObjectType, h Hash) ([]byte, error) {
	ps, err := r.packs()
	if err != nil {
		return nil, err
	}
	if ps != nil {
		got, data, ok, err := ps.read(h)
		switch {
		case ok && err == nil && got != typ:
			return nil, plumbing.ErrObjectNotFound // as go-git answers
		case ok && err == nil:
			return data, nil
		case err != nil && !errors.Is(err, plumbing.ErrObjectNotFound):
			return nil, err
		}
	}
	var data []byte
	err = r.with(func(g *git.Repository) (err error) {
		_, data, err = goGitObject(g, typ, h)
		return err
	})
	return data, err
}

// goGitObject reads the object h of type typ (AnyObject: any) through g.
func goGitObject(g *git.Repository, typ plumbing.ObjectType, h Hash) (plumbing.ObjectType, []byte, error) {
	obj, err := g.Storer.EncodedObject(typ, plumbing.Hash(h))
	if err != nil {
		return 0, nil, err
	}
	rd, err := obj.Reader()
	if err != nil {
		return 0, nil, err
	}
	defer rd.Close()
	// Exactly its size: a bytes.Buffer of that capacity grows to twice it
	// to look for the end.
	data := make([]byte, obj.Size())
	_, err = io.ReadFull(rd, data)
	return obj.Type(), data, err
}

// borrow takes an idle handle, opens one while there are fewer than
// idle's capacity, or else waits for one.
func (r *Repo) borrow() (*git.Repository, error) {
	select {
	case g := <-r.idle:
		return g, nil
	default:
	}
	r.mu.Lock()
	if len(r.opened) < cap(r.idle) {
		defer r.mu.Unlock()
		g, err := r.open()
		if err != nil {
			return nil, fmt.Errorf("open repository: %w", err)
		}
		r.opened = append(r.opened, g)
		return g, nil
	}
	r.mu.Unlock()
	return <-r.idle, nil
}

// maxOpenPacks bounds the pack files kept open; a repository has a
// handful after git gc, more between two.
const maxOpenPacks = 16

// Close closes the pack files the repository keeps open.
func (r *Repo) Close() error {
	r.writes.Wait()
	r.mu.Lock()
	defer r.mu.Unlock()
	var errs []error
	for _, g := range r.opened {
		if c, ok := g.Storer.(interface{ Close() error }); ok {
			errs = append(errs, c.Close())
		}
	}
	r.opened = nil
	if ps, _ := r.packs(); ps != nil {
		errs = append(errs, ps.close())
		r.packs = func() (*packs, error) { return nil, nil }
	}
	return errors.Join(errs...)
}

// Shallow reports whether the repository is a shallow clone.
func (r *Repo) Shallow() bool { return len(r.shallow) > 0 }

// missing turns an error reading an object into a ShallowError, when go-git
// cannot find it in a shallow clone, or else a CorruptError naming it.
func (r *Repo) missing(err error, what string) error {
	var (
		corrupt *CorruptError
		shallow *ShallowError
		unknown *UnknownRevError
	)
	switch {
	case err == nil, errors.As(err, &corrupt), errors.As(err, &shallow), errors.As(err, &unknown):
		return err
	case errors.Is(err, plumbing.ErrObjectNotFound) && r.Shallow():
		return &ShallowError{What: what + " not found"}
	}
	return &CorruptError{What: what, Err: err}
}

// readErr is missing for an object met resolving revision rev.
func (r *Repo) readErr(err error, what, rev string) error {
	resolving := fmt.Sprintf(" (resolving %q)", rev)
	if corrupt := (*CorruptError)(nil); errors.As(err, &corrupt) { // named already: add the revision
		return &CorruptError{What: corrupt.What + resolving, Err: corrupt.Err}
	}
	return r.missing(err, what+resolving)
}
