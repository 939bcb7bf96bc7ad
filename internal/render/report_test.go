package render

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/report"
	"github.com/prodspec/prodspec/internal/spec"
)

// nasty is a title that tries every way out of a markdown table, a list
// item, an HTML page and a Mermaid label.
const nasty = `"a | b\\|c\n# h <img src=x onerror=alert(1)> &amp; *e* _u_ ` + "`c`" + ` [l](u) ~s~ ]] \"q\" \u001b[31m"`

func loadSpec(t *testing.T) *spec.Spec {
	t.Helper()
	fsys := fstest.MapFS{
		"vision.md":      {Data: []byte("---\nkind: vision\ntitle: " + nasty + "\ngoals:\n  - {id: G1, title: " + nasty + "}\n  - {id: G2, title: Empty}\n---\n")},
		"roadmap/R-1.md": {Data: []byte("---\nid: R-1\ntitle: " + nasty + "\ngoals: [G1, G9]\nstatus: planned\nhorizon: now\n---\n")},
		"stories/S-1.md": {Data: []byte("---\nid: S-1\ntitle: " + nasty + "\nroadmap: R-1\nstatus: ready\nestimate: 2\ndepends_on: [S-2, S-404]\nrice: {reach: 1, impact: 1, confidence: 1, effort: 3}\n---\n")},
		"stories/S-2.md": {Data: []byte("---\nid: S-2\ntitle: " + nasty + "\nroadmap: R-9\nstatus: draft\n---\n")},
		"stories/S-3.md": {Data: []byte("---\nid: S-3\ntitle: " + nasty + "\nroadmap: R-1\nstatus: finished\n---\n")},
	}
	s, err := spec.Load(fsys, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// outputs renders every report format of the three commands.
func outputs(t *testing.T) map[string]string {
	t.Helper()
	s := loadSpec(t)
	ranked, err := priority.Rank(s, priority.RICE, priority.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := Backlog{Title: s.Vision.Title, Model: priority.RICE, Items: ranked}
	st, tr := report.Status(s), report.Trace(s)
	out := map[string]string{}
	for name, write := range map[string]func(io.Writer) error{
		"backlog.md":   func(w io.Writer) error { return BacklogMarkdown(w, b) },
		"backlog.json": func(w io.Writer) error { return BacklogJSON(w, b) },
		"backlog.csv":  func(w io.Writer) error { return BacklogCSV(w, b) },
		"status.md":    func(w io.Writer) error { return StatusMarkdown(w, st) },
		"status.json":  func(w io.Writer) error { return StatusJSON(w, st) },
		"status.html":  func(w io.Writer) error { return StatusHTML(w, st) },
		"trace.txt":    func(w io.Writer) error { return TraceText(w, tr) },
		"trace.md":     func(w io.Writer) error { return TraceMarkdown(w, tr) },
		"trace.json":   func(w io.Writer) error { return TraceJSON(w, tr) },
	} {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.String()
	}
	return out
}

// TestReportsAreRecognisedAsGenerated: --output may replace every report
// it wrote, in every format, without --force.
func TestReportsAreRecognisedAsGenerated(t *testing.T) {
	for name, data := range outputs(t) {
		if !IsGenerated([]byte(data)) {
			t.Errorf("%s is not recognised as generated:\n%s", name, data)
		}
	}
	for _, hand := range []string{"# My notes\n", "rank and file\n", "3 goals, 2 roadmap items, 1 story; fine\nmore\n"} {
		if IsGenerated([]byte(hand)) {
			t.Errorf("%q is taken for a generated file", hand)
		}
	}
}

// TestMarkdownTablesStayTables renders the markdown reports as GitHub
// would (goldmark with GFM) and checks that the title shows up whole, as
// text, in a table cell or list item, and that nothing in it became
// markup: no HTML, emphasis, code, link or strikethrough.
func TestMarkdownTablesStayTables(t *testing.T) {
	out := outputs(t)
	title := oneLine(loadSpec(t).Story("S-1").Title)
	shown := strings.ReplaceAll(html.EscapeString(title), "&#34;", "&quot;")
	for _, name := range []string{"backlog.md", "status.md", "trace.md"} {
		var page bytes.Buffer
		if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(out[name]), &page); err != nil {
			t.Fatal(err)
		}
		got := page.String()
		if !strings.Contains(got, "<td>"+shown+"</td>") && !strings.Contains(got, "</strong> "+shown+" (") {
			t.Errorf("%s: the title is not shown whole in one cell or item:\n%s", name, got)
		}
		for _, markup := range []string{"<img", "<em>", "<code>", "<a ", "<del>", "<h2>a", "\x1b"} {
			if strings.Contains(got, markup) {
				t.Errorf("%s: spec text became %s:\n%s", name, markup, got)
			}
		}
		if name != "trace.md" && !strings.Contains(got, "<table>") {
			t.Errorf("%s: no table", name)
		}
	}
}

func TestHTMLEscapesSpecText(t *testing.T) {
	page := outputs(t)["status.html"]
	for _, bad := range []string{"<img", "<script", "http://", "https://", "\x1b"} {
		if strings.Contains(page, bad) {
			t.Errorf("status.html contains %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the title is not shown escaped")
	}
	for _, c := range segmentOrder {
		if !strings.Contains(page, ".c-"+string(c)+"{") {
			t.Errorf("no colour for category %s", c)
		}
	}
}

func TestMermaidLabelsCannotBreakOut(t *testing.T) {
	md := outputs(t)["trace.md"]
	start := strings.Index(md, "```mermaid\n")
	end := strings.Index(md[start+3:], "```")
	if start < 0 || end < 0 {
		t.Fatal("no mermaid block")
	}
	for _, line := range strings.Split(strings.TrimSpace(md[start+len("```mermaid\n"):start+3+end]), "\n") {
		// A node line has exactly two quotes, around its label.
		if strings.Contains(line, "[") && strings.Count(line, `"`) != 2 {
			t.Errorf("label breaks out: %s", line)
		}
	}
	for _, want := range []string{`m1["G9 (missing goal)"]`, `m2["R-9 (missing roadmap item)"]`, "class g2 untraced"} {
		if !strings.Contains(md, want) {
			t.Errorf("trace.md lacks %q", want)
		}
	}
}

func TestCSVDefusesFormulas(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "S-1": "S-1", "": ""} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnknownAndMissingStatusesAreCounted(t *testing.T) {
	out := outputs(t)["status.json"]
	if !strings.Contains(out, `"finished": 1`) {
		t.Errorf("the unknown status is not counted:\n%s", out)
	}
}

// TestMermaidStaysDrawable: GitHub refuses graphs over Mermaid's limits, so
// a large spec gets a graph without stories, and a huge one none.
func TestMermaidStaysDrawable(t *testing.T) {
	tree := func(items, storiesEach int) *report.TraceTree {
		g := &report.TraceGoal{ID: "G1", Title: "Goal"}
		tr := &report.TraceTree{Goals: []*report.TraceGoal{g}}
		for i := range items {
			it := &report.TraceItem{ID: fmt.Sprintf("R-%d", i), Goals: []string{"G1"}}
			for j := range storiesEach {
				it.Stories = append(it.Stories, &report.TraceStory{ID: fmt.Sprintf("S-%d-%d", i, j), Roadmap: it.ID})
			}
			g.Items = append(g.Items, it)
			tr.Items = append(tr.Items, it)
		}
		return tr
	}
	for _, tt := range []struct {
		items, stories int
		nodes          string // a node that must be drawn, "" for no graph
		left           string // a node that must be left out
	}{
		{10, 40, `s400["S-9-39"]`, ""},
		{10, 60, `r10["R-9"]`, `s1[`},
		{600, 0, "", `r1[`},
	} {
		graph, note := mermaid(tree(tt.items, tt.stories))
		if tt.nodes == "" && graph != "" || tt.nodes != "" && !strings.Contains(graph, tt.nodes) {
			t.Errorf("%d×%d: graph lacks %q:\n%.300s", tt.items, tt.stories, tt.nodes, graph)
		}
		if tt.left != "" && (strings.Contains(graph, tt.left) || note == "") {
			t.Errorf("%d×%d: %q drawn or not explained (note %q)", tt.items, tt.stories, tt.left, note)
		}
		if len(graph) > mermaidMaxText || strings.Count(graph, "->") > mermaidMaxEdges {
			t.Errorf("%d×%d: graph over the limits", tt.items, tt.stories)
		}
	}
}
