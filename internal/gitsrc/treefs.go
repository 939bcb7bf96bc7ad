package gitsrc

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// FS returns the spec root as it is in commit c, read-only, for the spec
// loader. A spec root that does not exist at c is an empty directory:
// the spec did not exist yet.
func (r *Repo) FS(c *Commit) (fs.FS, error) { return r.TreeFS(c, r.Prefix) }

// TreeFS returns directory dir of commit c ("" for the whole tree).
func (r *Repo) TreeFS(c *Commit, dir string) (fs.FS, error) {
	h, err := r.subtree(c.Tree, dir)
	var t *tree
	if err == nil {
		t, err = r.tree(h)
	}
	if err != nil {
		what := "tree of " + c.Short()
		if dir != "" {
			what = dir + " at " + c.Short()
		}
		return nil, r.missing(err, what)
	}
	return &treeFS{repo: r, at: c.Short(), mtime: c.Committer.When, dirs: map[string]*tree{".": t}}, nil
}

// Broken is the first object of the repository that fsys, a tree from
// FS or TreeFS, failed to read, as a CorruptError (or a ShallowError);
// nil when every read succeeded or fsys is not such a tree. The spec
// loader records a file it cannot read as a finding and skips a
// directory it cannot list: right for a work tree, wrong for a commit,
// where it means that the repository is broken and the spec loaded is
// not the one committed. Whoever loads a spec from a commit asks here
// afterwards.
func Broken(fsys fs.FS) error {
	f, ok := fsys.(*treeFS)
	if !ok {
		return nil
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.broken
}

// treeFS is a git tree as an fs.FS. Symlinks are reported as symlinks
// (ReadLink, Lstat) and followed by Open and Stat within the tree. It is
// safe for concurrent use: the loader reads files from several
// goroutines, each borrowing its own repository handle for the blob.
type treeFS struct {
	repo  *Repo
	at    string // the commit's short hash
	mtime time.Time

	mu sync.Mutex // guards dirs and read; never held while waiting for a handle's blob
	// dirs holds every directory looked up, by path: a spec load reads
	// them all, more than the repository's cache keeps, and then looks
	// up each of their files.
	dirs map[string]*tree
	// read keeps the content of blobs whose size was asked and whose
	// content was not read yet: go-git finds a packed object's size only
	// by rebuilding it, so the loader's stat then read costs one rebuild.
	read map[Hash][]byte
	// broken is the first error reading an object, for Broken.
	broken error
}

// fail records err, an error reading the object what (a blob or tree) at
// path p, for Broken, and returns it naming the object, the path (from
// the spec root, as every path prodspec prints) and the commit.
func (f *treeFS) fail(err error, what, p string) error {
	var corrupt *CorruptError
	if errors.As(err, &corrupt) {
		err = &CorruptError{What: what + " (" + p + " at " + f.at + ")", Err: corrupt.Err}
	}
	f.mu.Lock()
	if f.broken == nil {
		f.broken = err
	}
	f.mu.Unlock()
	return err
}

var (
	_ fs.ReadDirFS   = (*treeFS)(nil)
	_ fs.ReadFileFS  = (*treeFS)(nil)
	_ fs.StatFS      = (*treeFS)(nil)
	_ fs.ReadLinkFS  = (*treeFS)(nil)
	_ fs.ReadDirFile = (*dirFile)(nil)
)

// entry is one name in the tree: a directory, a blob or a symlink.
type entry struct {
	fsys *treeFS
	dir  string // the directory holding it, for errors
	treeEntry
}

// lookup finds name without following a final symlink.
func (f *treeFS) lookup(op, name string) (entry, error) {
	if !fs.ValidPath(name) {
		return entry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return entry{fsys: f, dir: ".", treeEntry: treeEntry{name: ".", mode: filemode.Dir}}, nil
	}
	dir, base := path.Split(name)
	dir = path.Clean(dir)
	t, err := f.dir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return entry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	if err != nil {
		return entry{}, &fs.PathError{Op: op, Path: name, Err: err}
	}
	e, ok := t.find(base)
	if !ok {
		return entry{}, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return entry{fsys: f, dir: dir, treeEntry: e}, nil
}

// dir returns the directory at p, reading each tree once.
func (f *treeFS) dir(p string) (*tree, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.dirLocked(p)
}

func (f *treeFS) dirLocked(p string) (*tree, error) {
	if t, ok := f.dirs[p]; ok {
		return t, nil
	}
	parent, err := f.dirLocked(path.Dir(p))
	if err != nil {
		return nil, err
	}
	e, ok := parent.find(path.Base(p))
	if !ok || e.mode != filemode.Dir {
		return nil, fs.ErrNotExist
	}
	t, err := f.repo.tree(e.hash)
	if err != nil {
		err = f.repo.missing(err, "tree "+e.hash.Short())
		var corrupt *CorruptError
		if errors.As(err, &corrupt) {
			err = &CorruptError{What: corrupt.What + " (" + p + " at " + f.at + ")", Err: corrupt.Err}
		}
		if f.broken == nil { // f.mu is held
			f.broken = err
		}
		return nil, err
	}
	f.dirs[p] = t
	return t, nil
}

// follow resolves symlinks until name is a directory or a blob; a link
// that leaves the tree or loops does not exist.
func (f *treeFS) follow(op, name string) (string, entry, error) {
	for range 40 {
		e, err := f.lookup(op, name)
		if err != nil || e.mode != filemode.Symlink {
			return name, e, err
		}
		target, err := f.blob(e.hash, name)
		if err != nil {
			return name, e, err
		}
		next := path.Join(path.Dir(name), string(target))
		if path.IsAbs(string(target)) || next == ".." || strings.HasPrefix(next, "../") {
			return name, e, &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
		}
		name = next
	}
	return name, entry{}, &fs.PathError{Op: op, Path: name, Err: errors.New("too many levels of symbolic links")}
}

// blob returns the content of blob h, at path p, taking it from read
// when its size was asked first.
func (f *treeFS) blob(h Hash, p string) ([]byte, error) {
	f.mu.Lock()
	data, ok := f.read[h]
	delete(f.read, h)
	f.mu.Unlock()
	if ok {
		return data, nil
	}
	data, err := f.repo.Blob(h)
	if err != nil {
		return nil, f.fail(err, "blob "+h.Short(), p)
	}
	return data, nil
}

// size is the size of blob h, named name in directory dir. Its content
// is kept for the read that follows.
func (f *treeFS) size(h Hash, dir, name string) int64 {
	data, err := f.repo.Blob(h)
	if err != nil {
		_ = f.fail(err, "blob "+h.Short(), path.Join(dir, name))
		return 0 // the read that follows reports the error too
	}
	f.mu.Lock()
	if f.read == nil {
		f.read = map[Hash][]byte{}
	}
	f.read[h] = data
	f.mu.Unlock()
	return int64(len(data))
}

func (f *treeFS) Open(name string) (fs.File, error) {
	p, e, err := f.follow("open", name)
	if err != nil {
		return nil, err
	}
	e.name = path.Base(name) // a symlink's, not its target's
	if e.mode == filemode.Dir {
		ents, err := f.readDir(p)
		if err != nil {
			return nil, err
		}
		return &dirFile{info: e.info(), entries: ents}, nil
	}
	data, err := f.blob(e.hash, p)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &blobFile{info: fileInfo{entry: e, size: int64(len(data))}, Reader: bytes.NewReader(data)}, nil
}

func (f *treeFS) ReadFile(name string) ([]byte, error) {
	p, e, err := f.follow("read", name)
	if err != nil {
		return nil, err
	}
	if e.mode == filemode.Dir {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return f.blob(e.hash, p)
}

func (f *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	p, e, err := f.follow("readdir", name)
	if err != nil {
		return nil, err
	}
	if e.mode != filemode.Dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	return f.readDir(p)
}

// readDir lists a directory in name order, leaving out submodules.
func (f *treeFS) readDir(p string) ([]fs.DirEntry, error) {
	t, err := f.dir(p)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: p, Err: err}
	}
	entries, err := t.index()
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: p, Err: f.fail(&CorruptError{Err: err}, "tree", p)}
	}
	out := make([]fs.DirEntry, 0, len(entries))
	for _, e := range entries {
		te, err := e.decode(t.raw, "")
		if err != nil {
			return nil, &fs.PathError{Op: "readdir", Path: p, Err: err}
		}
		if te.mode == filemode.Submodule {
			continue
		}
		out = append(out, fileInfo{entry: entry{fsys: f, dir: p, treeEntry: te}, size: -1})
	}
	// Git's order is by name but for directories, sorted as if their
	// names ended in "/".
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

func (f *treeFS) Stat(name string) (fs.FileInfo, error) {
	_, e, err := f.follow("stat", name)
	if err != nil {
		return nil, err
	}
	e.name = path.Base(name)
	return e.info(), nil
}

func (f *treeFS) Lstat(name string) (fs.FileInfo, error) {
	e, err := f.lookup("lstat", name)
	if err != nil {
		return nil, err
	}
	return e.info(), nil
}

func (f *treeFS) ReadLink(name string) (string, error) {
	e, err := f.lookup("readlink", name)
	if err != nil {
		return "", err
	}
	if e.mode != filemode.Symlink {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	target, err := f.blob(e.hash, name)
	return string(target), err
}

// info describes e with its size.
func (e entry) info() fileInfo {
	fi := fileInfo{entry: e}
	if e.mode != filemode.Dir {
		fi.size = e.fsys.size(e.hash, e.dir, e.name)
	}
	return fi
}

// fileInfo is both fs.FileInfo and fs.DirEntry. size is -1 until asked.
type fileInfo struct {
	entry
	size int64
}

func (fi fileInfo) Name() string { return fi.name }
func (fi fileInfo) IsDir() bool  { return fi.mode == filemode.Dir }
func (fi fileInfo) Sys() any     { return nil }
func (fi fileInfo) ModTime() time.Time {
	return fi.fsys.mtime
}

func (fi fileInfo) Size() int64 {
	switch {
	case fi.IsDir():
		return 0
	case fi.size < 0:
		return fi.fsys.size(fi.hash, fi.dir, fi.name)
	}
	return fi.size
}

func (fi fileInfo) Mode() fs.FileMode {
	switch fi.mode {
	case filemode.Dir:
		return fs.ModeDir | 0o555
	case filemode.Symlink:
		return fs.ModeSymlink | 0o777
	case filemode.Executable:
		return 0o555
	}
	return 0o444
}

func (fi fileInfo) Type() fs.FileMode          { return fi.Mode().Type() }
func (fi fileInfo) Info() (fs.FileInfo, error) { return fi, nil }

type blobFile struct {
	info fileInfo
	*bytes.Reader
}

func (b *blobFile) Stat() (fs.FileInfo, error) { return b.info, nil }
func (b *blobFile) Close() error               { return nil }

type dirFile struct {
	info    fileInfo
	entries []fs.DirEntry
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dirFile) Close() error               { return nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a directory")}
}

func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}
