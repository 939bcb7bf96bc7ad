package lint_test

import "testing"

func TestUnmetAcceptance(t *testing.T) {
	testRule(t, "unmet-acceptance", []ruleTest{
		{
			name: "an accepted story with an unchecked criterion, at the criterion",
			files: map[string]string{
				"stories/S-14.md": `---
id: S-14
title: Android lock-screen capture
roadmap: R-1
status: accepted
---
As an Android user, I want a capture shortcut.

## Acceptance criteria

- [x] Tapping the shortcut opens a blank note
- [ ] Other notes stay hidden until the phone is unlocked
`,
			},
			want: []string{`stories/S-14.md:12:3: error: story "S-14" is accepted but this acceptance criterion is not checked: "Other notes stay hidden until the phone is unlocked"`},
		},
		{
			name: "every unchecked criterion, under any level and case of the heading",
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture
roadmap: R-1
status: accepted
---
### ACCEPTANCE CRITERIA

- [ ] First
  - [ ] Nested
- [X] Done
`,
			},
			want: []string{
				`stories/S-1.md:9:3: error: story "S-1" is accepted but this acceptance criterion is not checked: "First"`,
				`stories/S-1.md:10:5: error: story "S-1" is accepted but this acceptance criterion is not checked: "Nested"`,
			},
		},
		{
			name: "the team's own accepted status",
			config: `story:
  statuses: [todo, doing, signed-off]
  accepted: signed-off
  open: [todo, doing]
  draft: [todo]
  in_progress: [doing]
  rejected: []
`,
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: Capture\nroadmap: R-1\nstatus: signed-off\n---\n## Acceptance criteria\n\n- [ ] Open\n",
			},
			want: []string{`stories/S-1.md:9:3: error: story "S-1" is signed-off but this acceptance criterion is not checked: "Open"`},
		},
		{
			name: "an accepted story with every criterion checked",
			files: map[string]string{
				"stories/S-17.md": "---\nid: S-17\ntitle: Clip\nroadmap: R-1\nstatus: accepted\n---\n## Acceptance criteria\n\n- [x] Saves the text\n- [X] Saves the URL\n",
			},
		},
		{
			name: "unchecked criteria on a story not yet accepted",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: Done\nroadmap: R-1\nstatus: done\n---\n## Acceptance criteria\n\n- [ ] Open\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: In progress\nroadmap: R-1\nstatus: in-progress\n---\n## Acceptance criteria\n\n- [ ] Open\n",
			},
		},
		{
			name: "unchecked tasks outside the acceptance criteria section",
			files: map[string]string{
				"stories/S-1.md": `---
id: S-1
title: Capture
roadmap: R-1
status: accepted
---
- [ ] A task before any heading

## Acceptance criteria

- [x] Met

## Follow-ups

- [ ] Tell support
`,
			},
		},
		{
			name: "an accepted story with no criteria is missing-acceptance",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: Capture\nroadmap: R-1\nstatus: accepted\n---\n",
			},
		},
	})
}
