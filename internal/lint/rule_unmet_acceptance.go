package lint

var unmetAcceptance = &Rule{
	Name:    "unmet-acceptance",
	Doc:     "An accepted story has an unchecked acceptance criterion.",
	Default: Error,
	Run:     runUnmetAcceptance,
}

func runUnmetAcceptance(p *Pass) {
	cfg := p.Spec.Config
	for _, st := range p.Spec.Stories {
		if !cfg.IsAccepted(st.Status) {
			continue
		}
		for _, c := range st.Unchecked() {
			p.Reportf(st.File, c.Pos, "story %q is %s but this acceptance criterion is not checked: %q", st.ID, st.Status, c.Text)
		}
	}
}
