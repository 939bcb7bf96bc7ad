package lint

import (
	"fmt"
	"strings"

	"github.com/prodspec/prodspec/internal/scaffold"
	"github.com/prodspec/prodspec/internal/spec"
)

var templatePlaceholder = &Rule{
	Name: "template-placeholder",
	Doc: "A story past draft (its status neither a draft nor a rejected status) still has a placeholder of the story template (`" +
		strings.Join(scaffold.Placeholders, "`, `") + "`) in its narrative or an acceptance criterion, checked or not: an error when the story is accepted, a warning before.",
	Default: Error,
	Run:     runTemplatePlaceholder,
}

// runTemplatePlaceholder reports the template left in a story. Accepted
// is an error: the story was accepted against a criterion nobody wrote,
// as bad as an unchecked one (unmet-acceptance). Before that it is a
// warning, as a story with no criteria is (missing-acceptance): the story
// is not written yet, which a refinement fixes.
func runTemplatePlaceholder(p *Pass) {
	cfg := p.Spec.Config
	for _, st := range p.Spec.Stories {
		if !cfg.IsPastDraft(st.Status) {
			continue
		}
		sev := Warning
		if cfg.IsAccepted(st.Status) {
			sev = Error
		}
		report := func(pos spec.Pos, where string, ph placeholderList) {
			p.Report(Diagnostic{Severity: sev, File: st.File.Path, Line: pos.Line, Column: pos.Col,
				Message: fmt.Sprintf("story %q is %s but %s still has the template's %s", st.ID, st.Status, where, ph)})
		}
		// The narrative has no position of its own: its finding goes
		// where the status that makes it one is written.
		if ph := placeholders(st.Narrative); len(ph) > 0 {
			report(st.Fields.Pos("status"), "its narrative", ph)
		}
		for _, c := range st.Criteria {
			if ph := placeholders(c.Text); len(ph) > 0 {
				report(c.Pos, "this acceptance criterion", ph)
			}
		}
	}
}

type placeholderList []string

// placeholders lists the template's placeholders found in text.
func placeholders(text string) placeholderList {
	var found placeholderList
	for _, ph := range scaffold.Placeholders {
		if strings.Contains(text, ph) {
			found = append(found, ph)
		}
	}
	return found
}

func (l placeholderList) String() string {
	if len(l) == 1 {
		return "placeholder " + l[0]
	}
	return "placeholders " + strings.Join(l, ", ")
}
