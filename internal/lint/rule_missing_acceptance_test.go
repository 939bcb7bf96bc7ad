package lint_test

import "testing"

func TestMissingAcceptance(t *testing.T) {
	testRule(t, "missing-acceptance", []ruleTest{
		{
			name: "a ready story without the heading, at its status",
			files: map[string]string{
				"stories/S-15.md": `---
id: S-15
title: Show the last capture
roadmap: R-1
status: ready
---
As a user, I want to see the last thing I captured.
`,
			},
			want: []string{`stories/S-15.md:5:9: warning: story "S-15" is ready but has no "Acceptance criteria" heading`},
		},
		{
			name: "the heading with no task-list items under it",
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture
roadmap: R-1
status: accepted
---
## Acceptance criteria

- A plain bullet is not a criterion

## Notes

- [ ] A task under another heading
`,
			},
			want: []string{`stories/S-1.md:5:9: warning: story "S-1" is accepted but has no task-list items ("- [ ] ...") under "Acceptance criteria"`},
		},
		{
			name: "every status past draft that is not rejected",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: in-progress\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-1\nstatus: done\n---\n",
			},
			want: []string{
				`stories/S-1.md:5:9: warning: story "S-1" is in-progress but has no "Acceptance criteria" heading`,
				`stories/S-2.md:5:9: warning: story "S-2" is done but has no "Acceptance criteria" heading`,
			},
		},
		{
			name: "made an error by the team's configuration",
			config: `rules:
  missing-acceptance: error
`,
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: ready\n---\n",
			},
			want: []string{`stories/S-1.md:5:9: error: story "S-1" is ready but has no "Acceptance criteria" heading`},
		},
		{
			name: "stories with criteria",
			files: map[string]string{
				"stories/S-1.md": storyS1,
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-1\nstatus: ready\n---\n#### acceptance criteria\n\n- [ ] Open\n",
			},
		},
		{
			name: "draft and rejected stories need none",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: draft\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-1\nstatus: rejected\n---\n",
			},
		},
		{
			name: "the team's draft statuses need none",
			config: `story:
  statuses: [idea, refined, ready, accepted]
  open: [idea, refined, ready]
  draft: [idea, refined]
  in_progress: []
  rejected: []
`,
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: refined\n---\n",
			},
		},
		{
			name: "an unknown or missing status is invalid-value or required-field",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: finished\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-1\n---\n",
			},
		},
		{
			name: "turned off by the team's configuration",
			config: `rules:
  missing-acceptance: off
`,
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: ready\n---\n",
			},
		},
	})
}
