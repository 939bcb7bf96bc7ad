package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var unreadableFile = &Rule{
	Name:    spec.RuleUnreadableFile,
	Doc:     "A spec file is binary, not UTF-8, over the size limit, a symlink leading out of the spec root, or holds merge-conflict markers in its body.",
	Default: Error,
	Run:     fileProblems(spec.RuleUnreadableFile),
}
