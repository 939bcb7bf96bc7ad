package names

import (
	"slices"
	"strconv"
	"strings"
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

// TestClosestMatchesNaive: the bounded search picks what comparing every
// candidate's full distance picks.
func TestClosestMatchesNaive(t *testing.T) {
	words := []string{"status", "Status", "roadmap", "road_map", "depends_on", "estimate", "labels", "owner",
		"title", "id", "moscow", "rice", "wsjf", "Ünicode", "ünicode", "goals", "horizon", "target", ""}
	naive := func(name string) string {
		best, bestDist := "", len(name)/3+2
		for _, c := range words {
			rows := make([]int, 2*(len(c)+1)+2*len(c))
			if d := distance(strings.ToLower(name), strings.ToLower(c), rows); d < bestDist {
				best, bestDist = c, d
			}
		}
		return best
	}
	for _, name := range append(slices.Clone(words), "stauts", "STATUS", "rodmap", "dependson", "x", "ÜNICODE", "estimat", "lables", "ownr") {
		if got, want := Closest(name, words), naive(name); got != want {
			t.Errorf("Closest(%q) = %q, want %q", name, got, want)
		}
	}
}

func BenchmarkDidYouMeanID(b *testing.B) {
	ids := make([]string, 1000)
	for i := range ids {
		ids[i] = "R-" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	for b.Loop() {
		DidYouMeanID("R-5000", ids)
		DidYouMean("stauts", []string{"id", "title", "roadmap", "status", "owner", "estimate", "labels"})
	}
}
