package flow

import (
	"reflect"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
)

var percents = []int{50, 85, 95}

func TestThroughput(t *testing.T) {
	cfg := config.Default()
	stories := []Story{
		story("S-1", "ready", at(0, 0), "accepted", at(1, 0)),
		story("S-2", "ready", at(0, 0), "accepted", at(1, 5)),
		story("S-3", "ready", at(0, 0), "accepted", at(8, 0)),
		story("S-4", "ready", at(0, 0), "accepted", at(13, 5)),
		story("S-5", "ready", at(0, 0), "accepted", at(13, 20)), // after now
		story("S-6", "accepted", at(0, 0)),                      // appeared accepted
	}
	now := at(13, 10) // Sunday 2026-01-18 19:00
	daily := Throughput(stories, cfg, now, 14, 1)
	want := []int{0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}
	if !reflect.DeepEqual(daily.Counts, want) || daily.From != DayOf(at(0, 0)) || daily.Accepted() != 4 {
		t.Errorf("daily: %+v", daily)
	}
	weekly := Throughput(stories, cfg, now, 2, 7)
	if !reflect.DeepEqual(weekly.Counts, []int{2, 2}) {
		t.Errorf("weekly: %+v", weekly)
	}
}

func TestWhen(t *testing.T) {
	for _, tc := range []struct {
		name    string
		counts  []int
		targets []int
		want    [][]int
	}{
		// 2 stories every week: 10 stories take 5 weeks in every future.
		{"constant", []int{2}, []int{10, 3, 0}, [][]int{{5, 5, 5}, {2, 2, 2}, {0, 0, 0}}},
		{"constant, repeated", []int{2, 2, 2}, []int{10}, [][]int{{5, 5, 5}}},
		// One period in four delivers 2: the periods to the first success
		// are geometric, P(≤ p) = 1 − 0.75^p: 0.58 at 3, 0.87 at 7, 0.958 at 11.
		{"geometric", []int{0, 0, 0, 2}, []int{2}, [][]int{{3, 7, 11}}},
		{"nothing ever", []int{0}, []int{1}, [][]int{{Later, Later, Later}}},
		{"beyond the horizon", []int{1}, []int{100}, [][]int{{Later, Later, Later}}},
	} {
		sim := Simulation{Counts: tc.counts, Trials: 10000, MaxPeriods: 52}
		if got := sim.When(tc.targets, percents); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestWhenIsDeterministic(t *testing.T) {
	sim := Simulation{Counts: []int{0, 1, 3, 0, 2, 5, 0}, Trials: 2000, MaxPeriods: 400}
	a, b := sim.When([]int{7, 40, 90}, percents), sim.When([]int{90, 40, 7}, percents)
	if !reflect.DeepEqual(a[0], b[2]) || !reflect.DeepEqual(a[2], b[0]) {
		t.Errorf("same sample, other answer: %v %v", a, b)
	}
	for _, w := range a {
		if w[0] > w[1] || w[1] > w[2] {
			t.Errorf("percentiles out of order: %v", w)
		}
	}
}

func TestHowMany(t *testing.T) {
	if got := (Simulation{Counts: []int{2}, Trials: 1000}).HowMany(5, percents); !reflect.DeepEqual(got, []int{10, 10, 10}) {
		t.Errorf("constant: %v", got)
	}
	// One period of 0 or 4, 4 three times in four: 75% of the futures
	// reach 4, all reach 0.
	if got := (Simulation{Counts: []int{0, 4, 4, 4}, Trials: 10000}).HowMany(1, percents); !reflect.DeepEqual(got, []int{4, 0, 0}) {
		t.Errorf("one coin: %v", got)
	}
}

// BenchmarkWhen is forecast's simulation at the generated repository's
// size: 84 days of about 12 stories a day, 10,000 trials, and 500
// roadmap items finishing between 10 and 7,500 stories from now (about
// 620 days a trial).
//
//	go test -run '^$' -bench When ./internal/flow
func BenchmarkWhen(b *testing.B) {
	counts := make([]int, 84)
	for i := range counts {
		counts[i] = 6 + i*7%13 // 6 to 18 a day
	}
	targets := make([]int, 500)
	for i := range targets {
		targets[i] = 10 + i*15
	}
	sim := Simulation{Counts: counts, Trials: 10000, MaxPeriods: 3653}
	for b.Loop() {
		sim.When(targets, []int{50, 85, 95})
	}
}
