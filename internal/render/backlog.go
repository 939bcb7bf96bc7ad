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

// modelInputs are a model's input columns: a header and each story's
// value ("" when the story lacks the inputs).
type modelInputs struct {
	title   string // the model's name as people write it
	names   []string
	numeric bool // right-align the columns in markdown
	formula string
	values  func(st *spec.Story) []string
}

func inputsOf(model string) modelInputs {
	switch model {
	case priority.WSJF:
		return modelInputs{
			title:   "WSJF",
			names:   []string{"business_value", "time_criticality", "risk_reduction", "job_size"},
			numeric: true,
			formula: "(business value + time criticality + risk reduction) ÷ job size",
			values: func(st *spec.Story) []string {
				if w := st.WSJF; w != nil {
					return []string{num(w.BusinessValue), num(w.TimeCriticality), num(w.RiskReduction), num(w.JobSize)}
				}
				return make([]string, 4)
			},
		}
	case priority.MoSCoW:
		return modelInputs{
			title:   "MoSCoW",
			names:   []string{"moscow"},
			formula: "must 4, should 3, could 2, wont 1",
			values:  func(st *spec.Story) []string { return []string{st.MoSCoW} },
		}
	}
	return modelInputs{
		title:   "RICE",
		names:   []string{"reach", "impact", "confidence", "effort"},
		numeric: true,
		formula: "reach × impact × confidence ÷ effort",
		values: func(st *spec.Story) []string {
			if r := st.RICE; r != nil {
				return []string{num(r.Reach), num(r.Impact), num(r.Confidence), num(r.Effort)}
			}
			return make([]string, 4)
		},
	}
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
	in := inputsOf(b.Model)
	var sb strings.Builder
	fmt.Fprintf(&sb, "<!-- %s -->\n# Backlog", Marker)
	if b.Title != "" {
		fmt.Fprintf(&sb, ": %s", md(b.Title))
	}
	fmt.Fprintf(&sb, "\n\nRanked by %s: %s. Stories without these inputs come last; "+
		"a story never ranks above an open story it depends on.\n\n", in.title, in.formula)
	if len(b.Items) == 0 {
		sb.WriteString("No stories match.\n")
		_, err := io.WriteString(w, sb.String())
		return err
	}
	header := []string{"rank", "id", "title", "roadmap", "status", "score"}
	align := []string{"---:", "---", "---", "---", "---", "---:"}
	inputAlign := "---"
	if in.numeric {
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
	_, err := io.WriteString(w, sb.String())
	return err
}

type backlogDoc struct {
	Version int           `json:"version"`
	Model   string        `json:"model"`
	Items   []backlogItem `json:"items"`
}

// backlogItem carries the model's inputs only: the other models' fields
// are left out so that the document says what the ranking used.
type backlogItem struct {
	Rank      int       `json:"rank"`
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Roadmap   string    `json:"roadmap"`
	Status    string    `json:"status"`
	Horizon   string    `json:"horizon"`
	Score     *float64  `json:"score"`
	RICE      *riceJSON `json:"rice,omitempty"`
	WSJF      *wsjfJSON `json:"wsjf,omitempty"`
	MoSCoW    string    `json:"moscow,omitempty"`
	WaitingOn []string  `json:"waiting_on"`
	Missing   []string  `json:"missing_dependencies"`
	Blocks    []string  `json:"blocks"`
}

type riceJSON struct {
	Reach      float64 `json:"reach"`
	Impact     float64 `json:"impact"`
	Confidence float64 `json:"confidence"`
	Effort     float64 `json:"effort"`
}

type wsjfJSON struct {
	BusinessValue   float64 `json:"business_value"`
	TimeCriticality float64 `json:"time_criticality"`
	RiskReduction   float64 `json:"risk_reduction"`
	JobSize         float64 `json:"job_size"`
}

// BacklogJSON writes the backlog as one JSON document; score is null for
// a story without the model's inputs.
func BacklogJSON(w io.Writer, b Backlog) error {
	doc := backlogDoc{Version: 1, Model: b.Model, Items: []backlogItem{}}
	for _, r := range b.Items {
		st := r.Story
		it := backlogItem{Rank: r.Rank, ID: st.ID, Title: st.Title, Roadmap: st.Roadmap.ID, Status: st.Status,
			Horizon: horizon(st), WaitingOn: orEmpty(r.WaitingOn), Missing: orEmpty(r.Missing), Blocks: orEmpty(r.Blocks)}
		if r.Scored {
			it.Score = &r.Score
		}
		switch {
		case b.Model == priority.RICE && st.RICE != nil:
			it.RICE = (*riceJSON)(st.RICE)
		case b.Model == priority.WSJF && st.WSJF != nil:
			it.WSJF = (*wsjfJSON)(st.WSJF)
		case b.Model == priority.MoSCoW:
			it.MoSCoW = st.MoSCoW
		}
		doc.Items = append(doc.Items, it)
	}
	return writeJSON(w, doc)
}

// BacklogCSV writes the backlog as CSV with a header row, quoted as RFC
// 4180 says. A text cell that a spreadsheet would run as a formula (it
// starts with =, +, -, @ or a tab) gets a leading apostrophe.
func BacklogCSV(w io.Writer, b Backlog) error {
	in := inputsOf(b.Model)
	cw := csv.NewWriter(w)
	header := append(append([]string{"rank", "id", "title", "roadmap", "status", "horizon", "score"}, in.names...), "waiting_on", "missing_dependencies", "blocks")
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range b.Items {
		st := r.Story
		row := []string{fmt.Sprint(r.Rank), cell(st.ID), cell(st.Title), cell(st.Roadmap.ID), cell(st.Status), cell(horizon(st)), score(r)}
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
