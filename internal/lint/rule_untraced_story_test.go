package lint_test

import "testing"

func TestUntracedStory(t *testing.T) {
	testRule(t, "untraced-story", []ruleTest{
		{
			name: "roadmap key with no value, at the key",
			files: map[string]string{
				"stories/S-13.md": `---
id: S-13
title: Pin a capture
roadmap:
status: draft
---
`,
			},
			want: []string{`stories/S-13.md:4:1: error: story "S-13" serves no roadmap item`},
		},
		{
			name: "roadmap key empty or blank, under the team's name for it",
			config: `fields:
  aliases: {roadmap: epic}
`,
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: Empty\nepic: \"\"\nstatus: draft\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: Blank\nstatus: draft\nepic: '  '\n---\n",
			},
			want: []string{
				`stories/S-1.md:4:1: error: story "S-1" serves no roadmap item`,
				`stories/S-2.md:5:1: error: story "S-2" serves no roadmap item`,
			},
		},
		{
			name: "a story that serves a roadmap item",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"stories/S-1.md": storyS1,
			},
		},
		{
			name: "a missing roadmap key is required-field",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: No roadmap\nstatus: draft\n---\n",
			},
		},
		{
			name: "a list or mapping is invalid-value",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: List\nroadmap: []\nstatus: draft\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: Mapping\nroadmap: {}\nstatus: draft\n---\n",
			},
		},
		{
			name: "a roadmap item that does not exist is broken-reference",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: Broken\nroadmap: R-9\nstatus: draft\n---\n",
			},
		},
	})
}
