package parse

import (
	"strings"
	"testing"
)

// TestYAMLErrorLines pins the file line of YAML syntax errors, scanner and
// parser errors alike, for an error on the first and on a later line.
func TestYAMLErrorLines(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
	}{
		// An unclosed construct on the first line is reported where the
		// parser gave up: the end of the YAML, the closing fence.
		{"---\ntitle: [unclosed\n---\n", 3},
		{"---\nid: S-1\ntitle: [unclosed\n---\n", 3},
		{"---\nid: S-1\ntitle: a: b\n---\n", 3},
		{"---\nid: S-1\n  bad: indent\n---\n", 3},
		{"---\n\tid: tab\n---\n", 2},
		{"---\nid: S-1\nlist:\n  - a\n b: c\n---\n", 5},
		{"---\nid: \"unclosed\n---\n", 3},
		{"\ufeff---\nid: S-1\nx: {a\n---\n", 3},
	} {
		d := Parse([]byte(c.src))
		if len(d.Problems) != 1 {
			t.Errorf("%q: problems %v, want one", c.src, d.Problems)
			continue
		}
		if got := d.Problems[0].Pos.Line; got != c.line {
			t.Errorf("%q: line %d (%s), want %d", c.src, got, d.Problems[0].Msg, c.line)
		}
	}
}

// TestComplexKeys: a key that is a mapping or a list is a front-matter
// problem at the key, not a field named "" (fmt could not write one back
// the same way twice, found by FuzzFormat).
func TestComplexKeys(t *testing.T) {
	for _, c := range []struct {
		src  string
		want Pos
		kind string
	}{
		{"---\nid: S-1\n{a: 1}: x\n---\n", Pos{Line: 3, Col: 1}, "mapping"},
		{"---\n{{ }#\n}\n---\n", Pos{Line: 2, Col: 2}, "mapping"},
		{"---\nrice:\n  ? [a, b]\n  : 1\n---\n", Pos{Line: 3, Col: 5}, "list"},
	} {
		d := Parse([]byte(c.src))
		if len(d.Problems) != 1 || d.Problems[0].Rule != RuleFrontMatter || d.Problems[0].Pos != c.want ||
			!strings.Contains(d.Problems[0].Msg, "a key that is a "+c.kind) {
			t.Errorf("%q: problems %v, want a %s key at %v", c.src, d.Problems, c.kind, c.want)
		}
	}
}

// TestYAMLOnlyLineBreaks: yaml.v3 also ends lines at a lone CR, U+0085,
// U+2028 and U+2029; positions after one are still file positions (found
// by FuzzParse: they used to point past the end of the file).
func TestYAMLOnlyLineBreaks(t *testing.T) {
	for _, br := range []string{"\r", "\u0085", "\u2028", "\u2029"} {
		src := "---\nid: S-1" + br + "id: S-2\n---\n"
		d := Parse([]byte(src))
		if len(d.Problems) != 1 || d.Problems[0].Pos != (Pos{Line: 2, Col: 9}) {
			t.Errorf("%q: problems %v, want a duplicate key at 2:9", src, d.Problems)
		}
	}
	d := Parse([]byte("---\n\r&\n---"))
	if len(d.Problems) != 1 || d.Problems[0].Pos.Line != 3 {
		t.Errorf("problems %v, want one on line 3", d.Problems)
	}
}

// TestDocumentMarkers: a "---" line with a comment after it is not the
// closing fence but a second YAML document, and "..." ends the first;
// yaml.v3 reads only the first document, so the keys after either were
// lost without a word. Both are a finding at the marker's line, whichever
// way the YAML is read (scanYAML or yaml.v3).
func TestDocumentMarkers(t *testing.T) {
	for _, c := range []struct {
		src    string
		line   int
		marker string
	}{
		{"---\nid: S-1\n--- # c\nstatus: ready\n---\n", 3, `"---"`},
		{"---\nid: S-1\ntitle: T\n---\t#c\nstatus: ready\n---\n", 4, `"---"`},
		{"---\r\nid: S-1\r\n--- # c\r\nstatus: ready\r\n---\r\n", 3, `"---"`},
		{"---\nid: S-1\n...\nstatus: ready\n---\n", 3, `"..."`},
		{"---\nid: S-1\n... # end\n---\n", 3, `"..."`},
		{"---\n--- # first\nid: S-1\n---\n", 2, `"---"`},
		{"---\nnotes: |\n  text\n--- x\n---\n", 4, `"---"`},
		{"---\nid: S-1\u2028--- # c\nx: y\n---\n", 2, `"---"`},
	} {
		d := Parse([]byte(c.src))
		if len(d.Problems) != 1 || d.Problems[0].Rule != RuleFrontMatter || d.Problems[0].Pos.Line != c.line ||
			!strings.Contains(d.Problems[0].Msg, c.marker) {
			t.Errorf("%q: problems %v, want one %s on line %d", c.src, d.Problems, c.marker, c.line)
		}
		if d.FrontMatter != nil {
			t.Errorf("%q: front matter decoded", c.src)
		}
	}
	// Not markers: indented, inside a value, or more dashes or dots.
	for _, src := range []string{
		"---\nid: S-1\nnotes: |\n  --- x\n---\n",
		"---\nid: S-1\ntitle: a --- b\n---\n",
		"---\nid: S-1\nx: ----\n----\n---\n",
		"---\nid: S-1\ntitle: wait...\n---\n",
	} {
		if d := Parse([]byte(src)); len(d.Problems) != 0 && strings.Contains(d.Problems[0].Msg, "document") {
			t.Errorf("%q: problems %v, want no document marker", src, d.Problems)
		}
	}
}
