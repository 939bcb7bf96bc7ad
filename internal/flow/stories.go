package flow

import (
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/spec"
)

// FromHistory gives the stories of s their paths through the statuses,
// from their timelines in the history walk up to the commit s was loaded
// from. Only the stories in s count: a story removed from the spec has no
// roadmap item or estimate to slice or weigh it by. A transition that
// keeps the status (an ID change, an unreadable version) is no change.
func FromHistory(tls []history.Timeline, s *spec.Spec) []Story {
	var out []Story
	for _, tl := range tls {
		st := s.Story(tl.ID)
		if st == nil {
			continue
		}
		fs := Story{ID: st.ID, Title: st.Title, Roadmap: st.Roadmap.ID, Estimate: st.Estimate}
		if st.Item != nil {
			for _, g := range st.Item.Goals {
				fs.Goals = append(fs.Goals, g.ID)
			}
		}
		for _, t := range tl.Transitions {
			if len(fs.Changes) > 0 && fs.Status() == t.To {
				continue
			}
			fs.Changes = append(fs.Changes, Change{Status: t.To, At: t.Date})
		}
		out = append(out, fs)
	}
	return out
}
