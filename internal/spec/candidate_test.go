package spec

import (
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/config"
)

// TestCandidateAgreesWithWalk: the history walk asks Candidate about the
// paths a commit changed; it must keep exactly the files the walk of the
// same tree keeps, with the same kinds.
func TestCandidateAgreesWithWalk(t *testing.T) {
	cfg, err := config.Parse([]byte(`
vision: {paths: [product/vision.md]}
roadmap: {paths: ['roadmap/**/*.md', 'epics/*.txt']}
story: {paths: ['stories/**/*.md', 'backlog/{tasks,drafts}/*.md']}
ignore: ['stories/archive', 'drafts/**', '**/*.tmp.md', 'backlog/drafts/old-*', '{notes,docs}/private']
`), ".prodspec.yaml", config.Known{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Kind{ // the files kept, and their kinds by path
		"product/vision.md":        KindVision,
		"roadmap/R-1.md":           KindRoadmap,
		"roadmap/a/b/c/R-2.md":     KindRoadmap,
		"epics/E-1.txt":            KindRoadmap, // not .md, but a kind's pattern
		"stories/S-1.md":           KindStory,
		"stories/.S-2.md":          KindStory, // a hidden file, not a hidden directory
		"stories/deep/er/S-3.md":   KindStory,
		"stories/archived/S-4.md":  KindStory, // not stories/archive
		"backlog/tasks/t-1.md":     KindStory,
		"backlog/drafts/d-1.md":    KindStory,
		"README.md":                "", // front matter may declare a kind
		".hidden.md":               "",
		"docs/guide/intro.md":      "",
		"vision.md":                "", // not product/vision.md
		"stories.md/S-5.md":        "",
		"product/roadmap/R-9.md":   "", // patterns are relative to the root
		"notes/drafts/n.md":        "", // drafts/** is drafts at the root only
		"stories/archive.md":       KindStory,
		"stories/archive-2/S-6.md": KindStory,
		"epics/nested/E-2.txt.md":  "",
		"backlog/tasks/sub/t-2.md": "",
		"backlog/other/t-3.md":     "", // not {tasks,drafts}
		"notes/public/n.md":        "",
		"backlog/drafts/old.md":    KindStory,
		"stories/x/.S-8.md":        KindStory,
		"stories/-/S-9.md":         KindStory,
		"stories/a b/S-10.md":      KindStory,
		"stories/[x]/S-11.md":      KindStory,
		"stories/{a,b}/S-12.md":    KindStory,
	}
	skipped := []string{ // files neither keeps
		".git/config",
		".git/HEAD.md",
		".github/workflows/ci.md",
		"stories/.drafts/S-20.md",
		"roadmap/a/.b/R-20.md",
		"product/.prodspec/vision.md",
		"stories/archive/S-21.md",
		"stories/archive/deep/S-22.md",
		"drafts/S-23.md",
		"drafts/x/y/S-24.md",
		"stories/S-25.tmp.md",
		"x/y.tmp.md",
		"backlog/drafts/old-1.md",
		"epics/E-3.yaml",
		"epics/sub/E-4.txt",
		"docs/diagram.png",
		"stories/S-26.txt",
		"roadmap/R-5.markdown",
		"notes.md/a.txt",
		"backlog/other/t-4.txt",
		"notes/private/n.md",
		"docs/private/x/y.md",
		"stories/notes/S-7.tmp.mdx",
		"roadmap/R-3.MD",
		"roadmap/R-4.md.bak",
	}
	fsys := fstest.MapFS{}
	for p := range want {
		fsys[p] = &fstest.MapFile{}
	}
	for _, p := range skipped {
		fsys[p] = &fstest.MapFile{}
	}
	cands, err := walk(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	kept := map[string]Kind{}
	for _, c := range cands {
		kept[c.path] = c.kind
	}
	for _, p := range slices.Sorted(maps.Keys(fsys)) {
		k, walked := kept[p]
		wk, wanted := want[p]
		if walked != wanted || k != wk {
			t.Errorf("walk: %s kept %v kind %q, want kept %v kind %q", p, walked, k, wanted, wk)
		}
		if Candidate(cfg, p) != walked {
			t.Errorf("Candidate(%q) = %v, but the walk kept it: %v", p, !walked, walked)
		}
		if k2, _ := pathKind(cfg, p); walked && k2 != k {
			t.Errorf("pathKind(%q) = %q, the walk gave %q", p, k2, k)
		}
	}
}
