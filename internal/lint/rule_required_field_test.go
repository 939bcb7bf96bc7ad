package lint_test

import "testing"

func TestRequiredField(t *testing.T) {
	testRule(t, "required-field", []ruleTest{
		{
			name:   "a team without a roadmap makes the roadmap optional; the other keys stay required",
			config: "fields:\n  optional: [roadmap]\n",
			files: map[string]string{
				"stories/S-4.md": "---\nid: S-4\ntitle: Export\n---\n",
			},
			want: []string{`stories/S-4.md:1:1: error: missing required field "status"`},
		},
		{
			name: "missing keys of a story, at the opening fence",
			files: map[string]string{
				"stories/S-4.md": `---
id: S-4
owner: dan@acme.example
---
`,
			},
			want: []string{
				`stories/S-4.md:1:1: error: missing required field "roadmap"`,
				`stories/S-4.md:1:1: error: missing required field "status"`,
				`stories/S-4.md:1:1: error: missing required field "title"`,
			},
		},
		{
			name: "missing keys of a roadmap item",
			files: map[string]string{
				"roadmap/R-5.md": `---
title: Version history
horizon: next
---
`,
			},
			want: []string{
				`roadmap/R-5.md:1:1: error: missing required field "goals"`,
				`roadmap/R-5.md:1:1: error: missing required field "id"`,
				`roadmap/R-5.md:1:1: error: missing required field "status"`,
			},
		},
		{
			name: "a vision without title or goals, and a goal without id or title",
			files: map[string]string{
				"vision.md": `---
kind: vision
---
`,
				"product/vision.md": `---
kind: vision
title: Acme Notes
goals:
  - title: Capture fast
  - id: G2
---
`,
			},
			// The goal without a title is reported at the top of the file,
			// not at the goal (6:5), and the message does not say "goal".
			want: []string{
				`product/vision.md:1:1: error: missing required field "title"`,
				`product/vision.md:5:5: error: goal is missing required field "id"`,
				`vision.md:1:1: error: missing required field "goals"`,
				`vision.md:1:1: error: missing required field "title"`,
			},
		},
		{
			name: "present but empty, at the key",
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: ""
roadmap: R-1
status:
---
`,
				"stories/S-2.md": `---
id: "  "
title: Blank ID
roadmap: R-1
status: draft
---
`,
			},
			want: []string{
				`stories/S-1.md:3:1: error: required field "title" is empty`,
				`stories/S-1.md:5:1: error: required field "status" is empty`,
				`stories/S-2.md:2:1: error: required field "id" is empty`,
			},
		},
		{
			name: "named by the team's alias",
			config: `fields:
  aliases: {roadmap: epic}
`,
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: R-1
status: draft
---
`,
			},
			want: []string{`stories/S-1.md:1:1: error: missing required field "epic"`},
		},
		{
			name: "every required key present",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"stories/S-1.md": storyS1,
			},
		},
		{
			name: "optional keys may be left out or empty",
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: R-1
status: draft
owner:
estimate:
---
`,
			},
		},
		{
			name: "an empty roadmap or goals key is untraced, not missing",
			files: map[string]string{
				"roadmap/R-8.md": `---
id: R-8
title: Import
goals: []
status: proposed
---
`,
				"stories/S-13.md": `---
id: S-13
title: Pin a capture
roadmap:
status: draft
---
`,
			},
		},
		{
			name: "the aliased key satisfies the requirement",
			config: `fields:
  aliases: {roadmap: epic, goals: objectives}
`,
			files: map[string]string{
				"roadmap/R-1.md": `---
id: R-1
title: Capture
objectives: [G1]
status: planned
---
`,
				"stories/S-1.md": `---
id: S-1
title: Capture a note
epic: R-1
status: draft
---
`,
			},
		},
		{
			name: "a vision with an empty goal list",
			files: map[string]string{
				"vision.md": "---\nkind: vision\ntitle: Acme Notes\ngoals: []\n---\n",
			},
		},
	})
}
