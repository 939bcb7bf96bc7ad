package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/history"
)

// At is the commit a report from git history is as of: the ref as the
// user named it, its full hash, and its commit date, which is "now".
type At struct {
	Ref, Commit string
	Date        time.Time
}

func (a At) short() string { return a.Commit[:min(7, len(a.Commit))] }

// line is "main (3f2a1b9, 2026-01-05 12:00 UTC)".
func (a At) line() string {
	return fmt.Sprintf("%s (%s, %s)", oneLine(a.Ref), a.short(), stamp(a.Date))
}

// Metrics is the flow metrics report of a slice of the spec.
type Metrics struct {
	Title   string
	At      At
	Roadmap []string // the slice: these roadmap items' stories …
	Goals   []string // … or those of items serving these goals; both empty for all
	Report  *flow.Report
	Items   []SliceSummary // per roadmap item of the slice, in the spec's order
	ByGoal  []SliceSummary // per goal of the slice
	// Charts are what the html format draws besides Report: the burn-ups
	// of the slice's roadmap items with their forecast. Only html reads
	// them; nil for the other formats.
	Charts *Charts
}

// SliceSummary is the summary line of one roadmap item's or goal's stories.
type SliceSummary struct {
	ID, Title string
	Summary   flow.Summary
}

// slice says which stories a report is about.
func (m Metrics) slice() string {
	var parts []string
	if len(m.Roadmap) > 0 {
		parts = append(parts, "roadmap "+strings.Join(m.Roadmap, ", "))
	}
	if len(m.Goals) > 0 {
		parts = append(parts, "goals "+strings.Join(m.Goals, ", "))
	}
	if len(parts) == 0 {
		return "all stories"
	}
	return "the stories of " + strings.Join(parts, " and ")
}

// PercentileMethod names how percentiles are computed, in every report
// that gives one.
const PercentileMethod = "nearest rank: the ⌈p/100 × n⌉-th smallest value"

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") + " UTC" }

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

func dur(d time.Duration) string { return history.FormatDuration(d) }

// pct is "50th 2d · 85th 4d", or "–" with nothing measured.
func pct(p flow.Percentiles) string {
	if p.N == 0 {
		return "–"
	}
	return "50th " + dur(p.P50) + " · 85th " + dur(p.P85)
}

var standingText = map[flow.Standing]string{
	flow.NoStanding: "–",
	flow.WithinP50:  "within the 50th percentile",
	flow.PastP50:    "past the 50th percentile",
	flow.PastP85:    "past the 85th percentile",
}

func summaryLine(s flow.Summary) string {
	line := stories(s.Accepted) + " accepted"
	if s.Cycle.N > 0 {
		line += "; cycle time " + pct(s.Cycle)
	}
	if s.Lead.N > 0 {
		line += "; lead time " + pct(s.Lead)
	}
	line += fmt.Sprintf("; %d in progress now", s.InProgress)
	if s.Unseen > 0 {
		line += fmt.Sprintf("; %s already accepted when first committed (no acceptance date: left out)", stories(s.Unseen))
	}
	return line
}

// MetricsMarkdown writes the metrics report as markdown tables.
func MetricsMarkdown(w io.Writer, m Metrics) error {
	r := m.Report
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n# Flow metrics", Marker)
	if m.Title != "" {
		fmt.Fprintf(&b, ": %s", md(m.Title))
	}
	fmt.Fprintf(&b, "\n\nAs of %s, %s, from %s. Times come from commit dates; percentiles are %s.\n",
		md(m.At.line()), md(m.slice()), stamp(r.From), PercentileMethod)
	fmt.Fprintf(&b, "\n**%s.**\n", md(summaryLine(r.Summary)))

	b.WriteString("\n## Aging work in progress\n\n")
	if len(r.Aging) == 0 {
		b.WriteString("Nothing is in progress.\n")
	} else {
		fmt.Fprintf(&b, "Ages against the cycle times of all the team's stories accepted in the window: %s.\n\n", pct(r.Team))
		table(&b, []string{"story", "title", "status", "started", "age", "against cycle times"}, []string{"---", "---", "---", "---", "---:", "---"})
		for _, a := range r.Aging {
			row(&b, []string{md(a.ID), md(a.Title), md(a.Status), date(a.Started), dur(a.Age), standingText[a.Standing]})
		}
	}

	b.WriteString("\n## Stories accepted\n\n")
	if len(r.Done) == 0 {
		b.WriteString("No story was accepted in the window.\n")
	} else {
		table(&b, []string{"story", "title", "roadmap", "created", "started", "accepted", "lead time", "cycle time"}, []string{"---", "---", "---", "---", "---", "---", "---:", "---:"})
		for _, d := range r.Done {
			cycle := "–"
			if d.Cycle != nil {
				cycle = dur(*d.Cycle)
			}
			row(&b, []string{md(d.ID), md(d.Title), orDash(md(d.Roadmap)), date(d.Created), orDash(date(d.Started)), date(d.Accepted), dur(d.Lead), cycle})
		}
	}

	b.WriteString("\n## Throughput per week\n\n")
	table(&b, []string{"week of", "stories", "points", "estimated"}, []string{"---", "---:", "---:", "---:"})
	for _, wk := range r.Weeks {
		row(&b, []string{wk.Monday.String(), strconv.Itoa(wk.Stories), num(wk.Points), strconv.Itoa(wk.Estimated)})
	}

	for _, sl := range []struct {
		head, kind string
		rows       []SliceSummary
	}{{"Roadmap items", "item", m.Items}, {"Goals", "goal", m.ByGoal}} {
		if len(sl.rows) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n\n", sl.head)
		table(&b, []string{sl.kind, "title", "accepted", "in progress", "cycle time", "lead time"}, []string{"---", "---", "---:", "---:", "---", "---"})
		for _, s := range sl.rows {
			row(&b, []string{md(s.ID), md(s.Title), strconv.Itoa(s.Summary.Accepted), strconv.Itoa(s.Summary.InProgress), pct(s.Summary.Cycle), pct(s.Summary.Lead)})
		}
	}

	b.WriteString("\n## Cumulative flow and work in progress per day\n\n")
	head, align := []string{"day", "in progress"}, []string{"---", "---:"}
	for _, st := range r.Statuses {
		head, align = append(head, md(st)), append(align, "---:")
	}
	table(&b, head, align)
	for _, c := range r.Days {
		cells := []string{c.Day.String(), strconv.Itoa(c.InProgress)}
		for _, n := range c.ByStatus {
			cells = append(cells, strconv.Itoa(n))
		}
		row(&b, cells)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type metricsDoc struct {
	Version          int                `json:"version"`
	Title            string             `json:"title"`
	At               atJSON             `json:"at"`
	Slice            sliceJSON          `json:"slice"`
	From             string             `json:"from"`
	PercentileMethod string             `json:"percentile_method"`
	Summary          summaryJSON        `json:"summary"`
	Stories          []doneJSON         `json:"stories"`
	Throughput       []weekJSON         `json:"throughput"`
	Aging            []agingJSON        `json:"aging"`
	TeamCycleTime    percentilesJSON    `json:"team_cycle_time"` // what aging is compared with
	Roadmap          []sliceSummaryJSON `json:"roadmap"`
	Goals            []sliceSummaryJSON `json:"goals"`
	Days             []dayJSON          `json:"days"`
}

type atJSON struct {
	Ref    string `json:"ref"`
	Commit string `json:"commit"`
	Date   string `json:"date"`
}

type sliceJSON struct {
	Roadmap []string `json:"roadmap"`
	Goals   []string `json:"goals"`
}

type summaryJSON struct {
	Accepted   int `json:"accepted"`
	InProgress int `json:"in_progress"`
	// AcceptedUnseen: accepted in their first commit, on no known day.
	AcceptedUnseen int             `json:"accepted_unseen"`
	LeadTime       percentilesJSON `json:"lead_time"`
	CycleTime      percentilesJSON `json:"cycle_time"`
}

// percentilesJSON gives durations in seconds; null percentiles when
// nothing was measured.
type percentilesJSON struct {
	N   int    `json:"n"`
	P50 *int64 `json:"p50_seconds"`
	P85 *int64 `json:"p85_seconds"`
}

type doneJSON struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Roadmap   string   `json:"roadmap"`
	Estimate  *float64 `json:"estimate"`
	Created   string   `json:"created"`
	Started   *string  `json:"started"`
	Accepted  string   `json:"accepted"`
	LeadTime  int64    `json:"lead_time_seconds"`
	CycleTime *int64   `json:"cycle_time_seconds"`
}

type weekJSON struct {
	Week      string  `json:"week"`
	Stories   int     `json:"stories"`
	Points    float64 `json:"points"`
	Estimated int     `json:"estimated"`
}

type agingJSON struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Status   string `json:"status"`
	Started  string `json:"started"`
	Age      int64  `json:"age_seconds"`
	Standing string `json:"standing"`
}

type sliceSummaryJSON struct {
	ID      string      `json:"id"`
	Title   string      `json:"title"`
	Summary summaryJSON `json:"summary"`
}

type dayJSON struct {
	Date       string      `json:"date"`
	InProgress int         `json:"in_progress"`
	ByStatus   namedCounts `json:"by_status"`
}

func secs(d time.Duration) int64 { return int64(d / time.Second) }

func rfc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func newAtJSON(a At) atJSON { return atJSON{a.Ref, a.Commit, rfc(a.Date)} }

func newPercentilesJSON(ps flow.Percentiles) percentilesJSON {
	if ps.N == 0 {
		return percentilesJSON{}
	}
	p50, p85 := secs(ps.P50), secs(ps.P85)
	return percentilesJSON{N: ps.N, P50: &p50, P85: &p85}
}

func newSummaryJSON(s flow.Summary) summaryJSON {
	return summaryJSON{Accepted: s.Accepted, InProgress: s.InProgress, AcceptedUnseen: s.Unseen, LeadTime: newPercentilesJSON(s.Lead), CycleTime: newPercentilesJSON(s.Cycle)}
}

// MetricsJSON writes the metrics report as one JSON document.
func MetricsJSON(w io.Writer, m Metrics) error {
	r := m.Report
	doc := metricsDoc{Version: 1, Title: m.Title, At: newAtJSON(m.At), Slice: sliceJSON{orEmpty(m.Roadmap), orEmpty(m.Goals)},
		From: rfc(r.From), PercentileMethod: "nearest-rank", Summary: newSummaryJSON(r.Summary),
		TeamCycleTime: newPercentilesJSON(r.Team), Stories: []doneJSON{}, Throughput: []weekJSON{}, Aging: []agingJSON{}, Roadmap: []sliceSummaryJSON{}, Goals: []sliceSummaryJSON{}, Days: []dayJSON{}}
	for _, d := range r.Done {
		dj := doneJSON{ID: d.ID, Title: d.Title, Roadmap: d.Roadmap, Estimate: d.Estimate, Created: rfc(d.Created), Accepted: rfc(d.Accepted), LeadTime: secs(d.Lead)}
		if d.Cycle != nil {
			started, c := rfc(d.Started), secs(*d.Cycle)
			dj.Started, dj.CycleTime = &started, &c
		}
		doc.Stories = append(doc.Stories, dj)
	}
	for _, wk := range r.Weeks {
		doc.Throughput = append(doc.Throughput, weekJSON{wk.Monday.String(), wk.Stories, wk.Points, wk.Estimated})
	}
	for _, a := range r.Aging {
		doc.Aging = append(doc.Aging, agingJSON{a.ID, a.Title, a.Status, rfc(a.Started), secs(a.Age), string(a.Standing)})
	}
	for _, s := range m.Items {
		doc.Roadmap = append(doc.Roadmap, sliceSummaryJSON{s.ID, s.Title, newSummaryJSON(s.Summary)})
	}
	for _, s := range m.ByGoal {
		doc.Goals = append(doc.Goals, sliceSummaryJSON{s.ID, s.Title, newSummaryJSON(s.Summary)})
	}
	for _, c := range r.Days {
		doc.Days = append(doc.Days, dayJSON{c.Day.String(), c.InProgress, namedCounts{r.Statuses, c.ByStatus}})
	}
	return writeReportJSON(w, doc)
}

// MetricsCSV writes one row per story measured: each story accepted in
// the window with its lead and cycle time, and each story in progress
// now with its age, in days, for a spreadsheet. The weekly and daily
// series are in the md and json formats.
func MetricsCSV(w io.Writer, m Metrics) error {
	cw := csv.NewWriter(w)
	days := func(d time.Duration) string { return strconv.FormatFloat(d.Hours()/24, 'f', 2, 64) }
	rows := [][]string{{"id", "title", "roadmap", "status", "created", "started", "accepted", "lead_time_days", "cycle_time_days", "age_days", "standing"}}
	for _, d := range m.Report.Done {
		cycle := ""
		if d.Cycle != nil {
			cycle = days(*d.Cycle)
		}
		rows = append(rows, []string{cell(d.ID), cell(d.Title), cell(d.Roadmap), "accepted", rfc(d.Created), rfcOrEmpty(d.Started), rfc(d.Accepted), days(d.Lead), cycle, "", ""})
	}
	for _, a := range m.Report.Aging {
		rows = append(rows, []string{cell(a.ID), cell(a.Title), cell(a.Roadmap), cell(a.Status), "", rfc(a.Started), "", "", "", days(a.Age), string(a.Standing)})
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

func rfcOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return rfc(t)
}
