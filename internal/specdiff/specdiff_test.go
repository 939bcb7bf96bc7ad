package specdiff_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/spec"
	. "github.com/prodspec/prodspec/internal/specdiff"
)

func load(t *testing.T, files map[string]string) *spec.Spec {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, c := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(c)}
	}
	s, err := spec.Load(fsys, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

const vision = "---\nkind: vision\ntitle: V\ngoals:\n  - id: G1\n    title: One\n  - id: G2\n    title: Two\n---\n"

func story(id, title, roadmap, status, extra, body string) string {
	return "---\nid: " + id + "\ntitle: " + title + "\nroadmap: " + roadmap + "\nstatus: " + status + "\n" + extra + "---\n" + body
}

func TestCompare(t *testing.T) {
	base := load(t, map[string]string{
		"vision.md":      vision,
		"roadmap/R-1.md": "---\nid: R-1\ntitle: One\ngoals: [G1]\nstatus: planned\nhorizon: now\n---\n",
		"roadmap/R-2.md": "---\nid: R-2\ntitle: Two\ngoals: [G1]\nstatus: planned\nhorizon: next\n---\n",
		"stories/S-1.md": story("S-1", "Capture", "R-1", "ready", "rice: {reach: 10, impact: 1, confidence: 1, effort: 1}\n", "## Acceptance criteria\n\n- [ ] a\n- [ ] b\n- [x] c\n"),
		"stories/S-2.md": story("S-2", "Sync", "R-1", "draft", "", ""),
		"stories/S-3.md": story("S-3", "Old", "R-2", "draft", "", ""),
	})
	head := load(t, map[string]string{
		"vision.md":      vision,
		"roadmap/R-1.md": "---\nid: R-1\ntitle: One\ngoals: [G1, G2]\nstatus: in-progress\nhorizon: now\n---\n",
		"roadmap/R-2.md": "---\nid: R-2\ntitle: Two\ngoals: [G1]\nstatus: planned\nhorizon: next\n---\n",
		"stories/s1-renamed.md": story("S-1", "Capture fast", "R-1", "accepted", "rice: {reach: 20, impact: 1, confidence: 1, effort: 1}\n",
			"## Acceptance criteria\n\n- [x] a\n- [x] c\n- [ ] d\n"),
		"stories/S-2.md": story("S-2", "Sync", "R-2", "draft", "", ""),
		"stories/S-4.md": story("S-4", "New", "R-2", "draft", "", ""),
	})
	d := Compare(base, head, nil)
	// Compared as JSON, the shape reviewers' tools read.
	var buf, got bytes.Buffer
	if err := render.DiffJSON(&buf, render.Diff{Diff: d, Base: render.DiffEnd{Ref: "b", Commit: "1"}, Head: render.DiffEnd{Ref: "h", Commit: "2"}}); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&got, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	want := `{"generator":"prodspec","version":1,"base":{"ref":"b","commit":"1"},"head":{"ref":"h","commit":"2"},"goals":[],` +
		`"roadmap":[{"id":"R-1","title":"One","change":"changed","status":{"from":"planned","to":"in-progress"},"goals":{"added":["G2"]}}],` +
		`"stories":[` +
		`{"id":"S-1","title":"Capture fast","change":"changed","status":{"from":"ready","to":"accepted"},"title_was":"Capture",` +
		`"priority":[{"name":"rice","from":"reach 10, impact 1, confidence 1, effort 1","to":"reach 20, impact 1, confidence 1, effort 1"}],` +
		`"criteria":[{"text":"a","change":"checked"},{"text":"d","change":"added"},{"text":"b","change":"removed"}]},` +
		`{"id":"S-2","title":"Sync","change":"changed","roadmap":{"from":"R-1","to":"R-2"}},` +
		`{"id":"S-3","title":"Old","change":"removed"},` +
		`{"id":"S-4","title":"New","change":"added","status":{"from":"","to":"draft"}}],"suspects":[]}`
	if got.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", got.String(), want)
	}
}

func TestCompareRankMoves(t *testing.T) {
	files := map[string]string{
		"vision.md":      vision,
		"roadmap/R-1.md": "---\nid: R-1\ntitle: One\ngoals: [G1]\nstatus: planned\nhorizon: now\n---\n",
		"stories/S-1.md": story("S-1", "A", "R-1", "ready", "moscow: could\n", ""),
	}
	base := load(t, files)
	files["stories/S-1.md"] = story("S-1", "A", "R-1", "ready", "moscow: must\n", "")
	head := load(t, files)
	ranks := map[*spec.Spec]map[string]int{base: {"S-1": 4}, head: {"S-1": 1}}
	d := Compare(base, head, func(s *spec.Spec) map[string]int { return ranks[s] })
	if len(d.Stories) != 1 || d.Stories[0].Rank == nil || *d.Stories[0].Rank != (RankMove{From: 4, To: 1}) {
		t.Fatalf("rank move not reported: %+v", d.Stories)
	}
	if d := Compare(base, base, func(s *spec.Spec) map[string]int { return ranks[s] }); !d.Empty() {
		t.Fatalf("a spec compared with itself changed: %+v", d)
	}
}

// TestComparePriorityInputs: every model's inputs are compared, in the
// registry's order, written as the model names them.
func TestComparePriorityInputs(t *testing.T) {
	files := map[string]string{
		"vision.md":      vision,
		"roadmap/R-1.md": "---\nid: R-1\ntitle: One\ngoals: [G1]\nstatus: planned\n---\n",
		"stories/S-1.md": story("S-1", "A", "R-1", "ready", "estimate: 3\nmoscow: could\nrice: {reach: 1, impact: 2, confidence: 50%, effort: 4}\n", ""),
	}
	base := load(t, files)
	files["stories/S-1.md"] = story("S-1", "A", "R-1", "ready",
		"estimate: 5\nmoscow: must\nwsjf: {business_value: 8, time_criticality: 5, risk_reduction: 3, job_size: 0.5}\ndepends_on: S-2\n", "")
	d := Compare(base, load(t, files), nil)
	got := fmt.Sprint(d.Stories[0].Priority)
	want := `[{estimate 3 5} ` +
		`{rice reach 1, impact 2, confidence 0.5, effort 4 } ` +
		`{wsjf  business value 8, time criticality 5, risk reduction 3, job size 0.5} ` +
		`{moscow could must} ` +
		`{depends_on [] [S-2]}]`
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
