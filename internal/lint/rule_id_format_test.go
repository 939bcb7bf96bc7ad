package lint_test

import "testing"

func TestIDFormat(t *testing.T) {
	testRule(t, "id-format", []ruleTest{
		{
			name: "a story, roadmap item and goal ID off the default patterns",
			files: map[string]string{
				"stories/story-9.md": `---
id: story-9
title: Dictate a capture
roadmap: R-1
status: draft
---
`,
				"roadmap/R-1.md": `---
id: R1
title: Capture
goals: [goal-1]
status: planned
---
`,
				"vision.md": `---
kind: vision
title: Acme Notes
goals:
  - id: goal-1
    title: Capture fast
---
`,
			},
			want: []string{
				`roadmap/R-1.md:2:5: error: roadmap item ID "R1" does not match the pattern ^R-[0-9]+$`,
				`stories/story-9.md:2:5: error: story ID "story-9" does not match the pattern ^S-[0-9]+$`,
				`vision.md:5:9: error: goal ID "goal-1" does not match the pattern ^G[0-9]+$`,
			},
		},
		{
			name: "a default ID under the team's own pattern",
			config: `story:
  id: '^BACK-[0-9]+(\.[0-9]+)*$'
`,
			files: map[string]string{
				"stories/S-1.md": storyS1,
			},
			want: []string{`stories/S-1.md:2:5: error: story ID "S-1" does not match the pattern ^BACK-[0-9]+(\.[0-9]+)*$`},
		},
		{
			name: "IDs on the default patterns, leading zeros kept",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"stories/S-1.md": storyS1,
				"stories/S-010.md": `---
id: S-010
title: Leading zeros
roadmap: R-1
status: draft
---
`,
			},
		},
		{
			name: "IDs on the team's own patterns",
			config: `vision:
  goal_id: '^OBJ-[A-Z]+$'
story:
  id: '^BACK-[0-9]+(\.[0-9]+)*$'
`,
			files: map[string]string{
				"vision.md": "---\nkind: vision\ntitle: Acme\ngoals:\n  - id: OBJ-SPEED\n    title: Fast\n---\n",
				"stories/BACK-222.1.md": `---
id: BACK-222.1
title: Sub-task
roadmap: R-1
status: draft
---
`,
			},
		},
		{
			name: "a missing or empty ID is required-field, not id-format",
			files: map[string]string{
				"stories/S-1.md": "---\ntitle: No ID\nroadmap: R-1\nstatus: draft\n---\n",
				"stories/S-2.md": "---\nid:\ntitle: Empty ID\nroadmap: R-1\nstatus: draft\n---\n",
			},
		},
	})
}
