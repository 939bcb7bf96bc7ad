package lint

import (
	"slices"
	"strings"
)

var statusConflict = &Rule{
	Name:    "status-conflict",
	Doc:     "Statuses contradict each other: a roadmap item done while its stories are open, or a story accepted or in progress under a dropped item.",
	Default: Warning,
	Run:     runStatusConflict,
}

func runStatusConflict(p *Pass) {
	cfg := p.Spec.Config
	for _, it := range p.Spec.Items {
		if !slices.Contains(cfg.Roadmap.Done, it.Status) {
			continue
		}
		var open []string
		for _, st := range it.Stories {
			if cfg.IsOpen(st.Status) {
				open = append(open, st.ID)
			}
		}
		if len(open) > 0 {
			p.Reportf(it.File, it.Fields.Pos("status"), "roadmap item %q is %s but has open stories: %s", it.ID, it.Status, strings.Join(open, ", "))
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
