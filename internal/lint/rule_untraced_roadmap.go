package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var untracedRoadmap = &Rule{
	Name:    spec.RuleUntracedItem,
	Doc:     "A roadmap item names no vision goal.",
	Default: Error,
	Run:     fileProblems(spec.RuleUntracedItem),
}
