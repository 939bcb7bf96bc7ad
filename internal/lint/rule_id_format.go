package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var idFormat = &Rule{
	Name:    spec.RuleIDFormat,
	Doc:     "An ID does not match the pattern configured for its kind.",
	Default: Error,
	Run:     fileProblems(spec.RuleIDFormat),
}
