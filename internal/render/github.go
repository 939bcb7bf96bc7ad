package render

import (
	"errors"
	"fmt"
	"io"

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

// LintGitHub writes GitHub workflow-command annotations. TODO(helper).
func LintGitHub(w io.Writer, res *lint.Result, prefix string) error {
	return errors.New("github format: not implemented yet")
}

// LintMarkdown writes the job-summary table. TODO(helper).
func LintMarkdown(w io.Writer, res *lint.Result, prefix string) error {
	return errors.New("markdown summary: not implemented yet")
}
