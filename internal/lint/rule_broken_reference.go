package lint

var brokenReference = &Rule{
	Name:    "broken-reference",
	Doc:     "A reference to a goal, roadmap item or story that does not exist.",
	Default: Error,
	Run:     runBrokenReference,
}

func runBrokenReference(p *Pass) {
	s := p.Spec
	for _, it := range s.Items {
		for _, r := range it.Goals {
			if s.Goal(r.ID) == nil {
				p.Reportf(it.File, r.Pos, "goal %q does not exist", r.ID)
			}
		}
	}
	for _, st := range s.Stories {
		if st.Roadmap.ID != "" && st.Item == nil {
			p.Reportf(st.File, st.Roadmap.Pos, "roadmap item %q does not exist", st.Roadmap.ID)
		}
		for _, r := range st.DependsOn {
			if s.Story(r.ID) == nil {
				p.Reportf(st.File, r.Pos, "story %q does not exist", r.ID)
			}
		}
	}
}
