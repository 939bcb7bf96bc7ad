package lint_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/prodspec/prodspec/internal/benchcorpus"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// BenchmarkLint measures what `prodspec lint` does in-process, from files
// on disk, on generated specs of 1k, 10k and 100k stories (BENCHMARKS.md):
//
//	go test -run '^$' -bench Lint -benchmem ./internal/lint
//
// Each corpus is written once per size and shared by its sub-benchmarks:
// load (read, parse, decode), lint (the rules over a loaded spec) and
// load+lint (the two together, as the command runs them).
func BenchmarkLint(b *testing.B) {
	cfg := config.Default()
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("stories=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := benchcorpus.Write(dir, n); err != nil {
				b.Fatal(err)
			}
			fsys := os.DirFS(dir)
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
		})
	}
}
