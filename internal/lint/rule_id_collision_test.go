package lint_test

import (
	"testing"

	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// The collisions come from `lint --base` (history.Collisions, tested with
// real branches in testdata/script/git_lint_collision.txtar); the rule
// reports each where this branch's item is.
func TestIDCollision(t *testing.T) {
	s4 := lint.Collision{ID: "S-4", Kind: spec.KindStory, File: "stories/S-4.md", Pos: spec.Pos{Line: 2, Col: 5}, Ref: "main",
		OtherKind: spec.KindStory, Other: "stories/S-4.md", Title: "Export as PDF", Commit: "1a2b3c4", Subject: "new story: export"}
	r2 := lint.Collision{ID: "R-2", Kind: spec.KindRoadmap, File: "roadmap/R-2.md", Pos: spec.Pos{Line: 2, Col: 5}, Ref: "origin/main",
		OtherKind: spec.KindRoadmap, Other: "roadmap/sync.md", Title: "Sync", Commit: "9f8e7d6", Subject: "Plan sync"}
	odd := s4
	odd.OtherKind, odd.Other, odd.Title = spec.KindRoadmap, "roadmap/S-4.md", "Odd"
	files := map[string]string{
		"stories/S-4.md": "---\nid: S-4\ntitle: Import\nroadmap: R-1\nstatus: draft\n---\n",
		"roadmap/R-2.md": "---\nid: R-2\ntitle: Search\ngoals: [G1]\nstatus: planned\n---\n",
	}
	testRule(t, "id-collision", []ruleTest{
		{
			name:  "a story and a roadmap item, with the other's file and commit and the fix",
			files: files, collisions: []lint.Collision{s4, r2},
			want: []string{
				`roadmap/R-2.md:2:5: error: roadmap item ID "R-2" was also added on origin/main, for another roadmap item: roadmap/sync.md "Sync", in commit 9f8e7d6 "Plan sync"; give this one a fresh ID with: prodspec mv R-2`,
				`stories/S-4.md:2:5: error: story ID "S-4" was also added on main, for another story: stories/S-4.md "Export as PDF", in commit 1a2b3c4 "new story: export"; give this one a fresh ID with: prodspec mv S-4`,
			},
		},
		{
			name:  "an ID the base ref gave an item of another kind",
			files: files, collisions: []lint.Collision{odd},
			want: []string{
				`stories/S-4.md:2:5: error: story ID "S-4" was also added on main, for a roadmap item: roadmap/S-4.md "Odd", in commit 1a2b3c4 "new story: export"; give this one a fresh ID with: prodspec mv S-4`,
			},
		},
		{
			name:  "without --base there is nothing to collide with",
			files: files,
		},
		{
			name:  "the same spec with no collision found",
			files: map[string]string{"vision.md": vision, "roadmap/R-1.md": itemR1, "stories/S-1.md": storyS1},
		},
	})
}
