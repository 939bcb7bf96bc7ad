package lint_test

import (
	"testing"

	"github.com/prodspec/prodspec/internal/lint"
)

// The suspects stand for what `prodspec lint --base REF` finds in the
// commits since REF (history.Suspects); the rule places each at the
// story's roadmap reference in the spec being linted.
func TestSuspectLink(t *testing.T) {
	files := map[string]string{
		"roadmap/R-1.md": "---\nid: R-1\ntitle: Capture\ngoals: [G1]\nstatus: planned\n---\n",
		"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: ready\n---\n",
		"stories/S-2.md": "---\nid: S-2\ntitle: B\nstatus: draft\nroadmap:   R-1\n---\n",
	}
	retitled := func(story string, scope ...string) lint.Suspect {
		return lint.Suspect{Story: story, Item: "R-1", Scope: scope, Commit: "1a2b3c4", Author: "pm@acme.example"}
	}
	testRule(t, "suspect-link", []ruleTest{
		{
			name:     "a story whose item was retitled: a warning at its roadmap reference",
			files:    files,
			suspects: []lint.Suspect{retitled("S-1", "title")},
			want:     []string{`stories/S-1.md:4:10: warning: roadmap item "R-1" changed its title in commit 1a2b3c4 by pm@acme.example after this story last changed; revisit the story, or name it in a commit message trailer "Reviewed: S-1"`},
		},
		{
			name:     "every way the item changed is named, each story at its own reference",
			files:    files,
			suspects: []lint.Suspect{retitled("S-1", "title", "goals", "description"), retitled("S-2", "goals", "description")},
			want: []string{
				`stories/S-1.md:4:10: warning: roadmap item "R-1" changed its title, goals and description in commit 1a2b3c4 by pm@acme.example after this story last changed; revisit the story, or name it in a commit message trailer "Reviewed: S-1"`,
				`stories/S-2.md:5:12: warning: roadmap item "R-1" changed its goals and description in commit 1a2b3c4 by pm@acme.example after this story last changed; revisit the story, or name it in a commit message trailer "Reviewed: S-2"`,
			},
		},
		{
			name:  "no --base: no suspects to report",
			files: files,
		},
		{
			name:     "a story no longer in the spec linted, or serving another item now: nothing to place",
			files:    files,
			suspects: []lint.Suspect{retitled("S-9", "title"), {Story: "S-1", Item: "R-2", Scope: []string{"title"}, Commit: "1a2b3c4", Author: "pm@acme.example"}},
		},
	})
}
