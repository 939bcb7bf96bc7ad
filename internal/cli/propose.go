package cli

import (
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

// lintProposed checks a change before it is written, the way lint will
// check it after: it lints the work tree's spec as it would be with files
// written (a path relative to the spec root maps to its new content, nil
// to its removal) and returns the findings in those files that s, the
// spec now, does not already have. One home for "is this value valid":
// whatever lint accepts, new, set, check and mv accept.
func lintProposed(src *source.Source, s *spec.Spec, files map[string][]byte) (*lint.Result, error) {
	next, err := src.WorkTreeWith(files)
	if err != nil {
		return nil, err
	}
	res := lint.Run(next, lint.Options{})
	if touchesExisting(s, files) {
		// Findings a file has already are not this change's. A new
		// file has none in s, and linting s would double new's time.
		res = res.Since(lint.Run(s, lint.Options{}))
	}
	var kept []lint.Diagnostic
	for _, d := range res.Diagnostics {
		if _, ok := files[d.File]; ok {
			kept = append(kept, d)
		}
	}
	return lint.NewResult(kept, len(files)), nil
}

// touchesExisting says whether any of files is a file of s.
func touchesExisting(s *spec.Spec, files map[string][]byte) bool {
	for _, f := range s.Files {
		if _, ok := files[f.Path]; ok {
			return true
		}
	}
	return false
}
