package report

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/spec"
)

// corpus generates a spec of n stories over n/10 roadmap items and ten
// goals, with mixed statuses, RICE inputs on most stories and up to two
// dependencies on earlier stories each.
func corpus(b *testing.B, n int) *spec.Spec {
	b.Helper()
	rng := rand.New(rand.NewPCG(7, 7))
	var vision strings.Builder
	vision.WriteString("---\nkind: vision\ntitle: Bench\ngoals:\n")
	for g := 1; g <= 10; g++ {
		fmt.Fprintf(&vision, "  - {id: G%d, title: Goal %d}\n", g, g)
	}
	vision.WriteString("---\n")
	fsys := fstest.MapFS{"vision.md": {Data: []byte(vision.String())}}
	items := max(n/10, 1)
	horizons := []string{"now", "next", "later"}
	for i := 1; i <= items; i++ {
		fsys[fmt.Sprintf("roadmap/R-%d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\nid: R-%d\ntitle: Item %d\ngoals: [G%d]\nstatus: planned\nhorizon: %s\n---\n", i, i, 1+i%10, horizons[i%3])}
	}
	statuses := []string{"draft", "ready", "in-progress", "done", "accepted", "rejected"}
	for i := 1; i <= n; i++ {
		fm := fmt.Sprintf("id: S-%d\ntitle: Story %d\nroadmap: R-%d\nstatus: %s\nestimate: %d\n", i, i, 1+rng.IntN(items), statuses[rng.IntN(len(statuses))], 1+rng.IntN(8))
		if rng.IntN(5) > 0 {
			fm += fmt.Sprintf("rice: {reach: %d, impact: %d, confidence: 0.8, effort: %d}\n", rng.IntN(10000), 1+rng.IntN(3), 1+rng.IntN(8))
		}
		if i > 1 && rng.IntN(3) == 0 {
			fm += fmt.Sprintf("depends_on: [S-%d, S-%d]\n", 1+rng.IntN(i-1), 1+rng.IntN(i-1))
		}
		fsys[fmt.Sprintf("stories/S-%d.md", i)] = &fstest.MapFile{Data: []byte("---\n" + fm + "---\nAs a user, I want it.\n")}
	}
	s, err := spec.Load(fsys, config.Default())
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkReports measures the three reports (not loading or rendering):
// go test -run '^$' -bench Reports -benchtime 3x ./internal/report
func BenchmarkReports(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		s := corpus(b, n)
		b.Run(fmt.Sprintf("backlog/%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := priority.Rank(s, priority.RICE, priority.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("status/%d", n), func(b *testing.B) {
			for b.Loop() {
				Status(s)
			}
		})
		b.Run(fmt.Sprintf("trace/%d", n), func(b *testing.B) {
			for b.Loop() {
				Trace(s)
			}
		})
	}
}
