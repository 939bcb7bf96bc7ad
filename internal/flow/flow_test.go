package flow

import (
	"reflect"
	"testing"
	"time"

	"github.com/prodspec/prodspec/internal/config"
)

// day0 is a Monday.
var day0 = time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)

func at(days, hours int) time.Time {
	return day0.Add(time.Duration(days)*24*time.Hour + time.Duration(hours)*time.Hour)
}

func story(id string, changes ...any) Story {
	s := Story{ID: id, Title: "story " + id, Roadmap: "R-1"}
	for i := 0; i < len(changes); i += 2 {
		s.Changes = append(s.Changes, Change{Status: changes[i].(string), At: changes[i+1].(time.Time)})
	}
	return s
}

func TestPercentile(t *testing.T) {
	var oneToTwenty []int
	for i := 1; i <= 20; i++ {
		oneToTwenty = append(oneToTwenty, i)
	}
	for _, tc := range []struct {
		values []int
		p      int
		want   int
		ok     bool
	}{
		{oneToTwenty, 50, 10, true}, // ⌈0.5 × 20⌉ = 10th
		{oneToTwenty, 85, 17, true}, // ⌈0.85 × 20⌉ = 17th
		{oneToTwenty, 95, 19, true},
		{oneToTwenty, 100, 20, true},
		{[]int{3, 1, 2}, 50, 2, true},    // ⌈1.5⌉ = 2nd
		{[]int{3, 1, 2}, 85, 3, true},    // ⌈2.55⌉ = 3rd
		{[]int{7}, 0, 7, true},           // the smallest at least
		{[]int{4, 4, 9, 1}, 50, 4, true}, // ⌈2⌉ = 2nd of 1 4 4 9
		{nil, 50, 0, false},
	} {
		got, ok := Percentile(tc.values, tc.p)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Percentile(%v, %d) = %v, %v; want %v, %v", tc.values, tc.p, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLeadAndCycleTime(t *testing.T) {
	cfg := config.Default()
	h := func(n int) time.Duration { return time.Duration(n) * time.Hour }
	for _, tc := range []struct {
		name        string
		s           Story
		lead, cycle time.Duration
		hasLead     bool
		hasCycle    bool
	}{
		{"draft, started, accepted", story("S-1", "draft", at(0, 0), "in-progress", at(2, 0), "accepted", at(5, 3)), h(123), h(75), true, true},
		{"accepted without being in progress", story("S-2", "ready", at(0, 0), "accepted", at(1, 0)), h(24), 0, true, false},
		{"first start counts, not the restart", story("S-3", "ready", at(0, 0), "in-progress", at(1, 0), "ready", at(2, 0), "in-progress", at(3, 0), "accepted", at(4, 0)), h(96), h(72), true, true},
		{"appeared accepted: never seen flowing", story("S-4", "accepted", at(0, 0)), 0, 0, false, false},
		{"accepted, then reopened", story("S-5", "ready", at(0, 0), "accepted", at(1, 0), "in-progress", at(2, 0)), 0, 0, false, false},
		{"removed after acceptance", story("S-6", "ready", at(0, 0), "accepted", at(1, 0), "", at(2, 0)), 0, 0, false, false},
		{"dates out of order", story("S-7", "in-progress", at(3, 0), "accepted", at(1, 0)), 0, 0, false, false},
	} {
		lead, hasLead := tc.s.LeadTime(cfg)
		cycle, hasCycle := tc.s.CycleTime(cfg)
		if lead != tc.lead || hasLead != tc.hasLead || cycle != tc.cycle || hasCycle != tc.hasCycle {
			t.Errorf("%s: lead %v %v, cycle %v %v; want %v %v, %v %v", tc.name, lead, hasLead, cycle, hasCycle, tc.lead, tc.hasLead, tc.cycle, tc.hasCycle)
		}
	}
}

func TestDay(t *testing.T) {
	d := DayOf(at(2, 20)) // 09:00 + 2 days 20 hours: Thursday 05:00
	if d.String() != "2026-01-08" || d.Monday().String() != "2026-01-05" {
		t.Errorf("day %s, Monday %s", d, d.Monday())
	}
	if got := DayOf(time.Date(1969, 12, 31, 23, 0, 0, 0, time.UTC)); got != -1 || got.Monday().String() != "1969-12-29" {
		t.Errorf("before 1970: %d, Monday %s", got, got.Monday())
	}
}

// TestMetrics checks every number of a small report, each worked out by
// hand: three stories accepted in the window with cycle times 1, 2 and 4
// days, one in progress for 3 days, one draft.
func TestMetrics(t *testing.T) {
	cfg := config.Default()
	est := func(f float64) *float64 { return &f }
	stories := []Story{
		story("S-1", "ready", at(0, 0), "in-progress", at(1, 0), "accepted", at(2, 0)),                    // lead 2d, cycle 1d
		story("S-2", "ready", at(0, 0), "in-progress", at(2, 0), "accepted", at(4, 0)),                    // lead 4d, cycle 2d
		story("S-3", "draft", at(0, 0), "ready", at(1, 0), "in-progress", at(4, 0), "accepted", at(8, 0)), // lead 8d, cycle 4d, next week
		story("S-4", "ready", at(1, 0), "in-progress", at(6, 0)),                                          // in progress from day 6
		story("S-5", "draft", at(3, 0)),
		story("S-6", "accepted", at(0, 0)), // imported accepted: counted in the flow, not as done
	}
	stories[0].Estimate, stories[2].Estimate = est(3), est(5)
	now := at(9, 0) // day 9, a Wednesday of the second week
	r := Metrics(stories, stories, cfg, at(0, -9), now)

	wantSummary := Summary{Accepted: 3, InProgress: 1, Unseen: 1,
		Lead:  Percentiles{N: 3, P50: 4 * 24 * time.Hour, P85: 8 * 24 * time.Hour},
		Cycle: Percentiles{N: 3, P50: 2 * 24 * time.Hour, P85: 4 * 24 * time.Hour}}
	if r.Summary != wantSummary {
		t.Errorf("summary %+v, want %+v", r.Summary, wantSummary)
	}
	var ids []string
	for _, d := range r.Done {
		ids = append(ids, d.ID)
	}
	if !reflect.DeepEqual(ids, []string{"S-1", "S-2", "S-3"}) {
		t.Errorf("done %v", ids)
	}
	wantWeeks := []Week{{Monday: DayOf(at(0, 0)), Stories: 2, Points: 3, Estimated: 1}, {Monday: DayOf(at(7, 0)), Stories: 1, Points: 5, Estimated: 1}}
	if !reflect.DeepEqual(r.Weeks, wantWeeks) {
		t.Errorf("weeks %+v, want %+v", r.Weeks, wantWeeks)
	}
	// statuses: draft ready in-progress done accepted rejected
	wantDays := map[int][]int{
		0: {1, 2, 0, 0, 1, 0}, // S-3 draft; S-1, S-2 ready; S-6 accepted
		6: {1, 0, 2, 0, 3, 0}, // S-5 draft; S-3, S-4 in progress; S-1, S-2, S-6 accepted
		9: {1, 0, 1, 0, 4, 0}, // S-3 accepted on day 8
	}
	for d, want := range wantDays {
		if got := r.Days[d].ByStatus; !reflect.DeepEqual(got, want) {
			t.Errorf("day %d: %v, want %v", d, got, want)
		}
	}
	if len(r.Days) != 10 || r.Days[6].InProgress != 2 || r.Days[9].InProgress != 1 {
		t.Errorf("%d days; in progress on day 6: %d, day 9: %d", len(r.Days), r.Days[6].InProgress, r.Days[9].InProgress)
	}
	wantAging := []Aging{{ID: "S-4", Title: "story S-4", Status: "in-progress", Roadmap: "R-1", Started: at(6, 0), Age: 3 * 24 * time.Hour, Standing: PastP50}}
	if !reflect.DeepEqual(r.Aging, wantAging) {
		t.Errorf("aging %+v, want %+v", r.Aging, wantAging)
	}

	// Sliced, S-4 is compared with the team: with the cycle times 1, 2
	// and 4 days its 3 days are past the 50th; with a team whose only
	// cycle time is 5 days, within it.
	if r := Metrics(stories[3:4], stories[:3:3], cfg, at(0, 0), now); r.Aging[0].Standing != PastP50 {
		t.Errorf("against the team: %q", r.Aging[0].Standing)
	}
	if r := Metrics(stories[3:4], []Story{story("S-9", "in-progress", at(0, 0), "accepted", at(5, 0))}, cfg, at(0, 0), now); r.Aging[0].Standing != WithinP50 {
		t.Errorf("against a slow team: %q", r.Aging[0].Standing)
	}

	// A window from day 3 leaves S-1 out (accepted on day 2).
	if s := Summarize(stories, cfg, at(3, 0), now); s.Accepted != 2 || s.Cycle.P50 != 2*24*time.Hour {
		t.Errorf("from day 3: %+v", s)
	}
	// Seen from day 5, S-3 is not accepted yet and S-4 not started.
	if s := Summarize(stories, cfg, at(0, 0), at(5, 0)); s.Accepted != 2 || s.InProgress != 1 {
		t.Errorf("up to day 5: %+v", s)
	}
}

func TestStanding(t *testing.T) {
	c := Percentiles{N: 4, P50: 10, P85: 20}
	for age, want := range map[time.Duration]Standing{5: WithinP50, 10: WithinP50, 11: PastP50, 20: PastP50, 21: PastP85} {
		if got := standing(age, c); got != want {
			t.Errorf("standing(%d) = %q, want %q", age, got, want)
		}
	}
	if got := standing(5, Percentiles{}); got != NoStanding {
		t.Errorf("no cycle times: %q", got)
	}
}

// TestCumulativeFlowOfASlice: a burn-up reads one roadmap item's stories
// per status off CumulativeFlow, which counts them as Metrics does, and
// leaves out changes after now.
func TestCumulativeFlowOfASlice(t *testing.T) {
	cfg := config.Default()
	stories := []Story{
		story("S-1", "ready", at(0, 0), "in-progress", at(1, 0), "accepted", at(2, 0)),
		story("S-2", "ready", at(1, 0), "rejected", at(2, 0), "ready", at(5, 0)), // back after now
	}
	now := at(3, 0)
	got := CumulativeFlow(stories, cfg, at(0, 0), now)
	if want := Metrics(stories, stories, cfg, at(0, 0), now).Days; !reflect.DeepEqual(got, want) {
		t.Errorf("CumulativeFlow %+v, Metrics' days %+v", got, want)
	}
	// statuses: draft ready in-progress done accepted rejected
	last := got[len(got)-1]
	if len(got) != 4 || !reflect.DeepEqual(last.ByStatus, []int{0, 0, 0, 0, 1, 1}) {
		t.Errorf("%d days, the last %v; want 4, [0 0 0 0 1 1]", len(got), last.ByStatus)
	}
}
