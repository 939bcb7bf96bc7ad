package lint_test

import (
	"testing"

	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// The changes stand for what `prodspec lint --base REF` finds in the
// commits since REF; the rule reads only them and the roles.
func TestRoleViolation(t *testing.T) {
	const roles = `roles:
  product_managers: [pm@acme.example]
  product_owners: [po@acme.example]
`
	accepted := func(author string) lint.Change {
		return lint.Change{Kind: lint.StoryAccepted, ID: "S-1", File: "stories/S-1.md",
			Pos: spec.Pos{Line: 5, Col: 9}, Commit: "1a2b3c4", Author: author}
	}
	visionBy := func(author string) lint.Change {
		return lint.Change{Kind: lint.VisionChanged, File: "vision.md",
			Pos: spec.Pos{Line: 1, Col: 1}, Commit: "5d6e7f8", Author: author}
	}
	itemBy := func(author string) lint.Change {
		return lint.Change{Kind: lint.RoadmapChanged, ID: "R-1", File: "roadmap/R-1.md",
			Pos: spec.Pos{Line: 1, Col: 1}, Commit: "9a8b7c6", Author: author}
	}
	testRule(t, "role-violation", []ruleTest{
		{
			name:    "a story accepted by someone not a product owner: an error at the status",
			config:  roles,
			changes: []lint.Change{accepted("dev@acme.example")},
			want:    []string{`stories/S-1.md:5:9: error: story "S-1" was accepted in commit 1a2b3c4 by dev@acme.example, who is not a product owner`},
		},
		{
			name:    "the vision or a roadmap item changed by someone not a product manager: a warning",
			config:  roles,
			changes: []lint.Change{visionBy("po@acme.example"), itemBy("dev@acme.example")},
			want: []string{
				`roadmap/R-1.md:1:1: warning: roadmap item "R-1" was changed in commit 9a8b7c6 by dev@acme.example, who is not a product manager`,
				`vision.md:1:1: warning: the vision was changed in commit 5d6e7f8 by po@acme.example, who is not a product manager`,
			},
		},
		{
			name: "the configured severity applies to both kinds",
			config: roles + `rules:
  role-violation: warning
`,
			changes: []lint.Change{accepted("pm@acme.example"), visionBy("dev@acme.example")},
			want: []string{
				`stories/S-1.md:5:9: warning: story "S-1" was accepted in commit 1a2b3c4 by pm@acme.example, who is not a product owner`,
				`vision.md:1:1: warning: the vision was changed in commit 5d6e7f8 by dev@acme.example, who is not a product manager`,
			},
		},
		{
			name: "made an error for changes to the vision",
			config: roles + `rules:
  role-violation: error
`,
			changes: []lint.Change{visionBy("dev@acme.example")},
			want:    []string{`vision.md:1:1: error: the vision was changed in commit 5d6e7f8 by dev@acme.example, who is not a product manager`},
		},
		{
			name:    "each role doing its own part, emails compared without case",
			config:  roles,
			changes: []lint.Change{accepted("PO@Acme.Example"), visionBy("pm@acme.example"), itemBy("Pm@acme.example")},
		},
		{
			name:    "no roles configured: anyone may do anything",
			changes: []lint.Change{accepted("dev@acme.example"), visionBy("dev@acme.example"), itemBy("dev@acme.example")},
		},
		{
			name: "only product managers configured: anyone may accept a story",
			config: `roles:
  product_managers: [pm@acme.example]
`,
			changes: []lint.Change{accepted("dev@acme.example")},
		},
		{
			name: "only product owners configured: anyone may change the roadmap",
			config: `roles:
  product_owners: [po@acme.example]
`,
			changes: []lint.Change{visionBy("dev@acme.example"), itemBy("dev@acme.example")},
		},
		{
			name:   "roles configured but no --base: no changes to judge",
			config: roles,
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: accepted\n---\n",
			},
		},
	})
}
