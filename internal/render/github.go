package render

import (
	"bufio"
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

// LintGitHub writes one workflow command per finding, which GitHub Actions
// shows as an annotation on the file and line:
// ::error file=F,line=L,col=C,title=T::MESSAGE
// Files are relative to the repository root through prefix.
func LintGitHub(w io.Writer, res *lint.Result, prefix string) error {
	bw := bufio.NewWriter(w)
	for _, d := range res.Diagnostics {
		cmd := "warning"
		if d.Severity == lint.Error {
			cmd = "error"
		}
		fmt.Fprintf(bw, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", cmd,
			controls(ghProperty.Replace(repoPath(prefix, d.File))), d.Line, d.Column,
			ghProperty.Replace("prodspec "+d.Rule), controls(ghData.Replace(d.Message)))
	}
	return bw.Flush()
}

// summaryRows caps the job summary's table: GitHub refuses a step summary
// over 1 MiB, and a thousand rows already say what is wrong.
const summaryRows = 1000

// LintMarkdown writes the job summary: a heading, the counts, and a table
// of the findings. Everything copied from the spec is escaped so that it
// shows as written and cannot break the table or inject markup.
func LintMarkdown(w io.Writer, res *lint.Result, prefix string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "<!-- %s -->\n## prodspec lint\n\n", Marker)
	if len(res.Diagnostics) == 0 {
		fmt.Fprintf(bw, "No findings in %s.\n\n", plural(res.Files, "file"))
		return bw.Flush()
	}
	fmt.Fprintf(bw, "**%s** in %s.\n\n", Count(res.Errors, res.Warnings), plural(res.Files, "file"))
	fmt.Fprint(bw, "| Location | Severity | Rule | Message |\n|---|---|---|---|\n")
	for _, d := range res.Diagnostics[:min(len(res.Diagnostics), summaryRows)] {
		loc := fmt.Sprintf("%s:%d:%d", repoPath(prefix, d.File), d.Line, d.Column)
		fmt.Fprintf(bw, "| %s | %s | `%s` | %s |\n", md(loc), d.Severity, d.Rule, md(d.Message))
	}
	if more := len(res.Diagnostics) - summaryRows; more > 0 {
		fmt.Fprintf(bw, "\n… and %d more; run `prodspec lint` to see them all.\n", more)
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}
