package flow

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/prodspec/prodspec/internal/config"
)

// Sample is a team's throughput: the stories accepted in each period of a
// window that ends with the day of "now".
type Sample struct {
	Period   int // days per period: 1 (daily throughput) or 7 (weekly)
	From, To Day // the window's first and last day
	Counts   []int
}

// Accepted is the number of stories accepted in the window.
func (s Sample) Accepted() int {
	n := 0
	for _, c := range s.Counts {
		n += c
	}
	return n
}

// Throughput samples the acceptances of the stories in the `periods`
// periods of `period` days that end with now's day, oldest first. A story
// counts where Metrics counts it as done.
func Throughput(stories []Story, cfg *config.Config, now time.Time, periods, period int) Sample {
	to := DayOf(now)
	s := Sample{Period: period, From: to - Day(periods*period) + 1, To: to, Counts: make([]int, periods)}
	for _, d := range done(upTo(stories, now), cfg, s.From.Time(), now) {
		s.Counts[int(DayOf(d.Accepted)-s.From)/period]++
	}
	return s
}

// Simulation is a Monte Carlo run: Trials futures, each a sequence of
// periods whose throughput is drawn at random from the sample, from a
// generator with a fixed seed, so that the same sample gives the same
// answer on every run.
type Simulation struct {
	Counts     []int // the throughput sample
	Trials     int
	MaxPeriods int // a future stops here; a target not met by then is "later"
}

// The generator's seed: any constant would do; fixed so output is bytes-stable.
const seed1, seed2 = 0x70726f64, 0x73706563 // "prod", "spec"

func (sim Simulation) rand() *rand.Rand { return rand.New(rand.NewPCG(seed1, seed2)) }

// Later is the number of periods When gives for a target not met within
// MaxPeriods.
const Later = -1

// When answers "in how many periods will `target` more stories be
// accepted?" for each target, at each of the percents (85: in 85% of the
// futures it took at most that many periods): out[i][j] is targets[i] at
// percents[j], or Later. A target of 0 or less takes 0 periods.
func (sim Simulation) When(targets, percents []int) [][]int {
	goals := slices.Sorted(slices.Values(targets))
	goals = slices.Compact(slices.DeleteFunc(goals, func(t int) bool { return t <= 0 }))
	// met[g*Trials+t] is the period in which future t met goal g, 0 for never.
	met := make([]uint16, len(goals)*sim.Trials)
	r, n := sim.rand(), len(sim.Counts)
	maxPeriods := min(sim.MaxPeriods, 1<<16-1)
	for t := range sim.Trials {
		done, next := 0, 0
		for p := 1; p <= maxPeriods && next < len(goals); p++ {
			done += sim.Counts[r.IntN(n)]
			for next < len(goals) && done >= goals[next] {
				met[next*sim.Trials+t] = uint16(p)
				next++
			}
		}
	}
	byGoal := map[int][]int{}
	hist := make([]int, maxPeriods+2)
	for g, goal := range goals {
		clear(hist)
		for _, p := range met[g*sim.Trials : (g+1)*sim.Trials] {
			v := int(p)
			if v == 0 {
				v = maxPeriods + 1 // never met: past every period
			}
			hist[v]++
		}
		byGoal[goal] = histPercentiles(hist, sim.Trials, percents, maxPeriods)
	}
	out := make([][]int, len(targets))
	for i, t := range targets {
		if t <= 0 {
			out[i] = make([]int, len(percents))
			continue
		}
		out[i] = byGoal[t]
	}
	return out
}

// histPercentiles reads nearest-rank percentiles off a histogram of
// periods, where the bucket past maxPeriods means Later.
func histPercentiles(hist []int, n int, percents []int, maxPeriods int) []int {
	out := make([]int, len(percents))
	for j, p := range percents {
		want, seen := rank(n, p), 0
		for v, c := range hist {
			if seen += c; seen >= want {
				out[j] = v
				break
			}
		}
		if out[j] > maxPeriods {
			out[j] = Later
		}
	}
	return out
}

// HowMany answers "how many stories will be accepted in the next
// `periods` periods?" at each of the percents, read as a likelihood: out[j]
// is the most stories that at least percents[j]% of the futures reach.
func (sim Simulation) HowMany(periods int, percents []int) []int {
	totals := make([]int, sim.Trials)
	r, n := sim.rand(), len(sim.Counts)
	for t := range totals {
		for range periods {
			totals[t] += sim.Counts[r.IntN(n)]
		}
	}
	slices.Sort(totals)
	out := make([]int, len(percents))
	for j, p := range percents {
		// The futures from index i up reach totals[i]; there must be
		// at least rank(n, p) of them.
		out[j] = totals[sim.Trials-rank(sim.Trials, p)]
	}
	return out
}
