package render

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/report"
	"github.com/prodspec/prodspec/internal/specdiff"
)

// Format is one --format value of a report: its name, the function that
// writes it, and how to tell a file it wrote, so that --output replaces
// prodspec's own files and refuses anyone else's.
type Format[T any] struct {
	Name  string
	Write func(io.Writer, T) error
	Owns  func(data []byte) bool
}

// Formats are a report's formats, its default first. The command line
// takes --format's help, validation and completion from them.
type Formats[T any] []Format[T]

// Names are the formats' names, the default first.
func (fs Formats[T]) Names() []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	return names
}

// Lookup finds a format by name.
func (fs Formats[T]) Lookup(name string) (Format[T], bool) {
	i := slices.IndexFunc(fs, func(f Format[T]) bool { return f.Name == name })
	if i < 0 {
		return Format[T]{}, false
	}
	return fs[i], true
}

func (fs Formats[T]) owners() []func([]byte) bool {
	out := make([]func([]byte) bool, len(fs))
	for i, f := range fs {
		out[i] = f.Owns
	}
	return out
}

// Lint is a lint result to render, with what the formats that GitHub
// reads need: the spec root's place in the repository, the rules and
// prodspec's version.
type Lint struct {
	Result  *lint.Result
	Prefix  string // the spec root relative to the repository root
	Rules   []*lint.Rule
	Version string
	Summary bool // the command also writes the findings to GitHub's job summary
	// For a terminal, text output shows each finding's source line from
	// Lines (nil: none) and is in colour when Color.
	Lines func(file string) []string
	Color bool
}

// Diff is a spec diff to render, with its two ends and the stories the
// commits between them made suspect.
type Diff struct {
	Diff       *specdiff.Diff
	Base, Head DiffEnd
	Suspects   []history.Suspect
}

// DiffEnd is one end of a diff: a commit, or the work tree.
type DiffEnd struct {
	Name   string // for people: "pr", "fc6514f (merge base of main and pr)", "work tree"
	Ref    string // as the user named it ("main...pr" for a merge base); "" for the work tree
	Commit string // the full hash; "" for the work tree
}

// The formats of every report.
var (
	LintFormats = Formats[Lint]{
		{"text", func(w io.Writer, l Lint) error { return LintTerminal(w, l.Result, l.Lines, l.Color) }, carriesNoMarker},
		{"json", func(w io.Writer, l Lint) error { return LintJSON(w, l.Result) }, isJSONReport},
		{"sarif", func(w io.Writer, l Lint) error { return LintSARIF(w, l.Result, l.Rules, l.Prefix, l.Version) }, isSARIF},
		{"github", func(w io.Writer, l Lint) error { return LintGitHub(w, l.Result, l.Prefix, l.Summary) }, carriesNoMarker},
		{"gitlab", func(w io.Writer, l Lint) error { return LintGitLab(w, l.Result, l.Prefix) }, carriesNoMarker},
	}
	BacklogFormats = Formats[Backlog]{
		{"md", BacklogMarkdown, hasMarker},
		{"json", BacklogJSON, isJSONReport},
		{"csv", BacklogCSV, carriesNoMarker},
		{"table", BacklogTable, carriesNoMarker},
	}
	StatusFormats = Formats[Status]{
		{"md", statusFormat(StatusMarkdown), hasMarker},
		{"json", statusFormat(StatusJSON), isJSONReport},
		{"html", StatusHTML, hasMarker},
		{"table", statusFormat(StatusTable), carriesNoMarker},
	}
	TraceFormats = Formats[*report.TraceTree]{
		{"text", TraceText, carriesNoMarker},
		{"md", TraceMarkdown, hasMarker},
		{"json", TraceJSON, isJSONReport},
	}
	HistoryFormats = Formats[History]{
		{"text", HistoryText, carriesNoMarker},
		{"md", HistoryMarkdown, hasMarker},
		{"json", HistoryJSON, isJSONReport},
	}
	ReleaseNotesFormats = Formats[ReleaseNotes]{
		{"md", ReleaseNotesMarkdown, hasMarker},
		{"json", ReleaseNotesJSON, isJSONReport},
	}
	MetricsFormats = Formats[Metrics]{
		{"md", MetricsMarkdown, hasMarker},
		{"json", MetricsJSON, isJSONReport},
		{"csv", MetricsCSV, carriesNoMarker},
		{"html", MetricsHTML, hasMarker},
	}
	ForecastFormats = Formats[Forecast]{
		{"md", ForecastMarkdown, hasMarker},
		{"json", ForecastJSON, isJSONReport},
	}
	DiffFormats = Formats[Diff]{
		{"md", DiffMarkdown, hasMarker},
		{"json", DiffJSON, isJSONReport},
	}
	SuspectsFormats = Formats[[]history.Suspect]{
		{"text", SuspectsText, carriesNoMarker},
		{"md", SuspectsMarkdown, hasMarker},
		{"json", SuspectsJSON, isJSONReport},
	}
)

// IsGenerated reports whether data is a file prodspec wrote, in any
// format of any report: whether it carries the marker of one. An empty
// file counts: nothing can be lost. A format that cannot carry a marker
// (lint text, GitHub annotations, CSV, trace and history text) is never
// recognised, so such a file is replaced only when empty or with --force.
func IsGenerated(data []byte) bool {
	if len(bytes.TrimSpace(data)) == 0 {
		return true
	}
	owners := slices.Concat(LintFormats.owners(), BacklogFormats.owners(), StatusFormats.owners(),
		TraceFormats.owners(), HistoryFormats.owners(), ReleaseNotesFormats.owners(), DiffFormats.owners(),
		SuspectsFormats.owners(), MetricsFormats.owners(), ForecastFormats.owners(), []func([]byte) bool{isManPage})
	return slices.ContainsFunc(owners, func(owns func([]byte) bool) bool { return owns(data) })
}

// Marker is written as the first line of every md report, and the line
// after <!DOCTYPE html> of every html report, as an HTML comment, so that
// --output can tell its own files from files a person wrote.
const Marker = "generated by prodspec"

// Generator is the value of the "generator" member every JSON report
// opens with, prodspec's marker in JSON. SARIF carries its own: the tool
// driver's name.
const Generator = "prodspec"

// writeReportJSON writes a JSON report, v, as writeJSON does, opening
// with prodspec's marker: "generator": "prodspec" before v's own members.
// v must encode as an object.
func writeReportJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	if err := writeJSON(&buf, v); err != nil {
		return err
	}
	body, ok := bytes.CutPrefix(buf.Bytes(), []byte("{\n"))
	if !ok {
		return fmt.Errorf("a JSON report must be an object, not %.20q", buf.Bytes())
	}
	if _, err := fmt.Fprintf(w, "{\n  \"generator\": %q,\n", Generator); err != nil {
		return err
	}
	_, err := w.Write(body)
	return err
}

// The markers, as each format's recogniser looks for them: at the top of
// the file, in the exact form prodspec writes, not anywhere in the text.
var (
	markerLineRe = regexp.MustCompile(`\A(?:<!DOCTYPE html>\r?\n)?<!-- ` + Marker + ` -->\r?\n`)
	jsonMarker   = regexp.MustCompile(`\A\{\s*"generator": "` + Generator + `",`)
	sarifDriver  = regexp.MustCompile(`\A\{\s*"\$schema": "[^"\n]*sarif[^"\n]*",\s*"version": "2\.1\.0",\s*"runs": \[\s*\{\s*"tool": \{\s*"driver": \{\s*"name": "` + Generator + `",`)
)

func head(data []byte) []byte { return data[:min(len(data), 4096)] }

func hasMarker(data []byte) bool    { return markerLineRe.Match(head(data)) }
func isJSONReport(data []byte) bool { return jsonMarker.Match(head(data)) }
func isSARIF(data []byte) bool      { return sarifDriver.Match(head(data)) }

// carriesNoMarker is the recogniser of a format that has no place for a
// marker a reader would not trip over (a CSV row, a line among findings).
func carriesNoMarker([]byte) bool { return false }
