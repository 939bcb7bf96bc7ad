package history_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/gittest"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/source"
)

// The benchmarks run on gittest's generated repository (BenchRepo):
//
//	PRODSPEC_BENCH_REPO=/tmp/genrepo go test -run '^$' -bench . -benchmem -count 5 ./internal/history

func TestMain(m *testing.M) {
	code := m.Run()
	gittest.BenchCleanup()
	os.Exit(code)
}

func openBench(b *testing.B) string {
	b.Helper()
	dir, err := gittest.BenchRepo()
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkReleaseNotes is `prodspec release-notes v1.0.0..v2.0.0` but
// for rendering: open, resolve the range, load the spec at the end, read
// the start where it differs, list the notes; "commits" (what --format
// json shows) also walks the range for the commit that accepted each.
func BenchmarkReleaseNotes(b *testing.B) {
	dir := openBench(b)
	for _, commits := range []bool{false, true} {
		name := "md"
		if commits {
			name = "commits"
		}
		b.Run(name, func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				notes, err := releaseNotes(dir, gittest.GenFrom+".."+gittest.GenTo, commits)
				if err != nil {
					b.Fatal(err)
				}
				if len(notes) == 0 || commits && notes[0].Accepted == nil {
					b.Fatal("no release notes, or no commits named")
				}
			}
		})
	}
}

// BenchmarkHistory is `prodspec history` but for rendering: open,
// resolve HEAD, walk every commit, transitions and timelines.
func BenchmarkHistory(b *testing.B) {
	dir := openBench(b)
	defer reportCPU(b)()
	for b.Loop() {
		tls, err := timelines(dir)
		if err != nil {
			b.Fatal(err)
		}
		if len(tls) < 10000 {
			b.Fatalf("%d timelines, want one per story", len(tls))
		}
	}
}

// BenchmarkSuspects is `prodspec suspects` but for rendering: open,
// resolve HEAD, walk every commit once and find the suspect stories.
func BenchmarkSuspects(b *testing.B) {
	dir := openBench(b)
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := suspects(dir); err != nil {
			b.Fatal(err)
		}
	}
}

// reportCPU adds the process's CPU time per operation (user and system,
// all threads) as cpu-ns/op.
func reportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		}
	}
}

func releaseNotes(dir, arg string, commits bool) ([]history.Note, error) {
	src, err := source.Open(source.Options{Dir: dir})
	if err != nil {
		return nil, err
	}
	defer src.Close()
	g, err := src.Repo()
	if err != nil {
		return nil, err
	}
	from, to, err := g.Range(arg, "HEAD")
	if err != nil {
		return nil, err
	}
	end, err := src.FrontMatterAt(to)
	if err != nil {
		return nil, err
	}
	notes, _, err := history.Range(g, end, from, to, commits)
	return notes, err
}

func timelines(dir string) ([]history.Timeline, error) {
	g, err := gitsrc.Open(dir)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	head, err := g.Resolve("HEAD")
	if err != nil {
		return nil, err
	}
	cfg := config.Default()
	steps, err := history.Walk(g, cfg, nil, head)
	if err != nil {
		return nil, err
	}
	return history.Timelines(history.Transitions(steps), cfg), nil
}

func suspects(dir string) ([]history.Suspect, error) {
	g, err := gitsrc.Open(dir)
	if err != nil {
		return nil, err
	}
	defer g.Close()
	head, err := g.Resolve("HEAD")
	if err != nil {
		return nil, err
	}
	l, err := history.Read(g, config.Default(), nil, head)
	if err != nil {
		return nil, err
	}
	return history.AllSuspects(l, config.Default()), nil
}

// TestGenerated runs the benchmarks' code on a small generated
// repository, packed and loose, so that it stays correct without -bench.
func TestGenerated(t *testing.T) {
	for _, loose := range []bool{false, true} {
		dir := t.TempDir()
		info, err := gittest.Generate(dir, gittest.GenConfig{Stories: 40, Commits: 90, Loose: loose})
		check(t, err)
		g, err := gitsrc.Open(filepath.Join(dir, info.Prefix))
		check(t, err)
		t.Cleanup(func() { g.Close() })
		steps, err := history.Walk(g, config.Default(), nil, resolve(t, g, "HEAD"))
		check(t, err)
		// Commits 40 and 80 touch only files outside the spec.
		if len(steps) != info.SpecCommits || info.SpecCommits != info.Commits-2 {
			t.Errorf("loose=%v: %d steps, %d spec commits of %d", loose, len(steps), info.SpecCommits, info.Commits)
		}
		tls, err := timelines(filepath.Join(dir, info.Prefix))
		check(t, err)
		if len(tls) != 40 {
			t.Errorf("loose=%v: %d timelines, want 40", loose, len(tls))
		}
		md, err := releaseNotes(filepath.Join(dir, info.Prefix), gittest.GenFrom+".."+gittest.GenTo, false)
		check(t, err)
		withCommits, err := releaseNotes(filepath.Join(dir, info.Prefix), gittest.GenFrom+".."+gittest.GenTo, true)
		check(t, err)
		if len(md) == 0 || len(md) != len(withCommits) {
			t.Errorf("loose=%v: %d release notes, %d with commits", loose, len(md), len(withCommits))
		}
		for _, n := range withCommits {
			if n.Accepted == nil {
				t.Errorf("loose=%v: %s has no accepting commit", loose, n.Story.ID)
			}
		}
		// Its roadmap items change status only: nothing is suspect.
		ss, err := suspects(filepath.Join(dir, info.Prefix))
		check(t, err)
		if len(ss) != 0 {
			t.Errorf("loose=%v: %d suspects, want none", loose, len(ss))
		}
	}
}
