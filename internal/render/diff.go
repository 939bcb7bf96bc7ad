package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/prodspec/prodspec/internal/specdiff"
)

// DiffJSON writes the changes from base to head as one JSON document.
func DiffJSON(w io.Writer, d *specdiff.Diff, base, head string) error {
	nonNil := func(cs []specdiff.Change) []specdiff.Change {
		if cs == nil {
			return []specdiff.Change{}
		}
		return cs
	}
	return writeJSON(w, struct {
		Version int               `json:"version"`
		Base    string            `json:"base"`
		Head    string            `json:"head"`
		Goals   []specdiff.Change `json:"goals"`
		Items   []specdiff.Change `json:"roadmap"`
		Stories []specdiff.Change `json:"stories"`
	}{1, base, head, nonNil(d.Goals), nonNil(d.Items), nonNil(d.Stories)})
}

// DiffMarkdown writes the changes as a pull-request comment: a summary
// line, then one section per kind of change, each line naming the story.
func DiffMarkdown(w io.Writer, d *specdiff.Diff, base, head string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n## Product changes: %s → %s\n\n", Marker, md(base), md(head))
	if d.Empty() {
		b.WriteString("No product changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString(diffSummary(d))
	section(&b, "Goals", d.Goals, "goal")
	section(&b, "Roadmap items", d.Items, "roadmap item")
	section(&b, "Stories", d.Stories, "story")
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
		if c.Status != nil {
			status++
		}
		if c.Roadmap != nil {
			moved++
		}
		if len(c.Priority) > 0 || c.Rank != nil {
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
	switch c.Change {
	case "added", "removed":
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
