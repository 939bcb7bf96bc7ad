package flow

import (
	"cmp"
	"slices"
	"time"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/names"
)

// Report is the flow metrics of some stories over a window.
type Report struct {
	From, Now time.Time
	Summary   Summary
	Statuses  []string // the configured story statuses: the columns of Days' ByStatus
	Done      []Done   // the stories accepted in the window, in ID order
	Weeks     []Week   // every week the window touches, Monday first
	Days      []Count  // every day of the window
	Aging     []Aging  // the stories in progress now, oldest first
	// Team is the cycle time of every story the team accepted in the
	// window, sliced or not: what the aging work is compared with.
	Team Percentiles
}

// Summary is what one line says about a slice of stories: how many were
// accepted in the window, how many are in progress now, and their lead and
// cycle times.
type Summary struct {
	Accepted    int
	InProgress  int
	Lead, Cycle Percentiles
	// Unseen are the stories accepted in the first version git has of
	// them (a backlog imported with its past): accepted on no known day,
	// so in no throughput, lead or cycle time, and said so.
	Unseen int
}

// Percentiles are the 50th and 85th nearest-rank percentiles of N
// durations; zero when N is 0.
type Percentiles struct {
	N        int
	P50, P85 time.Duration
}

// Done is a story accepted in the window, with its lead and cycle time.
type Done struct {
	ID, Title         string
	Roadmap           string
	Estimate          *float64
	Created, Accepted time.Time
	Lead              time.Duration
	Started           time.Time      // zero when it was never in progress
	Cycle             *time.Duration // nil when it was never in progress (or dates are out of order)
}

// Week is the throughput of one week (Monday to Sunday, UTC): stories
// accepted, and their points where estimated.
type Week struct {
	Monday    Day
	Stories   int
	Points    float64
	Estimated int // of Stories, how many had an estimate
}

// Count is the stories per status at the end of one day (cumulative flow),
// and of them how many were in progress.
type Count struct {
	Day        Day
	ByStatus   []int // in Report.Statuses order
	InProgress int
}

// Aging is a story in progress now: how long since it first started, and
// where that age stands against the cycle times of the window.
type Aging struct {
	ID, Title, Status string
	Roadmap           string
	Started           time.Time
	Age               time.Duration
	Standing          Standing
}

// Standing places an age against the 50th and 85th percentile cycle time.
type Standing string

const (
	NoStanding Standing = ""           // no story was accepted in the window
	WithinP50  Standing = "within_p50" // at most the 50th percentile
	PastP50    Standing = "past_p50"   // past the 50th, at most the 85th
	PastP85    Standing = "past_p85"   // past the 85th: older than 85% of finished work
)

func standing(age time.Duration, c Percentiles) Standing {
	switch {
	case c.N == 0:
		return NoStanding
	case age <= c.P50:
		return WithinP50
	case age <= c.P85:
		return PastP50
	}
	return PastP85
}

// Start is when the earliest of the stories appeared: the default start
// of a window.
func Start(stories []Story) time.Time {
	var first time.Time
	for i := range stories {
		if c := stories[i].Created(); !c.IsZero() && (first.IsZero() || c.Before(first)) {
			first = c
		}
	}
	return first
}

// Metrics measures the stories over the window from..now, and places
// the age of their work in progress against the cycle times of the team's
// stories (all of them, when the stories are a slice). Changes dated
// after now (commits dated out of order) are left out.
func Metrics(stories, team []Story, cfg *config.Config, from, now time.Time) *Report {
	stories = upTo(stories, now)
	r := &Report{From: from, Now: now, Statuses: cfg.Story.Statuses, Summary: Summarize(stories, cfg, from, now),
		Team: Summarize(team, cfg, from, now).Cycle}
	r.Done = done(stories, cfg, from, now)
	r.Weeks = weeks(r.Done, DayOf(from), DayOf(now))
	r.Days = days(stories, cfg, DayOf(from), DayOf(now))
	r.Aging = aging(stories, cfg, now, r.Team)
	return r
}

// CumulativeFlow is the stories per status at the end of each day of the
// window from..now, as Metrics counts them: a burn-up of a slice of the
// stories (a roadmap item's) reads its accepted and in-scope lines off it.
func CumulativeFlow(stories []Story, cfg *config.Config, from, now time.Time) []Count {
	return days(upTo(stories, now), cfg, DayOf(from), DayOf(now))
}

// Summarize is the summary line of the stories over the window.
func Summarize(stories []Story, cfg *config.Config, from, now time.Time) Summary {
	stories = upTo(stories, now)
	var lead, cycle []time.Duration
	s := Summary{}
	for _, d := range done(stories, cfg, from, now) {
		lead = append(lead, d.Lead)
		if d.Cycle != nil {
			cycle = append(cycle, *d.Cycle)
		}
	}
	s.Accepted = len(lead)
	s.Lead, s.Cycle = percentiles(lead), percentiles(cycle)
	for i := range stories {
		st := &stories[i]
		if cfg.IsInProgress(st.Status()) {
			s.InProgress++
		}
		if _, ok := st.Accepted(cfg); !ok && len(st.Changes) == 1 && cfg.IsAccepted(st.Status()) {
			s.Unseen++
		}
	}
	return s
}

func percentiles(ds []time.Duration) Percentiles {
	p50, _ := Percentile(ds, 50)
	p85, _ := Percentile(ds, 85)
	return Percentiles{N: len(ds), P50: p50, P85: p85}
}

// upTo drops the changes after now, copying only the stories that have
// some.
func upTo(stories []Story, now time.Time) []Story {
	out := stories
	for i := range stories {
		cs := stories[i].Changes
		n := len(cs)
		for n > 0 && cs[n-1].At.After(now) {
			n--
		}
		if n == len(cs) {
			continue
		}
		if &out[0] == &stories[0] {
			out = slices.Clone(stories)
		}
		out[i].Changes = cs[:n]
	}
	return out
}

func done(stories []Story, cfg *config.Config, from, now time.Time) []Done {
	var out []Done
	for i := range stories {
		st := &stories[i]
		at, ok := st.Accepted(cfg)
		if !ok || at.Before(from) || at.After(now) {
			continue
		}
		lead, ok := st.LeadTime(cfg)
		if !ok {
			continue // dated before it appeared: no honest answer
		}
		d := Done{ID: st.ID, Title: st.Title, Roadmap: st.Roadmap, Estimate: st.Estimate, Created: st.Created(), Accepted: at, Lead: lead}
		if c, ok := st.CycleTime(cfg); ok {
			d.Started, _ = st.Started(cfg)
			d.Cycle = &c
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Done) int { return names.Compare(a.ID, b.ID) })
	return out
}

func weeks(ds []Done, first, last Day) []Week {
	var out []Week
	for m := first.Monday(); m <= last; m += 7 {
		out = append(out, Week{Monday: m})
	}
	for _, d := range ds {
		w := &out[(DayOf(d.Accepted).Monday()-first.Monday())/7]
		w.Stories++
		if d.Estimate != nil {
			w.Points += *d.Estimate
			w.Estimated++
		}
	}
	return out
}

// days counts the stories per status at the end of each day by adding up
// each day's changes (a story leaving one status and entering another),
// so the work is one pass over the changes and one over the days.
func days(stories []Story, cfg *config.Config, first, last Day) []Count {
	if last < first {
		return nil
	}
	col := map[string]int{}
	for i, s := range cfg.Story.Statuses {
		col[s] = i
	}
	k, n := len(cfg.Story.Statuses), int(last-first)+1
	delta := make([]int, n*k)
	move := func(day Day, status string, by int) {
		if c, ok := col[status]; ok {
			delta[int(max(day, first)-first)*k+c] += by
		}
	}
	for i := range stories {
		prev := ""
		for _, c := range stories[i].Changes {
			day := DayOf(c.At)
			if day > last {
				break
			}
			move(day, prev, -1)
			move(day, c.Status, +1)
			prev = c.Status
		}
	}
	out := make([]Count, n)
	running := make([]int, k)
	for d := range out {
		out[d] = Count{Day: first + Day(d), ByStatus: make([]int, k)}
		for c := range k {
			running[c] += delta[d*k+c]
			out[d].ByStatus[c] = running[c]
			if cfg.IsInProgress(cfg.Story.Statuses[c]) {
				out[d].InProgress += running[c]
			}
		}
	}
	return out
}

func aging(stories []Story, cfg *config.Config, now time.Time, cycle Percentiles) []Aging {
	var out []Aging
	for i := range stories {
		st := &stories[i]
		if !cfg.IsInProgress(st.Status()) {
			continue
		}
		start, _ := st.Started(cfg)
		age := max(now.Sub(start), 0)
		out = append(out, Aging{ID: st.ID, Title: st.Title, Status: st.Status(), Roadmap: st.Roadmap, Started: start, Age: age, Standing: standing(age, cycle)})
	}
	slices.SortFunc(out, func(a, b Aging) int { return cmp.Or(cmp.Compare(b.Age, a.Age), names.Compare(a.ID, b.ID)) })
	return out
}
