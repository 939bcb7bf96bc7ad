package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var unknownField = &Rule{
	Name:    spec.RuleUnknownField,
	Doc:     "A front-matter key prodspec does not know, usually a typo.",
	Default: Warning,
	Run:     fileProblems(spec.RuleUnknownField),
}
