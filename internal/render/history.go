package render

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/spec"
)

const dateLayout = "2006-01-02 15:04"

// status names a status in a transition; "" is the story's absence.
func status(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// History is a history report: the timelines of stories, and those of
// roadmap items and goals (history R-3, history G1).
type History struct {
	Stories []history.Timeline
	Items   []history.ItemTimeline // roadmap items, then goals
}

// HistoryText writes each story's transitions, then each roadmap item's
// and goal's changes, as aligned blocks.
func HistoryText(w io.Writer, h History) error {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	n := 0
	tls := h.Stories
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
	for i, tl := range h.Items {
		if i > 0 || len(tls) > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s %s (%s)\n", oneLine(tl.ID), oneLine(tl.Title), itemNoun(tl.Kind))
		for _, r := range tl.Revisions {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", r.Date.Format(dateLayout), r.Commit, oneLine(r.Author), revisionNote(r, oneLine))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(&b, "\n%s\n", historySummary(h, n))
	_, err := io.WriteString(w, b.String())
	return err
}

// historySummary counts what a history shows: "6 status transitions of
// 2 stories", "4 changes of 1 roadmap item", "2 changes of 1 goal".
func historySummary(h History, transitions int) string {
	var parts []string
	if len(h.Stories) > 0 || len(h.Items) == 0 {
		parts = append(parts, fmt.Sprintf("%d status transition%s of %d stor%s", transitions, suffix(transitions, "", "s"), len(h.Stories), suffix(len(h.Stories), "y", "ies")))
	}
	for _, kind := range []spec.Kind{spec.KindRoadmap, spec.KindVision} {
		items, changes := 0, 0
		for _, tl := range h.Items {
			if tl.Kind == kind {
				items, changes = items+1, changes+len(tl.Revisions)
			}
		}
		if items > 0 {
			noun := itemNoun(kind)
			parts = append(parts, fmt.Sprintf("%d change%s of %d %s%s", changes, suffix(changes, "", "s"), items, noun, suffix(items, "", "s")))
		}
	}
	return strings.Join(parts, "; ")
}

// itemNoun names what an item timeline is about.
func itemNoun(k spec.Kind) string {
	if k == spec.KindVision {
		return "goal"
	}
	return "roadmap item"
}

// revisionNote says in words what a commit changed of a roadmap item or
// goal, spec text passed through esc: "added (status planned, horizon
// now, goals G1)", "status planned → in-progress; title “A” → “B”".
func revisionNote(r history.Revision, esc func(string) string) string {
	if r.Removed {
		return "removed"
	}
	var parts []string
	if r.Added {
		if r.Status != nil {
			parts = append(parts, "status "+esc(r.Status.To))
		}
		if r.Horizon != nil {
			parts = append(parts, "horizon "+esc(r.Horizon.To))
		}
		if len(r.GoalsAdded) > 0 {
			parts = append(parts, "goals "+esc(strings.Join(r.GoalsAdded, ", ")))
		}
		if len(parts) == 0 {
			return "added"
		}
		return "added (" + strings.Join(parts, ", ") + ")"
	}
	if r.RenamedFrom != "" {
		parts = append(parts, "renamed from "+esc(r.RenamedFrom))
	}
	for _, e := range []struct {
		what string
		e    *history.Edit
	}{{"status", r.Status}, {"horizon", r.Horizon}} {
		if e.e != nil {
			parts = append(parts, fmt.Sprintf("%s %s → %s", e.what, esc(orNone(e.e.From)), esc(orNone(e.e.To))))
		}
	}
	if r.Retitled != nil {
		parts = append(parts, "title “"+esc(r.Retitled.From)+"” → “"+esc(r.Retitled.To)+"”")
	}
	if len(r.GoalsAdded) > 0 {
		parts = append(parts, "now serves "+esc(strings.Join(r.GoalsAdded, ", ")))
	}
	if len(r.GoalsRemoved) > 0 {
		parts = append(parts, "no longer serves "+esc(strings.Join(r.GoalsRemoved, ", ")))
	}
	if r.Body {
		parts = append(parts, "description changed")
	}
	if r.Unreadable != "" {
		parts = append(parts, "file unreadable: "+esc(r.Unreadable))
	}
	return strings.Join(parts, "; ")
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

// HistoryMarkdown writes one table of every story transition and, for
// accepted stories, their cycle times; then one of every change of
// roadmap items and goals.
func HistoryMarkdown(w io.Writer, h History) error {
	var b strings.Builder
	fmt.Fprintf(&b, "<!-- %s -->\n", Marker)
	if len(h.Stories) > 0 || len(h.Items) == 0 {
		storyHistoryMarkdown(&b, h.Stories)
	}
	if len(h.Items) > 0 {
		if len(h.Stories) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("## Roadmap and goal history\n\n| ID | Title | Change | Commit | Author | Date |\n|---|---|---|---|---|---|\n")
		for _, tl := range h.Items {
			for _, r := range tl.Revisions {
				fmt.Fprintf(&b, "| %s | %s | %s | `%s` | %s | %s |\n", md(tl.ID), md(tl.Title), revisionNote(r, md), r.Commit, md(r.Author), r.Date.Format(dateLayout))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func storyHistoryMarkdown(b *strings.Builder, tls []history.Timeline) {
	b.WriteString("## Story history\n\n")
	if len(tls) == 0 {
		b.WriteString("No status transitions.\n")
		return
	}
	b.WriteString("| Story | Title | From | To | Commit | Author | Date |\n|---|---|---|---|---|---|---|\n")
	for _, tl := range tls {
		for _, t := range tl.Transitions {
			fmt.Fprintf(b, "| %s | %s | %s | %s | `%s` | %s | %s |\n", md(tl.ID), md(tl.Title), md(status(t.From)), md(status(t.To)+transitionNote(t)),
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
}

// HistoryJSON writes the timelines as one JSON document: "stories"
// always, "roadmap" and "goals" when there are any.
func HistoryJSON(w io.Writer, h History) error {
	tls := h.Stories
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
	var items, goals []itemTimelineJSON
	for _, tl := range h.Items {
		out := itemTimelineJSON{ID: tl.ID, Title: tl.Title, Revisions: revisionsJSON(tl.Revisions)}
		if tl.Kind == spec.KindVision {
			goals = append(goals, out)
		} else {
			items = append(items, out)
		}
	}
	return writeReportJSON(w, struct {
		Version int                `json:"version"`
		Stories []timeline         `json:"stories"`
		Roadmap []itemTimelineJSON `json:"roadmap,omitempty"`
		Goals   []itemTimelineJSON `json:"goals,omitempty"`
	}{1, stories, items, goals})
}

type itemTimelineJSON struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Revisions []revisionJSON `json:"changes"`
}

// revisionJSON is a history.Revision, in the words of diff's JSON.
type revisionJSON struct {
	ID          string          `json:"id"`
	Title       string          `json:"title"`
	Change      string          `json:"change"` // added | removed | changed
	Status      *fromTo         `json:"status,omitempty"`
	Horizon     *fromTo         `json:"horizon,omitempty"`
	TitleWas    *string         `json:"title_was,omitempty"`
	Goals       *listChangeJSON `json:"goals,omitempty"`
	Description bool            `json:"description_changed,omitempty"`
	RenamedFrom string          `json:"renamed_from,omitempty"`
	Unreadable  string          `json:"unreadable,omitempty"`
	Commit      string          `json:"commit"` // short hash
	Author      string          `json:"author"` // email
	Date        time.Time       `json:"date"`   // the author's date
}

func revisionsJSON(rs []history.Revision) []revisionJSON {
	out := make([]revisionJSON, len(rs))
	for i, r := range rs {
		j := revisionJSON{ID: r.ID, Title: r.Title, Change: "changed", Status: editJSON(r.Status), Horizon: editJSON(r.Horizon),
			Description: r.Body, RenamedFrom: r.RenamedFrom, Unreadable: r.Unreadable, Commit: r.Commit, Author: r.Author, Date: r.Date}
		switch {
		case r.Added:
			j.Change = "added"
		case r.Removed:
			j.Change = "removed"
		}
		if r.Retitled != nil {
			j.TitleWas = &r.Retitled.From
		}
		if len(r.GoalsAdded)+len(r.GoalsRemoved) > 0 {
			j.Goals = &listChangeJSON{Added: r.GoalsAdded, Removed: r.GoalsRemoved}
		}
		out[i] = j
	}
	return out
}

func editJSON(e *history.Edit) *fromTo {
	if e == nil {
		return nil
	}
	return &fromTo{e.From, e.To}
}
