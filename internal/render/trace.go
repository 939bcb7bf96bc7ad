package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/prodspec/prodspec/internal/report"
)

// The problems a trace node can have, worded once for every format.
func itemProblems(it *report.TraceItem) []string {
	var out []string
	if len(it.Goals) == 0 {
		out = append(out, "serves no goal")
	}
	for _, g := range it.MissingGoals {
		out = append(out, fmt.Sprintf("goal %q does not exist", g))
	}
	return out
}

func storyProblems(st *report.TraceStory) []string {
	var out []string
	switch {
	case st.MissingRoadmap:
		out = append(out, fmt.Sprintf("roadmap item %q does not exist", st.Roadmap))
	case st.Roadmap == "":
		out = append(out, "serves no roadmap item")
	}
	for _, d := range st.MissingDeps {
		out = append(out, fmt.Sprintf("depends on story %q, which does not exist", d))
	}
	return out
}

func goalProblems(g *report.TraceGoal) []string {
	if len(g.Items) == 0 {
		return []string{"no roadmap item serves this goal"}
	}
	return nil
}

// traceSummary is the closing line: what the tree holds and what is wrong.
func traceSummary(s report.TraceSummary) string {
	line := fmt.Sprintf("%s, %s, %s", plural(s.Goals, "goal"), plural(s.Items, "roadmap item"), stories(s.Stories))
	var bad []string
	for _, p := range []struct {
		n    int
		what string
	}{
		{s.UnservedGoals, plural(s.UnservedGoals, "goal") + " with no roadmap item"},
		{s.UntracedItems, plural(s.UntracedItems, "roadmap item") + " with no goal"},
		{s.UntracedStories, stories(s.UntracedStories) + " with no roadmap item"},
		{s.BrokenLinks, plural(s.BrokenLinks, "broken link")},
	} {
		if p.n > 0 {
			bad = append(bad, p.what)
		}
	}
	if len(bad) == 0 {
		return line + "; everything traces, no broken links"
	}
	return line + "; " + strings.Join(bad, ", ")
}

// itemLabel and storyLabel are "(status, horizon)" and "(status)".
func itemLabel(it *report.TraceItem) string {
	parts := []string{statusName(it.Status)}
	if it.Horizon != "" {
		parts = append(parts, it.Horizon)
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func storyLabel(st *report.TraceStory) string { return "(" + statusName(st.Status) + ")" }

// traceNode is one line of the tree.
type traceNode struct {
	depth            int
	id, title, label string
	problems         []string
}

// traceSection is a heading and its part of the tree.
type traceSection struct {
	heading string
	nodes   []traceNode
}

// traceSections flattens the tree in the order every format prints it:
// the goals, then what does not reach a goal.
func traceSections(t *report.TraceTree) []traceSection {
	var nodes []traceNode
	item := func(depth int, it *report.TraceItem) {
		nodes = append(nodes, traceNode{depth, it.ID, it.Title, itemLabel(it), itemProblems(it)})
		for _, st := range it.Stories {
			nodes = append(nodes, traceNode{depth + 1, st.ID, st.Title, storyLabel(st), storyProblems(st)})
		}
	}
	var out []traceSection
	for _, g := range t.Goals {
		nodes = append(nodes, traceNode{0, g.ID, g.Title, "", goalProblems(g)})
		for _, it := range g.Items {
			item(1, it)
		}
	}
	out = append(out, traceSection{"Goals", nodes})
	if len(t.UntracedItems) > 0 {
		nodes = nil
		for _, it := range t.UntracedItems {
			item(0, it)
		}
		out = append(out, traceSection{"Roadmap items that serve no existing goal", nodes})
	}
	if len(t.UntracedStories) > 0 {
		nodes = nil
		for _, st := range t.UntracedStories {
			nodes = append(nodes, traceNode{0, st.ID, st.Title, storyLabel(st), storyProblems(st)})
		}
		out = append(out, traceSection{"Stories that serve no existing roadmap item", nodes})
	}
	return out
}

// TraceText writes the tree indented two spaces a level, problems after
// "!!" on the line of the node that has them. The goals come first,
// unindented; later sections are indented under their heading.
func TraceText(w io.Writer, t *report.TraceTree) error {
	var b strings.Builder
	for i, sec := range traceSections(t) {
		indent := 0
		if i > 0 {
			fmt.Fprintf(&b, "\n%s\n", sec.heading)
			indent = 1
		}
		for _, n := range sec.nodes {
			fmt.Fprintf(&b, "%s%s %s", strings.Repeat("  ", n.depth+indent), oneLine(orDash(n.id)), oneLine(orDash(n.title)))
			if n.label != "" {
				b.WriteString(" " + oneLine(n.label))
			}
			if len(n.problems) > 0 {
				b.WriteString("  !! " + oneLine(strings.Join(n.problems, "; ")))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "\n%s\n", traceSummary(t.Summary))
	_, err := io.WriteString(w, b.String())
	return err
}

// TraceMarkdown writes a Mermaid graph (GitHub renders it) followed by the
// same tree as nested lists, for readers without Mermaid.
func TraceMarkdown(w io.Writer, t *report.TraceTree) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n# Trace", Marker)
	if t.Title != "" {
		fmt.Fprintf(&b, ": %s", md(t.Title))
	}
	fmt.Fprintf(&b, "\n\n%s.\n\n", md(traceSummary(t.Summary)))
	graph, note := mermaid(t)
	b.WriteString(note + graph)
	for _, sec := range traceSections(t) {
		fmt.Fprintf(&b, "\n## %s\n\n", sec.heading)
		for _, n := range sec.nodes {
			fmt.Fprintf(&b, "%s- **%s** %s", strings.Repeat("  ", n.depth), md(orDash(n.id)), md(orDash(n.title)))
			if n.label != "" {
				b.WriteString(" " + md(n.label))
			}
			for _, p := range n.problems {
				b.WriteString(" ⚠️ " + md(p))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Mermaid's default limits, which GitHub keeps: a larger diagram shows an
// error instead of a graph.
const (
	mermaidMaxText  = 50000
	mermaidMaxEdges = 500
)

// mermaid returns the largest graph GitHub can draw: with the stories,
// else goals and roadmap items only, else none; and a note saying what
// was left out.
func mermaid(t *report.TraceTree) (graph, note string) {
	for _, withStories := range []bool{true, false} {
		g, edges := mermaidGraph(t, withStories)
		if edges <= mermaidMaxEdges && len(g) <= mermaidMaxText {
			if !withStories {
				note = "The graph leaves out the stories, which would make it too large for GitHub to draw; the lists below have them.\n\n"
			}
			return g, note
		}
	}
	return "", "The spec is too large for a graph GitHub can draw; the lists below have the whole tree.\n"
}

// mermaidGraph writes goal --> item --> story, dashed arrows from missing
// nodes, and classes for untraced, broken, accepted and rejected nodes,
// and returns the graph with its number of edges. Node names are
// generated (g1, r1, s1, m1) so no ID can break the syntax.
func mermaidGraph(t *report.TraceTree, withStories bool) (string, int) {
	g := &mermaidGraphWriter{classes: map[string][]string{}, missing: map[string]string{}}
	g.b.WriteString("```mermaid\ngraph LR\n")
	for i, goal := range t.Goals {
		g.goal(i, goal)
	}
	itemNodes := map[*report.TraceItem]string{}
	for i, it := range t.Items {
		itemNodes[it] = g.item(i, it, withStories)
	}
	if withStories {
		for _, st := range t.UntracedStories {
			g.story(st, "")
		}
	}
	for i, goal := range t.Goals {
		for _, it := range goal.Items {
			g.edge(goalNode(i), "-->", itemNodes[it])
		}
	}
	g.classDefs()
	g.b.WriteString("```\n")
	return g.b.String(), g.edges
}

// mermaidGraphWriter accumulates one graph: its lines, its edge count,
// the nodes of each class, and one node per missing goal or item.
type mermaidGraphWriter struct {
	b       strings.Builder
	edges   int
	stories int                 // story nodes so far, for their names
	classes map[string][]string // class -> node names, in order
	missing map[string]string   // "goal G9" -> its node name
}

func goalNode(i int) string { return "g" + strconv.Itoa(i+1) }

func (g *mermaidGraphWriter) node(name, id, title string) {
	label := id
	if title != "" {
		label += ": " + title
	}
	fmt.Fprintf(&g.b, "  %s[\"%s\"]\n", name, mermaidText(label))
}

func (g *mermaidGraphWriter) edge(from, arrow, to string) {
	fmt.Fprintf(&g.b, "  %s %s %s\n", from, arrow, to)
	g.edges++
}

func (g *mermaidGraphWriter) class(name, node string) {
	g.classes[name] = append(g.classes[name], node)
}

// missingNode is the node of a goal or item that is referred to but does
// not exist, drawn once however many nodes refer to it.
func (g *mermaidGraphWriter) missingNode(kind, id string) string {
	key := kind + " " + id
	if n, ok := g.missing[key]; ok {
		return n
	}
	n := "m" + strconv.Itoa(len(g.missing)+1)
	g.missing[key] = n
	g.node(n, id+" (missing "+kind+")", "")
	g.class("broken", n)
	return n
}

// goal draws the i-th goal, marked untraced when no item serves it.
func (g *mermaidGraphWriter) goal(i int, goal *report.TraceGoal) {
	n := goalNode(i)
	g.node(n, goal.ID, goal.Title)
	if len(goal.Items) == 0 {
		g.class("untraced", n)
	}
}

// item draws the i-th roadmap item with arrows from its missing goals
// and, withStories, its stories; it returns the item's node name.
func (g *mermaidGraphWriter) item(i int, it *report.TraceItem, withStories bool) string {
	n := "r" + strconv.Itoa(i+1)
	g.node(n, it.ID, it.Title)
	for _, goal := range it.MissingGoals {
		g.edge(g.missingNode("goal", goal), "-.->", n)
	}
	switch {
	case len(it.MissingGoals) > 0:
		g.class("broken", n)
	case len(it.Goals) == 0:
		g.class("untraced", n)
	}
	if withStories {
		for _, st := range it.Stories {
			g.story(st, n)
		}
	}
	return n
}

// story draws a story with an arrow from its item's node from ("" when
// it reaches no item), classed by what is wrong with it or else by
// whether it was accepted or rejected.
func (g *mermaidGraphWriter) story(st *report.TraceStory, from string) {
	g.stories++
	n := "s" + strconv.Itoa(g.stories)
	g.node(n, st.ID, st.Title)
	switch {
	case st.MissingRoadmap:
		g.edge(g.missingNode("roadmap item", st.Roadmap), "-.->", n)
		g.class("broken", n)
	case from == "":
		g.class("untraced", n)
	default:
		g.edge(from, "-->", n)
	}
	if len(st.MissingDeps) > 0 {
		g.class("broken", n)
	} else if st.Category == report.Accepted || st.Category == report.Rejected {
		g.class(string(st.Category), n)
	}
}

// mermaidClasses are the node classes in the order they are assigned,
// each with its GitHub-light colours.
var mermaidClasses = []struct{ name, style string }{
	{"accepted", "fill:#dafbe1,stroke:#1a7f37,color:#0d1117"},
	{"rejected", "fill:#eaeef2,stroke:#8c959f,color:#57606a"},
	{"untraced", "fill:#fff8c5,stroke:#9a6700,color:#0d1117,stroke-dasharray:4 3"},
	{"broken", "fill:#ffebe9,stroke:#cf222e,color:#0d1117,stroke-dasharray:4 3"},
}

func (g *mermaidGraphWriter) classDefs() {
	for _, c := range mermaidClasses {
		fmt.Fprintf(&g.b, "  classDef %s %s\n", c.name, c.style)
	}
	for _, c := range mermaidClasses {
		if nodes := g.classes[c.name]; len(nodes) > 0 {
			fmt.Fprintf(&g.b, "  class %s %s\n", strings.Join(nodes, ","), c.name)
		}
	}
}

// mermaidText makes text safe inside a quoted Mermaid label: quotes,
// markup and Mermaid's own punctuation become #code; entities, which
// Mermaid turns back into the characters.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		if r < 0x80 && !isPlain(r) {
			fmt.Fprintf(&b, "#%d;", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isPlain(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune(" .,:;!?'()/+=-", r)
}

type traceDoc struct {
	Version         int             `json:"version"`
	Title           string          `json:"title"`
	Goals           []traceGoalJSON `json:"goals"`
	UntracedRoadmap []traceItemJSON `json:"untraced_roadmap"`
	UntracedStories []traceStory    `json:"untraced_stories"`
	Summary         traceSumJSON    `json:"summary"`
}

type traceGoalJSON struct {
	ID       string          `json:"id"`
	Title    string          `json:"title"`
	Roadmap  []traceItemJSON `json:"roadmap"`
	Problems []string        `json:"problems"`
}

type traceItemJSON struct {
	ID       string       `json:"id"`
	Title    string       `json:"title"`
	Status   string       `json:"status"`
	Horizon  string       `json:"horizon"`
	File     string       `json:"file"`
	Goals    []string     `json:"goals"`
	Stories  []traceStory `json:"stories"`
	Problems []string     `json:"problems"`
}

type traceStory struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Status   string   `json:"status"`
	File     string   `json:"file"`
	Roadmap  string   `json:"roadmap"`
	Problems []string `json:"problems"`
}

type traceSumJSON struct {
	Goals           int `json:"goals"`
	Items           int `json:"roadmap_items"`
	Stories         int `json:"stories"`
	UnservedGoals   int `json:"unserved_goals"`
	UntracedItems   int `json:"untraced_roadmap_items"`
	UntracedStories int `json:"untraced_stories"`
	BrokenLinks     int `json:"broken_links"`
}

// TraceJSON writes the tree as one JSON document. Each node carries its
// problems as sentences; a roadmap item serving two goals appears under
// both.
func TraceJSON(w io.Writer, t *report.TraceTree) error {
	storyJSON := func(st *report.TraceStory) traceStory {
		return traceStory{ID: st.ID, Title: st.Title, Status: st.Status, File: st.File, Roadmap: st.Roadmap,
			Problems: orEmpty(storyProblems(st))}
	}
	itemJSON := func(it *report.TraceItem) traceItemJSON {
		out := traceItemJSON{ID: it.ID, Title: it.Title, Status: it.Status, Horizon: it.Horizon, File: it.File,
			Goals: orEmpty(it.Goals), Stories: []traceStory{}, Problems: orEmpty(itemProblems(it))}
		for _, st := range it.Stories {
			out.Stories = append(out.Stories, storyJSON(st))
		}
		return out
	}
	doc := traceDoc{Version: 1, Title: t.Title, Goals: []traceGoalJSON{}, UntracedRoadmap: []traceItemJSON{},
		UntracedStories: []traceStory{}, Summary: traceSumJSON(t.Summary)}
	for _, g := range t.Goals {
		gj := traceGoalJSON{ID: g.ID, Title: g.Title, Roadmap: []traceItemJSON{}, Problems: orEmpty(goalProblems(g))}
		for _, it := range g.Items {
			gj.Roadmap = append(gj.Roadmap, itemJSON(it))
		}
		doc.Goals = append(doc.Goals, gj)
	}
	for _, it := range t.UntracedItems {
		doc.UntracedRoadmap = append(doc.UntracedRoadmap, itemJSON(it))
	}
	for _, st := range t.UntracedStories {
		doc.UntracedStories = append(doc.UntracedStories, storyJSON(st))
	}
	return writeReportJSON(w, doc)
}
