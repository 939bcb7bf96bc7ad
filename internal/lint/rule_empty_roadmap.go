package lint

import "slices"

var emptyRoadmap = &Rule{
	Name:    "empty-roadmap",
	Doc:     "A roadmap item on the now horizon has no stories.",
	Default: Warning,
	Run:     runEmptyRoadmap,
}

func runEmptyRoadmap(p *Pass) {
	cfg := p.Spec.Config
	for _, it := range p.Spec.Items {
		if it.Horizon == "now" && len(it.Stories) == 0 && !slices.Contains(cfg.Roadmap.Dropped, it.Status) {
			p.Reportf(it.File, it.Fields.Pos("horizon"), "roadmap item %q is on the now horizon but has no stories", it.ID)
		}
	}
}
