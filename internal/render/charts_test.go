package render

import (
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/report"
)

// notANumber is what a division by zero or an empty series would leave in
// a coordinate.
var notANumber = regexp.MustCompile(`NaN|[+-]?Inf\b`)

func TestPlotMapsKnownValues(t *testing.T) {
	// The drawing area runs from x 36 to 390 and from y 190 (0) up to 20.
	p := plot{days: 10, top: 20}
	for _, c := range []struct{ got, want float64 }{
		{p.x(0), 36}, {p.x(10), 390}, {p.x(5), 213},
		{p.y(0), 190}, {p.y(20), 20}, {p.y(10), 105},
	} {
		if c.got != c.want {
			t.Errorf("got %v, want %v", c.got, c.want)
		}
	}
	// A plot of nothing maps onto the area's edges, never divides by zero.
	empty := plot{}
	if x, y := empty.x(0), empty.y(0); x != 36 || y != 190 {
		t.Errorf("empty plot: (%v, %v), want (36, 190)", x, y)
	}
}

func TestNiceTop(t *testing.T) {
	for v, want := range map[float64]float64{-1: 1, 0: 1, 1: 1, 1.5: 2, 3: 5, 10: 10, 11: 20, 101: 200, math.NaN(): 1, math.Inf(1): 1} {
		if v != v { // NaN cannot be a map key that is found again
			continue
		}
		if got := niceTop(v); got != want {
			t.Errorf("niceTop(%v) = %v, want %v", v, got, want)
		}
	}
	if got := niceTop(math.NaN()); got != 1 {
		t.Errorf("niceTop(NaN) = %v, want 1", got)
	}
}

func TestStepPathWritesOnlyChanges(t *testing.T) {
	// Days 0..3 at x 36, 154, 272, 390; values 0, 2, 4 at y 190, 105, 20.
	p := plot{days: 3, top: 4}
	if got, want := stepPath(p, []int{0, 0, 2, 4}), "M36 190H272V105H390V20H390"; got != want {
		t.Errorf("stepPath = %q, want %q", got, want)
	}
	if got := stepPath(p, nil); got != "" {
		t.Errorf("stepPath(nil) = %q, want empty", got)
	}
}

func TestNewBurnupCountsScopeWithoutRejected(t *testing.T) {
	cats := []report.Category{report.Open, report.InProgress, report.Accepted, report.Rejected}
	days := []flow.Count{{ByStatus: []int{3, 0, 0, 0}}, {ByStatus: []int{1, 1, 1, 1}}}
	b := NewBurnup("R-1", "One", days, cats)
	if !equalInts(b.Accepted, []int{0, 1}) || !equalInts(b.Scope, []int{3, 3}) {
		t.Errorf("accepted %v, scope %v; want [0 1], [3 3]", b.Accepted, b.Scope)
	}
}

func equalInts(a, b []int) bool {
	return len(a) == len(b) && string(intsKey(a)) == string(intsKey(b))
}

func intsKey(xs []int) []byte {
	var b []byte
	for _, x := range xs {
		b = append(b, byte(x), ',')
	}
	return b
}

// forecastFor is a forecast with enough history that puts item R-1's end
// on the days given.
func forecastFor(days ...flow.Day) (Forecast, *ItemForecast) {
	it := &ItemForecast{ID: "R-1", Days: days, Later: make([]bool, len(days))}
	return Forecast{Enough: true, Horizon: 5000, Items: []ItemForecast{*it}}, it
}

func TestBurnupDrawsTheForecastRange(t *testing.T) {
	// Five days of history from day 100; the forecast's 50%, 85% and 95%
	// days 106, 108 and 110: the x axis runs 10 days, to the 95% day.
	f, it := forecastFor(106, 108, 110)
	b := Burnup{ID: "R-1", Accepted: []int{0, 1, 1, 2, 3}, Scope: []int{4, 4, 5, 5, 5}, Forecast: it}
	got := string(BurnupSVG(b, 100, f))
	for _, want := range []string{
		`viewBox="0 0 400 220" role="img"`,
		`aria-label="Burn-up of R-1: 3 of 5 stories accepted on 1970-04-15; forecast done by 1970-04-17 (50%), 1970-04-19 (85%), 1970-04-21 (95%)"`,
		`<rect class="band" x="248.4" y="20" width="141.6" height="170"/>`, // day 6 to day 10
		`<path class="p85" d="M319.2 20V190"/>`,                            // day 8
		`<path class="scope ahead" d="M177.6 20H390"/>`,                    // scope 5, the top, from now (day 4) on
		`<path class="done" d="M36 190H71.4V156H142.2V122H177.6V88H177.6"/>`,
		`<path class="p50" d="M177.6 88L248.4 20"/>`, // 3 accepted now to the scope of 5 on day 6
		`<desc>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("burn-up lacks %s:\n%s", want, got)
		}
	}
}

func TestBurnupWithoutEnoughHistorySaysSo(t *testing.T) {
	f, it := forecastFor(106, 108, 110)
	f.Enough = false
	b := Burnup{ID: "R-1", Accepted: []int{0, 1}, Scope: []int{2, 2}, Forecast: it}
	got := string(BurnupSVG(b, 100, f))
	if strings.Contains(got, `class="band"`) || strings.Contains(got, `class="p85"`) {
		t.Errorf("a burn-up without enough history draws a range:\n%s", got)
	}
	if !strings.Contains(got, `<text class="note" x="200" y="34" text-anchor="middle">no forecast: not enough history</text>`) {
		t.Errorf("the burn-up does not say why it has no range:\n%s", got)
	}
	// Past the horizon: no range either, and the date it is after.
	f, it = forecastFor(106, 108, 110)
	it.Later[2] = true
	b.Forecast = it
	if got := string(BurnupSVG(b, 100, f)); strings.Contains(got, `class="band"`) || !strings.Contains(got, "95% forecast after 1983-09-10") {
		t.Errorf("a 95%% date past the horizon:\n%s", got)
	}
}

func day(d flow.Day, hour int) time.Time { return d.Time().Add(time.Duration(hour) * time.Hour) }

func TestScatterPlacesStoriesAndPercentiles(t *testing.T) {
	// A window of 10 days from day 100; S-1 accepted on day 105 after 2
	// days, S-2 on day 110 after 4: the y axis tops at 5 days.
	c1, c2 := 48*time.Hour, 96*time.Hour
	r := &flow.Report{From: day(100, 9), Now: day(110, 12),
		Summary: flow.Summary{Cycle: flow.Percentiles{N: 2, P50: c1, P85: c2}},
		Done:    []flow.Done{{ID: "S-1", Accepted: day(105, 9), Cycle: &c1}, {ID: "S-2", Accepted: day(110, 9), Cycle: &c2}, {ID: "S-3", Accepted: day(106, 9)}}}
	got := string(ScatterSVG(r))
	for _, want := range []string{
		`<circle class="dot" cx="213" cy="122" r="3.5"><title>S-1: 2d</title></circle>`,
		`<circle class="dot" cx="390" cy="54" r="3.5"><title>S-2: 4d</title></circle>`,
		`<path class="pct" d="M36 122H390"/>`, // 50th: 2 days
		`<path class="pct" d="M36 54H390"/>`,  // 85th: 4 days
		`aria-label="Cycle time scatter: cycle time of 2 stories accepted from 1970-04-11 to 1970-04-21; 50th 2d and 85th 4d"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("scatter lacks %s:\n%s", want, got)
		}
	}
	if strings.Count(got, "<circle") != 2 {
		t.Errorf("a story with no cycle time is drawn:\n%s", got)
	}
}

func TestHistogram(t *testing.T) {
	// Days 100 to 103: two stories on day 100, one on 102.
	r := &flow.Report{From: day(100, 9), Now: day(103, 9), Done: []flow.Done{{Accepted: day(100, 10)}, {Accepted: day(100, 11)}, {Accepted: day(102, 1)}}}
	hist := Histogram(r)
	if !equalInts(hist, []int{2, 1, 1}) {
		t.Fatalf("Histogram = %v, want [2 1 1]", hist)
	}
	got := string(HistogramSVG(hist))
	// Three bars over 354 units: 118 each, 80% of it drawn; 2 days tops the axis.
	for _, want := range []string{
		`<rect class="c-accepted" x="47.8" y="20" width="94.4" height="170"><title>0 stories: 2 days</title></rect>`,
		`<rect class="c-accepted" x="165.8" y="105" width="94.4" height="85"><title>1 story: 1 day</title></rect>`,
		`aria-label="Throughput histogram, stories accepted per day: 0 stories on 2 days, 1 story on 1 day, 2 stories on 1 day"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("histogram lacks %s:\n%s", want, got)
		}
	}
}

// TestEmptySeriesSayNoData: every picture of nothing says so in words and
// has no NaN or infinity in it.
func TestEmptySeriesSayNoData(t *testing.T) {
	empty := &flow.Report{From: day(100, 12), Now: day(99, 12)}
	f, _ := forecastFor()
	for name, svg := range map[string]string{
		"burn-up":   string(BurnupSVG(Burnup{ID: "R-1"}, 100, f)),
		"flow":      string(FlowSVG(empty, nil)),
		"scatter":   string(ScatterSVG(empty)),
		"histogram": string(HistogramSVG(Histogram(empty))),
	} {
		if !strings.Contains(svg, "No data") {
			t.Errorf("%s of nothing does not say so:\n%s", name, svg)
		}
		if notANumber.MatchString(svg) {
			t.Errorf("%s of nothing has NaN or Inf:\n%s", name, svg)
		}
	}
}
