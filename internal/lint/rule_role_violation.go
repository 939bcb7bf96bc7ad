package lint

import (
	"strconv"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
)

var roleViolation = &Rule{
	Name:    "role-violation",
	Doc:     "With roles configured and --base: a story accepted in a commit not authored by a product owner (error), or the vision or a roadmap item changed by someone not a product manager (warning).",
	Default: Error,
	Run:     runRoleViolation,
}

// ChangeKind is what a commit did that roles govern.
type ChangeKind int

const (
	StoryAccepted  ChangeKind = iota // a story's status became the accepted status
	VisionChanged                    // the vision file changed
	RoadmapChanged                   // a roadmap item file changed
)

// Change is one governed change made by one commit since --base. File and
// Pos locate it in the spec being linted.
type Change struct {
	Kind   ChangeKind
	ID     string // the story or roadmap item; "" for the vision
	File   string
	Pos    spec.Pos
	Commit string // short hash
	Author string // email
}

func runRoleViolation(p *Pass) {
	roles := p.Spec.Config.Roles
	for _, c := range p.Changes {
		d := Diagnostic{File: c.File, Line: c.Pos.Line, Column: c.Pos.Col}
		switch c.Kind {
		case StoryAccepted:
			if len(roles.ProductOwners) == 0 || config.IsIn(roles.ProductOwners, c.Author) {
				continue
			}
			d.Message = "story " + strconv.Quote(c.ID) + " was accepted in commit " + c.Commit + " by " + c.Author + ", who is not a product owner"
		case VisionChanged, RoadmapChanged:
			if len(roles.ProductManagers) == 0 || config.IsIn(roles.ProductManagers, c.Author) {
				continue
			}
			what := "the vision"
			if c.Kind == RoadmapChanged {
				what = "roadmap item " + strconv.Quote(c.ID)
			}
			d.Message = what + " was changed in commit " + c.Commit + " by " + c.Author + ", who is not a product manager"
			d.Severity = Warning
		}
		p.Report(d)
	}
}
