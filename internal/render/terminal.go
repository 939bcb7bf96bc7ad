package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/prodspec/prodspec/internal/lint"
)

// ANSI styles for a terminal.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiGreen  = "\x1b[32m"
)

// style wraps s in an ANSI style when on, and is s itself when not.
func style(on bool, code, s string) string {
	if !on || s == "" {
		return s
	}
	return code + s + ansiReset
}

// LintTerminal writes findings for a person at a terminal: each line as
// LintText writes it (in colour when color), then, when lines gives the
// file's lines, the offending line with a caret under the column, as
// actionlint does. Without color and source lines it is LintText.
func LintTerminal(w io.Writer, res *lint.Result, lines func(file string) []string, color bool) error {
	var b strings.Builder
	for _, d := range res.Diagnostics {
		sev := style(color, ansiYellow, string(d.Severity))
		if d.Severity == lint.Error {
			sev = style(color, ansiRed, string(d.Severity))
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s %s\n", style(color, ansiBold, controls(d.File)), d.Line, d.Column,
			sev, style(color, ansiBold, controls(d.Message)), style(color, ansiDim, "["+d.Rule+"]"))
		if lines != nil {
			writeSnippet(&b, lines(d.File), d.Line, d.Column, color)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeSnippet writes line n of a file, numbered, with a caret under
// column col (counted in characters, as positions are) and a tilde
// under the rest of the word there. A line the file does not have (a
// finding about the whole file) gets no snippet.
func writeSnippet(b *strings.Builder, lines []string, n, col int, color bool) {
	if n < 1 || n > len(lines) {
		return
	}
	// One character per column: a tab is one space, a control character
	// one "?", so the caret stays under its column and nothing drives the
	// terminal.
	text := []rune(strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case isControl(r):
			return '?'
		}
		return r
	}, lines[n-1]))
	num := fmt.Sprint(n)
	gutter := strings.Repeat(" ", len(num))
	fmt.Fprintf(b, "%s %s %s\n", style(color, ansiDim, num), style(color, ansiDim, "|"), string(text))
	if col < 1 || col > len(text)+1 {
		return
	}
	end := col
	for end < len(text) && !strings.ContainsRune(" ,]}#", text[end]) {
		end++
	}
	mark := "^" + strings.Repeat("~", max(0, end-col))
	fmt.Fprintf(b, "%s %s %s%s\n", gutter, style(color, ansiDim, "|"), strings.Repeat(" ", col-1), style(color, ansiGreen, mark))
}
