package lint

var missingAcceptance = &Rule{
	Name:    "missing-acceptance",
	Doc:     "A story past draft (and not rejected) has no acceptance criteria.",
	Default: Warning,
	Run:     runMissingAcceptance,
}

func runMissingAcceptance(p *Pass) {
	cfg := p.Spec.Config
	for _, st := range p.Spec.Stories {
		if !cfg.IsPastDraft(st.Status) || len(st.Criteria) > 0 {
			continue
		}
		what := `no "Acceptance criteria" heading`
		if st.HasCriteria {
			what = `no task-list items ("- [ ] ...") under "Acceptance criteria"`
		}
		p.Reportf(st.File, st.Fields.Pos("status"), "story %q is %s but has %s", st.ID, st.Status, what)
	}
}
