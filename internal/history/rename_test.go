package history

import (
	"fmt"
	"strings"
	"testing"
)

func task(id, status string) []byte {
	return []byte(fmt.Sprintf("---\nid: %s\ntitle: Import notes from Evernote\nstatus: %s\nlabels: [import]\n---\n"+
		"## Description\n\nImport every notebook with its tags.\n\n## Acceptance Criteria\n\n- [x] Notebooks\n- [x] Tags\n", id, status))
}

func TestPairRenames(t *testing.T) {
	other := []byte("---\nid: BACK-9\ntitle: Something else entirely\nstatus: To Do\n---\nNothing alike.\n")
	gone := []version{
		{path: "tasks/task-1 - Import.md", id: "task-1", src: task("task-1", "Done")},
		{path: "tasks/task-2.md", id: "task-2", src: task("task-2", "To Do")},
		{path: "tasks/task-3.md", id: "task-3", src: []byte("---\nid: task-3\ntitle: Gone for good\nstatus: To Do\n---\n")},
	}
	came := []version{
		{path: "tasks/back-1 - Import.md", id: "BACK-1", src: task("BACK-1", "Done")}, // renamed, ID changed
		{path: "tasks/task-2.md", id: "BACK-2", src: other},                           // the same file: same story however much changed
		{path: "tasks/back-9.md", id: "BACK-9", src: other},                           // new
	}
	got := pairRenames(gone, came)
	want := map[int]int{0: 0, 1: 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("pairs %v, want %v", got, want)
	}
}

func TestSimilarity(t *testing.T) {
	a := linesOf([]byte(strings.Repeat("same line\n", 6)+"a\n"), lineSeed)
	for _, c := range []struct {
		b    string
		want float64
	}{
		{strings.Repeat("same line\n", 6) + "a\n", 1},
		{strings.Repeat("same line\n", 3) + strings.Repeat("x\n", 30), 30.0 / 90},
		{"", 0},
	} {
		if got := a.similarity(linesOf([]byte(c.b), lineSeed)); got < c.want-1e-9 || got > c.want+1e-9 {
			t.Errorf("similarity with %q = %v, want %v", c.b, got, c.want)
		}
	}
}

// TestMayBeAlike: the size bound never rules out a pair that similarity
// finds half alike, and rules out one at 2:1 and over.
func TestMayBeAlike(t *testing.T) {
	sets := []lineSet{}
	for _, n := range []int{0, 1, 2, 3, 5, 8, 13} {
		sets = append(sets, linesOf([]byte(strings.Repeat("same line\n", n)+"own\n"), lineSeed))
	}
	for _, a := range sets {
		for _, b := range sets {
			if a.similarity(b) >= minSimilarity && !mayBeAlike(a, b) {
				t.Errorf("sizes %d and %d: half alike, ruled out", a.size, b.size)
			}
		}
	}
	if small, big := linesOf([]byte("a\n"), lineSeed), linesOf([]byte("a\nb\nc\n"), lineSeed); mayBeAlike(small, big) {
		t.Error("sizes 2 and 6 may be alike")
	}
}
