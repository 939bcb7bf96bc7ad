package lint_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/benchcorpus"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/par"
	"github.com/prodspec/prodspec/internal/spec"
)

// BenchmarkLint measures what `prodspec lint` does in-process, from files
// on disk, on generated specs of 1k, 10k and 100k stories in each style of
// front matter (BENCHMARKS.md):
//
//	go test -run '^$' -bench Lint -benchmem ./internal/lint
//
// Each corpus is written once per size and shared by its sub-benchmarks:
// load (read, parse, decode), lint (the rules over a loaded spec) and
// load+lint (the two together, as the command runs them), and floor, the
// least a naive linter does (issue 15 measures load+lint against it).
func BenchmarkLint(b *testing.B) {
	cfg := config.Default()
	for _, style := range benchcorpus.Styles {
		for _, n := range []int{1000, 10000, 100000} {
			b.Run(fmt.Sprintf("style=%s/stories=%d", style, n), func(b *testing.B) {
				fsys := os.DirFS(writeCorpus(b, n, style))
				load := func(b *testing.B) *spec.Spec {
					s, err := spec.Load(fsys, cfg)
					if err != nil {
						b.Fatal(err)
					}
					return s
				}
				b.Run("load", func(b *testing.B) {
					for b.Loop() {
						load(b)
					}
				})
				b.Run("lint", func(b *testing.B) {
					s := load(b)
					for b.Loop() {
						lint.Run(s, lint.Options{})
					}
				})
				b.Run("load+lint", func(b *testing.B) {
					for b.Loop() {
						lint.Run(load(b), lint.Options{})
					}
				})
				b.Run("floor", func(b *testing.B) {
					for b.Loop() {
						naiveParse(b, fsys)
					}
				})
			})
		}
	}
}

// writeCorpus writes the spec of n stories in style to a directory the
// benchmark removes when it ends.
func writeCorpus(b *testing.B, n int, style benchcorpus.Style) string {
	dir := b.TempDir()
	if err := benchcorpus.Write(dir, n, style); err != nil {
		b.Fatal(err)
	}
	return dir
}

// naiveParse is the naive yaml.v3 + goldmark floor: walk the spec, read
// every markdown file, and parse its front matter with yaml.v3 into a
// yaml.Node and its body with goldmark (GFM task lists), in parallel as
// spec.Load is; no decoding, no rules, no output. A linter built the
// obvious way on those libraries cannot be faster than this.
func naiveParse(b *testing.B, fsys fs.FS) {
	var paths []string
	fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	md := goldmark.New(goldmark.WithExtensions(extension.TaskList))
	par.For(len(paths), func(i int) error {
		src, err := fs.ReadFile(fsys, paths[i])
		if err != nil {
			b.Error(err)
			return err
		}
		fm, body, ok := bytes.Cut(bytes.TrimPrefix(src, []byte("---\n")), []byte("\n---\n"))
		if !ok {
			b.Errorf("%s: no front matter", paths[i])
			return nil
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(fm, &doc); err != nil {
			b.Errorf("%s: %v", paths[i], err)
		}
		md.Parser().Parse(text.NewReader(body))
		return nil
	})
}
