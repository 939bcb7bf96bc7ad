package lint_test

import "testing"

func TestDuplicateID(t *testing.T) {
	testRule(t, "duplicate-id", []ruleTest{
		{
			name: "two stories share an ID; both name the other",
			files: map[string]string{
				"stories/S-10.md":      "---\nid: S-10\ntitle: Capture counter\nroadmap: R-1\nstatus: draft\n---\n",
				"stories/S-10-copy.md": "---\nid: S-10\ntitle: Pick the notebook\nroadmap: R-1\nstatus: draft\n---\n",
			},
			want: []string{
				`stories/S-10-copy.md:2:5: error: story ID "S-10" is also defined at stories/S-10.md:2:5`,
				`stories/S-10.md:2:5: error: story ID "S-10" is also defined at stories/S-10-copy.md:2:5`,
			},
		},
		{
			name: "three roadmap items share an ID; each names the two others",
			files: map[string]string{
				"roadmap/a.md": itemR1,
				"roadmap/b.md": itemR1,
				"roadmap/c.md": "---\ntitle: Third\nid: R-1\ngoals: [G1]\nstatus: planned\n---\n",
			},
			want: []string{
				`roadmap/a.md:2:5: error: roadmap item ID "R-1" is also defined at roadmap/b.md:2:5, roadmap/c.md:3:5`,
				`roadmap/b.md:2:5: error: roadmap item ID "R-1" is also defined at roadmap/a.md:2:5, roadmap/c.md:3:5`,
				`roadmap/c.md:3:5: error: roadmap item ID "R-1" is also defined at roadmap/a.md:2:5, roadmap/b.md:2:5`,
			},
		},
		{
			name: "a goal defined twice in the vision",
			files: map[string]string{
				"vision.md": `---
kind: vision
title: Acme Notes
goals:
  - id: G1
    title: Capture fast
  - id: G1
    title: Never lose a note
---
`,
			},
			want: []string{
				`vision.md:5:9: error: goal ID "G1" is also defined at vision.md:7:9`,
				`vision.md:7:9: error: goal ID "G1" is also defined at vision.md:5:9`,
			},
		},
		{
			name: "more than one vision: the first in path order is the vision",
			files: map[string]string{
				"vision.md":         vision,
				"product/vision.md": "---\nkind: vision\ntitle: Other\ngoals: []\n---\n",
			},
			want: []string{`vision.md:1:1: error: more than one vision: product/vision.md is the vision`},
		},
		{
			name: "distinct IDs",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"roadmap/R-2.md": "---\nid: R-2\ntitle: Sync\ngoals: [G2]\nstatus: planned\n---\n",
				"stories/S-1.md": storyS1,
				"stories/S-2.md": "---\nid: S-2\ntitle: Confirm\nroadmap: R-1\nstatus: draft\n---\n",
			},
		},
		{
			name: "IDs are compared exactly: S-1 and S-01 and s-1 differ",
			config: `story:
  id: '^[Ss]-[0-9]+$'
`,
			files: map[string]string{
				"stories/a.md": storyS1,
				"stories/b.md": "---\nid: S-01\ntitle: Zero\nroadmap: R-1\nstatus: draft\n---\n",
				"stories/c.md": "---\nid: s-1\ntitle: Lower\nroadmap: R-1\nstatus: draft\n---\n",
			},
		},
		{
			name: "stories without an ID are not duplicates of each other",
			files: map[string]string{
				"stories/a.md": "---\ntitle: No ID\nroadmap: R-1\nstatus: draft\n---\n",
				"stories/b.md": "---\nid:\ntitle: Empty ID\nroadmap: R-1\nstatus: draft\n---\n",
			},
		},
		{
			name: "an ignored copy is not a duplicate",
			config: `ignore: ['stories/archive/**']
`,
			files: map[string]string{
				"stories/S-1.md":         storyS1,
				"stories/archive/S-1.md": storyS1,
			},
		},
		{
			name: "the same ID in different kinds",
			config: `roadmap:
  id: '^[A-Z]-[0-9]+$'
story:
  id: '^[A-Z]-[0-9]+$'
`,
			files: map[string]string{
				"roadmap/X-1.md": "---\nid: X-1\ntitle: Item\ngoals: [G1]\nstatus: planned\n---\n",
				"stories/X-1.md": "---\nid: X-1\ntitle: Story\nroadmap: X-1\nstatus: draft\n---\n",
			},
		},
	})
}
