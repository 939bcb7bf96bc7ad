package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/spec"
)

// Backlog is a ranked backlog to render.
type Backlog struct {
	Title string // the vision's title, "" when unknown
	Model string
	Items []priority.Ranked
}

// columns are a model's input columns: their headers and each story's
// values ("" when the story lacks the inputs).
type columns struct {
	model *priority.Model
	names []string
}

func columnsOf(model string) (columns, error) {
	m := priority.Lookup(model)
	if m == nil {
		return columns{}, priority.CheckModel(model)
	}
	return columns{model: m, names: m.Inputs()}, nil
}

func (c columns) values(st *spec.Story) []string {
	out := make([]string, len(c.names))
	for i, v := range c.model.Values(st) {
		out[i] = inputText(v)
	}
	return out
}

// inputText is a model's input as a cell.
func inputText(v any) string {
	if f, ok := v.(float64); ok {
		return num(f)
	}
	return fmt.Sprint(v)
}

// score is a row's score as text, "" when unscored.
func score(r priority.Ranked) string {
	if !r.Scored {
		return ""
	}
	return num(r.Score)
}

// dependencies says what a story waits on (or depends on that does not
// exist) and what waits on it, which explains a low score ranked high.
func dependencies(r priority.Ranked) string {
	var parts []string
	if len(r.WaitingOn) > 0 {
		parts = append(parts, "waits on "+strings.Join(r.WaitingOn, ", "))
	}
	if len(r.Missing) > 0 {
		parts = append(parts, "depends on missing "+strings.Join(r.Missing, ", "))
	}
	if len(r.Blocks) > 0 {
		parts = append(parts, "blocks "+strings.Join(r.Blocks, ", "))
	}
	return strings.Join(parts, "; ")
}

// BacklogMarkdown writes the backlog as a markdown table.
func BacklogMarkdown(w io.Writer, b Backlog) error {
	in, err := columnsOf(b.Model)
	if err != nil {
		return err
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "<!-- %s -->\n# Backlog", Marker)
	if b.Title != "" {
		fmt.Fprintf(&sb, ": %s", md(b.Title))
	}
	fmt.Fprintf(&sb, "\n\nRanked by %s: %s. Stories without these inputs come last; "+
		"a story never ranks above an open story it depends on.\n\n", in.model.Title, in.model.Formula)
	if len(b.Items) == 0 {
		sb.WriteString("No stories match.\n")
		_, err = io.WriteString(w, sb.String())
		return err
	}
	header := []string{"rank", "id", "title", "roadmap", "status", "score"}
	align := []string{"---:", "---", "---", "---", "---", "---:"}
	inputAlign := "---"
	if in.model.Numeric() {
		inputAlign = "---:"
	}
	for _, name := range in.names {
		header = append(header, strings.ReplaceAll(name, "_", " "))
		align = append(align, inputAlign)
	}
	table(&sb, append(header, "dependencies"), append(align, "---"))
	for _, r := range b.Items {
		st := r.Story
		cells := []string{fmt.Sprint(r.Rank), md(st.ID), md(st.Title), md(st.Roadmap.ID), md(st.Status), orDash(score(r))}
		for _, v := range in.values(st) {
			cells = append(cells, orDash(md(v)))
		}
		row(&sb, append(cells, md(dependencies(r))))
	}
	_, err = io.WriteString(w, sb.String())
	return err
}

type backlogDoc struct {
	Version int             `json:"version"`
	Model   string          `json:"model"`
	Items   []orderedObject `json:"items"`
}

// backlogItem is one row: its keys in this order, the model's inputs
// under the model's name between score and waiting_on. It carries the
// model's inputs only: the other models' are left out so that the
// document says what the ranking used.
func backlogItem(m *priority.Model, r priority.Ranked) orderedObject {
	st := r.Story
	var scored *float64 // null when unscored
	if r.Scored {
		scored = &r.Score
	}
	item := orderedObject{
		{"rank", r.Rank}, {"id", st.ID}, {"title", st.Title}, {"roadmap", st.Roadmap.ID},
		{"status", st.Status}, {"horizon", horizon(st)},
		{"owner", st.Owner}, {"estimate", st.Estimate}, {"labels", orEmpty(st.Labels)},
		{"score", scored},
	}
	if vals := m.Values(st); vals != nil {
		var inputs any = vals[0] // a one-word model
		if m.Numeric() {
			obj := make(orderedObject, len(vals))
			for i, name := range m.Inputs() {
				obj[i] = member{name, vals[i]}
			}
			inputs = obj
		}
		item = append(item, member{m.Name, inputs})
	}
	return append(item,
		member{"waiting_on", orEmpty(r.WaitingOn)}, member{"missing_dependencies", orEmpty(r.Missing)},
		member{"blocks", orEmpty(r.Blocks)})
}

// BacklogJSON writes the backlog as one JSON document; score is null for
// a story without the model's inputs.
func BacklogJSON(w io.Writer, b Backlog) error {
	in, err := columnsOf(b.Model)
	if err != nil {
		return err
	}
	doc := backlogDoc{Version: 1, Model: b.Model, Items: []orderedObject{}}
	for _, r := range b.Items {
		doc.Items = append(doc.Items, backlogItem(in.model, r))
	}
	return writeReportJSON(w, doc)
}

// BacklogCSV writes the backlog as CSV with a header row, quoted as RFC
// 4180 says; a story's labels share one cell, separated by ", ". A text cell that a spreadsheet would run as a formula (it
// starts with =, +, -, @ or a tab) gets a leading apostrophe.
func BacklogCSV(w io.Writer, b Backlog) error {
	in, err := columnsOf(b.Model)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	header := append(append([]string{"rank", "id", "title", "roadmap", "status", "horizon", "owner", "estimate", "labels", "score"},
		in.names...), "waiting_on", "missing_dependencies", "blocks")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range b.Items {
		st := r.Story
		row := []string{fmt.Sprint(r.Rank), cell(st.ID), cell(st.Title), cell(st.Roadmap.ID), cell(st.Status), cell(horizon(st)),
			cell(st.Owner), estimate(st), cell(strings.Join(st.Labels, ", ")), score(r)}
		for _, v := range in.values(st) {
			row = append(row, cell(v))
		}
		for _, ids := range [][]string{r.WaitingOn, r.Missing, r.Blocks} {
			row = append(row, cell(strings.Join(ids, " ")))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// estimate is a story's estimate as a cell, "" when it has none.
func estimate(st *spec.Story) string {
	if st.Estimate == nil {
		return ""
	}
	return num(*st.Estimate)
}

// cell defuses spreadsheet formulas (CWE-1236) in a CSV text cell.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// horizon is the horizon of st's roadmap item, "" when it has none.
func horizon(st *spec.Story) string {
	if st.Item == nil {
		return ""
	}
	return st.Item.Horizon
}

// orEmpty makes a nil list an empty JSON array rather than null.
func orEmpty(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

// BacklogTable writes the backlog for a terminal: aligned columns, the
// titles wrapped.
func BacklogTable(w io.Writer, b Backlog) error {
	in, err := columnsOf(b.Model)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("Backlog")
	if b.Title != "" {
		sb.WriteString(": " + oneLine(b.Title))
	}
	fmt.Fprintf(&sb, ", ranked by %s: %s\n\n", in.model.Title, in.model.Formula)
	if len(b.Items) == 0 {
		sb.WriteString("No stories match.\n")
		_, err = io.WriteString(w, sb.String())
		return err
	}
	head := []string{"rank", "id", "title", "roadmap", "status", "score"}
	right := []bool{true, false, false, false, false, true}
	for _, name := range in.names {
		head = append(head, strings.ReplaceAll(name, "_", " "))
		right = append(right, in.model.Numeric())
	}
	t := newTextTable(append(head, "dependencies"), append(right, false), 2)
	for _, r := range b.Items {
		st := r.Story
		cells := []string{fmt.Sprint(r.Rank), st.ID, st.Title, st.Roadmap.ID, st.Status, orDash(score(r))}
		for _, v := range in.values(st) {
			cells = append(cells, orDash(v))
		}
		t.add(append(cells, dependencies(r))...)
	}
	t.write(&sb)
	_, err = io.WriteString(w, sb.String())
	return err
}
