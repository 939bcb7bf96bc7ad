package history

import (
	"cmp"

	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

// Governed lists what roles govern in the steps, for lint's
// role-violation rule: stories becoming accepted, and changes to the
// vision and roadmap items, each placed in s (the spec being linted)
// where it still exists there.
func Governed(steps []Step, s *spec.Spec) []lint.Change {
	var out []lint.Change
	cfg := s.Config
	for _, t := range Transitions(steps) {
		if cfg.IsAccepted(t.To) && !cfg.IsAccepted(t.From) {
			c := lint.Change{Kind: lint.StoryAccepted, ID: t.ID, File: t.Path, Pos: parse.Start, Commit: t.Commit, Author: t.Author}
			if st := s.Story(t.ID); st != nil {
				c.File, c.Pos = st.File.Path, st.Fields.Pos("status")
			}
			out = append(out, c)
		}
	}
	for _, step := range steps {
		for _, d := range step.Deltas {
			if d.Context {
				continue
			}
			f := cmp.Or(d.After, d.Before)
			c := lint.Change{File: d.Path, Pos: parse.Start, Commit: step.Commit.Short(), Author: step.Commit.Author.Email}
			switch f.Kind {
			case spec.KindVision:
				c.Kind = lint.VisionChanged
			case spec.KindRoadmap:
				c.Kind, c.ID = lint.RoadmapChanged, f.ID
				if it := s.Item(f.ID); it != nil {
					c.File = it.File.Path
				}
			default:
				continue
			}
			out = append(out, c)
		}
	}
	return out
}
