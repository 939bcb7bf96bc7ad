package gittest

import (
	"bytes"
	"compress/zlib"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/memory"
)

// Broken repositories, for the tests that a corrupt object is an error
// and never a silently different answer.

// Pack moves every object into one pack file (deltas over a window of
// ten, as git gc) and removes the loose objects, and returns the pack
// file's path.
func (r *Repo) Pack() (string, error) {
	iter, err := r.Git.Storer.IterEncodedObjects(plumbing.AnyObject)
	if err != nil {
		return "", err
	}
	mem := memory.NewStorage()
	var hashes []plumbing.Hash
	err = iter.ForEach(func(o plumbing.EncodedObject) error {
		hashes = append(hashes, o.Hash())
		_, err := mem.SetEncodedObject(o)
		return err
	})
	if err != nil {
		return "", err
	}
	w, err := r.Git.Storer.(storer.PackfileWriter).PackfileWriter()
	if err != nil {
		return "", err
	}
	if _, err := packfile.NewEncoder(w, mem, false).Encode(hashes, 10); err != nil {
		w.Close()
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	objects := filepath.Join(r.Dir, ".git", "objects")
	loose := regexp.MustCompile(`^[0-9a-f]{2}$`)
	ents, err := os.ReadDir(objects)
	if err != nil {
		return "", err
	}
	for _, e := range ents {
		if loose.MatchString(e.Name()) {
			if err := os.RemoveAll(filepath.Join(objects, e.Name())); err != nil {
				return "", err
			}
		}
	}
	packs, err := filepath.Glob(filepath.Join(objects, "pack", "*.pack"))
	if err != nil || len(packs) != 1 {
		return "", err
	}
	return packs[0], nil
}

// CorruptLoose replaces a loose object with a valid zlib stream of
// garbage: the object exists, and cannot be read.
func (r *Repo) CorruptLoose(h plumbing.Hash) error {
	s := h.String()
	var b bytes.Buffer
	z := zlib.NewWriter(&b)
	if _, err := z.Write([]byte("garbage, not an object header")); err != nil {
		return err
	}
	if err := z.Close(); err != nil {
		return err
	}
	p := filepath.Join(r.Dir, ".git", "objects", s[:2], s[2:])
	if err := os.Chmod(p, 0o644); err != nil {
		return err
	}
	return os.WriteFile(p, b.Bytes(), 0o644)
}

// Bare copies the repository's .git directory to dst as a bare
// repository, as `git clone --bare` leaves it.
func (r *Repo) Bare(dst string) error {
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(r.Dir, ".git"))); err != nil {
		return err
	}
	cfg := filepath.Join(dst, "config")
	data, err := os.ReadFile(cfg)
	if err != nil {
		return err
	}
	data = bytes.Replace(data, []byte("bare = false"), []byte("bare = true"), 1)
	return os.WriteFile(cfg, data, 0o644)
}

// FlipInPack damages object h in the pack file pack: it flips the bits
// of a byte of its compressed data, as a bad disk or a bad copy does.
func FlipInPack(pack string, h plumbing.Hash) error {
	f, err := os.Open(strings.TrimSuffix(pack, ".pack") + ".idx")
	if err != nil {
		return err
	}
	defer f.Close()
	idx := idxfile.NewMemoryIndex()
	if err := idxfile.NewDecoder(f).Decode(idx); err != nil {
		return err
	}
	off, err := idx.FindOffset(h)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(pack)
	if err != nil {
		return err
	}
	data[off+6] ^= 0xff // past the type and size, and zlib's two-byte header
	return os.WriteFile(pack, data, 0o644)
}
