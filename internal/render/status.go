package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/prodspec/prodspec/internal/report"
)

// statusName is how a status is shown; a story with no status is counted
// under "no status".
func statusName(name string) string {
	if name == "" {
		return "no status"
	}
	return oneLine(name)
}

// percent is "22%", or "–" when there is nothing to divide by.
func percent(c report.Counts) string {
	if c.Percent == nil {
		return "–"
	}
	return fmt.Sprintf("%d%%", *c.Percent)
}

// points is "accepted / total", or "–" without estimates.
func points(c report.Counts) string {
	if c.Points == nil {
		return "–"
	}
	return num(c.Points.Accepted) + " / " + num(c.Points.Total)
}

// overall is the one-line summary of a status report.
func overall(r *report.StatusReport) string {
	c := r.Overall
	var parts []string
	for i, st := range r.Statuses {
		if c.ByStatus[i] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.ByStatus[i], statusName(st.Name)))
		}
	}
	line := stories(c.Stories)
	if len(parts) > 0 {
		line += " (" + strings.Join(parts, ", ") + ")"
	}
	if c.Percent != nil {
		line += fmt.Sprintf("; %s accepted (%d of the %d not rejected)", percent(c), c.Accepted, c.Stories-c.Rejected)
	}
	if p := c.Points; p != nil {
		line += fmt.Sprintf("; %s of %s points accepted (%d of %d stories estimated)", num(p.Accepted), num(p.Total), p.Estimated, c.Stories)
	}
	return line
}

// StatusMarkdown writes the status report as markdown tables.
func StatusMarkdown(w io.Writer, r *report.StatusReport) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n# Status", Marker)
	if r.Title != "" {
		fmt.Fprintf(&b, ": %s", md(r.Title))
	}
	fmt.Fprintf(&b, "\n\n**Overall:** %s.\n", md(overall(r)))
	if r.Untraced > 0 {
		fmt.Fprintf(&b, "\nStories that serve no existing roadmap item: %d. They count only in the overall line.\n", r.Untraced)
	}

	b.WriteString("\n## Goals\n\n")
	head, align := countColumns(r.Statuses)
	table(&b, append([]string{"goal", "title", "roadmap items"}, head...), append([]string{"---", "---", "---"}, align...))
	for _, g := range r.Goals {
		row(&b, append([]string{md(g.ID), md(g.Title), orDash(md(strings.Join(g.Items, ", ")))}, countCells(g.Counts)...))
	}

	b.WriteString("\n## Roadmap items\n\n")
	table(&b, append([]string{"item", "title", "goals", "status", "horizon"}, head...), append([]string{"---", "---", "---", "---", "---"}, align...))
	for _, it := range r.Items {
		row(&b, append([]string{md(it.ID), md(it.Title), orDash(md(strings.Join(it.Goals, ", "))), orDash(md(it.Status)), orDash(md(it.Horizon))}, countCells(it.Counts)...))
	}

	b.WriteString("\n## Not started on the now horizon\n\n")
	if len(r.NotStarted) == 0 {
		b.WriteString("Every roadmap item on the now horizon has started.\n")
	}
	for _, it := range r.NotStarted {
		fmt.Fprintf(&b, "- **%s** %s (%s)\n", md(it.ID), md(it.Title), md(notStartedNote(it)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// notStartedNote is what the status report says about an item that has
// not started: its status and how many stories it has.
func notStartedNote(it report.ItemStatus) string {
	return statusName(it.Status) + ", " + stories(it.Counts.Stories)
}

// countColumns are the headers and alignments of the Counts cells.
func countColumns(statuses []report.StoryStatus) (head, align []string) {
	head = []string{"stories"}
	for _, st := range statuses {
		head = append(head, md(statusName(st.Name)))
	}
	head = append(head, "% accepted", "points accepted")
	for range head {
		align = append(align, "---:")
	}
	return head, align
}

func countCells(c report.Counts) []string {
	cells := []string{fmt.Sprint(c.Stories)}
	for _, n := range c.ByStatus {
		cells = append(cells, fmt.Sprint(n))
	}
	return append(cells, percent(c), points(c))
}

func table(b *strings.Builder, head, align []string) {
	row(b, head)
	row(b, align)
}

func row(b *strings.Builder, cells []string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

type statusDoc struct {
	Version         int          `json:"version"`
	Title           string       `json:"title"`
	Statuses        []statusJSON `json:"statuses"`
	Overall         countsJSON   `json:"overall"`
	Goals           []goalJSON   `json:"goals"`
	Roadmap         []itemJSON   `json:"roadmap"`
	NotStarted      []string     `json:"not_started"`
	UntracedStories int          `json:"untraced_stories"`
}

type statusJSON struct {
	Name     string          `json:"name"`
	Category report.Category `json:"category"`
}

type goalJSON struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Roadmap []string   `json:"roadmap"`
	Stories countsJSON `json:"stories"`
}

type itemJSON struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Goals   []string   `json:"goals"`
	Status  string     `json:"status"`
	Horizon string     `json:"horizon"`
	Stories countsJSON `json:"stories"`
}

type countsJSON struct {
	Total    int          `json:"total"`
	ByStatus statusCounts `json:"by_status"`
	Accepted int          `json:"accepted"`
	Rejected int          `json:"rejected"`
	Percent  *int         `json:"percent_accepted"`
	Points   *pointsJSON  `json:"points"`
}

type pointsJSON struct {
	Total     float64 `json:"total"`
	Accepted  float64 `json:"accepted"`
	Estimated int     `json:"estimated"`
}

// statusCounts is a JSON object keyed by status in the report's status
// order (a Go map would be written in alphabetical order).
type statusCounts struct {
	statuses []report.StoryStatus
	counts   []int
}

func (s statusCounts) MarshalJSON() ([]byte, error) {
	names := make([]string, len(s.statuses))
	for i, st := range s.statuses {
		names[i] = st.Name
	}
	return namedCounts{names, s.counts}.MarshalJSON()
}

// namedCounts is a JSON object of counts keyed by names, in their order.
type namedCounts struct {
	names  []string
	counts []int
}

func (s namedCounts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, name := range s.names {
		if i > 0 {
			b.WriteByte(',')
		}
		key, err := json.Marshal(name)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%s:%d", key, s.counts[i])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// StatusJSON writes the status report as one JSON document.
func StatusJSON(w io.Writer, r *report.StatusReport) error {
	counts := func(c report.Counts) countsJSON {
		return countsJSON{Total: c.Stories, ByStatus: statusCounts{r.Statuses, c.ByStatus}, Accepted: c.Accepted,
			Rejected: c.Rejected, Percent: c.Percent, Points: (*pointsJSON)(c.Points)}
	}
	doc := statusDoc{Version: 1, Title: r.Title, Overall: counts(r.Overall), UntracedStories: r.Untraced,
		Statuses: []statusJSON{}, Goals: []goalJSON{}, Roadmap: []itemJSON{}, NotStarted: []string{}}
	for _, st := range r.Statuses {
		doc.Statuses = append(doc.Statuses, statusJSON{st.Name, st.Category})
	}
	for _, g := range r.Goals {
		doc.Goals = append(doc.Goals, goalJSON{ID: g.ID, Title: g.Title, Roadmap: orEmpty(g.Items), Stories: counts(g.Counts)})
	}
	for _, it := range r.Items {
		doc.Roadmap = append(doc.Roadmap, itemJSON{ID: it.ID, Title: it.Title, Goals: orEmpty(it.Goals),
			Status: it.Status, Horizon: it.Horizon, Stories: counts(it.Counts)})
	}
	for _, it := range r.NotStarted {
		doc.NotStarted = append(doc.NotStarted, it.ID)
	}
	return writeReportJSON(w, doc)
}

// StatusTable writes the status report for a terminal: the overall line,
// then goals and roadmap items as aligned columns, titles wrapped.
func StatusTable(w io.Writer, r *report.StatusReport) error {
	var b strings.Builder
	b.WriteString("Status")
	if r.Title != "" {
		b.WriteString(": " + oneLine(r.Title))
	}
	fmt.Fprintf(&b, "\n\nOverall: %s.\n", overall(r))
	if r.Untraced > 0 {
		fmt.Fprintf(&b, "Stories that serve no existing roadmap item: %d. They count only in the overall line.\n", r.Untraced)
	}
	head := []string{"stories"}
	for _, st := range r.Statuses {
		head = append(head, statusName(st.Name))
	}
	head = append(head, "% accepted", "points accepted")
	right := make([]bool, len(head))
	for i := range right {
		right[i] = true
	}

	b.WriteString("\nGoals\n\n")
	goals := newTextTable(append([]string{"goal", "title", "roadmap items"}, head...), append([]bool{false, false, false}, right...), 1)
	for _, g := range r.Goals {
		goals.add(append([]string{g.ID, g.Title, orDash(strings.Join(g.Items, ", "))}, countCells(g.Counts)...)...)
	}
	goals.write(&b)

	b.WriteString("\nRoadmap items\n\n")
	items := newTextTable(append([]string{"item", "title", "goals", "status", "horizon"}, head...), append([]bool{false, false, false, false, false}, right...), 1)
	for _, it := range r.Items {
		items.add(append([]string{it.ID, it.Title, orDash(strings.Join(it.Goals, ", ")), orDash(it.Status), orDash(it.Horizon)}, countCells(it.Counts)...)...)
	}
	items.write(&b)

	b.WriteString("\nNot started on the now horizon\n\n")
	if len(r.NotStarted) == 0 {
		b.WriteString("Every roadmap item on the now horizon has started.\n")
	}
	for _, it := range r.NotStarted {
		fmt.Fprintf(&b, "  %s %s (%s)\n", oneLine(it.ID), oneLine(it.Title), notStartedNote(it))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
