package jsonschematest

import "testing"

// TestURIReference pins the RFC 3986 URI-reference check that SARIF's
// artifact URIs are held to.
func TestURIReference(t *testing.T) {
	for _, ok := range []string{
		"", "stories/S-1.md", "docs/S-1%20login.md", "%C3%A9.md", "a%3Ab/c.md", "./a:b", "/abs/path",
		"https://github.com/prodspec/prodspec#rule-id-format", "//host/x", "?q=1", "#frag", "file:///tmp/x", "a/b:c",
	} {
		if !uriReference.MatchString(ok) {
			t.Errorf("%q is a URI reference", ok)
		}
	}
	for _, bad := range []string{
		"S-1 login.md", "100%.md", "%4.md", "%zz", "é.md", "a\nb", "a\\b", "a[b]", "a:b c", "<x>", "a\"b", "a#b#c", "{x}",
	} {
		if uriReference.MatchString(bad) {
			t.Errorf("%q is not a URI reference", bad)
		}
	}
}
