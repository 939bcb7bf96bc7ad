// Package benchcorpus generates deterministic specs of any size for
// benchmarks and for timing the whole prodspec process. It is used only by
// tests and by its gencorpus command; nothing in prodspec itself imports it.
//
// A spec of n stories has one roadmap item per 20 stories, a vision with
// ten goals, and stories of about 40 lines each: front matter with every
// common key and a body with the user-story sentence, prose and an
// acceptance-criteria task list. The same n always gives the same bytes.
// Lint finds nothing but one missing-acceptance warning per 100 stories, so
// the report path is exercised and the exit code is 0.
package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
)

// StoriesPerItem is how many stories serve each roadmap item.
const StoriesPerItem = 20

// Goals is the number of vision goals.
const Goals = 10

// Generate calls emit for every file of a spec of n stories, in a fixed
// order, with "/"-separated paths relative to the spec root.
func Generate(n int, emit func(path string, data []byte) error) error {
	g := &gen{rng: rand.New(rand.NewPCG(7, uint64(n))), items: Items(n)}
	if err := emit("vision.md", g.vision()); err != nil {
		return err
	}
	for i := 1; i <= g.items; i++ {
		if err := emit(fmt.Sprintf("roadmap/R-%d.md", i), g.item(i)); err != nil {
			return err
		}
	}
	for i := 1; i <= n; i++ {
		if err := emit(fmt.Sprintf("stories/S-%d.md", i), g.story(i)); err != nil {
			return err
		}
	}
	return nil
}

// Items is the number of roadmap items in a spec of n stories.
func Items(n int) int { return max((n+StoriesPerItem-1)/StoriesPerItem, 1) }

// FS returns the spec of n stories in memory.
func FS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	Generate(n, func(p string, data []byte) error {
		fsys[p] = &fstest.MapFile{Data: data}
		return nil
	})
	return fsys
}

// Write writes the spec of n stories under dir, which should be empty.
func Write(dir string, n int) error {
	made := map[string]bool{}
	return Generate(n, func(p string, data []byte) error {
		name := filepath.Join(dir, filepath.FromSlash(p))
		if d := filepath.Dir(name); !made[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		return os.WriteFile(name, data, 0o644)
	})
}

type gen struct {
	rng   *rand.Rand
	items int
}

func (g *gen) pick(words []string) string { return words[g.rng.IntN(len(words))] }

func (g *gen) vision() []byte {
	var b strings.Builder
	b.WriteString("---\nkind: vision\ntitle: Bench Notes\nowner: pm@bench.example\ngoals:\n")
	for i := 1; i <= Goals; i++ {
		fmt.Fprintf(&b, "  - id: G%d\n    title: %s %s\n", i, g.pick(verbs), g.pick(objects))
	}
	b.WriteString("---\n# Bench Notes\n\n")
	g.prose(&b, 6)
	return []byte(b.String())
}

// item i serves one goal and sits on a horizon; none is done or dropped,
// so no status-conflict fires.
func (g *gen) item(i int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nid: R-%d\ntitle: %s %s\ngoals: [G%d]\nstatus: %s\nhorizon: %s\ntarget: 2026-Q%d\nowner: pm@bench.example\n---\n",
		i, g.pick(verbs), g.pick(objects), 1+i%Goals, itemStatuses[i%len(itemStatuses)], horizons[i%len(horizons)], 1+i%4)
	b.WriteString("## Why it matters\n\n")
	g.prose(&b, 4)
	return []byte(b.String())
}

// story i serves item 1+(i-1)%items, so every item has stories; it depends
// only on earlier stories, so there is no cycle.
func (g *gen) story(i int) []byte {
	var b strings.Builder
	status := storyStatuses[g.rng.IntN(len(storyStatuses))]
	verb, object := g.pick(verbs), g.pick(objects)
	fmt.Fprintf(&b, "---\nid: S-%d\ntitle: %s %s\nroadmap: R-%d\nstatus: %s\nestimate: %d\n",
		i, verb, object, 1+(i-1)%g.items, status, 1+g.rng.IntN(8))
	fmt.Fprintf(&b, "rice: {reach: %d, impact: %d, confidence: 0.%d, effort: %d}\n",
		g.rng.IntN(10000), 1+g.rng.IntN(3), 5+g.rng.IntN(5), 1+g.rng.IntN(8))
	if i > 2 && g.rng.IntN(3) == 0 {
		fmt.Fprintf(&b, "depends_on: [S-%d, S-%d]\n", 1+g.rng.IntN(i-1), 1+g.rng.IntN(i-1))
	} else {
		b.WriteString("depends_on: []\n")
	}
	fmt.Fprintf(&b, "labels: [%s, %s]\n---\n", g.pick(labels), g.pick(labels))
	fmt.Fprintf(&b, "As a %s, I want to %s %s,\nso that I %s.\n\n", g.pick(roles), strings.ToLower(verb), object, g.pick(outcomes))
	b.WriteString("## Context\n\n")
	g.prose(&b, 8)
	b.WriteString("## Notes\n\n")
	for range 4 {
		fmt.Fprintf(&b, "- %s %s before the %s\n", g.pick(verbs), g.pick(objects), g.pick(objects))
	}
	if i%100 == 0 && status != "draft" && status != "rejected" {
		return []byte(b.String()) // no criteria: the corpus's one kind of finding
	}
	b.WriteString("\n## Acceptance criteria\n\n")
	for range 5 {
		box := " "
		if status == "accepted" || g.rng.IntN(2) == 0 {
			box = "x" // accepted stories have every criterion met
		}
		fmt.Fprintf(&b, "- [%s] %s %s within %d seconds\n", box, g.pick(verbs), g.pick(objects), 2+g.rng.IntN(9))
	}
	return []byte(b.String())
}

// prose writes a paragraph of lines lines of filler text.
func (g *gen) prose(b *strings.Builder, lines int) {
	for range lines {
		fmt.Fprintf(b, "The %s %s the %s when the %s is %s.\n", g.pick(objects), g.pick(presents), g.pick(objects), g.pick(objects), g.pick(states))
	}
	b.WriteString("\n")
}

var (
	itemStatuses  = []string{"proposed", "planned", "in-progress"}
	horizons      = []string{"now", "next", "later"}
	storyStatuses = []string{"draft", "ready", "in-progress", "done", "accepted", "rejected"}
	labels        = []string{"mobile", "web", "sync", "search", "sharing", "storage", "billing", "a11y"}
	roles         = []string{"commuter", "team lead", "new user", "administrator", "writer", "reviewer"}
	verbs         = []string{"Export", "Share", "Capture", "Search", "Sync", "Archive", "Restore", "Tag", "Pin", "Merge"}
	objects       = []string{"note", "notebook", "report", "draft", "attachment", "reminder", "template", "comment", "tag list", "history"}
	presents      = []string{"updates", "replaces", "follows", "outlives", "summarizes", "links to"}
	states        = []string{"offline", "shared", "archived", "locked", "syncing", "empty"}
	outcomes      = []string{"do not lose the idea", "save a minute a day", "can find it later", "keep the team in sync", "trust the app"}
)
