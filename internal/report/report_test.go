package report

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
)

// load builds a spec from files given as path: front matter (no fences).
func load(t *testing.T, files map[string]string) *spec.Spec {
	t.Helper()
	fsys := fstest.MapFS{}
	for path, fm := range files {
		fsys[path] = &fstest.MapFile{Data: []byte("---\n" + fm + "\n---\n")}
	}
	s, err := spec.Load(fsys, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const vision = "kind: vision\ntitle: T\ngoals:\n  - {id: G1, title: One}\n  - {id: G2, title: Two}\n  - {id: G3, title: Unserved}"

func story(id, item, status string, extra ...string) string {
	return strings.Join(append([]string{"id: " + id, "title: " + id, "roadmap: " + item, "status: " + status}, extra...), "\n")
}

func TestStatusCounts(t *testing.T) {
	s := load(t, map[string]string{
		"vision.md":       vision,
		"roadmap/R-1.md":  "id: R-1\ntitle: A\ngoals: [G1, G1]\nstatus: planned\nhorizon: now",
		"roadmap/R-2.md":  "id: R-2\ntitle: B\ngoals: [G1, G2]\nstatus: in-progress\nhorizon: now",
		"roadmap/R-10.md": "id: R-10\ntitle: C\ngoals: [G2]\nstatus: dropped\nhorizon: now",
		"stories/S-1.md":  story("S-1", "R-1", "accepted", "estimate: 3"),
		"stories/S-2.md":  story("S-2", "R-1", "rejected", "estimate: 5"),
		"stories/S-3.md":  story("S-3", "R-1", "ready", "estimate: 0.5"),
		"stories/S-4.md":  story("S-4", "R-2", "draft"),
		"stories/S-5.md":  story("S-5", "R-404", "accepted"),
		"stories/S-6.md":  story("S-6", "R-10", "rejected"),
	})
	r := Status(s)
	names := func(sts []StoryStatus) (out []string) {
		for _, st := range sts {
			out = append(out, st.Name+"="+string(st.Category))
		}
		return out
	}
	if got, want := names(r.Statuses), []string{"draft=draft", "ready=open", "in-progress=in-progress", "done=closed", "accepted=accepted", "rejected=rejected"}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	g1 := r.Goals[0]
	// R-1 names G1 twice but counts once: S-1..S-3 and S-4.
	if !slices.Equal(g1.Items, []string{"R-1", "R-2"}) || g1.Counts.Stories != 4 || g1.Counts.Accepted != 1 || *g1.Counts.Percent != 33 {
		t.Errorf("G1 = %+v, percent %d", g1, *g1.Counts.Percent)
	}
	if p := g1.Counts.Points; p == nil || p.Total != 8.5 || p.Accepted != 3 || p.Estimated != 3 {
		t.Errorf("G1 points = %+v", p)
	}
	if g3 := r.Goals[2]; g3.Counts.Stories != 0 || g3.Counts.Percent != nil || g3.Counts.Points != nil {
		t.Errorf("G3 = %+v", g3)
	}
	if ids := itemIDs(r.Items); !slices.Equal(ids, []string{"R-1", "R-2", "R-10"}) {
		t.Errorf("items in %v, want natural order", ids)
	}
	if r10 := r.Items[2]; r10.Counts.Percent != nil { // all rejected: nothing to divide by
		t.Errorf("R-10 percent = %d", *r10.Counts.Percent)
	}
	// R-1 is planned but has an accepted story; R-2 started; R-10 dropped
	// (TestNotStarted has the cases).
	if len(r.NotStarted) != 0 {
		t.Errorf("not started = %v", itemIDs(r.NotStarted))
	}
	if r.Untraced != 1 || r.Overall.Stories != 6 || r.Overall.Accepted != 2 || r.Overall.Rejected != 2 || *r.Overall.Percent != 50 {
		t.Errorf("overall = %+v, untraced %d", r.Overall, r.Untraced)
	}
	if got := r.Overall.ByStatus; !slices.Equal(got, []int{1, 1, 0, 0, 2, 2}) {
		t.Errorf("overall by status = %v", got)
	}
}

// TestNotStarted: an item on the now horizon has started when its status
// says so or when one of its stories is in progress or finished.
func TestNotStarted(t *testing.T) {
	item := func(id, status, horizon string) string {
		return "id: " + id + "\ntitle: " + id + "\ngoals: [G1]\nstatus: " + status + "\nhorizon: " + horizon
	}
	s := load(t, map[string]string{
		"vision.md":      vision,
		"roadmap/R-1.md": item("R-1", "planned", "now"),     // no stories
		"roadmap/R-2.md": item("R-2", "planned", "now"),     // a story in progress
		"roadmap/R-3.md": item("R-3", "proposed", "now"),    // a story done
		"roadmap/R-4.md": item("R-4", "planned", "now"),     // a story accepted
		"roadmap/R-5.md": item("R-5", "planned", "now"),     // only open or rejected stories
		"roadmap/R-6.md": item("R-6", "in-progress", "now"), // its status says so
		"roadmap/R-7.md": item("R-7", "dropped", "now"),
		"roadmap/R-8.md": item("R-8", "planned", "next"),
		"stories/S-1.md": story("S-1", "R-2", "in-progress"),
		"stories/S-2.md": story("S-2", "R-3", "done"),
		"stories/S-3.md": story("S-3", "R-4", "accepted"),
		"stories/S-4.md": story("S-4", "R-5", "draft"),
		"stories/S-5.md": story("S-5", "R-5", "ready"),
		"stories/S-6.md": story("S-6", "R-5", "rejected"),
		"stories/S-7.md": story("S-7", "R-5", "finished"), // not a status: no evidence
	})
	if ids := itemIDs(Status(s).NotStarted); !slices.Equal(ids, []string{"R-1", "R-5"}) {
		t.Errorf("not started = %v, want [R-1 R-5]", ids)
	}
}

func itemIDs(items []ItemStatus) (out []string) {
	for _, it := range items {
		out = append(out, it.ID)
	}
	return out
}

// TestPercentNeverOverstates: 100% only when every story not rejected is
// accepted, 0% only when none is.
func TestPercentNeverOverstates(t *testing.T) {
	cfg := config.Default()
	cols := []StoryStatus{{"accepted", Accepted}, {"ready", Open}, {"rejected", Rejected}}
	for _, tt := range []struct{ accepted, ready, rejected, want int }{
		{1, 2, 0, 33}, {2, 1, 0, 67}, {1, 1, 5, 50}, {199, 1, 0, 99}, {1, 199, 0, 1}, {3, 0, 1, 100}, {0, 3, 0, 0}, {1, 7, 0, 13},
	} {
		var stories []*spec.Story
		for status, n := range map[string]int{"accepted": tt.accepted, "ready": tt.ready, "rejected": tt.rejected} {
			for range n {
				stories = append(stories, &spec.Story{Status: status})
			}
		}
		c := countStories(cfg, cols, stories)
		if c.Percent == nil || *c.Percent != tt.want {
			t.Errorf("%+v: percent %v, want %d", tt, c.Percent, tt.want)
		}
	}
}

func TestTraceFlagsUntracedAndBroken(t *testing.T) {
	s := load(t, map[string]string{
		"vision.md":      vision,
		"roadmap/R-1.md": "id: R-1\ntitle: A\ngoals: [G1, G9]\nstatus: planned",
		"roadmap/R-2.md": "id: R-2\ntitle: B\ngoals: [G8]\nstatus: planned",
		"roadmap/R-3.md": "id: R-3\ntitle: C\ngoals: []\nstatus: planned",
		"roadmap/R-4.md": "id: R-4\ntitle: D\ngoals: [G1, G2]\nstatus: planned",
		"stories/S-1.md": story("S-1", "R-1", "ready", "depends_on: [S-2, S-99]"),
		"stories/S-2.md": story("S-2", "R-77", "ready"),
		"stories/S-3.md": "id: S-3\ntitle: S-3\nroadmap:\nstatus: ready",
		"stories/S-4.md": story("S-4", "R-3", "ready"),
	})
	tr := Trace(s)
	var got []string
	for _, g := range tr.Goals {
		var items []string
		for _, it := range g.Items {
			items = append(items, fmt.Sprintf("%s%v", it.ID, it.MissingGoals))
		}
		got = append(got, g.ID+":"+strings.Join(items, ","))
	}
	if want := []string{"G1:R-1[G9],R-4[]", "G2:R-4[]", "G3:"}; !slices.Equal(got, want) {
		t.Errorf("goals %v, want %v", got, want)
	}
	if tr.Goals[0].Items[1] != tr.Goals[1].Items[0] {
		t.Error("R-4 under G1 and G2 is not the same node")
	}
	var untraced []string
	for _, it := range tr.UntracedItems {
		untraced = append(untraced, it.ID)
	}
	for _, st := range tr.UntracedStories {
		untraced = append(untraced, fmt.Sprintf("%s(%s,%v)", st.ID, st.Roadmap, st.MissingRoadmap))
	}
	if want := []string{"R-2", "R-3", "S-2(R-77,true)", "S-3(,false)"}; !slices.Equal(untraced, want) {
		t.Errorf("untraced %v, want %v", untraced, want)
	}
	if deps := tr.Goals[0].Items[0].Stories[0].MissingDeps; !slices.Equal(deps, []string{"S-99"}) {
		t.Errorf("missing deps %v", deps)
	}
	if st := tr.UntracedItems[1].Stories; len(st) != 1 || st[0].ID != "S-4" {
		t.Errorf("R-3's stories = %v", st)
	}
	want := TraceSummary{Goals: 3, Items: 4, Stories: 4, UnservedGoals: 1, UntracedItems: 1, UntracedStories: 1, BrokenLinks: 4}
	if tr.Summary != want {
		t.Errorf("summary %+v, want %+v", tr.Summary, want)
	}
}
