package parse

import (
	"bytes"
	"testing"
	"time"

	"github.com/prodspec/prodspec/internal/testcorpus"
)

// TestConflictInFrontMatter: git's conflict markers anywhere in the front
// matter are one front-matter problem at the first marker, column 1, in
// place of the YAML error they would cause, and the file is read no
// further.
func TestConflictInFrontMatter(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line      int
		marker    string
	}{
		{"merge", "---\nid: S-1\n<<<<<<< HEAD\nstatus: ready\n=======\nstatus: done\n>>>>>>> feature/x\n---\nBody.\n", 3, "<<<<<<<"},
		{"diff3", "---\nid: S-1\ntitle: T\n<<<<<<< ours\nstatus: ready\n||||||| base\nstatus: draft\n=======\nstatus: done\n>>>>>>> theirs\n---\n", 4, "<<<<<<<"},
		{"no labels, CRLF", "---\r\nid: S-1\r\n<<<<<<<\r\nstatus: ready\r\n=======\r\nstatus: done\r\n>>>>>>>\r\n---\r\n", 3, "<<<<<<<"},
		{"the closing fence in one side", "---\nid: S-1\n<<<<<<< HEAD\nstatus: ready\n---\nOurs.\n=======\nstatus: done\n---\nTheirs.\n>>>>>>> b\n", 3, "<<<<<<<"},
		{"a conflict before the opening fence", "<<<<<<< HEAD\n---\nid: S-1\n---\n=======\n---\nid: S-2\n---\n>>>>>>> b\n", 1, "<<<<<<<"},
		{"and a BOM", "\ufeff<<<<<<< HEAD\n---\nid: S-1\n---\n=======\n>>>>>>> b\n", 1, "<<<<<<<"},
		{"no closing fence", "---\nid: S-1\n<<<<<<< HEAD\nstatus: ready\n=======\n>>>>>>> b\n", 3, "<<<<<<<"},
		{"a leftover separator", "---\nid: S-1\nstatus: ready\n=======\nstatus: done\n---\n", 4, "======="},
		{"a leftover closing marker", "---\nid: S-1\nstatus: done\n>>>>>>> main\n---\n", 4, ">>>>>>>"},
		{"and one in the body", "---\nid: S-1\n>>>>>>> main\n---\n<<<<<<< HEAD\n", 3, ">>>>>>>"},
	} {
		for _, p := range []func([]byte) *Document{Parse, ParseFrontMatter} {
			d := p([]byte(c.src))
			want := Problem{Rule: RuleFrontMatter, Pos: Pos{Line: c.line, Col: 1},
				Msg: "unresolved merge conflict (" + c.marker + " marker); resolve it before linting"}
			if len(d.Problems) != 1 || d.Problems[0] != want || d.FrontMatter != nil {
				t.Errorf("%s: problems %v (front matter %v), want only %v", c.name, d.Problems, d.FrontMatter != nil, want)
			}
		}
	}
}

// TestConflictInBody: markers in the body are an unreadable-file problem
// at the first marker; the front matter and body are still read, so the
// story keeps its place in the spec. ParseFrontMatter does not read the
// body, nor look for one there.
func TestConflictInBody(t *testing.T) {
	src := "---\nid: S-1\nstatus: accepted\n---\nAs a user.\n\n## Acceptance criteria\n\n" +
		"<<<<<<< HEAD\n- [x] one\n=======\n- [ ] one\n- [ ] two\n>>>>>>> feature\n"
	d := Parse([]byte(src))
	want := Problem{Rule: RuleUnreadableFile, Pos: Pos{Line: 9, Col: 1},
		Msg: "unresolved merge conflict in the body (<<<<<<< marker); resolve it before linting"}
	if len(d.Problems) != 1 || d.Problems[0] != want {
		t.Errorf("problems %v, want only %v", d.Problems, want)
	}
	if d.FrontMatter == nil || !d.Body.HasCriteria || len(d.Body.Criteria) == 0 {
		t.Errorf("front matter %v, body %+v: want both read", d.FrontMatter != nil, d.Body)
	}
	if d := ParseFrontMatter([]byte(src)); len(d.Problems) != 0 || d.FrontMatter == nil {
		t.Errorf("ParseFrontMatter: problems %v, front matter %v; want none and read", d.Problems, d.FrontMatter != nil)
	}

	// A file with no front matter has its body checked too.
	d = Parse([]byte("Title\n\n|||||||\n"))
	if len(d.Problems) != 2 || d.Problems[1].Rule != RuleUnreadableFile || d.Problems[1].Pos != (Pos{Line: 3, Col: 1}) {
		t.Errorf("no front matter: problems %v, want no front matter and a conflict at 3:1", d.Problems)
	}
}

// TestNoConflict: lines that only look like markers are left alone, and
// "=======" in the body is a heading's underline.
func TestNoConflict(t *testing.T) {
	for _, src := range []string{
		"---\nid: S-1\n---\nTitle\n=======\n\nText\n=======  \n",
		"---\nid: S-1\n---\n<<<<<<<< eight\n<<<<<<<x\n <<<<<<< indented\n<<<<<< six\n>>>>>>>>\n>>> quoted\n|||||||x\n",
		"---\nid: S-1\ntitle: \"<<<<<<< HEAD\"\nnote: a\n  =======\n---\n",
	} {
		if d := Parse([]byte(src)); len(d.Problems) != 0 {
			t.Errorf("%q: problems %v, want none", src, d.Problems)
		}
	}
}

// TestMarker pins what a marker line is.
func TestMarker(t *testing.T) {
	for l, want := range map[string]string{
		"<<<<<<< HEAD": "<<<<<<<", "<<<<<<<": "<<<<<<<", "<<<<<<<\r": "<<<<<<<", "<<<<<<< ": "<<<<<<<",
		"||||||| merged common ancestors": "|||||||", "=======": "=======", "======= \r": "=======",
		">>>>>>> 1a2b3c4 (Add S-12)": ">>>>>>>", ">>>>>>>": ">>>>>>>",
		"<<<<<<<<": "", "<<<<<<<\tHEAD": "", "=======x": "", "======== ": "", "======": "", "": "",
		"-------": "", "<<<<<<x": "", ">>>>>>>>": "",
	} {
		if got := marker([]byte(l), true); got != want {
			t.Errorf("marker(%q) = %q, want %q", l, got, want)
		}
	}
	if got := marker([]byte("======="), false); got != "" {
		t.Errorf("the separator is a marker in the body")
	}
}

// TestFirstMarker: the first marker line of any kind, past markers that
// do not start a line.
func TestFirstMarker(t *testing.T) {
	for _, c := range []struct {
		src    string
		sep    bool
		off    int
		marker string
	}{
		{"a <<<<<<< x\n>>>>>>> b\n<<<<<<< c\n", false, 12, ">>>>>>>"},
		{"x|||||||\n=======\n|||||||\n", false, 17, "|||||||"},
		{"x|||||||\n=======\n|||||||\n", true, 9, "======="},
		{"<<<<<<<<\n<<<<<<<<<<<<<<< <<<<<<< \n<<<<<<<", false, 34, "<<<<<<<"},
		{"=======x\n", true, -1, ""},
	} {
		off, m, ok := firstMarker([]byte(c.src), 0, c.sep)
		if !ok {
			off = -1
		}
		if off != c.off || m != c.marker {
			t.Errorf("%q: %d %q, want %d %q", c.src, off, m, c.off, c.marker)
		}
	}
}

// TestFirstMarkerLinear: near-markers on one long line and on a million
// lines are read in one pass; a scan that went back over a line for
// every near-marker on it would take hours here.
func TestFirstMarkerLinear(t *testing.T) {
	for _, src := range [][]byte{
		bytes.Repeat([]byte("<"), 4<<20),
		bytes.Repeat([]byte("<<<<<<<<\n=======x\n"), 1<<20),
	} {
		testcorpus.Within(t, 10*time.Second, func() {
			if _, m, ok := firstMarker(src, 0, true); ok {
				t.Errorf("found %s", m)
			}
		})
	}
}
