package report

import (
	"fmt"
	"testing"

	"github.com/prodspec/prodspec/internal/benchcorpus"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/spec"
)

// BenchmarkReports measures the three reports (not loading or rendering)
// on the generated specs of BENCHMARKS.md, in each style of front matter:
// go test -run '^$' -bench Reports -benchtime 3x ./internal/report
func BenchmarkReports(b *testing.B) {
	for _, style := range benchcorpus.Styles {
		for _, n := range []int{1000, 10000, 100000} {
			s, err := spec.Load(benchcorpus.FS(n, style), config.Default())
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("backlog/%s/%d", style, n), func(b *testing.B) {
				for b.Loop() {
					if _, err := priority.Rank(s, priority.RICE, priority.Options{}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run(fmt.Sprintf("status/%s/%d", style, n), func(b *testing.B) {
				for b.Loop() {
					Status(s)
				}
			})
			b.Run(fmt.Sprintf("trace/%s/%d", style, n), func(b *testing.B) {
				for b.Loop() {
					Trace(s)
				}
			})
		}
	}
}
