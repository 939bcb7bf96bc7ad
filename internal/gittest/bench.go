package gittest

import (
	"os"
	"path/filepath"
	"sync"
)

// BenchRepo is the spec root of the generated repository that the git
// benchmarks share: 10,000 stories and 2,000 commits (see Generate),
// reused from $PRODSPEC_BENCH_REPO (made there if absent), else made once
// per process in a temporary directory that BenchCleanup removes:
//
//	PRODSPEC_BENCH_REPO=/tmp/genrepo go test -run '^$' -bench . ./internal/history
//
// Plain `go test` runs no benchmark and so never makes it.
var BenchRepo = sync.OnceValues(func() (string, error) {
	dir := os.Getenv("PRODSPEC_BENCH_REPO")
	if dir == "" {
		tmp, err := os.MkdirTemp("", "prodspec-bench-")
		if err != nil {
			return "", err
		}
		benchTmp, dir = tmp, filepath.Join(tmp, "repo")
	}
	if _, err := os.Stat(filepath.Join(dir, ".git")); err != nil {
		if _, err := Generate(dir, GenConfig{Stories: 10000, Commits: 2000}); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, "product"), nil
})

var benchTmp string

// BenchCleanup removes the repository BenchRepo made in a temporary
// directory; call it from TestMain after the run.
func BenchCleanup() {
	if benchTmp != "" {
		os.RemoveAll(benchTmp)
	}
}
