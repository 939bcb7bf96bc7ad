package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var untracedStory = &Rule{
	Name:    spec.RuleUntracedStory,
	Doc:     "A story names no roadmap item.",
	Default: Error,
	Run:     fileProblems(spec.RuleUntracedStory),
}
