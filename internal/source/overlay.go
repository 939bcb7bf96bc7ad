package source

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/prodspec/prodspec/internal/spec"
)

// WorkTreeWith loads the spec in the work tree as it would be with files
// written: each path (slash-separated, relative to the spec root) maps to
// its new content, or to nil for a file removed. Nothing is written; a
// command checks the spec it is about to make before it makes it.
func (s *Source) WorkTreeWith(files map[string][]byte) (*spec.Spec, error) {
	if s.bare {
		return nil, &BareError{Dir: s.Dir}
	}
	return spec.Load(newOverlay(os.DirFS(s.Dir), files), s.Config)
}

// overlay is a file system whose files are base's but for the ones in
// files (nil: absent). The directories that hold a new file exist in it
// whether or not base has them.
type overlay struct {
	base  fs.FS
	files map[string][]byte
	dirs  map[string]bool // every parent directory of a file in files
}

func newOverlay(base fs.FS, files map[string][]byte) *overlay {
	o := &overlay{base: base, files: files, dirs: map[string]bool{}}
	for p, data := range files {
		if data == nil {
			continue
		}
		for d := path.Dir(p); ; d = path.Dir(d) {
			o.dirs[d] = true
			if d == "." {
				break
			}
		}
	}
	return o
}

func (o *overlay) Open(name string) (fs.File, error) {
	if data, ok := o.files[name]; ok {
		if data == nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
	}
	return o.base.Open(name)
}

func (o *overlay) Stat(name string) (fs.FileInfo, error) {
	if data, ok := o.files[name]; ok {
		if data == nil {
			return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
		}
		return memInfo{name: path.Base(name), size: int64(len(data))}, nil
	}
	info, err := fs.Stat(o.base, name)
	if err != nil && o.dirs[name] {
		return memInfo{name: path.Base(name), dir: true}, nil
	}
	return info, err
}

// Lstat is Stat for the overlaid files (they are regular files) and
// base's Lstat for the rest, so that the walk sees symlinks as it does
// in the work tree.
func (o *overlay) Lstat(name string) (fs.FileInfo, error) {
	if _, ok := o.files[name]; ok {
		return o.Stat(name)
	}
	info, err := fs.Lstat(o.base, name)
	if err != nil && o.dirs[name] {
		return memInfo{name: path.Base(name), dir: true}, nil
	}
	return info, err
}

func (o *overlay) ReadLink(name string) (string, error) {
	if _, ok := o.files[name]; ok {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	return fs.ReadLink(o.base, name)
}

// ReadDir lists base's entries of dir with the overlaid files of dir
// put in, replaced or taken out, in name order as fs.ReadDir promises.
func (o *overlay) ReadDir(dir string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, dir)
	if err != nil && !o.dirs[dir] {
		return nil, err
	}
	byName := map[string]fs.DirEntry{}
	for _, e := range entries {
		byName[e.Name()] = e
	}
	for p, data := range o.files {
		if path.Dir(p) != dir {
			continue
		}
		name := path.Base(p)
		if data == nil {
			delete(byName, name)
		} else {
			byName[name] = fs.FileInfoToDirEntry(memInfo{name: name, size: int64(len(data))})
		}
	}
	for d := range o.dirs {
		if d != "." && path.Dir(d) == dir && byName[path.Base(d)] == nil {
			byName[path.Base(d)] = fs.FileInfoToDirEntry(memInfo{name: path.Base(d), dir: true})
		}
	}
	out := make([]fs.DirEntry, 0, len(byName))
	for _, e := range byName {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *memFile) Close() error               { return nil }

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }
