package render

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/spec"
)

// ReleaseNotes is what the release-notes formats show: the range as the
// user named it and the stories accepted in it.
type ReleaseNotes struct {
	Spec     *spec.Spec // at the end of the range, for goal titles
	From, To string
	Date     time.Time // of the commit at the end of the range
	Notes    []history.Note
	// Unreadable are spec files of either end that could not be read:
	// a story in one may be missing from the notes, or wrongly in them.
	Unreadable []Unreadable
}

// Unreadable is a spec file that could not be read at a ref, and why.
type Unreadable struct {
	File, Ref, Error string
}

// ReleaseNotesMarkdown writes notes ready to paste into a GitHub release:
// a section per roadmap item with the goals it serves, a line per story.
func ReleaseNotesMarkdown(w io.Writer, rn ReleaseNotes) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n## ", Marker)
	if v := rn.Spec.Vision; v != nil && v.Title != "" {
		b.WriteString(md(v.Title) + " ")
	}
	fmt.Fprintf(&b, "%s (%s)\n\n", md(rn.To), rn.Date.UTC().Format(time.DateOnly))
	if len(rn.Notes) == 0 {
		fmt.Fprintf(&b, "No stories were accepted since %s.\n", md(rn.From))
		unreadableSection(&b, rn.Unreadable)
		_, err := io.WriteString(w, b.String())
		return err
	}
	noun := "stories"
	if len(rn.Notes) == 1 {
		noun = "story"
	}
	fmt.Fprintf(&b, "%d %s accepted since %s.\n", len(rn.Notes), noun, md(rn.From))
	var group *spec.RoadmapItem
	for i, n := range rn.Notes {
		if it := n.Story.Item; i == 0 || it != group {
			group = it
			b.WriteString("\n" + noteHeading(rn.Spec, it) + "\n\n")
		}
		fmt.Fprintf(&b, "- %s %s%s\n", md(n.Story.ID), md(n.Story.Title), uncheckedNote(n.Unchecked))
	}
	unreadableSection(&b, rn.Unreadable)
	_, err := io.WriteString(w, b.String())
	return err
}

// unreadableSection lists the files that could not be read, so that a
// story missing from the notes is not taken for one never accepted.
func unreadableSection(b *strings.Builder, files []Unreadable) {
	if len(files) == 0 {
		return
	}
	b.WriteString("\n### Unreadable spec files\n\nA story in these files may be missing from the notes or wrongly in them:\n\n")
	for _, u := range files {
		fmt.Fprintf(b, "- %s at %s: %s\n", md(u.File), md(u.Ref), md(u.Error))
	}
}

// uncheckedNote marks a story accepted with unchecked acceptance
// criteria, which lint reports as unmet-acceptance.
func uncheckedNote(texts []string) string {
	if len(texts) == 0 {
		return ""
	}
	quoted := make([]string, len(texts))
	for i, t := range texts {
		quoted[i] = "“" + md(t) + "”"
	}
	return " ⚠️ accepted with unchecked acceptance criteria: " + strings.Join(quoted, ", ")
}

// noteHeading names a roadmap item and the goals it serves.
func noteHeading(s *spec.Spec, it *spec.RoadmapItem) string {
	if it == nil {
		return "### Other stories"
	}
	h := "### " + md(it.ID) + " " + md(it.Title)
	var goals []string
	for _, r := range it.Goals {
		g := r.ID
		if goal := s.Goal(r.ID); goal != nil {
			g += " " + goal.Title
		}
		goals = append(goals, md(g))
	}
	if len(goals) > 0 {
		h += "\n\nServes " + strings.Join(goals, "; ") + "."
	}
	return h
}

// ReleaseNotesJSON writes the notes as one JSON document; each story
// carries the commit, author and date at which it became accepted.
func ReleaseNotesJSON(w io.Writer, rn ReleaseNotes) error {
	type story struct {
		ID        string     `json:"id"`
		Title     string     `json:"title"`
		Roadmap   string     `json:"roadmap"`
		Goals     []string   `json:"goals"`
		Unchecked []string   `json:"unchecked_criteria,omitempty"`
		Commit    string     `json:"commit,omitempty"`
		Author    string     `json:"author,omitempty"`
		Date      *time.Time `json:"date,omitempty"`
	}
	stories := []story{}
	for _, n := range rn.Notes {
		s := story{ID: n.Story.ID, Title: n.Story.Title, Roadmap: n.Story.Roadmap.ID, Goals: []string{}, Unchecked: n.Unchecked}
		if it := n.Story.Item; it != nil {
			for _, g := range it.Goals {
				s.Goals = append(s.Goals, g.ID)
			}
		}
		if a := n.Accepted; a != nil {
			s.Commit, s.Author, s.Date = a.Hash, a.Author, &a.Date
		}
		stories = append(stories, s)
	}
	type unreadable struct {
		File  string `json:"file"`
		Ref   string `json:"ref"`
		Error string `json:"error"`
	}
	files := make([]unreadable, len(rn.Unreadable))
	for i, u := range rn.Unreadable {
		files[i] = unreadable(u)
	}
	return writeReportJSON(w, struct {
		Version    int          `json:"version"`
		From       string       `json:"from"`
		To         string       `json:"to"`
		Date       string       `json:"date"` // of the commit at TO
		Stories    []story      `json:"stories"`
		Unreadable []unreadable `json:"unreadable"`
	}{1, rn.From, rn.To, rn.Date.UTC().Format(time.DateOnly), stories, files})
}
