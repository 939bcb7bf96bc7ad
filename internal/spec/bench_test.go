package spec_test

import (
	"slices"
	"testing"

	"github.com/prodspec/prodspec/internal/benchcorpus"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
)

// BenchmarkParseFrontMatter measures the decoder on its own: the front
// matter of every file of a generated 1k-story spec, already in memory,
// split, parsed and decoded by its kind's table, one file after another
// (no file system, no parallelism, so it is steadier than BenchmarkLint),
// in each style of front matter:
//
//	go test -run '^$' -bench ParseFrontMatter -benchmem ./internal/spec
func BenchmarkParseFrontMatter(b *testing.B) {
	cfg := config.Default()
	for _, style := range benchcorpus.Styles {
		b.Run("style="+style.String(), func(b *testing.B) {
			fsys := benchcorpus.FS(1000, style)
			var paths []string
			for p := range fsys {
				paths = append(paths, p)
			}
			slices.Sort(paths)
			for b.Loop() {
				for _, p := range paths {
					if f := spec.ParseFrontMatter(cfg, p, fsys[p].Data); f == nil || slices.ContainsFunc(f.Problems, unexpected) {
						b.Fatalf("%s: %v", p, f)
					}
				}
			}
		})
	}
}

// unexpected: a problem the generated specs do not have (the handwritten
// style has a key prodspec does not know in one story of 50).
func unexpected(p spec.Problem) bool { return p.Rule != spec.RuleUnknownField }
