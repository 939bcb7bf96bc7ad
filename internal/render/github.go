package render

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/prodspec/prodspec/internal/lint"
)

// Count says "2 errors, 1 warning".
func Count(errs, warns int) string {
	return plural(errs, "error") + ", " + plural(warns, "warning")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// GitHub's workflow-command escaping (toolkit/core command.ts): data after
// "::" escapes %, CR and LF; property values also escape : and , which
// would otherwise end the value. GitHub leaves other control characters
// as they are, into the log: ESC and the rest are escaped after, by
// controls, as in text output.
var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// shownAnnotations is how many annotations of each level GitHub shows
// for a step; it keeps the rest out of sight.
const shownAnnotations = 10

// LintGitHub writes one workflow command per finding, which GitHub Actions
// shows as an annotation on the file and line:
// ::error file=F,line=L,col=C,title=T::MESSAGE
// Files are relative to the repository root through prefix. GitHub shows
// only ten annotations of a level, so past ten a notice says how many
// more there are and where they are: in the job summary when summary is
// set (the command writes one), else in prodspec lint's own output.
func LintGitHub(w io.Writer, res *lint.Result, prefix string, summary bool) error {
	bw := bufio.NewWriter(w)
	for _, d := range res.Diagnostics {
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", annotationLevel(d.Severity),
			controls(ghProperty.Replace(repoPath(prefix, d.File))), d.Line, d.Column,
			ghProperty.Replace("prodspec "+d.Rule), controls(ghData.Replace(d.Message)))
	}
	where := "are in prodspec lint's output"
	if summary {
		where = "are in the job summary"
	}
	for _, c := range []struct {
		n    int
		what string
	}{{res.Errors, "error"}, {res.Warnings, "warning"}} {
		if c.n > shownAnnotations {
			fmt.Fprintf(bw, "::notice title=prodspec::GitHub shows %d of the %d %s annotations; the other %d %s\n",
				shownAnnotations, c.n, c.what, c.n-shownAnnotations, where)
		}
	}
	return bw.Flush()
}

func annotationLevel(s lint.Severity) string {
	if s == lint.Error {
		return "error"
	}
	return "warning"
}

// SummaryLimit is the most bytes GitHub takes in a step's job summary:
// over it, GitHub drops the whole summary.
const SummaryLimit = 1 << 20

// LintMarkdown writes the job summary: a heading, the counts, and a table
// of the findings, in at most limit bytes (the room left in the step's
// summary); rows that do not fit are left out and counted. Everything
// copied from the spec is escaped so that it shows as written and cannot
// break the table or inject markup.
func LintMarkdown(w io.Writer, res *lint.Result, prefix string, limit int) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "<!-- %s -->\n## prodspec lint\n\n", Marker)
	if len(res.Diagnostics) == 0 {
		fmt.Fprintf(&buf, "No findings in %s.\n\n", plural(res.Files, "file"))
		return writeWithin(w, buf.Bytes(), limit)
	}
	fmt.Fprintf(&buf, "**%s** in %s.\n\n", Count(res.Errors, res.Warnings), plural(res.Files, "file"))
	fmt.Fprint(&buf, "| Location | Severity | Rule | Message |\n|---|---|---|---|\n")
	// room keeps space for the closing line that counts what was left out.
	room := limit - 200
	shown := 0
	for _, d := range res.Diagnostics {
		loc := fmt.Sprintf("%s:%d:%d", repoPath(prefix, d.File), d.Line, d.Column)
		row := fmt.Sprintf("| %s | %s | `%s` | %s |\n", md(loc), d.Severity, d.Rule, md(d.Message))
		if buf.Len()+len(row) > room {
			break
		}
		buf.WriteString(row)
		shown++
	}
	if more := len(res.Diagnostics) - shown; more > 0 {
		fmt.Fprintf(&buf, "\n%s left out to keep this summary under GitHub's 1 MiB; run `prodspec lint` to see them all.\n",
			plural(more, "more finding"))
	}
	buf.WriteString("\n")
	return writeWithin(w, buf.Bytes(), limit)
}

// writeWithin writes data, or nothing when even the summary's head does
// not fit in limit: a summary over GitHub's limit would be dropped whole,
// with whatever the step wrote before it.
func writeWithin(w io.Writer, data []byte, limit int) error {
	if len(data) > limit {
		return nil
	}
	_, err := w.Write(data)
	return err
}
