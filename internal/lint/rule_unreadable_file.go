package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var unreadableFile = &Rule{
	Name:    spec.RuleUnreadableFile,
	Doc:     "A spec file or directory cannot be read: binary, not UTF-8, over the size limit, not a regular file, a symlink (or chain) leading out of the spec root or looping, or merge-conflict markers in its body.",
	Default: Error,
	Run:     fileProblems(spec.RuleUnreadableFile),
}
