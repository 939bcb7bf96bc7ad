package lint_test

import "testing"

func TestInvalidValue(t *testing.T) {
	testRule(t, "invalid-value", []ruleTest{
		{
			name:   "words a team's files use, mapped onto prodspec's (fields.values); an unmapped word is still invalid",
			config: "fields:\n  aliases: {moscow: priority}\n  values:\n    moscow: {high: must, medium: should}\n",
			files: map[string]string{
				"stories/S-1.md": storyS1,
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-1\nstatus: draft\npriority: high\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: C\nroadmap: R-1\nstatus: draft\npriority: low\n---\n",
			},
			want: []string{`stories/S-3.md:6:11: error: priority "low" is not one of: must, should, could, wont, high, medium`},
		},
		{
			name: "a status, horizon or moscow outside its vocabulary",
			files: map[string]string{
				"roadmap/R-6.md": `---
id: R-6
title: Shared notebooks
goals: [G2]
status: proposed
horizon: soon
---
`,
				"stories/S-6.md": `---
id: S-6
title: Save on timeout
roadmap: R-6
status: finished
moscow: shuold
---
`,
			},
			want: []string{
				`roadmap/R-6.md:6:10: error: horizon "soon" is not one of: now, next, later`,
				`stories/S-6.md:5:9: error: status "finished" is not one of: draft, ready, in-progress, done, accepted, rejected`,
				`stories/S-6.md:6:9: error: moscow "shuold" is not one of: must, should, could, wont (did you mean "should"?)`,
			},
		},
		{
			name: "a status outside the team's own vocabulary",
			config: `story:
  statuses: [To Do, In Progress, Done]
  accepted: Done
  open: [To Do, In Progress]
  draft: []
  in_progress: [In Progress]
  rejected: []
`,
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: R-1
status: ready
---
`,
			},
			want: []string{`stories/S-1.md:5:9: error: status "ready" is not one of: To Do, In Progress, Done`},
		},
		{
			name: "numbers that are not numbers, negative or out of range",
			files: map[string]string{
				"stories/S-7.md": `---
id: S-7
title: Quick-settings tile
roadmap: R-1
status: ready
estimate: lots
rice: {reach: -1, impact: 1, confidence: 120%, effort: 0}
wsjf: {business_value: 8, time_criticality: 5, risk_reduction: 3}
---
`,
				"stories/S-8.md": `---
id: S-8
title: Negative estimate
roadmap: R-1
status: ready
estimate: -2
---
`,
			},
			want: []string{
				`stories/S-7.md:6:11: error: estimate must be a number, not "lots"`,
				`stories/S-7.md:7:15: error: rice.reach must not be negative`,
				`stories/S-7.md:7:42: error: rice.confidence must be between 0 and 1 (or 0% to 100%)`,
				`stories/S-7.md:7:56: error: rice.effort must be greater than 0`,
				`stories/S-7.md:8:7: error: wsjf is missing job_size`,
				`stories/S-8.md:6:11: error: estimate must not be negative`,
			},
		},
		{
			name: "a list or mapping where a single value or a list of IDs belongs",
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: [R-1, R-2]
status: draft
depends_on: {S-2: true}
labels: [mobile, [nested]]
rice: high
---
`,
			},
			want: []string{
				`stories/S-1.md:4:10: error: roadmap must be a single value, not a list`,
				`stories/S-1.md:6:13: error: depends_on must be a list of IDs, not a mapping`,
				`stories/S-1.md:7:18: error: labels must list IDs, not a list`,
				`stories/S-1.md:8:7: error: rice must be a mapping of reach, impact, confidence, effort, not "high"`,
			},
		},
		{
			name: "a kind prodspec does not know and goals that are not a list of goals",
			files: map[string]string{
				"docs/epic.md": "---\nkind: epic\nid: E-1\n---\n",
				"vision.md": `---
kind: vision
title: Acme Notes
goals:
  - G1
---
`,
			},
			want: []string{
				`docs/epic.md:2:7: error: kind "epic" is not one of: vision, roadmap, story`,
				`vision.md:5:5: error: a goal must be a mapping with id and title, not a scalar`,
			},
		},
		{
			name: "every value in its vocabulary and range",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: R-1
status: in-progress
estimate: 0
rice: {reach: 1_000, impact: 0.5, confidence: 80%, effort: 0.5}
wsjf: {business_value: 0, time_criticality: 0, risk_reduction: 0, job_size: 1}
moscow: wont
---
`,
			},
		},
		{
			name: "the team's statuses",
			config: `roadmap:
  statuses: [Idea, Committed]
  started: [Committed]
  done: []
  dropped: []
`,
			files: map[string]string{
				"roadmap/R-1.md": `---
id: R-1
title: Capture
goals: [G1]
status: Committed
---
`,
			},
		},
		{
			name: "empty optional values, and a single ID where a list is expected",
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: R-1
status: draft
estimate: ~
depends_on: S-2
labels:
rice:
moscow:
---
`,
			},
		},
	})
}
