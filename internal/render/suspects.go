package render

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/names"
)

// SuspectsText writes each suspect story with the commit that last
// revisited it and its roadmap item's changes since, as aligned blocks.
func SuspectsText(w io.Writer, ss []history.Suspect) error {
	var b strings.Builder
	if len(ss) == 0 {
		b.WriteString("No suspect stories: every story was revisited after its roadmap item last changed in meaning.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	for i, s := range ss {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s %s (%s) serves %s %s\n", oneLine(s.ID), oneLine(s.Title), oneLine(s.Path), oneLine(s.Item), oneLine(s.ItemTitle))
		if m := s.Since; m != nil {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", m.Date.Format(dateLayout), m.Commit, oneLine(m.Author), sinceNote(m, oneLine(s.ID)))
		}
		for _, r := range s.Changes {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s: %s\n", r.Date.Format(dateLayout), r.Commit, oneLine(r.Author), oneLine(r.ID), revisionNote(r, oneLine))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n%s\n", suspectsSummary(ss))
	_, err := io.WriteString(w, b.String())
	return err
}

func sinceNote(m *history.Mark, id string) string {
	if m.Reviewed {
		return id + " reviewed (Reviewed: trailer)"
	}
	return id + " last changed"
}

// suspectsSummary counts the suspects and says how to clear them.
func suspectsSummary(ss []history.Suspect) string {
	return fmt.Sprintf("%d suspect stor%s: revisit each, or name it in a %q trailer of a commit message",
		len(ss), suffix(len(ss), "y", "ies"), history.ReviewedKey+": ID")
}

// SuspectsMarkdown writes one table row per suspect story: its roadmap
// item's latest change in meaning, and the commit that last revisited
// the story.
func SuspectsMarkdown(w io.Writer, ss []history.Suspect) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n## Suspect stories\n\n", Marker)
	if len(ss) == 0 {
		b.WriteString("No suspect stories: every story was revisited after its roadmap item last changed in meaning.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("| Story | Title | Roadmap item | Changed | Commit | Author | Date | Story last revisited |\n|---|---|---|---|---|---|---|---|\n")
	for _, s := range ss {
		last := s.Last()
		since := "—"
		if m := s.Since; m != nil {
			since = fmt.Sprintf("`%s` %s", m.Commit, m.Date.Format(dateLayout))
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | `%s` | %s | %s | %s |\n", md(s.ID), md(s.Title), md(s.Item),
			strings.Join(s.Scope(), ", "), last.Commit, md(last.Author), last.Date.Format(dateLayout), since)
	}
	fmt.Fprintf(&b, "\n%s.\n", md(suspectsSummary(ss)))
	_, err := io.WriteString(w, b.String())
	return err
}

// SuspectsJSON writes the suspects as one JSON document.
func SuspectsJSON(w io.Writer, ss []history.Suspect) error {
	return writeReportJSON(w, struct {
		Version  int           `json:"version"`
		Suspects []suspectJSON `json:"suspects"`
	}{1, suspectsJSON(ss)})
}

type suspectJSON struct {
	ID           string         `json:"id"`
	Title        string         `json:"title"`
	Path         string         `json:"path"`
	Roadmap      string         `json:"roadmap"`
	RoadmapTitle string         `json:"roadmap_title"`
	Scope        []string       `json:"scope"`   // title | goals | description
	Changes      []revisionJSON `json:"changes"` // the item's, since the story was last revisited
	Since        *markJSON      `json:"since,omitempty"`
}

type markJSON struct {
	Commit   string    `json:"commit"`
	Author   string    `json:"author"`
	Date     time.Time `json:"date"`
	Reviewed bool      `json:"reviewed"` // by a Reviewed: trailer rather than a change of the story
}

func suspectsJSON(ss []history.Suspect) []suspectJSON {
	out := make([]suspectJSON, len(ss))
	for i, s := range ss {
		out[i] = suspectJSON{ID: s.ID, Title: s.Title, Path: s.Path, Roadmap: s.Item, RoadmapTitle: s.ItemTitle,
			Scope: s.Scope(), Changes: revisionsJSON(s.Changes)}
		if m := s.Since; m != nil {
			out[i].Since = &markJSON{m.Commit, m.Author, m.Date, m.Reviewed}
		}
	}
	return out
}

// suspectGroup is the suspects of one roadmap item, as diff lists them:
// "R-3 changed scope; S-12 and S-14 were not revisited".
type suspectGroup struct {
	Item, Title string
	Scope       []string
	Last        history.Revision // the item's latest change in meaning
	Stories     []string

	scopes []string // every suspect's, with repeats
}

// suspectsByItem groups suspects by roadmap item, in natural ID order;
// the stories stay in theirs.
func suspectsByItem(ss []history.Suspect) []suspectGroup {
	var out []suspectGroup
	for _, s := range ss {
		i := slices.IndexFunc(out, func(g suspectGroup) bool { return g.Item == s.Item })
		if i < 0 {
			i = len(out)
			out = append(out, suspectGroup{Item: s.Item, Title: s.ItemTitle})
		}
		g := &out[i]
		g.Stories = append(g.Stories, s.ID)
		g.scopes = append(g.scopes, s.Scope()...)
		if last := s.Last(); g.Last.Commit == "" || last.Date.After(g.Last.Date) {
			g.Last = last
		}
	}
	for i := range out {
		g := &out[i]
		for _, sc := range []string{history.ScopeTitle, history.ScopeGoals, history.ScopeBody} {
			if slices.Contains(g.scopes, sc) {
				g.Scope = append(g.Scope, sc)
			}
		}
	}
	slices.SortFunc(out, func(a, b suspectGroup) int { return names.Compare(a.Item, b.Item) })
	return out
}
