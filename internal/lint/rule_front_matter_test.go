package lint_test

import "testing"

func TestFrontMatter(t *testing.T) {
	testRule(t, "front-matter", []ruleTest{
		{
			name: "a spec file without front matter",
			files: map[string]string{
				"stories/S-1.md": "As a user, I want to capture a note.\n",
			},
			want: []string{`stories/S-1.md:1:1: error: no front matter: the file must start with a "---" line`},
		},
		{
			name: "an empty spec file",
			files: map[string]string{
				"roadmap/R-1.md": "\n\n",
			},
			want: []string{`roadmap/R-1.md:1:1: error: file is empty`},
		},
		{
			name: "front matter that never closes",
			files: map[string]string{
				"stories/S-2.md": `---
id: S-2
title: Confirm a capture
roadmap: R-1
status: draft

As a user capturing without looking, I want a short vibration.
`,
			},
			want: []string{`stories/S-2.md:1:1: error: unterminated front matter: no closing "---" line`},
		},
		{
			name: "YAML that does not parse, at the line of the unclosed list",
			files: map[string]string{
				"stories/S-3.md": `---
id: S-3
title: Remember preferences
roadmap: R-1
labels: [capture, settings
moscow: should
---
`,
			},
			want: []string{`stories/S-3.md:5:1: error: invalid YAML: did not find expected ',' or ']'`},
		},
		{
			name: "front matter that is a list, not a mapping",
			files: map[string]string{
				"vision.md": "---\n- G1\n- G2\n---\n",
			},
			want: []string{`vision.md:2:1: error: front matter must be a mapping of keys to values, not a list`},
		},
		{
			name: "a key written twice",
			files: map[string]string{
				"stories/S-4.md": `---
id: S-4
title: Widget
status: draft
roadmap: R-1
status: ready
---
`,
			},
			want: []string{`stories/S-4.md:6:1: error: duplicate key "status" (first at line 4)`},
		},
		{
			name: "anchors and aliases",
			files: map[string]string{
				"stories/S-5.md": `---
id: S-5
title: &t Keyboard open
roadmap: R-1
status: draft
labels: [*t]
---
`,
			},
			want: []string{
				`stories/S-5.md:3:8: error: anchors and aliases are not allowed in front matter`,
				`stories/S-5.md:6:10: error: anchors and aliases are not allowed in front matter`,
			},
		},
		{
			name: "valid front matter, after a byte-order mark and with CRLF line ends",
			files: map[string]string{
				"vision.md":      "\ufeff---\r\nkind: vision\r\ntitle: Acme Notes\r\ngoals: []\r\n---\r\nThe vision.\r\n",
				"roadmap/R-1.md": itemR1,
				"stories/S-1.md": storyS1,
			},
		},
		{
			name: "markdown outside the spec paths without front matter is not a spec file",
			files: map[string]string{
				"README.md":         "# Our product spec\n",
				"docs/notes.md":     "Notes without front matter.\n",
				"docs/empty.md":     "",
				"roadmap/notes.txt": "not markdown",
			},
		},
		{
			name: "outside the spec paths, front matter that never closes cannot say it is a spec file",
			files: map[string]string{
				"docs/idea.md": "---\nkind: story\nid: S-6\n",
			},
		},
		{
			name: "ignored and hidden paths are not read",
			config: `ignore: ['stories/archive/**']
`,
			files: map[string]string{
				"stories/archive/S-9.md": "no front matter\n",
				".github/stories/S-8.md": "---\nid: S-8\n",
			},
		},
		{
			name: "a body with rules and a second fence is still only body",
			files: map[string]string{
				"stories/S-1.md": storyS1 + "\n---\n\nMore notes.\n\n---\n",
			},
		},
	})
}
