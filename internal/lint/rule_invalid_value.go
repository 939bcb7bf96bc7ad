package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var invalidValue = &Rule{
	Name:    spec.RuleInvalidValue,
	Doc:     "A value has the wrong type or is outside its vocabulary (status, horizon, moscow, numbers).",
	Default: Error,
	Run:     fileProblems(spec.RuleInvalidValue),
}
