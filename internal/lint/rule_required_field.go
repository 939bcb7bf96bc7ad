package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var requiredField = &Rule{
	Name:    spec.RuleRequiredField,
	Doc:     "A required key is missing or empty (id, title, status; roadmap for stories; goals for roadmap items).",
	Default: Error,
	Run:     fileProblems(spec.RuleRequiredField),
}
