package gittest

import (
	"os"
	"testing"
	"time"
)

// TestWriteGenerated writes the benchmark repository (10,000 stories,
// 2,000 commits) to $PRODSPEC_GENREPO for timing whole commands; with
// PRODSPEC_GENREPO_LOOSE=1 its objects stay loose, with
// PRODSPEC_GENREPO_SHARDED=1 its stories are in folders of a hundred.
// Skipped otherwise.
//
//	PRODSPEC_GENREPO=/tmp/genrepo go test -run TestWriteGenerated ./internal/gittest
func TestWriteGenerated(t *testing.T) {
	dir := os.Getenv("PRODSPEC_GENREPO")
	if dir == "" {
		t.Skip("set PRODSPEC_GENREPO=/path to write the benchmark repository")
	}
	start := time.Now()
	info, err := Generate(dir, GenConfig{Stories: 10000, Commits: 2000, Loose: os.Getenv("PRODSPEC_GENREPO_LOOSE") == "1",
		Sharded: os.Getenv("PRODSPEC_GENREPO_SHARDED") == "1"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d objects, %d commits (%d change the spec) in %v", dir, info.Objects, info.Commits, info.SpecCommits, time.Since(start))
}
