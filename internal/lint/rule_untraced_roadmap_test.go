package lint_test

import "testing"

func TestUntracedRoadmap(t *testing.T) {
	testRule(t, "untraced-roadmap", []ruleTest{
		{
			name: "an empty goal list, at the key",
			files: map[string]string{
				"roadmap/R-8.md": `---
id: R-8
title: Import from other apps
goals: []
status: proposed
---
`,
			},
			want: []string{`roadmap/R-8.md:4:1: error: roadmap item "R-8" serves no goal`},
		},
		{
			name: "goals with no value, under the team's name for it",
			config: `fields:
  aliases: {goals: objectives}
`,
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: Capture\nstatus: planned\nobjectives:\n---\n",
			},
			want: []string{`roadmap/R-1.md:5:1: error: roadmap item "R-1" serves no goal`},
		},
		{
			name: "a roadmap item that serves goals, as a list or a single ID",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"roadmap/R-2.md": "---\nid: R-2\ntitle: Sync\ngoals: G2\nstatus: planned\n---\n",
			},
		},
		{
			name: "a missing goals key is required-field",
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: Capture\nstatus: planned\n---\n",
			},
		},
		{
			name: "goals that are not IDs are invalid-value",
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: Capture\ngoals: {G1: yes}\nstatus: planned\n---\n",
				"roadmap/R-2.md": "---\nid: R-2\ntitle: Sync\ngoals: [~]\nstatus: planned\n---\n",
			},
		},
		{
			name: "a goal that does not exist is broken-reference",
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: Capture\ngoals: [G9]\nstatus: planned\n---\n",
			},
		},
	})
}
