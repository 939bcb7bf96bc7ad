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
