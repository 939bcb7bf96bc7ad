package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prodspec/prodspec/internal/gittest"
)

// flowRepo is a repository whose every flow number can be worked out by
// hand. Day 0 is Monday 2026-01-05; at 09:00 it adds 34 ready stories.
// In each week w of 12, S-(2w+1) starts on Monday, S-(2w+2) on Tuesday,
// and both are accepted on Wednesday: cycle times 2d and 1d, lead times
// 7w+2 days, 2 stories a week, 3 points a week (only the first of each
// pair is estimated). Then S-25 starts on day 80 and S-26 on day 82, and
// HEAD is a commit on day 83 (Sunday 2026-03-29 09:00). R-1 (horizon
// now, goal G1) holds S-1…S-28, R-2 (next, G2) S-29…S-34: 4 and 6 open.
func flowRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	repo, err := gittest.Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	day := func(d, hour int) time.Time { return gittest.Epoch.Add(time.Duration(d*24+hour-9) * time.Hour) }
	write := func(name, content string) {
		if err := repo.Write(name, content); err != nil {
			t.Fatal(err)
		}
	}
	story := func(n int, status string) {
		item, est := "R-1", ""
		if n > 28 {
			item = "R-2"
		}
		if n <= 24 && n%2 == 1 {
			est = "estimate: 3\n"
		}
		write(fmt.Sprintf("stories/S-%d.md", n), fmt.Sprintf("---\nid: S-%d\ntitle: Story %d\nroadmap: %s\nstatus: %s\n%s---\n", n, n, item, status, est))
	}
	commit := func(at time.Time) {
		if _, err := repo.Commit("change", gittest.CommitOptions{When: at}); err != nil {
			t.Fatal(err)
		}
	}
	write("vision.md", "---\nkind: vision\ntitle: Flow\ngoals:\n  - id: G1\n    title: One\n  - id: G2\n    title: Two\n---\n")
	write("roadmap/R-1.md", "---\nid: R-1\ntitle: First\ngoals: [G1]\nstatus: in-progress\nhorizon: now\n---\n")
	write("roadmap/R-2.md", "---\nid: R-2\ntitle: Second\ngoals: [G2]\nstatus: planned\nhorizon: next\n---\n")
	for n := 1; n <= 34; n++ {
		story(n, "ready")
	}
	commit(day(0, 9))
	for w := range 12 {
		for i, status := range []string{"in-progress", "in-progress", "accepted"} {
			switch i {
			case 0:
				story(2*w+1, status)
			case 1:
				story(2*w+2, status)
			case 2:
				story(2*w+1, status)
				story(2*w+2, status)
			}
			commit(day(7*w+i, 9))
		}
	}
	story(25, "in-progress")
	commit(day(80, 9))
	story(26, "in-progress")
	commit(day(82, 9))
	write("vision.md", "---\nkind: vision\ntitle: Flow\ngoals:\n  - id: G1\n    title: One\n  - id: G2\n    title: Two\n---\nNow.\n")
	commit(day(83, 9))
	return dir
}

func runJSON(t *testing.T, wantCode int, v any, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := Run(args, &Streams{Out: &out, Err: &errb, Getenv: func(string) string { return "" }}); code != wantCode {
		t.Fatalf("%s: exit %d, want %d\n%s", strings.Join(args, " "), code, wantCode, errb.String())
	}
	if v != nil {
		if err := json.Unmarshal(out.Bytes(), v); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	}
	return errb.String()
}

const day = int64(24 * 3600)

func TestMetricsByHand(t *testing.T) {
	dir := flowRepo(t)
	var m struct {
		Summary struct {
			Accepted   int
			InProgress int                         `json:"in_progress"`
			Lead       struct{ N, P50, P85 int64 } `json:"lead_time"`
			Cycle      struct{ N, P50, P85 int64 } `json:"cycle_time"`
		}
		Throughput []struct {
			Week      string
			Stories   int
			Points    float64
			Estimated int
		}
		Aging []struct {
			ID       string
			Age      int64 `json:"age_seconds"`
			Standing string
		}
		Days []struct {
			Date       string
			InProgress int            `json:"in_progress"`
			ByStatus   map[string]int `json:"by_status"`
		}
		Roadmap []struct {
			ID      string
			Summary struct{ Accepted int }
		}
	}
	runJSON(t, 0, &m, "metrics", "-C", dir, "-f", "json")
	var raw struct {
		Summary struct {
			Accepted   int `json:"accepted"`
			InProgress int `json:"in_progress"`
			Lead       struct {
				N   int   `json:"n"`
				P50 int64 `json:"p50_seconds"`
				P85 int64 `json:"p85_seconds"`
			} `json:"lead_time"`
			Cycle struct {
				N   int   `json:"n"`
				P50 int64 `json:"p50_seconds"`
				P85 int64 `json:"p85_seconds"`
			} `json:"cycle_time"`
		} `json:"summary"`
	}
	runJSON(t, 0, &raw, "metrics", "-C", dir, "-f", "json")
	s := raw.Summary
	// 24 cycle times, twelve of 1d and twelve of 2d: the 12th is 1d, the
	// ⌈0.85 × 24⌉ = 21st is 2d. Lead times 2, 2, 9, 9, … 79, 79 days: the
	// 12th is 37d (week 5), the 21st 72d (week 10).
	if s.Accepted != 24 || s.Cycle.N != 24 || s.Cycle.P50 != day || s.Cycle.P85 != 2*day || s.Lead.P50 != 37*day || s.Lead.P85 != 72*day {
		t.Errorf("summary %+v", s)
	}
	if s.InProgress != 2 {
		t.Errorf("in progress %d, want 2", s.InProgress)
	}
	if len(m.Throughput) != 12 {
		t.Fatalf("%d weeks, want 12", len(m.Throughput))
	}
	for _, w := range m.Throughput {
		if w.Stories != 2 || w.Points != 3 || w.Estimated != 1 {
			t.Errorf("week %+v, want 2 stories, 3 points, 1 estimated", w)
		}
	}
	// S-25 started on day 80, 3 days before HEAD: past the 85th (2d);
	// S-26 on day 82: 1 day, within the 50th (1d).
	wantAging := []string{"S-25 259200 past_p85", "S-26 86400 within_p50"}
	var aging []string
	for _, a := range m.Aging {
		aging = append(aging, fmt.Sprintf("%s %d %s", a.ID, a.Age, a.Standing))
	}
	if !reflect.DeepEqual(aging, wantAging) {
		t.Errorf("aging %v, want %v", aging, wantAging)
	}
	// Week 11 (days 77–83): S-23 starts Monday, S-24 Tuesday, both
	// accepted Wednesday; S-25 starts day 80, S-26 day 82.
	wip := map[string]int{}
	for _, d := range m.Days {
		wip[d.Date] = d.InProgress
	}
	want := map[string]int{"2026-03-23": 1, "2026-03-24": 2, "2026-03-25": 0, "2026-03-26": 1, "2026-03-27": 1, "2026-03-28": 2, "2026-03-29": 2}
	for date, n := range want {
		if wip[date] != n {
			t.Errorf("in progress on %s: %d, want %d", date, wip[date], n)
		}
	}
	last := m.Days[len(m.Days)-1]
	if len(m.Days) != 84 || last.ByStatus["accepted"] != 24 || last.ByStatus["ready"] != 8 || last.ByStatus["in-progress"] != 2 {
		t.Errorf("%d days; last %+v", len(m.Days), last)
	}
	if len(m.Roadmap) != 2 || m.Roadmap[0].Summary.Accepted != 24 || m.Roadmap[1].Summary.Accepted != 0 {
		t.Errorf("roadmap %+v", m.Roadmap)
	}

	// From week 6 on (a date), the stories accepted in weeks 6–11.
	runJSON(t, 0, &raw, "metrics", "-C", dir, "-f", "json", "--since", "2026-02-16")
	if raw.Summary.Accepted != 12 {
		t.Errorf("--since 2026-02-16: %d accepted, want 12", raw.Summary.Accepted)
	}
	// The slice of goal G2 has no accepted story.
	runJSON(t, 0, &raw, "metrics", "-C", dir, "-f", "json", "--goal", "G2")
	if raw.Summary.Accepted != 0 || raw.Summary.Cycle.N != 0 {
		t.Errorf("--goal G2: %+v", raw.Summary)
	}
}

func TestForecastByHand(t *testing.T) {
	dir := flowRepo(t)
	type likely struct{ P50, P85, P95 *string }
	var f struct {
		Assumptions struct {
			Sample   []int
			Accepted int
		}
		Roadmap []struct {
			ID     string
			Open   int    `json:"open_stories"`
			Last   string `json:"last_story"`
			DoneBy likely `json:"done_by"`
		}
		By struct {
			Date          string
			P50, P85, P95 int
		}
	}
	runJSON(t, 0, &f, "forecast", "-C", dir, "-f", "json", "--per", "week", "--by", "2026-04-26")
	// Two stories every week of the window: R-1's 4 open stories (ranked
	// first: horizon now) take 2 weeks, R-2's 6 after them 5 weeks, at
	// every percentile; by 2026-04-26, 4 weeks on, 8 stories.
	if !reflect.DeepEqual(f.Assumptions.Sample, []int{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}) {
		t.Errorf("sample %v", f.Assumptions.Sample)
	}
	got := []string{}
	for _, it := range f.Roadmap {
		got = append(got, fmt.Sprintf("%s %d %s %s %s %s", it.ID, it.Open, it.Last, *it.DoneBy.P50, *it.DoneBy.P85, *it.DoneBy.P95))
	}
	want := []string{"R-1 4 S-28 2026-04-12 2026-04-12 2026-04-12", "R-2 6 S-34 2026-05-03 2026-05-03 2026-05-03"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("forecast %v, want %v", got, want)
	}
	if f.By.P50 != 8 || f.By.P85 != 8 || f.By.P95 != 8 {
		t.Errorf("by 2026-04-26: %+v, want 8 at every likelihood", f.By)
	}

	// Daily: 24 stories in 84 days.
	runJSON(t, 0, &f, "forecast", "-C", dir, "-f", "json")
	if f.Assumptions.Accepted != 24 || len(f.Assumptions.Sample) != 84 {
		t.Errorf("daily sample: %d accepted in %d days", f.Assumptions.Accepted, len(f.Assumptions.Sample))
	}

	// Fewer accepted stories than asked for: no dates, exit 1.
	var short struct {
		Enough  bool `json:"enough_history"`
		Roadmap []any
	}
	stderr := runJSON(t, 1, &short, "forecast", "-C", dir, "-f", "json", "--min-accepted", "25")
	if short.Enough || len(short.Roadmap) != 0 || !strings.Contains(stderr, "not enough history to forecast: 24 stories accepted") {
		t.Errorf("--min-accepted 25: %+v\n%s", short, stderr)
	}
	// Only the last 2 weeks: 4 stories.
	stderr = runJSON(t, 1, nil, "forecast", "-C", dir, "--weeks", "2")
	if !strings.Contains(stderr, "4 stories accepted in the 2 weeks from 2026-03-16 to 2026-03-29, fewer than the 10") {
		t.Errorf("--weeks 2: %s", stderr)
	}
}
