package lint

import (
	"strconv"

	"github.com/prodspec/prodspec/internal/names"
)

// SuspectLink is the rule's name, for a caller that skips finding
// suspects when it is off.
const SuspectLink = "suspect-link"

var suspectLink = &Rule{
	Name:    SuspectLink,
	Doc:     "With --base: a story whose roadmap item changed in meaning (title, goals or description) in a commit since the base, after the story last changed, and that no later commit revisited or named in a Reviewed: trailer.",
	Default: Warning,
	Run:     runSuspectLink,
}

// Suspect is a story made suspect by the commits since --base: the
// roadmap item it serves changed in meaning after the story last
// changed. History finds them; the rule places them in the spec.
type Suspect struct {
	Story  string
	Item   string
	Scope  []string // what changed of the item: title, goals, description
	Commit string   // short hash of the item's latest change in meaning
	Author string   // email
}

func runSuspectLink(p *Pass) {
	for _, s := range p.Suspects {
		st := p.Spec.Story(s.Story)
		if st == nil || st.Roadmap.ID != s.Item {
			continue // not in the spec linted (a work tree ahead of the commits)
		}
		p.Reportf(st.File, st.Roadmap.Pos, "roadmap item %q changed its %s in commit %s by %s after this story last changed; revisit the story, or name it in a commit message trailer %s",
			s.Item, names.List(s.Scope, "and"), s.Commit, s.Author, strconv.Quote("Reviewed: "+s.Story))
	}
}
