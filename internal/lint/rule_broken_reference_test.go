package lint_test

import "testing"

func TestBrokenReference(t *testing.T) {
	testRule(t, "broken-reference", []ruleTest{
		{
			name: "roadmap item serves a goal the vision does not define",
			files: map[string]string{
				"vision.md": vision,
				"roadmap/R-7.md": `---
id: R-7
title: Voice capture
goals: [G1, G9]
status: proposed
---
`,
			},
			want: []string{`roadmap/R-7.md:4:13: error: goal "G9" does not exist`},
		},
		{
			name: "without a vision no goal exists",
			files: map[string]string{
				"roadmap/R-1.md": itemR1,
			},
			want: []string{`roadmap/R-1.md:4:9: error: goal "G1" does not exist`},
		},
		{
			name: "story serves a roadmap item that does not exist",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"stories/S-11.md": `---
id: S-11
title: Capture from a smart speaker
roadmap: R-99
status: draft
---
`,
			},
			want: []string{`stories/S-11.md:4:10: error: roadmap item "R-99" does not exist`},
		},
		{
			name: "story depends on stories that do not exist, as a list or a single ID",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"stories/S-1.md": storyS1,
				"stories/S-12.md": `---
id: S-12
title: Attach a photo
roadmap: R-1
status: draft
depends_on: [S-1, S-404, S-405]
---
`,
				"stories/S-13.md": `---
id: S-13
title: Attach a sketch
roadmap: R-1
status: draft
depends_on: S-406
---
`,
			},
			want: []string{
				`stories/S-12.md:6:19: error: story "S-404" does not exist`,
				`stories/S-12.md:6:26: error: story "S-405" does not exist`,
				`stories/S-13.md:6:13: error: story "S-406" does not exist`,
			},
		},
		{
			name: "every reference resolves",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"stories/S-1.md": storyS1,
				"stories/S-2.md": `---
id: S-2
title: Confirm a capture
roadmap: R-1
status: draft
depends_on: [S-1]
---
`,
			},
		},
		{
			name: "an empty roadmap key is untraced, not broken",
			files: map[string]string{
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
			name: "a reference to an item defined twice resolves to the first",
			files: map[string]string{
				"vision.md":           vision,
				"roadmap/R-1.md":      itemR1,
				"roadmap/R-1-copy.md": itemR1,
				"stories/S-1.md":      storyS1,
			},
		},
		{
			name: "a reference is matched by its exact ID, not a prefix or another case",
			files: map[string]string{
				"vision.md":      vision,
				"roadmap/R-1.md": itemR1,
				"stories/S-1.md": `---
id: S-1
title: Capture a note
roadmap: r-1
status: draft
depends_on: [S-10]
---
`,
			},
			want: []string{
				`stories/S-1.md:4:10: error: roadmap item "r-1" does not exist (did you mean "R-1"?)`,
				`stories/S-1.md:6:14: error: story "S-10" does not exist`,
			},
		},
	})
}
