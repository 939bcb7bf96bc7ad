package names

import (
	"slices"
	"testing"
)

func TestCompareNatural(t *testing.T) {
	got := []string{"S-10", "S-2", "S-1", "S-010", "R-3", "S-2a", "S-02"}
	slices.SortFunc(got, Compare)
	want := []string{"R-3", "S-1", "S-02", "S-2", "S-2a", "S-010", "S-10"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestCloset(t *testing.T) {
	cands := []string{"labels", "status", "roadmap", "depends_on"}
	for name, want := range map[string]string{"lables": "labels", "stauts": "status", "zzzzzz": "", "dependson": "depends_on"} {
		if got := Closest(name, cands); got != want {
			t.Errorf("Closest(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestDidYouMeanID(t *testing.T) {
	ids := []string{"R-1", "R-2", "R-10"}
	for id, want := range map[string]string{
		"R-7":  "",
		"R-30": "",
		"r-1":  ` (did you mean "R-1"?)`,
		"R1":   ` (did you mean "R-1"?)`,
		"R_10": ` (did you mean "R-10"?)`,
	} {
		if got := DidYouMeanID(id, ids); got != want {
			t.Errorf("DidYouMeanID(%q) = %q, want %q", id, got, want)
		}
	}
}
