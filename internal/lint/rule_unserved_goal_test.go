package lint_test

import "testing"

func TestUnservedGoal(t *testing.T) {
	testRule(t, "unserved-goal", []ruleTest{
		{
			name: "a goal no item serves, at its id",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": "---\nid: R-1\ntitle: Capture\ngoals: [G1]\nstatus: planned\n---\n",
			},
			want: []string{`vision.md:7:9: warning: goal "G2" is served by no roadmap item`},
		},
		{
			name: "a goal served only by dropped items, under the team's dropped statuses; a broken goal reference serves nothing",
			config: `roadmap:
  statuses: [open, cancelled]
  started: []
  done: []
  dropped: [cancelled]
`,
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": "---\nid: R-1\ntitle: A\ngoals: [G1, G2]\nstatus: cancelled\n---\n",
				"roadmap/R-2.md": "---\nid: R-2\ntitle: B\ngoals: [G1, g2]\nstatus: open\n---\n",
				"roadmap/R-3.md": "---\nid: R-3\ntitle: C\ngoals: [G2]\nstatus: cancelled\n---\n",
			},
			want: []string{`vision.md:7:9: warning: goal "G2" is served only by dropped roadmap items: R-1, R-3`},
		},
		{
			name: "every goal served, by items in any status but dropped",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"roadmap/R-2.md": itemR2,
				"roadmap/R-4.md": "---\nid: R-4\ntitle: D\ngoals: [G1]\nstatus: done\n---\n",
				"roadmap/R-5.md": "---\nid: R-5\ntitle: E\ngoals: G2\nstatus: in-progress\n---\n",
				"roadmap/R-3.md": "---\nid: R-3\ntitle: C\ngoals: [G2]\nstatus: dropped\n---\n",
			},
		},
		{
			name: "a goal defined twice is served through its first definition",
			files: map[string]string{
				"vision.md":      "---\nkind: vision\ntitle: T\ngoals:\n  - id: G1\n    title: A\n  - id: G1\n    title: B\n---\n",
				"roadmap/R-1.md": "---\nid: R-1\ntitle: A\ngoals: [G1]\nstatus: planned\n---\n",
			},
		},
		{
			name: "no vision, no goals",
			files: map[string]string{
				"roadmap/R-1.md": itemR1,
			},
		},
	})
}
