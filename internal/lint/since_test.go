package lint

import (
	"slices"
	"testing"
)

func TestSinceMatchesByRuleFileAndMessage(t *testing.T) {
	d := func(file string, line int, msg string) Diagnostic {
		return Diagnostic{Rule: "broken-reference", Severity: Error, File: file, Line: line, Column: 1, Message: msg}
	}
	base := NewResult([]Diagnostic{
		d("stories/S-1.md", 4, "old"),
		d("stories/S-2.md", 4, "twice"),
	}, 2)
	head := NewResult([]Diagnostic{
		d("stories/S-1.md", 9, "old"),   // moved down by an edit above: not new
		d("stories/S-2.md", 4, "twice"), // had once before
		d("stories/S-2.md", 7, "twice"), // the second one is new
		d("stories/S-3.md", 4, "old"),   // same message, another file: new
		d("stories/S-1.md", 5, "fresh"), // new
	}, 3)
	got := head.Since(base)
	var lines []int
	var files []string
	for _, d := range got.Diagnostics {
		lines = append(lines, d.Line)
		files = append(files, d.File)
	}
	if !slices.Equal(lines, []int{5, 7, 4}) || !slices.Equal(files, []string{"stories/S-1.md", "stories/S-2.md", "stories/S-3.md"}) {
		t.Errorf("Since kept %v at lines %v", files, lines)
	}
	if got.Errors != 3 || got.Files != 3 {
		t.Errorf("Since counts: %d errors in %d files, want 3 in 3", got.Errors, got.Files)
	}
}
