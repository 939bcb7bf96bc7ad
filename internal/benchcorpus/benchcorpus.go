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
//
// A spec comes in one of two styles of front matter. Generated is what a
// tool writes: one "key: value" a line, lists and priority inputs in flow
// style. Handwritten is what people and other tools write: quoted and
// unquoted strings, block lists (indented or not), priority inputs as a
// nested block mapping, dates, comments of every kind prodspec keeps, and
// now and then a key prodspec does not know (one unknown-field warning per
// 50 stories, on top of the missing-acceptance ones).
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

// Style is how a spec's front matter is written.
type Style int

const (
	Generated   Style = iota // one "key: value" a line, flow lists
	Handwritten              // quotes, block lists and maps, dates, comments
)

// Styles lists every style, for benchmarks that run on each.
var Styles = []Style{Generated, Handwritten}

func (s Style) String() string { return [...]string{"generated", "handwritten"}[s] }

// ParseStyle is the style named name, as String writes it.
func ParseStyle(name string) (Style, error) {
	for _, s := range Styles {
		if s.String() == name {
			return s, nil
		}
	}
	return 0, fmt.Errorf("unknown style %q (generated or handwritten)", name)
}

// Generate calls emit for every file of a spec of n stories in style, in
// a fixed order, with "/"-separated paths relative to the spec root.
func Generate(n int, style Style, emit func(path string, data []byte) error) error {
	g := &gen{rng: rand.New(rand.NewPCG(7, uint64(n))), items: Items(n), style: style}
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

// FS returns the spec of n stories in style in memory.
func FS(n int, style Style) fstest.MapFS {
	fsys := fstest.MapFS{}
	Generate(n, style, func(p string, data []byte) error {
		fsys[p] = &fstest.MapFile{Data: data}
		return nil
	})
	return fsys
}

// Write writes the spec of n stories in style under dir, which should be
// empty.
func Write(dir string, n int, style Style) error {
	made := map[string]bool{}
	return Generate(n, style, func(p string, data []byte) error {
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
	style Style
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
	verb, object := g.pick(verbs), g.pick(objects)
	goal, status, horizon := 1+i%Goals, itemStatuses[i%len(itemStatuses)], horizons[i%len(horizons)]
	if g.style == Handwritten {
		fmt.Fprintf(&b, "---\nid: R-%d\ntitle: %s\ngoals:\n  - G%d\nstatus: %s\nhorizon: %s%s\ntarget: 2026-%02d-28\nowner: pm@bench.example\n---\n",
			i, g.quoted(verb+" "+object), goal, status, horizon, g.comment(4, "# agreed at planning"), 1+i%12)
	} else {
		fmt.Fprintf(&b, "---\nid: R-%d\ntitle: %s %s\ngoals: [G%d]\nstatus: %s\nhorizon: %s\ntarget: 2026-Q%d\nowner: pm@bench.example\n---\n",
			i, verb, object, goal, status, horizon, 1+i%4)
	}
	b.WriteString("## Why it matters\n\n")
	g.prose(&b, 4)
	return []byte(b.String())
}

// story is what a story's front matter says, drawn in the order the
// generated style always drew it, so that style's bytes never change.
type story struct {
	status, verb, object        string
	estimate                    int
	reach, impact, conf, effort int
	depends                     []int
	labels                      [2]string
}

// story i serves item 1+(i-1)%items, so every item has stories; it depends
// only on earlier stories, so there is no cycle.
func (g *gen) story(i int) []byte {
	var b strings.Builder
	s := story{status: storyStatuses[g.rng.IntN(len(storyStatuses))], verb: g.pick(verbs), object: g.pick(objects)}
	s.estimate = 1 + g.rng.IntN(8)
	s.reach, s.impact, s.conf, s.effort = g.rng.IntN(10000), 1+g.rng.IntN(3), 5+g.rng.IntN(5), 1+g.rng.IntN(8)
	if i > 2 && g.rng.IntN(3) == 0 {
		s.depends = []int{1 + g.rng.IntN(i-1), 1 + g.rng.IntN(i-1)}
	}
	s.labels = [2]string{g.pick(labels), g.pick(labels)}
	roadmap := 1 + (i-1)%g.items
	if g.style == Handwritten {
		g.handStory(&b, i, roadmap, s)
	} else {
		g.flowStory(&b, i, roadmap, s)
	}
	fmt.Fprintf(&b, "As a %s, I want to %s %s,\nso that I %s.\n\n", g.pick(roles), strings.ToLower(s.verb), s.object, g.pick(outcomes))
	b.WriteString("## Context\n\n")
	g.prose(&b, 8)
	b.WriteString("## Notes\n\n")
	for range 4 {
		fmt.Fprintf(&b, "- %s %s before the %s\n", g.pick(verbs), g.pick(objects), g.pick(objects))
	}
	if i%100 == 0 && s.status != "draft" && s.status != "rejected" {
		return []byte(b.String()) // no criteria: the corpus's one kind of finding
	}
	b.WriteString("\n## Acceptance criteria\n\n")
	for range 5 {
		box := " "
		if s.status == "accepted" || g.rng.IntN(2) == 0 {
			box = "x" // accepted stories have every criterion met
		}
		fmt.Fprintf(&b, "- [%s] %s %s within %d seconds\n", box, g.pick(verbs), g.pick(objects), 2+g.rng.IntN(9))
	}
	return []byte(b.String())
}

// flowStory writes s's front matter in the generated style.
func (g *gen) flowStory(b *strings.Builder, i, roadmap int, s story) {
	fmt.Fprintf(b, "---\nid: S-%d\ntitle: %s %s\nroadmap: R-%d\nstatus: %s\nestimate: %d\n", i, s.verb, s.object, roadmap, s.status, s.estimate)
	fmt.Fprintf(b, "rice: {reach: %d, impact: %d, confidence: 0.%d, effort: %d}\n", s.reach, s.impact, s.conf, s.effort)
	if s.depends != nil {
		fmt.Fprintf(b, "depends_on: [S-%d, S-%d]\n", s.depends[0], s.depends[1])
	} else {
		b.WriteString("depends_on: []\n")
	}
	fmt.Fprintf(b, "labels: [%s, %s]\n---\n", s.labels[0], s.labels[1])
}

// handStory writes s's front matter as a person would: keys in their own
// order, some values quoted, lists and RICE inputs in block style, a head
// comment, line comments, a date under a key prodspec does not know.
func (g *gen) handStory(b *strings.Builder, i, roadmap int, s story) {
	b.WriteString("---\n")
	if g.rng.IntN(3) == 0 {
		fmt.Fprintf(b, "# S-%d: %s\n", i, strings.ToLower(s.verb+" "+s.object))
	}
	fmt.Fprintf(b, "id: S-%d\ntitle: %s\nroadmap: R-%d\nstatus: %s%s\n", i, g.quoted(s.verb+" "+s.object), roadmap, s.status, g.comment(5, "# since the review"))
	if g.rng.IntN(2) == 0 {
		b.WriteString("owner: po@bench.example\n")
	}
	fmt.Fprintf(b, "estimate: %d\n", s.estimate)
	if i%50 == 0 {
		fmt.Fprintf(b, "created: 2026-%02d-%02d\n", 1+i%12, 1+i%28) // unknown: one warning
	}
	indent := [...]string{"  ", ""}[g.rng.IntN(2)] // block lists indented or not
	if s.depends != nil {
		fmt.Fprintf(b, "depends_on:\n%s- S-%d\n%s- S-%d\n", indent, s.depends[0], indent, s.depends[1])
	}
	fmt.Fprintf(b, "labels:\n%s- %s\n%s- %s\n", indent, s.labels[0], indent, g.quoted(s.labels[1]))
	if g.rng.IntN(4) == 0 {
		b.WriteString("# priority inputs, from the last planning\n")
	}
	confidence := fmt.Sprintf("0.%d", s.conf)
	if g.rng.IntN(2) == 0 {
		confidence = fmt.Sprintf("%d0%%", s.conf)
	}
	fmt.Fprintf(b, "rice:\n  reach: %d\n  impact: %d\n  confidence: %s\n  effort: %d%s\n---\n",
		s.reach, s.impact, confidence, s.effort, g.comment(6, "# a rough guess"))
}

// quoted writes s plain, in double quotes or in single quotes, by chance.
func (g *gen) quoted(s string) string {
	switch g.rng.IntN(3) {
	case 0:
		return `"` + s + `"`
	case 1:
		return "'" + s + "'"
	}
	return s
}

// comment is a line comment after a value one time in n, else nothing.
func (g *gen) comment(n int, text string) string {
	if g.rng.IntN(n) == 0 {
		return "  " + text
	}
	return ""
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
