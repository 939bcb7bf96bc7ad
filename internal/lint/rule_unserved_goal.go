package lint

import (
	"slices"
	"strings"
)

var unservedGoal = &Rule{
	Name:    "unserved-goal",
	Doc:     "A vision goal that no roadmap item serves, or only dropped ones.",
	Default: Warning,
	Run:     runUnservedGoal,
}

// runUnservedGoal: a goal nothing on the roadmap works towards is either
// missing its roadmap items or no longer a goal. A dropped item serves
// nothing, so a goal left with dropped items only is named with them.
func runUnservedGoal(p *Pass) {
	dropped := p.Spec.Config.Roadmap.Dropped
	for _, g := range p.Spec.Goals {
		// A goal's ID defined twice is duplicate-id; the items resolved
		// to its first definition serve both.
		first := p.Spec.Goal(g.ID)
		if first == nil {
			continue
		}
		var gone []string
		served := false
		for _, it := range first.Items {
			if slices.Contains(dropped, it.Status) {
				gone = append(gone, it.ID)
			} else {
				served = true
			}
		}
		switch {
		case served:
		case len(gone) > 0:
			p.Reportf(g.File, g.Pos, "goal %q is served only by dropped roadmap items: %s", g.ID, strings.Join(gone, ", "))
		default:
			p.Reportf(g.File, g.Pos, "goal %q is served by no roadmap item", g.ID)
		}
	}
}
