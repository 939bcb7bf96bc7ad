package lint

import "github.com/prodspec/prodspec/internal/spec"

// Found by the loader while it decodes each file, where the positions are.
var frontMatter = &Rule{
	Name:    spec.RuleFrontMatter,
	Doc:     "Front matter is missing, unterminated or not valid YAML, or has duplicate keys, anchors or aliases, or a key that is a mapping or list.",
	Default: Error,
	Run:     fileProblems(spec.RuleFrontMatter),
}
