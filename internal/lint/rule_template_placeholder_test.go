package lint_test

import "testing"

// newStory is the story `prodspec new story` writes, with a status.
func newStory(status string) string {
	return "---\nid: S-4\ntitle: Export\nroadmap: R-1\nstatus: " + status + `
---
As a <role>, I want <capability>, so that <benefit>.

## Acceptance criteria

- [x] <an observable outcome>
`
}

func TestTemplatePlaceholder(t *testing.T) {
	testRule(t, "template-placeholder", []ruleTest{
		{
			name:  "an accepted story with only the template, its criterion checked: errors",
			files: map[string]string{"stories/S-4.md": newStory("accepted")},
			want: []string{
				`stories/S-4.md:5:9: error: story "S-4" is accepted but its narrative still has the template's placeholders <role>, <capability>, <benefit>`,
				`stories/S-4.md:11:3: error: story "S-4" is accepted but this acceptance criterion still has the template's placeholder <an observable outcome>`,
			},
		},
		{
			name:  "a ready story with the template: warnings",
			files: map[string]string{"stories/S-4.md": newStory("ready")},
			want: []string{
				`stories/S-4.md:5:9: warning: story "S-4" is ready but its narrative still has the template's placeholders <role>, <capability>, <benefit>`,
				`stories/S-4.md:11:3: warning: story "S-4" is ready but this acceptance criterion still has the template's placeholder <an observable outcome>`,
			},
		},
		{
			name: "one placeholder left among written criteria, unchecked, nested",
			files: map[string]string{"stories/S-1.md": `---
id: S-1
title: Capture
roadmap: R-1
status: in-progress
---
As a commuter, I want to capture a note, so that I keep the idea.

## Acceptance criteria

- [x] A capture button shows
  - [ ] <an observable outcome>, offline too
`},
			want: []string{`stories/S-1.md:12:5: warning: story "S-1" is in-progress but this acceptance criterion still has the template's placeholder <an observable outcome>`},
		},
		{
			name: "the team's statuses: past draft is what is neither draft nor rejected",
			config: `story:
  statuses: [idea, todo, doing, signed-off, binned]
  accepted: signed-off
  open: [idea, todo, doing]
  draft: [idea, todo]
  in_progress: [doing]
  rejected: [binned]
`,
			files: map[string]string{
				"stories/S-1.md": newStory("todo"),
				"stories/S-2.md": newStory("doing"),
				"stories/S-3.md": newStory("binned"),
			},
			want: []string{
				`stories/S-2.md:5:9: warning: story "S-4" is doing but its narrative still has the template's placeholders <role>, <capability>, <benefit>`,
				`stories/S-2.md:11:3: warning: story "S-4" is doing but this acceptance criterion still has the template's placeholder <an observable outcome>`,
			},
		},
		{
			name: "a draft, a rejected story and one with an unknown status keep their template",
			files: map[string]string{
				"stories/S-1.md": newStory("draft"),
				"stories/S-2.md": newStory("rejected"),
				"stories/S-3.md": newStory("bogus"),
			},
		},
		{
			name: "angle brackets the template does not write, and the template outside the narrative and criteria",
			files: map[string]string{"stories/S-1.md": `---
id: S-1
title: Shortcut
roadmap: R-1
status: accepted
---
As a power user, I want <kbd>Ctrl</kbd>+<kbd>N</kbd> to open a note, so that a List<Note> grows fast.

## Acceptance criteria

- [x] Pressing <kbd>Ctrl</kbd>+<kbd>N</kbd> opens an empty note

## Notes

The template said "As a <role>" and "- [ ] <an observable outcome>".
`},
		},
	})
}
