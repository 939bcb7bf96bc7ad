// Package flow is the arithmetic of flow metrics and forecasts: lead and
// cycle times, throughput, work in progress, cumulative flow, percentiles
// and a Monte Carlo forecast over a team's own throughput. It works on
// plain values (a story's status changes with their dates), so every
// number can be tested without git; the command line builds those values
// from the history walk.
package flow

import (
	"time"

	"github.com/prodspec/prodspec/internal/config"
)

// Story is one story's path through the statuses.
type Story struct {
	ID, Title string
	Roadmap   string   // the roadmap item it serves now, "" for none
	Goals     []string // the goals that item serves
	Estimate  *float64 // points, nil when not estimated
	Changes   []Change // in date order; the first is the story appearing
}

// Change is a story entering a status at a time; Status "" is the story
// leaving the spec (its file removed).
type Change struct {
	Status string
	At     time.Time
}

// Status is the story's status after its last change.
func (s *Story) Status() string {
	if len(s.Changes) == 0 {
		return ""
	}
	return s.Changes[len(s.Changes)-1].Status
}

// Created is when the story first appeared.
func (s *Story) Created() time.Time {
	if len(s.Changes) == 0 {
		return time.Time{}
	}
	return s.Changes[0].At
}

// Started is when the story first entered an in-progress status, the start
// of its cycle time (as history counts it); false if it never did.
func (s *Story) Started(cfg *config.Config) (time.Time, bool) {
	for _, c := range s.Changes {
		if cfg.IsInProgress(c.Status) {
			return c.At, true
		}
	}
	return time.Time{}, false
}

// Accepted is when the story last became accepted, if it is accepted now.
// A story that appeared already accepted (a backlog imported with its
// past) was never seen flowing: it is not delivered work of the window,
// so false.
func (s *Story) Accepted(cfg *config.Config) (time.Time, bool) {
	n := len(s.Changes)
	if n < 2 || !cfg.IsAccepted(s.Changes[n-1].Status) {
		return time.Time{}, false
	}
	return s.Changes[n-1].At, true
}

// LeadTime runs from the story appearing to its acceptance; CycleTime
// from its first in-progress status to its acceptance. Both are false
// for a story not accepted, and for commits dated out of order.
func (s *Story) LeadTime(cfg *config.Config) (time.Duration, bool) {
	end, ok := s.Accepted(cfg)
	return since(s.Created(), end, ok)
}

// CycleTime: see LeadTime.
func (s *Story) CycleTime(cfg *config.Config) (time.Duration, bool) {
	end, ok := s.Accepted(cfg)
	start, started := s.Started(cfg)
	return since(start, end, ok && started)
}

func since(start, end time.Time, ok bool) (time.Duration, bool) {
	if !ok || end.Before(start) {
		return 0, false
	}
	return end.Sub(start), true
}

// Day is a UTC calendar day, counted from 1970-01-01.
type Day int

// DayOf is the UTC day of t.
func DayOf(t time.Time) Day {
	secs := t.Unix()
	d := secs / 86400
	if secs%86400 < 0 {
		d--
	}
	return Day(d)
}

// Time is the day's midnight, UTC.
func (d Day) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String is the day as 2006-01-02.
func (d Day) String() string { return d.Time().Format(time.DateOnly) }

// Monday is the Monday of the day's week (weeks start on Monday, as in
// ISO 8601).
func (d Day) Monday() Day {
	// 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
	wd := (int(d) + 3) % 7
	if wd < 0 {
		wd += 7
	}
	return d - Day(wd)
}
