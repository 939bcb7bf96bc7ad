package history_test

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/spec"
)

// BenchmarkLoadAt is `prodspec lint --at HEAD` but for linting: open,
// resolve HEAD, load the whole spec (10,000 stories) from its tree.
func BenchmarkLoadAt(b *testing.B) {
	dir := openBench(b)
	defer reportCPU(b)()
	for b.Loop() {
		g, fsys := openFS(b, dir)
		s, err := spec.Load(fsys, config.Default())
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Stories) != 10000 {
			b.Fatalf("%d stories", len(s.Stories))
		}
		g.Close()
	}
}

// BenchmarkTreeWalk is the tree side of that load alone: open, resolve
// HEAD, walk every directory of the spec root and look each entry up
// (ReadLink, which reads no blob of a file or directory).
func BenchmarkTreeWalk(b *testing.B) {
	dir := openBench(b)
	defer reportCPU(b)()
	for b.Loop() {
		g, fsys := openFS(b, dir)
		n := 0
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if _, err := fs.ReadLink(fsys, p); p != "." && !errors.Is(err, fs.ErrInvalid) {
				return err
			}
			n++
			return nil
		})
		if err != nil || n < 10000 {
			b.Fatal(n, err)
		}
		g.Close()
	}
}

func openFS(b *testing.B, dir string) (*gitsrc.Repo, fs.FS) {
	b.Helper()
	g, err := gitsrc.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	c, err := g.Resolve("HEAD")
	if err != nil {
		b.Fatal(err)
	}
	fsys, err := g.FS(c)
	if err != nil {
		b.Fatal(err)
	}
	return g, fsys
}
