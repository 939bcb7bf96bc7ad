package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/prodspec/prodspec/internal/flow"
)

// Forecast is the Monte Carlo forecast of the open roadmap items, with
// the assumptions it rests on, so a reader can judge it.
type Forecast struct {
	Title       string
	At          At
	Model       string      // the priority model that orders the backlog
	Sample      flow.Sample // the throughput the futures are drawn from
	Weeks       int         // the sample's window
	Trials      int
	MinAccepted int
	Horizon     flow.Day // the last day a future runs to
	// Enough is false when the sample holds fewer accepted stories than
	// MinAccepted: then there are no dates, only the assumptions.
	Enough bool
	Items  []ItemForecast
	// Backlog is every open story, in backlog order, whatever roadmap
	// item it serves or none (ID and Title empty); nil when none is open.
	Backlog *ItemForecast
	By      *HowMany // --by, nil without it
}

// Percents are the likelihoods every forecast gives.
var Percents = []int{50, 85, 95}

// ItemForecast is when one roadmap item's open stories will be accepted.
type ItemForecast struct {
	ID, Title string
	Open      int        // the item's open stories
	Through   int        // the backlog rank of its last open story: the stories to finish first
	Last      string     // that story's ID
	Days      []flow.Day // per Percents: the day by which it is done …
	Later     []bool     // … unless it is not done by the horizon
}

// HowMany is how many stories will be accepted by a date, per Percents.
type HowMany struct {
	Date    flow.Day
	Periods int // whole periods from now to Date
	Stories []int
}

func (f Forecast) period() string {
	if f.Sample.Period == 7 {
		return "week"
	}
	return "day"
}

// assumptions say in words what the numbers rest on.
func (f Forecast) assumptions() string {
	counts := make([]string, len(f.Sample.Counts))
	for i, c := range f.Sample.Counts {
		counts[i] = strconv.Itoa(c)
	}
	return fmt.Sprintf("Throughput is drawn at random from the team's stories accepted per %s in the %s from %s to %s: %s accepted "+
		"(per %s, oldest first: %s). Each of %d trials draws one %s at a time, from a generator with a fixed seed, until the work is done "+
		"or %s. Open stories are done in backlog order (%s); a roadmap item is done when every open story ranked up to its last one is accepted. "+
		"The 50%%, 85%% and 95%% dates are the days by which that share of the trials had the work done.",
		f.period(), plural(f.Weeks, "week"), f.Sample.From, f.Sample.To, stories(f.Sample.Accepted()), f.period(), strings.Join(counts, " "),
		f.Trials, f.period(), f.Horizon, f.Model)
}

func (f Forecast) notEnough() string {
	return fmt.Sprintf("Not enough history to forecast: %s accepted in the %s from %s to %s, fewer than the %d a forecast needs (--min-accepted or forecast.min_accepted).",
		stories(f.Sample.Accepted()), plural(f.Weeks, "week"), f.Sample.From, f.Sample.To, f.MinAccepted)
}

// NotEnough is the message of a forecast without enough history, "" for
// one with enough.
func (f Forecast) NotEnough() string {
	if f.Enough {
		return ""
	}
	return f.notEnough()
}

func dayOrLater(d flow.Day, later bool, horizon flow.Day) string {
	if later {
		return "after " + horizon.String()
	}
	return d.String()
}

// ForecastMarkdown writes the forecast as markdown.
func ForecastMarkdown(w io.Writer, f Forecast) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n# Forecast", Marker)
	if f.Title != "" {
		fmt.Fprintf(&b, ": %s", md(f.Title))
	}
	fmt.Fprintf(&b, "\n\nAs of %s.\n\n%s\n", md(f.At.line()), md(f.assumptions()))
	if !f.Enough {
		fmt.Fprintf(&b, "\n**%s**\n", md(f.notEnough()))
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("\n## The whole backlog\n\n")
	if it := f.Backlog; it == nil {
		b.WriteString("No story is open.\n")
	} else {
		fmt.Fprintf(&b, "%s open, in backlog order, the last %s:", stories(it.Open), md(it.Last))
		for i, p := range Percents {
			fmt.Fprintf(&b, "%s %d%% by %s", map[bool]string{true: "", false: ","}[i == 0], p, dayOrLater(it.Days[i], it.Later[i], f.Horizon))
		}
		b.WriteString(".\n")
	}
	b.WriteString("\n## Roadmap items\n\n")
	if len(f.Items) == 0 {
		b.WriteString("No roadmap item has open stories.\n")
	} else {
		table(&b, []string{"item", "title", "open stories", "done after", "50%", "85%", "95%"}, []string{"---", "---", "---:", "---", "---", "---", "---"})
		for _, it := range f.Items {
			cells := []string{md(it.ID), md(it.Title), strconv.Itoa(it.Open), fmt.Sprintf("%d (%s)", it.Through, md(it.Last))}
			for i := range Percents {
				cells = append(cells, dayOrLater(it.Days[i], it.Later[i], f.Horizon))
			}
			row(&b, cells)
		}
	}
	if f.By != nil {
		fmt.Fprintf(&b, "\n## Stories accepted by %s\n\n%d whole %ss from now.\n\n", f.By.Date, f.By.Periods, f.period())
		table(&b, []string{"likelihood", "at least"}, []string{"---:", "---:"})
		for i, p := range Percents {
			row(&b, []string{fmt.Sprintf("%d%%", p), strconv.Itoa(f.By.Stories[i])})
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

type forecastDoc struct {
	Version       int                `json:"version"`
	Title         string             `json:"title"`
	At            atJSON             `json:"at"`
	Assumptions   assumptionsJSON    `json:"assumptions"`
	EnoughHistory bool               `json:"enough_history"`
	Message       string             `json:"message,omitempty"`
	Backlog       *backlogJSON       `json:"backlog"` // every open story; null when none is
	Roadmap       []itemForecastJSON `json:"roadmap"`
	By            *howManyJSON       `json:"by,omitempty"`
}

type assumptionsJSON struct {
	Period      string `json:"period"`
	WindowWeeks int    `json:"window_weeks"`
	From        string `json:"from"`
	To          string `json:"to"`
	Accepted    int    `json:"accepted"`
	Sample      []int  `json:"sample"`
	Trials      int    `json:"trials"`
	Seed        string `json:"seed"`
	Model       string `json:"model"`
	MinAccepted int    `json:"min_accepted"`
	Horizon     string `json:"horizon"`
	Percentile  string `json:"percentile_method"`
}

// likelyJSON is a date per likelihood; null is after the horizon.
type likelyJSON struct {
	P50 *string `json:"p50"`
	P85 *string `json:"p85"`
	P95 *string `json:"p95"`
}

type itemForecastJSON struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Open      int        `json:"open_stories"`
	Through   int        `json:"stories_to_finish"`
	LastStory string     `json:"last_story"`
	Done      likelyJSON `json:"done_by"`
}

func newItemForecastJSON(it ItemForecast) itemForecastJSON {
	days := make([]*string, len(Percents))
	for i := range Percents {
		if !it.Later[i] {
			s := it.Days[i].String()
			days[i] = &s
		}
	}
	return itemForecastJSON{ID: it.ID, Title: it.Title, Open: it.Open, Through: it.Through, LastStory: it.Last,
		Done: likelyJSON{days[0], days[1], days[2]}}
}

// backlogJSON is when every open story is done.
type backlogJSON struct {
	Open      int        `json:"open_stories"`
	LastStory string     `json:"last_story"`
	Done      likelyJSON `json:"done_by"`
}

type howManyJSON struct {
	Date    string `json:"date"`
	Periods int    `json:"periods"`
	P50     int    `json:"p50"`
	P85     int    `json:"p85"`
	P95     int    `json:"p95"`
}

// ForecastJSON writes the forecast as one JSON document.
func ForecastJSON(w io.Writer, f Forecast) error {
	doc := forecastDoc{Version: 1, Title: f.Title, At: newAtJSON(f.At), EnoughHistory: f.Enough, Message: f.NotEnough(), Roadmap: []itemForecastJSON{},
		Assumptions: assumptionsJSON{Period: f.period(), WindowWeeks: f.Weeks, From: f.Sample.From.String(), To: f.Sample.To.String(),
			Accepted: f.Sample.Accepted(), Sample: f.Sample.Counts, Trials: f.Trials, Seed: "fixed", Model: f.Model, MinAccepted: f.MinAccepted,
			Horizon: f.Horizon.String(), Percentile: "nearest-rank"}}
	for _, it := range f.Items {
		doc.Roadmap = append(doc.Roadmap, newItemForecastJSON(it))
	}
	if f.Backlog != nil && f.Enough {
		b := newItemForecastJSON(*f.Backlog)
		doc.Backlog = &backlogJSON{Open: b.Open, LastStory: b.LastStory, Done: b.Done}
	}
	if f.By != nil {
		doc.By = &howManyJSON{Date: f.By.Date.String(), Periods: f.By.Periods, P50: f.By.Stories[0], P85: f.By.Stories[1], P95: f.By.Stories[2]}
	}
	return writeReportJSON(w, doc)
}
