package lint_test

import "testing"

func TestEmptyRoadmap(t *testing.T) {
	testRule(t, "empty-roadmap", []ruleTest{
		{
			name: "a now item no story serves, at its horizon",
			files: map[string]string{
				"roadmap/R-4.md": `---
id: R-4
title: Full-text search
goals: [G1]
status: planned
horizon: now
---
`,
			},
			want: []string{`roadmap/R-4.md:6:10: warning: roadmap item "R-4" is on the now horizon but has no stories`},
		},
		{
			name: "stories that serve another item, or name it with a broken reference, do not count",
			files: map[string]string{
				"roadmap/R-1.md": itemR1,
				"roadmap/R-4.md": "---\nid: R-4\ntitle: Search\ngoals: [G1]\nhorizon: now\nstatus: in-progress\n---\n",
				"stories/S-1.md": storyS1,
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-04\nstatus: draft\n---\n",
			},
			want: []string{`roadmap/R-4.md:5:10: warning: roadmap item "R-4" is on the now horizon but has no stories`},
		},
		{
			name: "made an error by the team's configuration",
			config: `rules:
  empty-roadmap: error
`,
			files: map[string]string{
				"roadmap/R-4.md": "---\nid: R-4\ntitle: Search\ngoals: [G1]\nstatus: planned\nhorizon: now\n---\n",
			},
			want: []string{`roadmap/R-4.md:6:10: error: roadmap item "R-4" is on the now horizon but has no stories`},
		},
		{
			name: "a now item with a story",
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: Capture\ngoals: [G1]\nstatus: planned\nhorizon: now\n---\n",
				"stories/S-1.md": storyS1,
			},
		},
		{
			name: "an empty item on the next or later horizon, or with none",
			files: map[string]string{
				"roadmap/R-1.md": itemR1,
				"roadmap/R-2.md": "---\nid: R-2\ntitle: B\ngoals: [G1]\nstatus: planned\nhorizon: later\n---\n",
				"roadmap/R-3.md": "---\nid: R-3\ntitle: C\ngoals: [G1]\nstatus: planned\n---\n",
			},
		},
		{
			name: "a dropped now item, under the default and the team's dropped statuses",
			config: `roadmap:
  statuses: [open, cancelled, dropped]
  started: []
  done: []
  dropped: [cancelled, dropped]
`,
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: A\ngoals: [G1]\nstatus: cancelled\nhorizon: now\n---\n",
				"roadmap/R-2.md": "---\nid: R-2\ntitle: B\ngoals: [G1]\nstatus: dropped\nhorizon: now\n---\n",
			},
		},
	})
}
