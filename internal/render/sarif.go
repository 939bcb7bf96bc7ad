package render

import (
	"errors"
	"io"

	"github.com/prodspec/prodspec/internal/lint"
)

// LintSARIF writes a SARIF 2.1.0 log. TODO(helper).
func LintSARIF(w io.Writer, res *lint.Result, rules []*lint.Rule, prefix, version string) error {
	return errors.New("sarif format: not implemented yet")
}
