package lint

import (
	"fmt"

	"github.com/prodspec/prodspec/internal/spec"
)

var idCollision = &Rule{
	Name:    "id-collision",
	Doc:     "With --base: an ID this branch added that the base ref also added since their merge base, for another story or roadmap item; the two would collide on merge, and prodspec mv ID gives this branch's one a fresh ID.",
	Default: Error,
	Run:     runIDCollision,
}

// Collision is an ID that the spec being linted and the --base ref both
// added since their merge base, for different stories or roadmap items.
// File and Pos locate this branch's one; the rest describe the other.
type Collision struct {
	ID   string
	Kind spec.Kind // this branch's one: story or roadmap
	File string
	Pos  spec.Pos
	Ref  string // --base as the user named it

	OtherKind spec.Kind
	Other     string // the other's file at Ref, relative to the spec root
	Title     string // the other's title
	Commit    string // the commit on Ref that added the other: short hash
	Subject   string // and its subject
}

func runIDCollision(p *Pass) {
	for _, c := range p.Collisions {
		other := "another " + kindName(c.OtherKind)
		if c.OtherKind != c.Kind {
			other = "a " + kindName(c.OtherKind)
		}
		p.Report(Diagnostic{File: c.File, Line: c.Pos.Line, Column: c.Pos.Col, Message: fmt.Sprintf(
			"%s ID %q was also added on %s, for %s: %s %q, in commit %s %q; give this one a fresh ID with: prodspec mv %s",
			kindName(c.Kind), c.ID, c.Ref, other, c.Other, c.Title, c.Commit, c.Subject, c.ID)})
	}
}

func kindName(k spec.Kind) string {
	if k == spec.KindRoadmap {
		return "roadmap item"
	}
	return string(k)
}
