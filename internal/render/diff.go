package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/specdiff"
)

// DiffJSON writes the changes from base to head as one JSON document.
// Each end is {ref, commit}; the work tree is {"work_tree": true}.
func DiffJSON(w io.Writer, d Diff) error {
	return writeReportJSON(w, struct {
		Version int          `json:"version"`
		Base    diffEndJSON  `json:"base"`
		Head    diffEndJSON  `json:"head"`
		Goals   []changeJSON `json:"goals"`
		Items   []changeJSON `json:"roadmap"`
		Stories []changeJSON `json:"stories"`
		// Suspects are the roadmap items that changed in meaning between
		// the ends, each with the stories not revisited since.
		Suspects []suspectGroupJSON `json:"suspects"`
	}{1, endJSON(d.Base), endJSON(d.Head), changesJSON(d.Diff.Goals), changesJSON(d.Diff.Items), changesJSON(d.Diff.Stories),
		suspectGroupsJSON(d.Suspects)})
}

type suspectGroupJSON struct {
	Roadmap string   `json:"roadmap"`
	Title   string   `json:"title"`
	Scope   []string `json:"scope"`  // title | goals | description
	Commit  string   `json:"commit"` // the item's latest change in meaning
	Stories []string `json:"stories"`
}

func suspectGroupsJSON(ss []history.Suspect) []suspectGroupJSON {
	gs := suspectsByItem(ss)
	out := make([]suspectGroupJSON, len(gs))
	for i, g := range gs {
		out[i] = suspectGroupJSON{g.Item, g.Title, g.Scope, g.Last.Commit, g.Stories}
	}
	return out
}

type diffEndJSON struct {
	Ref      string `json:"ref,omitempty"`
	Commit   string `json:"commit,omitempty"`
	WorkTree bool   `json:"work_tree,omitempty"`
}

func endJSON(e DiffEnd) diffEndJSON {
	return diffEndJSON{Ref: e.Ref, Commit: e.Commit, WorkTree: e.Commit == ""}
}

// changeJSON is the JSON shape of a specdiff.Change.
type changeJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`  // at head, or at base when removed
	Change string `json:"change"` // added | removed | changed

	Status   *fromTo         `json:"status,omitempty"`
	TitleWas string          `json:"title_was,omitempty"`
	Roadmap  *fromTo         `json:"roadmap,omitempty"` // a story moved to another item
	Goals    *listChangeJSON `json:"goals,omitempty"`   // a roadmap item's goals
	Horizon  *fromTo         `json:"horizon,omitempty"`
	Priority []fieldJSON     `json:"priority,omitempty"` // changed priority inputs
	Rank     *rankJSON       `json:"rank,omitempty"`
	Criteria []criterionJSON `json:"criteria,omitempty"`
}

// The JSON shapes of specdiff's parts: the same fields, so each converts.
type (
	fromTo struct {
		From string `json:"from"`
		To   string `json:"to"`
	}
	listChangeJSON struct {
		Added   []string `json:"added,omitempty"`
		Removed []string `json:"removed,omitempty"`
	}
	fieldJSON struct {
		Name string `json:"name"`
		From string `json:"from"`
		To   string `json:"to"`
	}
	rankJSON struct {
		From int `json:"from"`
		To   int `json:"to"`
	}
	criterionJSON struct {
		Text   string `json:"text"`
		Change string `json:"change"` // added | removed | checked | unchecked
	}
)

func changesJSON(cs []specdiff.Change) []changeJSON {
	out := make([]changeJSON, len(cs))
	for i, c := range cs {
		out[i] = changeJSON{ID: c.ID, Title: c.Title, Change: c.Change, TitleWas: c.TitleWas,
			Status: fromToJSON(c.Status), Roadmap: fromToJSON(c.Roadmap), Horizon: fromToJSON(c.Horizon)}
		if g := c.Goals; g != nil {
			out[i].Goals = &listChangeJSON{Added: g.Added, Removed: g.Removed}
		}
		if r := c.Rank; r != nil {
			out[i].Rank = &rankJSON{From: r.From, To: r.To}
		}
		for _, f := range c.Priority {
			out[i].Priority = append(out[i].Priority, fieldJSON(f))
		}
		for _, cr := range c.Criteria {
			out[i].Criteria = append(out[i].Criteria, criterionJSON(cr))
		}
	}
	return out
}

func fromToJSON(t *specdiff.Transition) *fromTo {
	if t == nil {
		return nil
	}
	j := fromTo(*t)
	return &j
}

// DiffMarkdown writes the changes as a pull-request comment: a summary
// line, then one section per kind of change, each line naming the story.
func DiffMarkdown(w io.Writer, rd Diff) error {
	d := rd.Diff
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n## Product changes: %s → %s\n\n", Marker, md(rd.Base.Name), md(rd.Head.Name))
	if d.Empty() && len(rd.Suspects) == 0 {
		b.WriteString("No product changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString(diffSummary(d))
	section(&b, "Goals", d.Goals, "goal")
	section(&b, "Roadmap items", d.Items, "roadmap item")
	section(&b, "Stories", d.Stories, "story")
	if gs := suspectsByItem(rd.Suspects); len(gs) > 0 {
		b.WriteString("\n### Suspect stories\n\n")
		for _, g := range gs {
			fmt.Fprintf(&b, "- **%s** %s changed its %s in `%s`; %s %s not revisited\n", md(g.Item), md(g.Title),
				names.List(g.Scope, "and"), g.Last.Commit, md(names.List(g.Stories, "and")), suffix(len(g.Stories), "was", "were"))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// diffSummary counts the changes a reviewer scans for first.
func diffSummary(d *specdiff.Diff) string {
	var added, removed, status, moved, prio int
	for _, c := range d.Stories {
		switch {
		case c.Change == "added":
			added++
		case c.Change == "removed":
			removed++
		}
		if c.Change == "changed" && c.Status != nil {
			status++
		}
		if c.Roadmap != nil {
			moved++
		}
		if len(c.Priority) > 0 { // a rank that moved because others changed is not re-prioritization
			prio++
		}
	}
	parts := []string{}
	for _, p := range []struct {
		n    int
		what string
	}{{added, "added"}, {removed, "removed"}, {status, "changed status"}, {moved, "moved"}, {prio, "re-prioritized"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("Stories unchanged; %d goal and %d roadmap changes.\n", len(d.Goals), len(d.Items))
	}
	return "Stories: " + strings.Join(parts, ", ") + ".\n"
}

func section(b *strings.Builder, title string, cs []specdiff.Change, noun string) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(b, "\n### %s\n\n", title)
	for _, c := range cs {
		fmt.Fprintf(b, "- **%s** %s — %s\n", md(c.ID), md(c.Title), strings.Join(changeNotes(c, noun), "; "))
	}
}

// changeNotes says in words what happened to one value.
func changeNotes(c specdiff.Change, noun string) []string {
	switch {
	case c.Change == "added" && c.Status != nil:
		return []string{"added, status " + md(c.Status.To)}
	case c.Change != "changed":
		return []string{c.Change}
	}
	var notes []string
	arrow := func(what string, t *specdiff.Transition) {
		if t != nil {
			notes = append(notes, fmt.Sprintf("%s %s → %s", what, orNone(t.From), orNone(t.To)))
		}
	}
	arrow("status", c.Status)
	arrow("moved from roadmap item", c.Roadmap)
	arrow("horizon", c.Horizon)
	if c.TitleWas != "" {
		notes = append(notes, "renamed from “"+md(c.TitleWas)+"”")
	}
	if c.Goals != nil {
		if len(c.Goals.Added) > 0 {
			notes = append(notes, "now serves "+md(strings.Join(c.Goals.Added, ", ")))
		}
		if len(c.Goals.Removed) > 0 {
			notes = append(notes, "no longer serves "+md(strings.Join(c.Goals.Removed, ", ")))
		}
	}
	for _, f := range c.Priority {
		notes = append(notes, fmt.Sprintf("%s %s → %s", f.Name, md(orNone(f.From)), md(orNone(f.To))))
	}
	if c.Rank != nil {
		notes = append(notes, fmt.Sprintf("backlog rank %s → %s", rank(c.Rank.From), rank(c.Rank.To)))
	}
	for _, cr := range c.Criteria {
		notes = append(notes, "criterion "+cr.Change+": “"+md(cr.Text)+"”")
	}
	return notes
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func rank(n int) string {
	if n == 0 {
		return "unranked"
	}
	return fmt.Sprintf("#%d", n)
}
