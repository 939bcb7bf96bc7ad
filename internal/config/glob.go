package config

import "github.com/bmatcuk/doublestar/v4"

// Globs are path patterns relative to the spec root, in doublestar's
// syntax: "**" as a whole segment for any number of directories, {a,b}
// for either, and *, ? and [...] within a segment.
type Globs []string

// Match reports whether the slash-separated path p matches any of the
// patterns. A malformed pattern matches nothing; a configuration that
// validates has none.
func (g Globs) Match(p string) bool {
	for _, pat := range g {
		if doublestar.MatchUnvalidated(pat, p) {
			return true
		}
	}
	return false
}

// invalid returns the first malformed pattern, or "".
func (g Globs) invalid() string {
	for _, pat := range g {
		if !doublestar.ValidatePattern(pat) {
			return pat
		}
	}
	return ""
}
