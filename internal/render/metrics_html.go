package render

import (
	"fmt"
	"html/template"
	"io"
	"strconv"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/report"
)

// MetricsHTML writes the metrics report as one self-contained page: the
// flow pictures (burn-ups with their forecast range, cumulative flow,
// cycle-time scatter, throughput histogram) as inline SVG, each with its
// numbers in a table, and the tables of the md format. No script, nothing
// fetched; html/template escapes every string from the spec.
func MetricsHTML(w io.Writer, m Metrics) error {
	t, err := startPage(w, "metrics", metricsTemplate)
	if err != nil {
		return err
	}
	r := m.Report
	charts := Charts{Categories: categoriesUnknown(len(r.Statuses))}
	if m.Charts != nil {
		charts = *m.Charts
	}
	p := metricsPage{Title: oneLine(m.Title), Slice: oneLine(m.slice()), From: stamp(r.From), Summary: summaryLine(r.Summary),
		Flow: newFlowView(m.At, r, charts)}

	p.Aging = htmlTable{Label: "Aging work in progress", Head: []string{"story", "title", "status", "started", "age", "against cycle times"}, Numeric: []bool{4: true}}
	for _, a := range r.Aging {
		p.Aging.Rows = append(p.Aging.Rows, []string{oneLine(a.ID), oneLine(a.Title), oneLine(a.Status), date(a.Started), dur(a.Age), standingText[a.Standing]})
	}
	p.Team = pct(r.Team)
	p.Weeks = htmlTable{Label: "Throughput per week", Head: []string{"week of", "stories", "points", "estimated"}, Numeric: []bool{false, true, true, true}}
	for _, wk := range r.Weeks {
		p.Weeks.Rows = append(p.Weeks.Rows, []string{wk.Monday.String(), strconv.Itoa(wk.Stories), num(wk.Points), strconv.Itoa(wk.Estimated)})
	}
	for _, sl := range []struct {
		head, kind string
		rows       []SliceSummary
	}{{"Roadmap items", "item", m.Items}, {"Goals", "goal", m.ByGoal}} {
		if len(sl.rows) == 0 {
			continue
		}
		t := htmlTable{Heading: sl.head, Label: sl.head, Head: []string{sl.kind, "title", "accepted", "in progress", "cycle time", "lead time"}, Numeric: []bool{2: true, 3: true}}
		for _, s := range sl.rows {
			t.Rows = append(t.Rows, []string{oneLine(s.ID), oneLine(s.Title), strconv.Itoa(s.Summary.Accepted), strconv.Itoa(s.Summary.InProgress), pct(s.Summary.Cycle), pct(s.Summary.Lead)})
		}
		p.Slices = append(p.Slices, t)
	}
	return t.Execute(w, p)
}

// categoriesUnknown colours n statuses alike, for a page drawn without
// Charts.
func categoriesUnknown(n int) []report.Category {
	out := make([]report.Category, n)
	for i := range out {
		out[i] = report.Unknown
	}
	return out
}

type metricsPage struct {
	Title, Slice, From, Summary string
	Flow                        *flowView
	Aging                       htmlTable
	Team                        string
	Weeks                       htmlTable
	Slices                      []htmlTable
}

// htmlTable is a table of text cells in a scrolling region a keyboard can
// reach (tabindex 0, a region with a name): a phone scrolls it sideways.
// Numeric marks the right-aligned columns; the second column, a title,
// wraps.
type htmlTable struct {
	Heading string // an h2 over the table, "" for none
	Label   string // the region's name
	Narrow  bool   // as wide as its cells, not the page: a few short columns
	Head    []string
	Numeric []bool
	Rows    [][]string
}

// Num reports whether column i is numeric, for the template.
func (t htmlTable) Num(i int) bool { return i < len(t.Numeric) && t.Numeric[i] }

// flowView is the flow section of a page: what it is as of, and each
// picture with its numbers.
type flowView struct {
	At, Commit, Window, Forecast string
	NoForecast                   bool
	WorkTree                     bool // the page's tables are the work tree's
	Burnups                      []burnupView
	BurnupTable                  htmlTable
	CFD                          template.HTML
	Legend                       []legendEntry
	CFDTable                     htmlTable
	Scatter                      template.HTML
	Cycle                        string
	DoneTable                    htmlTable
	Histogram                    template.HTML
	HistogramTable               htmlTable
}

type burnupView struct {
	ID, Title string
	SVG       template.HTML
	Text      string
}

func newFlowView(at At, r *flow.Report, c Charts) *flowView {
	v := &flowView{At: at.line(), Commit: at.Commit, Cycle: pct(r.Summary.Cycle)}
	first := flow.DayOf(r.From)
	v.Window = fmt.Sprintf("%s to %s", first, flow.DayOf(r.Now))
	if c.Forecast.Enough {
		v.Forecast = c.Forecast.assumptions()
	} else {
		v.NoForecast = true
		v.Forecast = c.Forecast.notEnough()
	}
	v.BurnupTable = htmlTable{Label: "Burn-ups in numbers", Head: []string{"item", "title", "accepted", "in scope", "50%", "85%", "95%"}, Numeric: []bool{2: true, 3: true}}
	for _, b := range c.Burnups {
		text := burnupForecast(b, c.Forecast)
		v.Burnups = append(v.Burnups, burnupView{ID: oneLine(b.ID), Title: oneLine(b.Title), SVG: BurnupSVG(b, first, c.Forecast),
			Text: fmt.Sprintf("%d of %d accepted; %s.", last(b.Accepted), last(b.Scope), text)})
		row := []string{oneLine(b.ID), oneLine(b.Title), strconv.Itoa(last(b.Accepted)), strconv.Itoa(last(b.Scope))}
		for i := range Percents {
			cell := "–"
			if c.Forecast.Enough && b.Forecast != nil {
				cell = dayOrLater(b.Forecast.Days[i], b.Forecast.Later[i], c.Forecast.Horizon)
			}
			row = append(row, cell)
		}
		v.BurnupTable.Rows = append(v.BurnupTable.Rows, row)
	}

	v.CFD = FlowSVG(r, c.Categories)
	order := stackOrderOf(c.Categories)
	v.CFDTable = htmlTable{Label: "Cumulative flow per day", Head: []string{"day", "in progress"}, Numeric: []bool{false, true}}
	for _, i := range order {
		v.Legend = append(v.Legend, legendEntry{statusName(r.Statuses[i]), string(c.Categories[i])})
		v.CFDTable.Head = append(v.CFDTable.Head, statusName(r.Statuses[i]))
		v.CFDTable.Numeric = append(v.CFDTable.Numeric, true)
	}
	for _, d := range r.Days {
		row := []string{d.Day.String(), strconv.Itoa(d.InProgress)}
		for _, i := range order {
			row = append(row, strconv.Itoa(d.ByStatus[i]))
		}
		v.CFDTable.Rows = append(v.CFDTable.Rows, row)
	}

	v.Scatter = ScatterSVG(r)
	v.DoneTable = htmlTable{Label: "Stories accepted in the window", Head: []string{"story", "title", "roadmap", "created", "started", "accepted", "lead time", "cycle time"},
		Numeric: []bool{6: true, 7: true}}
	for _, d := range r.Done {
		cycle := "–"
		if d.Cycle != nil {
			cycle = dur(*d.Cycle)
		}
		v.DoneTable.Rows = append(v.DoneTable.Rows, []string{oneLine(d.ID), oneLine(d.Title), orDash(oneLine(d.Roadmap)), date(d.Created),
			orDash(date(d.Started)), date(d.Accepted), dur(d.Lead), cycle})
	}

	hist := Histogram(r)
	v.Histogram = HistogramSVG(hist)
	v.HistogramTable = htmlTable{Label: "Throughput histogram in numbers", Head: []string{"stories accepted in a day", "days"}, Numeric: []bool{true, true}, Narrow: true}
	for k, days := range hist {
		if days > 0 {
			v.HistogramTable.Rows = append(v.HistogramTable.Rows, []string{strconv.Itoa(k), strconv.Itoa(days)})
		}
	}
	return v
}

const metricsTemplate = `<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flow metrics{{with .Title}}: {{.}}{{end}}</title>
<style>
{{template "style"}}
</style>
</head>
<body>
<main>
<h1>Flow metrics{{with .Title}}: {{.}}{{end}}</h1>
<p>Of {{.Slice}}, from {{.From}}. Times come from commit dates.</p>
<p class="overall"><strong>{{.Summary}}.</strong></p>
{{- template "flow" .Flow}}
<h2>Throughput per week</h2>
{{- template "table" .Weeks}}
<h2>Aging work in progress</h2>
{{- if .Aging.Rows}}
<p>Ages against the cycle times of all the team's stories accepted in the window: {{.Team}}.</p>
{{- template "table" .Aging}}
{{- else}}
<p>Nothing is in progress.</p>
{{- end}}
{{- range .Slices}}
<h2>{{.Heading}}</h2>
{{- template "table" .}}
{{- end}}
<footer>Generated by prodspec. Percentiles are nearest-rank: the ⌈p/100 × n⌉-th smallest value.</footer>
</main>
</body>
</html>
`

// flowTemplate is the flow section, on the metrics page and the status
// page alike: each picture, then its numbers.
const flowTemplate = `{{define "flow"}}
<p class="asof">Flow from git history as of {{.At}}: commit <code>{{.Commit}}</code>, the days {{.Window}}.{{if .WorkTree}} The tables above are the work tree's: what it has that is not committed is not in these pictures.{{end}}</p>
<h2>Burn-up per roadmap item</h2>
<p>Stories in scope (thin line) and accepted (thick line) at the end of each day{{if not .NoForecast}}; the shaded band runs from the day by which the forecast has the item done in 50% of its trials to the 95% day, the dashed line marks 85%{{end}}.</p>
<p class="meta">{{.Forecast}}</p>
{{- if .Burnups}}
<div class="grid">
{{- range .Burnups}}
<figure><figcaption><span class="id">{{.ID}}</span>{{.Title}}</figcaption>{{.SVG}}<p class="meta">{{.Text}}</p></figure>
{{- end}}
</div>
{{- template "table" .BurnupTable}}
{{- else}}
<p>No roadmap item has stories.</p>
{{- end}}
<h2>Cumulative flow</h2>
<figure class="wide">{{.CFD}}
<figcaption><ul class="legend">
{{- range .Legend}}
<li><i class="c-{{.Category}}"></i>{{.Name}}</li>
{{- end}}
</ul></figcaption></figure>
{{- if .CFDTable.Rows}}
<details><summary>Stories per status, per day</summary>
{{- template "table" .CFDTable}}
</details>
{{- end}}
<h2>Cycle time</h2>
<figure class="wide">{{.Scatter}}<figcaption class="meta">Each dot is a story accepted in the window, at the day it was accepted and its cycle time (first in-progress status to accepted); dashed lines at the 50th and 85th percentile: {{.Cycle}}.</figcaption></figure>
{{- if .DoneTable.Rows}}
<details><summary>Stories accepted in the window, with lead and cycle times</summary>
{{- template "table" .DoneTable}}
</details>
{{- end}}
<h2>Throughput histogram</h2>
<figure class="wide">{{.Histogram}}<figcaption class="meta">How many days of the window saw 0, 1, 2… stories accepted.</figcaption></figure>
{{- if .HistogramTable.Rows}}
{{- template "table" .HistogramTable}}
{{- end}}
{{- end}}`

// tableTemplate is an htmlTable in its scrolling region.
const tableTemplate = `{{define "table"}}
<div class="scroll" tabindex="0" role="region" aria-label="{{.Label}}">
<table{{if .Narrow}} class="narrow"{{end}}>
<thead><tr>{{range $i, $h := .Head}}<th{{if $.Num $i}} class="n"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{- $t := .}}
{{- range .Rows}}
<tr>{{range $i, $c := .}}<td{{if $t.Num $i}} class="n"{{else if eq $i 1}} class="title"{{end}}>{{$c}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
</div>
{{- end}}`
