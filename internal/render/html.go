package render

import (
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/report"
)

// StatusHTML writes the status report as one self-contained page: inline
// CSS, an inline SVG bar per goal and per roadmap item stacked by status,
// no JavaScript and nothing fetched. html/template escapes every string
// from the spec for the context it lands in.
func StatusHTML(w io.Writer, st Status) error {
	t, err := startPage(w, "status", statusTemplate)
	if err != nil {
		return err
	}
	p := newStatusPage(st.StatusReport)
	if st.Flow != nil {
		p.Flow = newFlowView(st.Flow.At, st.Flow.Report, st.Flow.Charts)
		p.Flow.WorkTree = st.Flow.WorkTree
	}
	p.NoFlow = st.NoFlow
	return t.Execute(w, p)
}

// Status is a status report to render. Its html page also draws the flow
// of the stories from git history (Flow), or says why it cannot (NoFlow).
type Status struct {
	*report.StatusReport
	Flow   *StatusFlow
	NoFlow string
}

// StatusFlow is the flow of all the stories up to a commit.
type StatusFlow struct {
	At     At
	Report *flow.Report
	Charts Charts
	// WorkTree: the rest of the page is the work tree's, which may hold
	// changes no commit has, so none of these pictures.
	WorkTree bool
}

// statusFormat adapts a writer of the status report alone.
func statusFormat(write func(io.Writer, *report.StatusReport) error) func(io.Writer, Status) error {
	return func(w io.Writer, st Status) error { return write(w, st.StatusReport) }
}

// startPage parses a page with the style and the flow pictures that
// every page shares, and writes its first lines. html/template drops
// comments from templates, so the marker that lets --output recognise
// the file is written before it.
func startPage(w io.Writer, name, page string) (*template.Template, error) {
	t, err := template.New(name).Parse(page + pageStyle + flowTemplate + tableTemplate)
	if err != nil {
		return nil, err
	}
	_, err = fmt.Fprintf(w, "<!DOCTYPE html>\n<!-- %s -->\n", Marker)
	return t, err
}

type statusPage struct {
	Title      string
	Overall    string
	All        bar
	Untraced   int
	Legend     []legendEntry
	Goals      []bar
	Items      []bar
	GoalTable  numbers
	ItemTable  numbers
	NotStarted []notStarted
	Flow       *flowView
	NoFlow     string
}

type legendEntry struct{ Name, Category string }

// bar is one stacked bar and its caption. Its length is its share of the
// largest bar in the chart, so bars compare by size as well as by mix.
type bar struct {
	ID, Title string
	Meta      string
	Label     string // the counts, for screen readers
	Segments  []segment
}

type segment struct {
	Category, X, Width, Tip string
}

// numbers is a table of counts with a row per goal or roadmap item: the
// bars' numbers, readable without hovering (which a phone cannot do).
type numbers struct {
	Label    string   // the scrolling region's name
	Kind     string   // the first column's header
	Extra    []string // headers of the text columns after the title
	Statuses []string // headers of the count columns, in report order
	Rows     []numbersRow
}

type numbersRow struct {
	ID, Title string
	Extra     []string
	Cells     []string // the counts, as countCells gives them
}

type notStarted struct{ ID, Title, Note string }

// segmentOrder stacks the most finished work at the left of a bar.
var segmentOrder = []report.Category{report.Accepted, report.Closed, report.InProgress, report.Open, report.Draft, report.Unknown, report.Rejected}

// newStatusPage lays the report out for the template. Text from the spec
// goes through oneLine: control characters are not allowed in HTML.
func newStatusPage(r *report.StatusReport) statusPage {
	p := statusPage{Title: oneLine(r.Title), Overall: overall(r), Untraced: r.Untraced}
	order := stackOrder(r.Statuses)
	p.All = newBar(r, order, "All stories", "", nil, r.Overall, r.Overall.Stories)
	for _, i := range order {
		p.Legend = append(p.Legend, legendEntry{statusName(r.Statuses[i].Name), string(r.Statuses[i].Category)})
	}
	maxGoal, maxItem := 0, 0
	for _, g := range r.Goals {
		maxGoal = max(maxGoal, g.Counts.Stories)
	}
	for _, it := range r.Items {
		maxItem = max(maxItem, it.Counts.Stories)
	}
	var statuses []string
	for _, st := range r.Statuses {
		statuses = append(statuses, statusName(st.Name))
	}
	p.GoalTable = numbers{Label: "Goals in numbers", Kind: "goal", Statuses: statuses}
	p.ItemTable = numbers{Label: "Roadmap items in numbers", Kind: "item", Extra: []string{"status", "horizon"}, Statuses: statuses}
	for _, g := range r.Goals {
		meta := []string{"no roadmap item"}
		if len(g.Items) > 0 {
			meta = []string{strings.Join(g.Items, ", ")}
		}
		p.Goals = append(p.Goals, newBar(r, order, g.ID, g.Title, meta, g.Counts, maxGoal))
		p.GoalTable.Rows = append(p.GoalTable.Rows, newNumbersRow(g.ID, g.Title, nil, g.Counts))
	}
	for _, it := range r.Items {
		meta := []string{statusName(it.Status), orDash(it.Horizon)}
		p.Items = append(p.Items, newBar(r, order, it.ID, it.Title, meta, it.Counts, maxItem))
		extra := []string{orDash(oneLine(it.Status)), orDash(oneLine(it.Horizon))}
		p.ItemTable.Rows = append(p.ItemTable.Rows, newNumbersRow(it.ID, it.Title, extra, it.Counts))
	}
	for _, it := range r.NotStarted {
		p.NotStarted = append(p.NotStarted, notStarted{oneLine(it.ID), oneLine(it.Title), notStartedNote(it)})
	}
	return p
}

func newNumbersRow(id, title string, extra []string, c report.Counts) numbersRow {
	return numbersRow{ID: oneLine(id), Title: oneLine(title), Extra: extra, Cells: countCells(c)}
}

// stackOrder returns the indexes of statuses in segment order, keeping the
// configured order within a category.
func stackOrder(statuses []report.StoryStatus) []int {
	var order []int
	for _, cat := range segmentOrder {
		for i, st := range statuses {
			if st.Category == cat {
				order = append(order, i)
			}
		}
	}
	return order
}

func newBar(r *report.StatusReport, order []int, id, title string, meta []string, c report.Counts, largest int) bar {
	id, title = oneLine(id), oneLine(title)
	b := bar{ID: id, Title: title}
	meta = append(meta, stories(c.Stories))
	if c.Percent != nil {
		meta = append(meta, percent(c)+" accepted")
	}
	if c.Points != nil {
		meta = append(meta, points(c)+" points")
	}
	// Wrap only between the parts: "5 / 19 points" stays on one line.
	for i, m := range meta {
		meta[i] = strings.ReplaceAll(oneLine(m), " ", "\u00a0")
	}
	b.Meta = strings.Join(meta, " · ")
	var label []string
	x := 0.0
	for _, i := range order {
		n := c.ByStatus[i]
		if n == 0 {
			continue
		}
		st := r.Statuses[i]
		w := 100 * float64(n) / float64(largest)
		tip := fmt.Sprintf("%d %s", n, statusName(st.Name))
		b.Segments = append(b.Segments, segment{string(st.Category), svgNum(x), svgNum(w), tip})
		label = append(label, tip)
		x += w
	}
	if len(label) == 0 {
		label = []string{"no stories"}
	}
	b.Label = id + ": " + strings.Join(label, ", ")
	return b
}

// svgNum is a coordinate with at most two decimals, always the same text
// for the same value.
func svgNum(f float64) string {
	s := strings.TrimRight(fmt.Sprintf("%.2f", f), "0")
	return strings.TrimSuffix(s, ".")
}

const statusTemplate = `<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Status{{with .Title}}: {{.}}{{end}}</title>
<style>
{{template "style"}}
</style>
</head>
<body>
<main>
<h1>Status{{with .Title}}: {{.}}{{end}}</h1>
<p class="overall"><strong>Overall:</strong> {{.Overall}}.</p>
{{- if .Untraced}}
<p>Stories that serve no existing roadmap item: {{.Untraced}}. They count only in the overall line.</p>
{{- end}}
{{- template "bar" .All}}
<ul class="legend">
{{- range .Legend}}
<li><i class="c-{{.Category}}"></i>{{.Name}}</li>
{{- end}}
</ul>
<h2>Goals</h2>
{{- range .Goals}}{{template "bar" .}}{{else}}
<p>The vision has no goals.</p>
{{- end}}
<h2>Roadmap items</h2>
{{- range .Items}}{{template "bar" .}}{{else}}
<p>There are no roadmap items.</p>
{{- end}}
{{- if .GoalTable.Rows}}
<h2>Goals in numbers</h2>
{{- template "numbers" .GoalTable}}
{{- end}}
{{- if .ItemTable.Rows}}
<h2>Roadmap items in numbers</h2>
{{- template "numbers" .ItemTable}}
{{- end}}
<h2>Not started on the now horizon</h2>
{{- if .NotStarted}}
<ul>
{{- range .NotStarted}}
<li><strong>{{.ID}}</strong> {{.Title}} ({{.Note}})</li>
{{- end}}
</ul>
{{- else}}
<p>Every roadmap item on the now horizon has started.</p>
{{- end}}
{{- if or .Flow .NoFlow}}
<h2>Flow</h2>
{{- end}}
{{- with .Flow}}{{template "flow" .}}{{end}}
{{- with .NoFlow}}
<p>{{.}}</p>
{{- end}}
<footer>Generated by prodspec.</footer>
</main>
</body>
</html>
{{define "numbers"}}
<div class="scroll" tabindex="0" role="region" aria-label="{{.Label}}">
<table>
<thead><tr><th>{{.Kind}}</th><th>title</th>
{{- range .Extra}}<th>{{.}}</th>{{end}}<th class="n">stories</th>
{{- range .Statuses}}<th class="n">{{.}}</th>{{end}}<th class="n">% accepted</th><th class="n">points accepted</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr><td>{{.ID}}</td><td class="title">{{.Title}}</td>
{{- range .Extra}}<td>{{.}}</td>{{end}}
{{- range .Cells}}<td class="n">{{.}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}
{{- define "bar"}}
<div class="bar">
<div class="name"><span class="id">{{.ID}}</span>{{.Title}}<span class="meta">{{.Meta}}</span></div>
<svg viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{{.Label}}"><rect class="track" width="100" height="10"/>
{{- range .Segments}}<rect class="c-{{.Category}}" x="{{.X}}" width="{{.Width}}" height="10"><title>{{.Tip}}</title></rect>{{end}}</svg>
</div>
{{- end}}`

// pageStyle is the CSS of every page: light and dark, from a phone to a
// desktop. Charts take their colours from the same custom properties, so
// they follow the scheme too.
const pageStyle = `{{define "style"}}:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--link:#0969da;--line:#d1d9e0;--track:#eef1f4;
--accepted:#1a7f37;--closed:#4ac26b;--in-progress:#0969da;--open:#d4a72c;--draft:#afb8c1;--unknown:#8250df;--rejected:#cf222e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--link:#4493f8;--line:#3d444d;--track:#262c36;--draft:#656c76}}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:1080px;margin:0 auto;padding:16px;overflow-wrap:break-word}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:1px solid var(--line)}
.overall{margin:0 0 1rem}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:.5rem 0;padding:0;font-size:.875rem}
.legend i{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.35em;vertical-align:-.05em}
.bar{margin:.9rem 0}
.bar .name{overflow-wrap:anywhere}
.bar .id{font-weight:600;margin-right:.4em;white-space:nowrap}
li strong{white-space:nowrap}
.bar .meta{display:block;color:var(--muted);font-size:.875rem}
.bar svg{display:block;width:100%;height:14px;margin-top:4px}
.bar .track{fill:var(--track)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
.scroll:focus-visible{outline:2px solid var(--link);outline-offset:2px}
table{border-collapse:collapse;font-size:.875rem;width:100%}
table.narrow{width:auto}
th,td{padding:.3rem .4rem;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap;vertical-align:top}
th{font-weight:600;white-space:normal;vertical-align:bottom}
th:first-child,td:first-child{position:sticky;left:0;background:var(--bg)}
.n{text-align:right;font-variant-numeric:tabular-nums}
td.title{white-space:normal;min-width:10rem;overflow-wrap:anywhere}
.c-accepted{fill:var(--accepted);background:var(--accepted)}
.c-closed{fill:var(--closed);background:var(--closed)}
.c-in-progress{fill:var(--in-progress);background:var(--in-progress)}
.c-open{fill:var(--open);background:var(--open)}
.c-draft{fill:var(--draft);background:var(--draft)}
.c-unknown{fill:var(--unknown);background:var(--unknown)}
.c-rejected{fill:var(--rejected);background:var(--rejected)}
footer{margin:2rem 0 1rem;color:var(--muted);font-size:.75rem}
code{overflow-wrap:anywhere;font-size:.875em}
figure{margin:1rem 0;min-width:0}
figure.wide{max-width:540px}
figcaption{font-size:.875rem}
figcaption .id{font-weight:600;margin-right:.4em}
.meta{color:var(--muted);font-size:.875rem;margin:.25rem 0}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(400px,100%),1fr));gap:0 1.5rem}
svg.chart{display:block;width:100%;height:auto;margin:.25rem 0;color:var(--fg)}
svg.chart text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.axis,.frame{fill:none;stroke:var(--muted)}
.gl{stroke:var(--line);stroke-width:.5}
.tick{fill:var(--muted)}
.note{fill:var(--fg)}
.done{fill:none;stroke:var(--accepted);stroke-width:2.5}
.scope{fill:none;stroke:currentColor;stroke-width:1.25}
.ahead{stroke-dasharray:2 3}
.band{fill:var(--link);fill-opacity:.2}
.p85{stroke:var(--link);stroke-width:1.5;stroke-dasharray:5 3}
.p50{stroke:var(--accepted);stroke-width:1.25;stroke-dasharray:4 3}
.pct{stroke:var(--muted);stroke-width:1;stroke-dasharray:5 3}
.dot{fill:var(--link);fill-opacity:.7}
details{margin:.5rem 0 1rem}
summary{cursor:pointer;color:var(--link)}{{end}}`
