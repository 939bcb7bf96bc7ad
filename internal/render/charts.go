package render

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/report"
)

// Charts are what the flow pictures of an html page draw besides the
// metrics report itself: the colour of each status, a burn-up per roadmap
// item and the forecast that gives the burn-ups their range.
type Charts struct {
	Categories []report.Category // per flow.Report.Statuses
	Burnups    []Burnup
	// Forecast is the forecast of the whole backlog with prodspec
	// forecast's defaults; when it has not Enough history the burn-ups
	// say so instead of drawing a range.
	Forecast Forecast
}

// Burnup is one roadmap item's stories at the end of each day of the
// report's window: accepted, and in scope (in the spec and not rejected).
type Burnup struct {
	ID, Title       string
	Accepted, Scope []int
	// Forecast is the item's dates, nil when it has no open story on the
	// backlog (or the forecast has not enough history).
	Forecast *ItemForecast
}

// NewBurnup reads a roadmap item's burn-up off the cumulative flow of its
// stories: the counts of the accepted status, and of every status but
// the rejected ones.
func NewBurnup(id, title string, days []flow.Count, statuses []report.Category) Burnup {
	b := Burnup{ID: id, Title: title, Accepted: make([]int, len(days)), Scope: make([]int, len(days))}
	for d, c := range days {
		for i, n := range c.ByStatus {
			switch statuses[i] {
			case report.Accepted:
				b.Accepted[d] += n
				b.Scope[d] += n
			case report.Rejected:
			default:
				b.Scope[d] += n
			}
		}
	}
	return b
}

// The drawing area of every chart, in SVG user units. The page scales the
// picture to its width (viewBox, width 100%), so a phone shows what a
// desktop does; the numbers are small enough that text stays readable
// when a 390 px screen shrinks it.
const (
	chartW, chartH         = 400, 220
	padL, padR, padT, padB = 36, 10, 20, 30
)

// plot maps data onto the drawing area: x is a day index from 0 to days,
// y a value from 0 to top.
type plot struct {
	days float64
	top  float64
}

// x is where day i of the plot's days falls.
func (p plot) x(i float64) float64 {
	return padL + (chartW-padL-padR)*i/math.Max(p.days, 1)
}

// y is where value v falls, 0 at the bottom.
func (p plot) y(v float64) float64 {
	return chartH - padB - (chartH-padB-padT)*v/math.Max(p.top, 1)
}

// niceTop is the top of a y axis showing values up to v: the smallest of
// 1, 2, 5, 10, 20, 50… at least v, so the ticks are round numbers.
func niceTop(v float64) float64 {
	if !(v > 1) || math.IsInf(v, 1) { // also NaN
		return 1
	}
	for m := 1.0; ; m *= 10 {
		for _, f := range []float64{1, 2, 5} {
			if f*m >= v {
				return f * m
			}
		}
	}
}

// chart is an SVG being written.
type chart struct {
	b strings.Builder
	p plot
}

func (c *chart) f(format string, args ...any) { fmt.Fprintf(&c.b, format, args...) }

// newChart starts a chart: role img with its accessible name, and a
// <desc> that says how to read it.
func newChart(p plot, label, desc string) *chart {
	c := &chart{p: p}
	c.f(`<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s"><desc>%s</desc>`, chartW, chartH,
		html.EscapeString(label), html.EscapeString(desc))
	return c
}

// axes draws the axes, y gridlines with their values at 0, half and the
// top, and three x labels: at the left end, the middle and the right end.
func (c *chart) axes(xLabels [3]string, yUnit string) {
	x0, x1, y0 := svgNum(c.p.x(0)), svgNum(c.p.x(c.p.days)), svgNum(c.p.y(0))
	ticks := []float64{0, c.p.top}
	if half := c.p.top / 2; half == math.Trunc(half) {
		ticks = []float64{0, half, c.p.top}
	}
	for _, v := range ticks {
		y := c.p.y(v)
		c.f(`<path class="gl" d="M%s %sH%s"/><text class="tick" x="%d" y="%s" text-anchor="end">%s</text>`,
			x0, svgNum(y), x1, padL-4, svgNum(y+4), num(v))
	}
	c.f(`<path class="axis" d="M%s %sV%sH%s"/>`, x0, svgNum(c.p.y(c.p.top)), y0, x1)
	if yUnit != "" { // over the y axis, above its top value
		c.f(`<text class="tick" x="2" y="11">%s</text>`, html.EscapeString(yUnit))
	}
	for i, anchor := range []string{"start", "middle", "end"} {
		if xLabels[i] == "" {
			continue
		}
		x := c.p.x(c.p.days * float64(i) / 2)
		c.f(`<text class="tick" x="%s" y="%d" text-anchor="%s">%s</text>`, svgNum(x), chartH-10, anchor, html.EscapeString(xLabels[i]))
	}
}

// message writes a line of text in the middle of the drawing area, or
// near its top over a chart that has lines to keep clear of.
func (c *chart) message(text string, top bool) {
	y := (chartH - padB + padT) / 2
	if top {
		y = padT + 14
	}
	c.f(`<text class="note" x="%d" y="%d" text-anchor="middle">%s</text>`, chartW/2, y, html.EscapeString(text))
}

func (c *chart) end() template.HTML {
	c.b.WriteString(`</svg>`)
	return template.HTML(c.b.String())
}

// noData is a chart with nothing to draw: a frame and why.
func noData(label, text string) template.HTML {
	c := newChart(plot{}, label+": "+text, text)
	c.f(`<rect class="frame" x="%d" y="%d" width="%d" height="%d"/>`, padL, padT, chartW-padL-padR, chartH-padT-padB)
	c.message(text, false)
	return c.end()
}

// dayLabels are the x labels of a window of days: its first, middle and
// last day.
func dayLabels(first, last flow.Day) [3]string {
	switch {
	case last <= first:
		return [3]string{first.String(), "", ""}
	case last-first < 2:
		return [3]string{first.String(), "", last.String()}
	}
	return [3]string{first.String(), (first + (last-first)/2).String(), last.String()}
}

// stepPath draws a series of end-of-day values as steps: a value holds
// from its day to the next change, and the line runs on to the last day.
// Only the changes are written, so a long window of a quiet item costs
// a few bytes.
func stepPath(p plot, vals []int) string {
	if len(vals) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "M%s %s", svgNum(p.x(0)), svgNum(p.y(float64(vals[0]))))
	for i := 1; i < len(vals); i++ {
		if vals[i] != vals[i-1] {
			fmt.Fprintf(&b, "H%sV%s", svgNum(p.x(float64(i))), svgNum(p.y(float64(vals[i]))))
		}
	}
	fmt.Fprintf(&b, "H%s", svgNum(p.x(float64(len(vals)-1))))
	return b.String()
}

func last(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	return xs[len(xs)-1]
}

// BurnupSVG draws an item's accepted stories and its scope over the
// window, from days[0] on, and where the forecast puts its end: a band
// from the 50% to the 95% date at the height of the scope, a line at
// 85%. The x axis runs on to the 95% date. Without a forecast range the
// picture says why in words.
func BurnupSVG(b Burnup, first flow.Day, f Forecast) template.HTML {
	label := "Burn-up of " + oneLine(b.ID)
	if len(b.Scope) == 0 {
		return noData(label, "No data: the window has no days.")
	}
	now := first + flow.Day(len(b.Scope)-1)
	end := now
	ranged := f.Enough && b.Forecast != nil && !b.Forecast.Later[len(Percents)-1]
	if ranged {
		end = max(now, b.Forecast.Days[len(Percents)-1])
	}
	p := plot{days: float64(end - first), top: niceTop(float64(max(maxOf(b.Scope), 1)))}
	label += fmt.Sprintf(": %d of %d stories accepted on %s; %s", last(b.Accepted), last(b.Scope), now, burnupForecast(b, f))
	desc := "Stories in scope (thin line) and accepted (thick line) at the end of each day."
	if ranged {
		desc += " The shaded band runs from the 50% to the 95% forecast date, the dashed line marks 85%;" +
			" a thin dashed line runs from today's accepted stories to the scope on the 50% date."
	}
	c := newChart(p, label, desc)
	c.axes(dayLabels(first, end), "stories")
	if ranged {
		x := func(d flow.Day) float64 { return p.x(float64(d - first)) }
		x50, x85, x95 := x(b.Forecast.Days[0]), x(b.Forecast.Days[1]), x(b.Forecast.Days[2])
		c.f(`<rect class="band" x="%s" y="%d" width="%s" height="%s"/>`, svgNum(x50), padT, svgNum(math.Max(x95-x50, 1)), svgNum(p.y(0)-padT))
		c.f(`<path class="p85" d="M%s %dV%s"/>`, svgNum(x85), padT, svgNum(p.y(0)))
		c.f(`<path class="scope ahead" d="M%s %sH%s"/>`, svgNum(x(now)), svgNum(p.y(float64(last(b.Scope)))), svgNum(x95))
		// From today's accepted stories to the scope on the 50% day: how
		// the history reaches the forecast.
		c.f(`<path class="p50" d="M%s %sL%s %s"/>`, svgNum(x(now)), svgNum(p.y(float64(last(b.Accepted)))), svgNum(x50), svgNum(p.y(float64(last(b.Scope)))))
	} else if reason := noRange(b, f); reason != "" {
		c.message(reason, true)
	}
	c.f(`<path class="scope" d="%s"/>`, stepPath(p, b.Scope))
	c.f(`<path class="done" d="%s"/>`, stepPath(p, b.Accepted))
	return c.end()
}

// burnupForecast says in words what the forecast says of an item.
func burnupForecast(b Burnup, f Forecast) string {
	if reason := noRange(b, f); reason != "" {
		return reason
	}
	var parts []string
	for i, p := range Percents {
		parts = append(parts, fmt.Sprintf("%s (%d%%)", dayOrLater(b.Forecast.Days[i], b.Forecast.Later[i], f.Horizon), p))
	}
	return "forecast done by " + strings.Join(parts, ", ")
}

// noRange is why a burn-up draws no forecast range, "" when it draws one.
func noRange(b Burnup, f Forecast) string {
	switch {
	case !f.Enough:
		return "no forecast: not enough history"
	case b.Forecast == nil:
		return "no forecast: no open story on the backlog"
	case b.Forecast.Later[len(Percents)-1]:
		return "95% forecast after " + f.Horizon.String()
	}
	return ""
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// stackOrderOf stacks statuses with the most finished at the bottom, as
// the status bars put it at the left.
func stackOrderOf(cats []report.Category) []int {
	var order []int
	for _, cat := range segmentOrder {
		for i, c := range cats {
			if c == cat {
				order = append(order, i)
			}
		}
	}
	return order
}

// FlowSVG draws the cumulative flow: a band per status, stacked with the
// most finished at the bottom, over the days of the window.
func FlowSVG(r *flow.Report, cats []report.Category) template.HTML {
	label := "Cumulative flow"
	if len(r.Days) == 0 {
		return noData(label, "No data: the window has no days.")
	}
	order := stackOrderOf(cats)
	top := 0
	for _, d := range r.Days {
		top = max(top, sumOf(d.ByStatus))
	}
	p := plot{days: float64(len(r.Days) - 1), top: niceTop(float64(top))}
	lastDay := r.Days[len(r.Days)-1]
	var legend []string
	for _, i := range order {
		legend = append(legend, fmt.Sprintf("%d %s", lastDay.ByStatus[i], statusName(r.Statuses[i])))
	}
	c := newChart(p, fmt.Sprintf("%s, stories per status at the end of each day from %s to %s; on %s: %s", label,
		r.Days[0].Day, lastDay.Day, lastDay.Day, strings.Join(legend, ", ")),
		"Stacked bands, one per status, the most finished at the bottom; the height of a band is its stories that day.")
	c.axes(dayLabels(r.Days[0].Day, lastDay.Day), "stories")
	if top == 0 {
		c.message("No story in the window.", false)
	}
	below := make([]int, len(r.Days))
	for _, i := range order {
		if !hasAny(r.Days, i) {
			continue
		}
		var pts []string
		for d, day := range r.Days {
			pts = append(pts, svgNum(p.x(float64(d)))+","+svgNum(p.y(float64(below[d]+day.ByStatus[i]))))
		}
		for d := len(r.Days) - 1; d >= 0; d-- {
			pts = append(pts, svgNum(p.x(float64(d)))+","+svgNum(p.y(float64(below[d]))))
			below[d] += r.Days[d].ByStatus[i]
		}
		c.f(`<polygon class="c-%s" points="%s"><title>%s</title></polygon>`, cats[i], strings.Join(pts, " "), html.EscapeString(statusName(r.Statuses[i])))
	}
	return c.end()
}

func hasAny(days []flow.Count, status int) bool {
	for _, d := range days {
		if d.ByStatus[status] > 0 {
			return true
		}
	}
	return false
}

func sumOf(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// cycleDays is a duration in days, for a y axis.
func cycleDays(d time.Duration) float64 { return d.Hours() / 24 }

// ScatterSVG draws each story accepted in the window at the day it was
// accepted and its cycle time, with lines at the 50th and 85th
// percentile cycle time.
func ScatterSVG(r *flow.Report) template.HTML {
	label := "Cycle time scatter"
	first, lastDay := flow.DayOf(r.From), flow.DayOf(r.Now)
	var top time.Duration
	n := 0
	for _, d := range r.Done {
		if d.Cycle != nil {
			top = max(top, *d.Cycle)
			n++
		}
	}
	if n == 0 {
		return noData(label, "No data: no story accepted in the window went through an in-progress status.")
	}
	p := plot{days: float64(lastDay - first), top: niceTop(cycleDays(top))}
	cy := r.Summary.Cycle
	c := newChart(p, fmt.Sprintf("%s: cycle time of %s accepted from %s to %s; %s", label, stories(n), first, lastDay,
		strings.ReplaceAll(pct(cy), "·", "and")),
		"One dot per story, at the day it was accepted and its cycle time in days; dashed lines at the 50th and 85th percentile.")
	c.axes(dayLabels(first, lastDay), "days")
	for _, q := range []struct {
		name  string
		v     time.Duration
		below bool
	}{{"50th", cy.P50, true}, {"85th", cy.P85, false}} {
		y := p.y(cycleDays(q.v))
		ty := y - 3
		if q.below {
			ty = y + 11
		}
		c.f(`<path class="pct" d="M%s %sH%s"/><text class="tick" x="%s" y="%s" text-anchor="end">%s %s</text>`,
			svgNum(p.x(0)), svgNum(y), svgNum(p.x(p.days)), svgNum(p.x(p.days)-2), svgNum(ty), q.name, dur(q.v))
	}
	for _, d := range r.Done {
		if d.Cycle == nil {
			continue
		}
		c.f(`<circle class="dot" cx="%s" cy="%s" r="3.5"><title>%s: %s</title></circle>`,
			svgNum(p.x(float64(flow.DayOf(d.Accepted)-first))), svgNum(p.y(cycleDays(*d.Cycle))), html.EscapeString(oneLine(d.ID)), dur(*d.Cycle))
	}
	return c.end()
}

// Histogram is how many days of a window saw each number of stories
// accepted: Days[k] days had k accepted.
func Histogram(r *flow.Report) []int {
	first, lastDay := flow.DayOf(r.From), flow.DayOf(r.Now)
	if lastDay < first {
		return nil
	}
	per := make([]int, lastDay-first+1)
	for _, d := range r.Done {
		if i := int(flow.DayOf(d.Accepted) - first); i >= 0 && i < len(per) {
			per[i]++
		}
	}
	out := make([]int, maxOf(per)+1)
	for _, k := range per {
		out[k]++
	}
	return out
}

// HistogramSVG draws the daily throughput as a histogram: a bar per number
// of stories accepted in a day, as high as the days that saw it.
func HistogramSVG(hist []int) template.HTML {
	label := "Throughput histogram"
	if len(hist) == 0 {
		return noData(label, "No data: the window has no days.")
	}
	var parts []string
	for k, days := range hist {
		if days > 0 {
			parts = append(parts, fmt.Sprintf("%s on %s", stories(k), plural(days, "day")))
		}
	}
	p := plot{days: float64(len(hist)), top: niceTop(float64(maxOf(hist)))}
	c := newChart(p, label+", stories accepted per day: "+strings.Join(parts, ", "),
		"One bar per number of stories accepted in a day, from 0 up; its height is how many days of the window saw that many.")
	mid := -1 // the middle bar's label, when there is a bar between the ends
	if len(hist) > 2 {
		mid = (len(hist) - 1) / 2
	}
	c.axes([3]string{"", "", ""}, "days")
	bw := p.x(1) - p.x(0)
	for k, days := range hist {
		x := p.x(float64(k))
		c.f(`<rect class="c-accepted" x="%s" y="%s" width="%s" height="%s"><title>%s: %s</title></rect>`,
			svgNum(x+bw*0.1), svgNum(p.y(float64(days))), svgNum(bw*0.8), svgNum(p.y(0)-p.y(float64(days))), stories(k), plural(days, "day"))
	}
	// x labels under the first, middle and last bar: stories per day.
	labels := []int{0}
	if mid > 0 {
		labels = append(labels, mid)
	}
	if len(hist) > 1 {
		labels = append(labels, len(hist)-1)
	}
	for _, k := range labels {
		c.f(`<text class="tick" x="%s" y="%d" text-anchor="middle">%d</text>`, svgNum(p.x(float64(k)+0.5)), chartH-16, k)
	}
	c.f(`<text class="tick" x="%s" y="%d" text-anchor="middle">stories accepted in a day</text>`, svgNum(p.x(p.days/2)), chartH-3)
	return c.end()
}
