package lint_test

import "testing"

func TestUnknownField(t *testing.T) {
	testRule(t, "unknown-field", []ruleTest{
		{
			name: "a typo, with the key it was meant to be",
			files: map[string]string{
				"stories/S-5.md": `---
id: S-5
title: Start capture with the keyboard open
roadmap: R-1
status: ready
lables: [capture]
---
`,
			},
			want: []string{`stories/S-5.md:6:1: warning: unknown field "lables" (did you mean "labels"?)`},
		},
		{
			name: "a key nothing resembles",
			files: map[string]string{
				"roadmap/R-1.md": `---
id: R-1
title: Capture
goals: [G1]
status: planned
cost_center: 4711
---
`,
			},
			want: []string{`roadmap/R-1.md:6:1: warning: unknown field "cost_center"`},
		},
		{
			name: "inside a goal and inside rice",
			files: map[string]string{
				"vision.md": `---
kind: vision
title: Acme Notes
goals:
  - id: G1
    titel: Capture fast
---
`,
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: R-1
status: draft
rice: {reach: 10, impact: 1, confidance: 1, confidence: 1, effort: 1}
---
`,
			},
			want: []string{
				`stories/S-1.md:6:30: warning: unknown field "confidance" in rice (did you mean "confidence"?)`,
				`vision.md:6:5: warning: unknown field "titel" in goal (did you mean "title"?)`,
			},
		},
		{
			name: "the prodspec name of a key the team renamed",
			config: `fields:
  aliases: {depends_on: dependencies}
`,
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: R-1
status: draft
depends_on: [S-2]
---
`,
			},
			want: []string{`stories/S-1.md:6:1: warning: unknown field "depends_on"`},
		},
		{
			name: "every key known",
			files: map[string]string{
				"stories/S-12.md": `---
kind: story
id: S-12
title: Capture a note from the lock screen
roadmap: R-1
status: ready
owner: po@acme.example
estimate: 3
depends_on: [S-7]
labels: [mobile]
rice: {reach: 800, impact: 2, confidence: 0.8, effort: 3}
wsjf: {business_value: 8, time_criticality: 5, risk_reduction: 3, job_size: 5}
moscow: must
---
`,
				"roadmap/R-1.md": `---
kind: roadmap
id: R-1
title: Lock-screen capture
goals: [G1]
status: planned
horizon: now
target: 2026-Q1
owner: pm@acme.example
---
`,
				"vision.md": vision,
			},
		},
		{
			name: "the team's extra keys and aliases",
			config: `fields:
  aliases: {depends_on: dependencies}
  extra: [created_date, assignee]
`,
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: R-1
status: draft
dependencies: [S-2]
created_date: 2025-06-01
assignee: [dan]
---
`,
			},
		},
		{
			name: "keys in the markdown body are not front matter",
			files: map[string]string{
				"stories/S-1.md": storyS1 + "\nlables: [capture]\n",
			},
		},
	})
}
