package lint

import (
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/spec"
)

var statusConflict = &Rule{
	Name:    "status-conflict",
	Doc:     "Statuses contradict each other: a roadmap item done while its stories are open, a roadmap item not started (proposed, planned) while its stories are accepted, or a story accepted or in progress under a dropped item.",
	Default: Warning,
	Run:     runStatusConflict,
}

func runStatusConflict(p *Pass) {
	cfg := p.Spec.Config
	for _, it := range p.Spec.Items {
		// Not started is a status of roadmap.statuses in none of started,
		// done and dropped: by default proposed and planned.
		switch {
		case slices.Contains(cfg.Roadmap.Done, it.Status):
			if open := storiesWith(it, cfg.IsOpen); len(open) > 0 {
				p.Reportf(it.File, it.Fields.Pos("status"), "roadmap item %q is %s but has open stories: %s", it.ID, it.Status, strings.Join(open, ", "))
			}
		case cfg.IsNotStarted(it.Status):
			if accepted := storiesWith(it, cfg.IsAccepted); len(accepted) > 0 {
				p.Reportf(it.File, it.Fields.Pos("status"), "roadmap item %q is %s but has accepted stories: %s", it.ID, it.Status, strings.Join(accepted, ", "))
			}
		}
	}
	for _, st := range p.Spec.Stories {
		if st.Item == nil || !slices.Contains(cfg.Roadmap.Dropped, st.Item.Status) {
			continue
		}
		if cfg.IsAccepted(st.Status) || cfg.IsInProgress(st.Status) {
			p.Reportf(st.File, st.Fields.Pos("status"), "story %q is %s but its roadmap item %q is %s", st.ID, st.Status, st.Item.ID, st.Item.Status)
		}
	}
}

// storiesWith lists the IDs of it's stories whose status is one of those.
func storiesWith(it *spec.RoadmapItem, is func(status string) bool) []string {
	var ids []string
	for _, st := range it.Stories {
		if is(st.Status) {
			ids = append(ids, st.ID)
		}
	}
	return ids
}
