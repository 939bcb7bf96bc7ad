// Package render writes reports in their formats. It knows diagnostics and
// report values, never how a rule decides.
package render

import (
	"encoding/json"
	"io"

	"github.com/prodspec/prodspec/internal/lint"
)

// LintText writes one finding a line:
// file:line:col: severity: message [rule]
func LintText(w io.Writer, res *lint.Result) error {
	return LintTerminal(w, res, nil, false)
}

type lintSummary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

type lintDoc struct {
	Version     int              `json:"version"`
	Diagnostics []diagnosticJSON `json:"diagnostics"`
	Summary     lintSummary      `json:"summary"`
}

// diagnosticJSON is lint.Diagnostic's JSON shape (the fields are the
// same, so one converts to the other).
type diagnosticJSON struct {
	Rule     string        `json:"rule"`
	Severity lint.Severity `json:"severity"`
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	Message  string        `json:"message"`
}

// LintJSON writes the whole result as one JSON document.
func LintJSON(w io.Writer, res *lint.Result) error {
	diags := make([]diagnosticJSON, len(res.Diagnostics))
	for i, d := range res.Diagnostics {
		diags[i] = diagnosticJSON(d)
	}
	return writeReportJSON(w, lintDoc{Version: 1, Diagnostics: diags,
		Summary: lintSummary{Files: res.Files, Errors: res.Errors, Warnings: res.Warnings}})
}

// writeJSON writes v indented, with a final newline, without HTML escaping
// (titles with < and & stay readable).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
