package gitsrc_test

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/prodspec/prodspec/internal/gitsrc"
)

// treeRepo writes a commit whose tree has what a work tree cannot give
// go-git to stage (a submodule) and symlinks of every kind, with the
// entries of each tree in git's order:
//
//	README.md
//	product/
//	  a-b              file
//	  a.md             file
//	  a/s.md           (a directory sorts as "a/")
//	  a/t.md        -> s.md
//	  a0/x.md
//	  link-abs      -> /etc/passwd
//	  link-chain    -> link-file
//	  link-dir      -> a
//	  link-file     -> a.md
//	  link-out      -> ../README.md
//	  loop1         -> loop2
//	  loop2         -> loop1
//	  run.sh           executable
//	  sub              submodule
func treeRepo(t *testing.T) (*gitsrc.Repo, time.Time) {
	t.Helper()
	dir := t.TempDir()
	g, err := git.PlainInit(dir, false)
	check(t, err)
	put := func(obj plumbing.EncodedObject) plumbing.Hash {
		h, err := g.Storer.SetEncodedObject(obj)
		check(t, err)
		return h
	}
	blob := func(s string) plumbing.Hash {
		obj := g.Storer.NewEncodedObject()
		obj.SetType(plumbing.BlobObject)
		w, err := obj.Writer()
		check(t, err)
		_, err = w.Write([]byte(s))
		check(t, err)
		check(t, w.Close())
		return put(obj)
	}
	tree := func(es ...object.TreeEntry) plumbing.Hash {
		obj := g.Storer.NewEncodedObject()
		check(t, (&object.Tree{Entries: es}).Encode(obj))
		return put(obj)
	}
	file := func(name, content string) object.TreeEntry {
		return object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: blob(content)}
	}
	link := func(name, target string) object.TreeEntry {
		return object.TreeEntry{Name: name, Mode: filemode.Symlink, Hash: blob(target)}
	}
	dirEntry := func(name string, h plumbing.Hash) object.TreeEntry {
		return object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: h}
	}
	product := tree(
		file("a-b", "a-b\n"),
		file("a.md", "a.md\n"),
		dirEntry("a", tree(file("s.md", "s\n"), link("t.md", "s.md"))),
		dirEntry("a0", tree(file("x.md", "x\n"))),
		link("link-abs", "/etc/passwd"),
		link("link-chain", "link-file"),
		link("link-dir", "a"),
		link("link-file", "a.md"),
		link("link-out", "../README.md"),
		link("loop1", "loop2"),
		link("loop2", "loop1"),
		object.TreeEntry{Name: "run.sh", Mode: filemode.Executable, Hash: blob("#!/bin/sh\n")},
		object.TreeEntry{Name: "sub", Mode: filemode.Submodule, Hash: plumbing.NewHash("0123456789012345678901234567890123456789")},
	)
	root := tree(file("README.md", "readme\n"), dirEntry("product", product))
	when := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	sig := object.Signature{Name: "dev", Email: "dev@example.com", When: when}
	obj := g.Storer.NewEncodedObject()
	check(t, (&object.Commit{Author: sig, Committer: sig, Message: "trees\n", TreeHash: root}).Encode(obj))
	c := put(obj)
	check(t, g.Storer.SetReference(plumbing.NewHashReference(plumbing.NewBranchReferenceName("master"), c)))
	repo, err := gitsrc.Open(dir)
	check(t, err)
	t.Cleanup(func() { repo.Close() })
	return repo, when
}

func TestTreeFS(t *testing.T) {
	repo, when := treeRepo(t)
	head, err := repo.Resolve("HEAD")
	check(t, err)
	fsys, err := repo.TreeFS(head, "product")
	check(t, err)

	ents, err := fs.ReadDir(fsys, ".")
	check(t, err)
	var got []string
	for _, e := range ents {
		got = append(got, e.Name()+":"+e.Type().String())
	}
	want := []string{"a:d---------", "a-b:----------", "a.md:----------", "a0:d---------",
		"link-abs:L---------", "link-chain:L---------", "link-dir:L---------", "link-file:L---------",
		"link-out:L---------", "loop1:L---------", "loop2:L---------", "run.sh:----------"}
	if !slices.Equal(got, want) {
		t.Errorf("ReadDir(.) =\n%q\nwant (by name, no submodule)\n%q", got, want)
	}

	// Symlinks: Lstat and ReadLink see the link, Stat and Open follow it.
	for name, target := range map[string]string{"link-file": "a.md", "link-chain": "link-file", "link-dir": "a"} {
		fi, err := fs.Lstat(fsys, name)
		check(t, err)
		if fi.Mode() != fs.ModeSymlink|0o777 {
			t.Errorf("Lstat(%s).Mode() = %v", name, fi.Mode())
		}
		got, err := fs.ReadLink(fsys, name)
		check(t, err)
		if got != target {
			t.Errorf("ReadLink(%s) = %q, want %q", name, got, target)
		}
	}
	for _, name := range []string{"link-file", "link-chain"} {
		fi, err := fs.Stat(fsys, name)
		check(t, err)
		if fi.Name() != name || fi.Mode() != 0o444 || fi.Size() != int64(len("a.md\n")) || !fi.ModTime().Equal(when) {
			t.Errorf("Stat(%s) = %s %v %d %v", name, fi.Name(), fi.Mode(), fi.Size(), fi.ModTime())
		}
		data, err := fs.ReadFile(fsys, name)
		check(t, err)
		if string(data) != "a.md\n" {
			t.Errorf("ReadFile(%s) = %q", name, data)
		}
	}
	fi, err := fs.Stat(fsys, "link-dir")
	check(t, err)
	if !fi.IsDir() || fi.Mode() != fs.ModeDir|0o555 {
		t.Errorf("Stat(link-dir) = %v", fi.Mode())
	}
	if d, err := fsys.Open("link-dir"); err != nil {
		t.Errorf("Open(link-dir): %v", err)
	} else if fi, err := d.Stat(); err != nil || fi.Name() != "link-dir" || !fi.IsDir() {
		t.Errorf("Open(link-dir).Stat() = %v, %v; want the link's name, a directory", fi.Name(), err)
	}
	sub, err := fs.ReadDir(fsys, "link-dir")
	check(t, err)
	if len(sub) != 2 || sub[0].Name() != "s.md" {
		t.Errorf("ReadDir(link-dir) = %v", sub)
	}
	if _, err := fs.ReadLink(fsys, "a.md"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("ReadLink of a file: %v, want ErrInvalid", err)
	}
	// Links that leave the tree do not exist; loops are an error.
	for _, name := range []string{"link-abs", "link-out"} {
		if _, err := fs.Stat(fsys, name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat(%s): %v, want ErrNotExist", name, err)
		}
		if _, err := fs.ReadFile(fsys, name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%s): %v, want ErrNotExist", name, err)
		}
	}
	if _, err := fsys.Open("loop1"); err == nil {
		t.Errorf("Open(loop1) succeeded")
	}

	// Names git sorts apart from byte order are found.
	for name, content := range map[string]string{"a/s.md": "s\n", "a-b": "a-b\n", "a.md": "a.md\n", "a0/x.md": "x\n"} {
		data, err := fs.ReadFile(fsys, name)
		check(t, err)
		if string(data) != content {
			t.Errorf("ReadFile(%s) = %q", name, data)
		}
	}
	for _, name := range []string{"a/", "b", "a/u.md", "a.md/x", "../README.md", "a-"} {
		if _, err := fs.Stat(fsys, name); err == nil {
			t.Errorf("Stat(%q) succeeded", name)
		}
	}
	fi, err = fs.Stat(fsys, "run.sh")
	check(t, err)
	if fi.Mode() != 0o555 {
		t.Errorf("Stat(run.sh).Mode() = %v", fi.Mode())
	}
	check(t, fstest.TestFS(sub0(t, fsys), "s.md", "t.md"))
}

// sub0 is directory a of fsys, for fstest, which would trip on the
// links that loop or lead out.
func sub0(t *testing.T, fsys fs.FS) fs.FS {
	t.Helper()
	s, err := fs.Sub(fsys, "a")
	check(t, err)
	return s
}

func TestTreeFSRoots(t *testing.T) {
	repo, _ := treeRepo(t)
	head, err := repo.Resolve("HEAD")
	check(t, err)
	whole, err := repo.TreeFS(head, "")
	check(t, err)
	data, err := fs.ReadFile(whole, "README.md")
	check(t, err)
	if string(data) != "readme\n" {
		t.Errorf("README.md = %q", data)
	}
	// A spec root that is not a directory of the tree is an empty one.
	for _, dir := range []string{"nope", "product/nope", "README.md"} {
		fsys, err := repo.TreeFS(head, dir)
		check(t, err)
		fi, err := fs.Stat(fsys, ".")
		check(t, err)
		ents, err := fs.ReadDir(fsys, ".")
		if err != nil || len(ents) != 0 || !fi.IsDir() {
			t.Errorf("TreeFS(%s): %v entries, %v", dir, ents, err)
		}
		if _, err := fs.Stat(fsys, "a.md"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("TreeFS(%s): Stat(a.md): %v", dir, err)
		}
	}
}
