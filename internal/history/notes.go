package history

import (
	"cmp"
	"slices"

	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

// Note is a story in the release notes: accepted at the end of the range
// and not at its start. Accepted is the transition that made it so, nil
// when history was not walked or does not show one.
type Note struct {
	Story    *spec.Story
	Accepted *Transition
}

// ReleaseNotes lists the stories accepted in to and not in from (or not
// in from at all), grouped by roadmap item (in natural ID order, stories
// with no known item last), then by ID. ts are the transitions of the
// range, to name the commit in which each story became accepted.
func ReleaseNotes(from, to *spec.Spec, ts []Transition) []Note {
	cfg := to.Config
	var out []Note
	for _, st := range to.Stories {
		if !cfg.IsAccepted(st.Status) || st != to.Story(st.ID) {
			continue
		}
		if was := from.Story(st.ID); was != nil && from.Config.IsAccepted(was.Status) {
			continue
		}
		n := Note{Story: st}
		for i := len(ts) - 1; i >= 0; i-- {
			if ts[i].ID == st.ID && cfg.IsAccepted(ts[i].To) {
				n.Accepted = &ts[i]
				break
			}
		}
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b Note) int {
		return cmp.Or(compareItems(a.Story.Item, b.Story.Item), names.Compare(a.Story.ID, b.Story.ID))
	})
	return out
}

func compareItems(a, b *spec.RoadmapItem) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return names.Compare(a.ID, b.ID)
}
