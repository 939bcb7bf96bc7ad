package spec

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/config"
)

// TestOneFindingPerMistake: a reference written as the wrong kind of value
// is one invalid-value finding, not also "serves no goal/roadmap item";
// and a null in a list of IDs is called null, not "a scalar" (which an ID
// is).
func TestOneFindingPerMistake(t *testing.T) {
	fsys := fstest.MapFS{
		"vision.md":      {Data: []byte("---\nkind: vision\ntitle: V\ngoals:\n  - id: G1\n    title: g\n---\n")},
		"roadmap/R-1.md": {Data: []byte("---\nid: R-1\ntitle: t\ngoals: {G1: yes}\nstatus: planned\n---\n")},
		"roadmap/R-2.md": {Data: []byte("---\nid: R-2\ntitle: t\ngoals: []\nstatus: planned\n---\n")},
		"stories/S-1.md": {Data: []byte("---\nid: S-1\ntitle: t\nroadmap: {a: b}\nstatus: draft\n---\n")},
		"stories/S-2.md": {Data: []byte("---\nid: S-2\ntitle: t\nroadmap: [R-1]\nstatus: draft\n---\n")},
		"stories/S-3.md": {Data: []byte("---\nid: S-3\ntitle: t\nroadmap:\nstatus: draft\ndepends_on: [~]\n---\n")},
	}
	s, err := Load(fsys, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range s.Files {
		for _, p := range f.Problems {
			got = append(got, f.Path+":"+p.Pos.String()+": "+p.Msg+" ["+p.Rule+"]")
		}
	}
	want := []string{
		`roadmap/R-1.md:4:8: goals must be a list of IDs, not a mapping [invalid-value]`,
		`roadmap/R-2.md:4:1: roadmap item "R-2" serves no goal [untraced-roadmap]`,
		`stories/S-1.md:4:10: roadmap must be a single value, not a mapping [invalid-value]`,
		`stories/S-2.md:4:10: roadmap must be a single value, not a list [invalid-value]`,
		`stories/S-3.md:4:1: story "S-3" serves no roadmap item [untraced-story]`,
		`stories/S-3.md:6:14: depends_on must list IDs, not a null [invalid-value]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", join(got), join(want))
	}
}

func join(lines []string) string {
	out := ""
	for _, l := range lines {
		out += "  " + l + "\n"
	}
	return out
}
