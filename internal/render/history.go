package render

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/prodspec/prodspec/internal/history"
)

const dateLayout = "2006-01-02 15:04"

// status names a status in a transition; "" is the story's absence.
func status(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// HistoryText writes each story's transitions as an aligned block.
func HistoryText(w io.Writer, tls []history.Timeline) error {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	n := 0
	for i, tl := range tls {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s %s\n", oneLine(tl.ID), oneLine(tl.Title))
		for _, t := range tl.Transitions {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s → %s%s\n", t.Date.Format(dateLayout), t.Commit, oneLine(t.Author), status(t.From), status(t.To), oneLine(transitionNote(t)))
			n++
		}
		if tl.CycleTime != nil {
			fmt.Fprintf(tw, "  cycle time %s\n", tl.CycleTime.Text)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n%d status transition%s of %d stor%s\n", n, suffix(n, "", "s"), len(tls), suffix(len(tls), "y", "ies"))
	_, err := io.WriteString(w, b.String())
	return err
}

// transitionNote says what else a transition is: "  (renamed from
// task-5)", "  (file unreadable: 4:1: invalid YAML: …)"; "" for a plain
// status change.
func transitionNote(t history.Transition) string {
	switch {
	case t.RenamedFrom != "":
		return "  (renamed from " + t.RenamedFrom + ")"
	case t.Unreadable != "":
		return "  (file unreadable: " + t.Unreadable + ")"
	}
	return ""
}

func suffix(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// HistoryMarkdown writes one table of every transition and, for accepted
// stories, their cycle times.
func HistoryMarkdown(w io.Writer, tls []history.Timeline) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n## Story history\n\n", Marker)
	if len(tls) == 0 {
		b.WriteString("No status transitions.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("| Story | Title | From | To | Commit | Author | Date |\n|---|---|---|---|---|---|---|\n")
	for _, tl := range tls {
		for _, t := range tl.Transitions {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | `%s` | %s | %s |\n", md(tl.ID), md(tl.Title), md(status(t.From)), md(status(t.To)+transitionNote(t)),
				t.Commit, md(t.Author), t.Date.Format(dateLayout))
		}
	}
	var cycles []string
	for _, tl := range tls {
		if tl.CycleTime != nil {
			cycles = append(cycles, fmt.Sprintf("| %s | %s | %s |\n", md(tl.ID), md(tl.Title), tl.CycleTime.Text))
		}
	}
	if len(cycles) > 0 {
		b.WriteString("\n### Cycle time (first in progress to accepted)\n\n| Story | Title | Cycle time |\n|---|---|---|\n")
		b.WriteString(strings.Join(cycles, ""))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// HistoryJSON writes the timelines as one JSON document.
func HistoryJSON(w io.Writer, tls []history.Timeline) error {
	type transition struct {
		ID          string    `json:"id"`
		Title       string    `json:"title"`
		From        string    `json:"from"`
		To          string    `json:"to"`
		RenamedFrom string    `json:"renamed_from,omitempty"` // the story's ID before this commit
		Unreadable  string    `json:"unreadable,omitempty"`   // why its file could not be read here
		Commit      string    `json:"commit"`                 // short hash
		Author      string    `json:"author"`                 // email
		Date        time.Time `json:"date"`                   // the author's date
	}
	type duration struct {
		Seconds int64  `json:"seconds"`
		Text    string `json:"text"`
	}
	type timeline struct {
		ID          string       `json:"id"`
		Title       string       `json:"title"`
		Status      string       `json:"status"` // after the last transition ("" when removed)
		Transitions []transition `json:"transitions"`
		CycleTime   *duration    `json:"cycle_time,omitempty"`
	}
	stories := make([]timeline, len(tls))
	for i, tl := range tls {
		out := timeline{ID: tl.ID, Title: tl.Title, Status: tl.Status, Transitions: make([]transition, len(tl.Transitions))}
		for j, t := range tl.Transitions {
			out.Transitions[j] = transition{ID: t.ID, Title: t.Title, From: t.From, To: t.To, RenamedFrom: t.RenamedFrom,
				Unreadable: t.Unreadable, Commit: t.Commit, Author: t.Author, Date: t.Date}
		}
		if c := tl.CycleTime; c != nil {
			out.CycleTime = &duration{Seconds: c.Seconds, Text: c.Text}
		}
		stories[i] = out
	}
	return writeReportJSON(w, struct {
		Version int        `json:"version"`
		Stories []timeline `json:"stories"`
	}{1, stories})
}
