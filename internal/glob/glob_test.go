package glob

import "testing"

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pat, name string
		want      bool
	}{
		{"stories/**/*.md", "stories/S-1.md", true},
		{"stories/**/*.md", "stories/a/b/S-1.md", true},
		{"stories/**/*.md", "roadmap/S-1.md", false},
		{"stories/**/*.md", "stories/S-1.txt", false},
		{"vision.md", "vision.md", true},
		{"vision.md", "x/vision.md", false},
		{"**/README.md", "README.md", true},
		{"**/README.md", "a/b/README.md", true},
		{"backlog/tasks/*.md", "backlog/tasks/back-1 - x.md", true},
		{"[", "[", false},
	} {
		if got := Match(c.pat, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pat, c.name, got, c.want)
		}
	}
	if Valid("[") || !Valid("a/**/*.md") {
		t.Error("Valid is wrong")
	}
}
