package priority

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
)

// load builds a spec from story front matter (without the fences), keyed
// by story ID, under a vision with G1 and G2 and roadmap items R-1 (now,
// G1), R-2 (next, G2) and R-3 (later, G1).
func load(t *testing.T, stories map[string]string) *spec.Spec {
	t.Helper()
	fsys := fstest.MapFS{
		"vision.md": {Data: []byte("---\nkind: vision\ntitle: T\ngoals:\n  - {id: G1, title: One}\n  - {id: G2, title: Two}\n---\n")},
	}
	for i, h := range []string{"now", "next", "later"} {
		goal := []string{"G1", "G2", "G1"}[i]
		fsys[fmt.Sprintf("roadmap/R-%d.md", i+1)] = &fstest.MapFile{Data: fmt.Appendf(nil,
			"---\nid: R-%d\ntitle: Item %d\ngoals: [%s]\nstatus: planned\nhorizon: %s\n---\n", i+1, i+1, goal, h)}
	}
	for id, fm := range stories {
		fsys["stories/"+id+".md"] = &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: Story " + id + "\n" + fm + "\n---\n")}
	}
	s, err := spec.Load(fsys, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range s.Files {
		if len(f.Problems) > 0 {
			t.Fatalf("%s: %v", f.Path, f.Problems)
		}
	}
	return s
}

// ids renders a ranking as "1:S-1 2:S-3 ...".
func ids(rs []Ranked) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "%d:%s ", r.Rank, r.Story.ID)
	}
	return strings.TrimSpace(b.String())
}

func rank(t *testing.T, s *spec.Spec, model string, opts Options) []Ranked {
	t.Helper()
	rs, err := Rank(s, model, opts)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestScore(t *testing.T) {
	s := load(t, map[string]string{
		"S-1": "roadmap: R-1\nstatus: ready\nrice: {reach: 5000, impact: 2, confidence: 80%, effort: 3}\nwsjf: {business_value: 8, time_criticality: 5, risk_reduction: 3, job_size: 5}\nmoscow: must",
		"S-2": "roadmap: R-1\nstatus: ready\nrice: {reach: 1200, impact: 3, confidence: 0.8, effort: 5}\nmoscow: wont",
		"S-3": "roadmap: R-1\nstatus: ready",
		"S-4": "roadmap: R-1\nstatus: ready\nmoscow: should\nwsjf: {business_value: 0, time_criticality: 0, risk_reduction: 0, job_size: 1}",
		"S-5": "roadmap: R-1\nstatus: ready\nmoscow: could\nrice: {reach: 1e300, impact: 1e300, confidence: 1, effort: 1}",
	})
	tests := []struct {
		id, model string
		want      float64
		scored    bool
	}{
		{"S-1", RICE, 2666.67, true}, // 5000 × 2 × 0.8 / 3 = 2666.666…
		{"S-1", WSJF, 3.2, true},     // (8 + 5 + 3) / 5
		{"S-1", MoSCoW, 4, true},
		{"S-2", RICE, 576, true}, // 1200 × 3 × 0.8 / 5
		{"S-2", WSJF, 0, false},
		{"S-2", MoSCoW, 1, true}, // wont is scored, lowest
		{"S-3", RICE, 0, false},
		{"S-3", WSJF, 0, false},
		{"S-3", MoSCoW, 0, false},
		{"S-4", WSJF, 0, true}, // a zero score is still a score
		{"S-4", MoSCoW, 3, true},
		{"S-5", MoSCoW, 2, true},
		{"S-5", RICE, 1.7976931348623157e308, true}, // overflow is clamped, never +Inf
		{"S-1", "kano", 0, false},
	}
	for _, tt := range tests {
		got, ok := Score(s.Story(tt.id), tt.model)
		if got != tt.want || ok != tt.scored {
			t.Errorf("Score(%s, %s) = %v, %v; want %v, %v", tt.id, tt.model, got, ok, tt.want, tt.scored)
		}
	}
}

func TestRankUnknownModel(t *testing.T) {
	if _, err := Rank(load(t, nil), "kano", Options{}); err == nil || !strings.Contains(err.Error(), "rice, wsjf, moscow") {
		t.Fatalf("err = %v", err)
	}
}

func TestRankScoreOrderUnscoredLastOpenOnly(t *testing.T) {
	s := load(t, map[string]string{
		"S-1": "roadmap: R-1\nstatus: ready\nmoscow: could",
		"S-2": "roadmap: R-1\nstatus: in-progress\nmoscow: must",
		"S-3": "roadmap: R-1\nstatus: draft",
		"S-4": "roadmap: R-1\nstatus: accepted\nmoscow: must",
		"S-5": "roadmap: R-1\nstatus: rejected\nmoscow: must",
		"S-6": "roadmap: R-1\nstatus: ready\nmoscow: wont",
		"S-7": "roadmap: R-1\nstatus: draft\nmoscow: should",
	})
	got := rank(t, s, MoSCoW, Options{})
	if want := "1:S-2 2:S-7 3:S-1 4:S-6 5:S-3"; ids(got) != want {
		t.Errorf("got %s\nwant %s", ids(got), want)
	}
	if got[4].Scored || !got[3].Scored || got[3].Score != 1 {
		t.Errorf("scored flags wrong: %+v", got)
	}
}

func TestRankTies(t *testing.T) {
	// Equal scores: now before next before later before no item, then
	// S-2 before S-10 (natural order, not byte order).
	s := load(t, map[string]string{
		"S-10": "roadmap: R-1\nstatus: ready\nwsjf: {business_value: 1, time_criticality: 1, risk_reduction: 1, job_size: 1}",
		"S-2":  "roadmap: R-1\nstatus: ready\nwsjf: {business_value: 2, time_criticality: 1, risk_reduction: 0, job_size: 1}",
		"S-1":  "roadmap: R-3\nstatus: ready\nwsjf: {business_value: 1, time_criticality: 1, risk_reduction: 1, job_size: 1}",
		"S-3":  "roadmap: R-2\nstatus: ready\nwsjf: {business_value: 3, time_criticality: 0, risk_reduction: 0, job_size: 1}",
		"S-4":  "roadmap: R-9\nstatus: ready\nwsjf: {business_value: 3, time_criticality: 0, risk_reduction: 0, job_size: 1}",
		// 0.1 + 0.2 is not 0.3 in floating point; rounded, it ties with S-6.
		"S-5": "roadmap: R-2\nstatus: ready\nwsjf: {business_value: 0.1, time_criticality: 0.2, risk_reduction: 0, job_size: 1}",
		"S-6": "roadmap: R-1\nstatus: ready\nwsjf: {business_value: 0.3, time_criticality: 0, risk_reduction: 0, job_size: 1}",
	})
	got := rank(t, s, WSJF, Options{})
	if want := "1:S-2 2:S-10 3:S-3 4:S-1 5:S-4 6:S-6 7:S-5"; ids(got) != want {
		t.Errorf("got %s\nwant %s", ids(got), want)
	}
}

func TestRankDependencyPullsBlockerUp(t *testing.T) {
	// S-8 scores high but depends on low-scoring S-7: S-7 moves up to just
	// before S-8, and everything else keeps score order.
	s := load(t, map[string]string{
		"S-7": "roadmap: R-1\nstatus: ready\nrice: {reach: 600, impact: 0.5, confidence: 0.5, effort: 2}",
		"S-8": "roadmap: R-1\nstatus: ready\ndepends_on: [S-7]\nrice: {reach: 5000, impact: 2, confidence: 0.8, effort: 3}",
		"S-1": "roadmap: R-1\nstatus: ready\nrice: {reach: 9000, impact: 3, confidence: 1, effort: 1}",
		"S-2": "roadmap: R-1\nstatus: ready\nrice: {reach: 1000, impact: 1, confidence: 1, effort: 1}",
		"S-3": "roadmap: R-1\nstatus: ready\nrice: {reach: 10, impact: 1, confidence: 1, effort: 1}",
	})
	got := rank(t, s, RICE, Options{})
	if want := "1:S-1 2:S-7 3:S-8 4:S-2 5:S-3"; ids(got) != want {
		t.Errorf("got %s\nwant %s", ids(got), want)
	}
	if w := got[2].WaitingOn; !slices.Equal(w, []string{"S-7"}) {
		t.Errorf("S-8 waiting on %v, want [S-7]", w)
	}
	if b := got[1].Blocks; !slices.Equal(b, []string{"S-8"}) {
		t.Errorf("S-7 blocks %v, want [S-8]", b)
	}
}

func TestRankDependencyChainAndUnscoredBlocker(t *testing.T) {
	// S-4 needs S-3 (unscored) which needs S-2 and S-5; blockers of one
	// story come in their own score order, and an unscored blocker still
	// precedes the scored story it blocks.
	s := load(t, map[string]string{
		"S-1": "roadmap: R-1\nstatus: ready\nmoscow: should",
		"S-2": "roadmap: R-1\nstatus: ready\nmoscow: wont",
		"S-3": "roadmap: R-1\nstatus: draft\ndepends_on: [S-2, S-5, S-2]",
		"S-4": "roadmap: R-1\nstatus: ready\nmoscow: must\ndepends_on: [S-3]",
		"S-5": "roadmap: R-1\nstatus: ready\nmoscow: could",
		"S-6": "roadmap: R-1\nstatus: draft",
	})
	got := rank(t, s, MoSCoW, Options{})
	if want := "1:S-5 2:S-2 3:S-3 4:S-4 5:S-1 6:S-6"; ids(got) != want {
		t.Errorf("got %s\nwant %s", ids(got), want)
	}
	if w := got[2].WaitingOn; !slices.Equal(w, []string{"S-2", "S-5"}) {
		t.Errorf("S-3 waiting on %v, want [S-2 S-5] once each", w)
	}
}

func TestRankClosedOrMissingDependencyDoesNotMove(t *testing.T) {
	s := load(t, map[string]string{
		"S-1": "roadmap: R-1\nstatus: ready\nmoscow: must\ndepends_on: [S-2, S-404]",
		"S-2": "roadmap: R-1\nstatus: accepted\nmoscow: wont",
		"S-3": "roadmap: R-1\nstatus: ready\nmoscow: should\ndepends_on: [S-4]",
		"S-4": "roadmap: R-1\nstatus: draft\nmoscow: could",
	})
	// Ranking only ready stories: S-4 is open but not on this backlog, so
	// S-3 cannot be placed after it, yet still says it is waiting on it.
	got := rank(t, s, MoSCoW, Options{Statuses: []string{"ready"}})
	if want := "1:S-1 2:S-3"; ids(got) != want {
		t.Errorf("got %s\nwant %s", ids(got), want)
	}
	if len(got[0].WaitingOn) != 0 || !slices.Equal(got[1].WaitingOn, []string{"S-4"}) {
		t.Errorf("waiting on: %v, %v", got[0].WaitingOn, got[1].WaitingOn)
	}
	// S-404 does not exist: S-1 is not waiting on it, but says so.
	if !slices.Equal(got[0].Missing, []string{"S-404"}) || len(got[1].Missing) != 0 {
		t.Errorf("missing: %v, %v", got[0].Missing, got[1].Missing)
	}
}

func TestRankCycleTerminates(t *testing.T) {
	s := load(t, map[string]string{
		"S-1": "roadmap: R-1\nstatus: ready\nmoscow: must\ndepends_on: [S-2]",
		"S-2": "roadmap: R-1\nstatus: ready\nmoscow: could\ndepends_on: [S-1]",
		"S-3": "roadmap: R-1\nstatus: ready\nmoscow: should\ndepends_on: [S-3]",
	})
	got := rank(t, s, MoSCoW, Options{})
	if want := "1:S-2 2:S-1 3:S-3"; ids(got) != want {
		t.Errorf("got %s\nwant %s", ids(got), want)
	}
}

func TestRankFiltersKeepRanks(t *testing.T) {
	s := load(t, map[string]string{
		"S-1": "roadmap: R-1\nstatus: ready\nmoscow: must",
		"S-2": "roadmap: R-2\nstatus: ready\nmoscow: must",
		"S-3": "roadmap: R-3\nstatus: ready\nmoscow: must",
		"S-4": "roadmap: R-1\nstatus: ready\nmoscow: could",
		"S-5": "roadmap: R-3\nstatus: accepted\nmoscow: must",
	})
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{}, "1:S-1 2:S-2 3:S-3 4:S-4"},
		{Options{Roadmap: []string{"R-1"}}, "1:S-1 4:S-4"},
		{Options{Goals: []string{"G1"}}, "1:S-1 3:S-3 4:S-4"},
		{Options{Goals: []string{"G1"}, Limit: 2}, "1:S-1 3:S-3"},
		{Options{Roadmap: []string{"R-2", "R-3"}, Goals: []string{"G1"}}, "3:S-3"},
		{Options{Statuses: []string{"accepted", "ready"}, Roadmap: []string{"R-3"}}, "3:S-3 4:S-5"},
	} {
		if got := ids(rank(t, s, MoSCoW, tt.opts)); got != tt.want {
			t.Errorf("%+v: got %s, want %s", tt.opts, got, tt.want)
		}
	}
}

// TestRankNeverAboveOpenDependency checks the ordering invariant on random
// acyclic specs, and that ranking is deterministic.
func TestRankNeverAboveOpenDependency(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	statuses := []string{"draft", "ready", "in-progress", "accepted"}
	for round := range 30 {
		stories := map[string]string{}
		for i := 1; i <= 40; i++ {
			fm := fmt.Sprintf("roadmap: R-%d\nstatus: %s", 1+rng.IntN(3), statuses[rng.IntN(len(statuses))])
			if rng.IntN(4) > 0 {
				fm += fmt.Sprintf("\nrice: {reach: %d, impact: 1, confidence: 1, effort: %d}", rng.IntN(50), 1+rng.IntN(3))
			}
			var deps []string
			for range rng.IntN(3) {
				if i > 1 {
					deps = append(deps, fmt.Sprintf("S-%d", 1+rng.IntN(i-1))) // lower IDs only: no cycles
				}
			}
			if deps != nil {
				fm += "\ndepends_on: [" + strings.Join(deps, ", ") + "]"
			}
			stories[fmt.Sprintf("S-%d", i)] = fm
		}
		s := load(t, stories)
		got := rank(t, s, RICE, Options{})
		pos := map[string]int{}
		for _, r := range got {
			pos[r.Story.ID] = r.Rank
		}
		for _, r := range got {
			for _, dep := range r.WaitingOn {
				if pos[dep] > r.Rank {
					t.Fatalf("round %d: %s (rank %d) above its open dependency %s (rank %d)", round, r.Story.ID, r.Rank, dep, pos[dep])
				}
			}
		}
		if again := rank(t, s, RICE, Options{}); ids(again) != ids(got) {
			t.Fatalf("round %d: not deterministic", round)
		}
	}
}
