package parse

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/benchcorpus"
	"github.com/prodspec/prodspec/internal/testcorpus"
)

// FuzzSplit checks the splitter on any input: it never panics or hangs, an
// error is at a position inside the file, and the pieces it returns
// reassemble the input exactly: optional BOM, opening fence line, front
// matter, closing fence line, body; or optional BOM and body when there is
// no front matter. The fences are the first two fence lines. It also
// checks that the search for merge-conflict markers finds the line that
// reading the file line by line finds.
//
//	go test -run '^$' -fuzz FuzzSplit -fuzztime 3m ./internal/parse
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"", "---", "---\n", "---\n---", "---\n---\n", "\ufeff---\r\n---\r\n",
		"--- \t\r\nid: S-1\n---  \nbody\n---\n", "x\n---\n---\n", "\ufeff", "---\nid: S-1\n"} {
		f.Add([]byte(s))
	}
	for _, s := range seeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		testcorpus.Within(t, 10*time.Second, func() {
			checkSplit(t, src)
			checkMarkers(t, src)
		})
	})
}

func checkSplit(t *testing.T, src []byte) {
	parts, err := Split(src)
	start := 0
	if bytes.HasPrefix(src, bom) {
		start = len(bom)
	}
	first, rest, _ := bytes.Cut(src[start:], []byte("\n"))
	switch {
	case err != nil:
		if e := testcorpus.CheckPos(src, err.Pos.Line, err.Pos.Col); e != nil {
			t.Errorf("error position: %v", e)
		}
		if !fenceLine(first) || hasFenceLine(rest) {
			t.Errorf("unterminated, but the file has both fences")
		}
	case !parts.HasFrontMatter:
		if fenceLine(first) {
			t.Errorf("no front matter, but line 1 is a fence")
		}
		if parts.BodyOffset != start || !bytes.Equal(parts.Body, src[start:]) {
			t.Errorf("body at %d is not the input after the BOM", parts.BodyOffset)
		}
	default:
		checkPieces(t, src, start, parts)
	}
}

// checkMarkers checks firstMarker against the slow way: every line.
func checkMarkers(t *testing.T, src []byte) {
	for _, sep := range []bool{false, true} {
		want, wantM := -1, ""
		for off := 0; off < len(src); {
			l, next := line(src, off)
			if m := marker(l, sep); m != "" {
				want, wantM = off, m
				break
			}
			off = next
		}
		off, m, ok := firstMarker(src, 0, sep)
		if !ok {
			off = -1
		}
		if off != want || m != wantM {
			t.Errorf("separator %v: first marker %q at byte %d, want %q at %d", sep, m, off, wantM, want)
		}
	}
}

// checkPieces checks that parts, a file with front matter, reassembles src.
func checkPieces(t *testing.T, src []byte, start int, p Parts) {
	end := p.FMOffset + len(p.FrontMatter)
	if p.FMOffset < start || end > p.BodyOffset || p.BodyOffset > len(src) {
		t.Fatalf("offsets out of order: BOM end %d, front matter %d..%d, body %d, size %d", start, p.FMOffset, end, p.BodyOffset, len(src))
	}
	// A fence line holds no newline, so each check is for exactly one line.
	opening, nl := bytes.CutSuffix(src[start:p.FMOffset], []byte("\n"))
	if !nl || !fenceLine(opening) {
		t.Errorf("opening %q is not one fence line", src[start:p.FMOffset])
	}
	closing, nl := bytes.CutSuffix(src[end:p.BodyOffset], []byte("\n"))
	if !fenceLine(closing) || !nl && p.BodyOffset != len(src) {
		t.Errorf("closing %q is not one fence line", src[end:p.BodyOffset])
	}
	if !bytes.Equal(p.FrontMatter, src[p.FMOffset:end]) || !bytes.Equal(p.Body, src[p.BodyOffset:]) {
		t.Errorf("front matter or body is not the input at its offset")
	}
	if hasFenceLine(p.FrontMatter) {
		t.Errorf("front matter %q holds a fence line: the first one closes it", p.FrontMatter)
	}
	if p.FMLine != 2 {
		t.Errorf("FMLine %d, want 2", p.FMLine)
	}
}

// fenceLine is the splitter's contract for a fence, written out again:
// "---" with only spaces, tabs and a CR after it.
func fenceLine(l []byte) bool {
	return string(bytes.TrimRight(l, " \t\r")) == "---"
}

func hasFenceLine(b []byte) bool {
	for l := range bytes.Lines(b) {
		if fenceLine(bytes.TrimSuffix(l, []byte("\n"))) {
			return true
		}
	}
	return false
}

// FuzzScanBody checks scanBody, parseBody's way around goldmark: on every
// body it does not give up on, it finds exactly what goldmark finds.
//
//	go test -run '^$' -fuzz FuzzScanBody -fuzztime 3m ./internal/parse
func FuzzScanBody(f *testing.F) {
	for _, s := range []string{
		"As a user, I want it,\nso that it works.\n\n## Acceptance criteria\n\n- [ ] one\n- [x] two\n* [X] three\n+ [\f] four\n- not a task\n",
		"## Acceptance criteria:\n- [ ] a\n### More\n- [x] b\n## Next\n- [ ] c\n# Acceptance Criteria #\n- [ ] d",
		"Text\n- [ ] interrupts\n- [ ] item\nlazy continuation\n",
		"Title\n---\nSetext\n===\n", "- [ ]\n- [x]", "-  [ ] two spaces\n1. [ ] ordered\n  - [ ] nested\n",
		"#Not a heading\n####### seven\n# \n#\n", "- a\n\ntext after a list\n- [ ]x\n- [x]\ty\n",
		"## Acceptance criteria\n<<<<<<< HEAD\n- [x] one\n=======\n- [ ] one\n- [ ] two\n>>>>>>> b\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range seeds() {
		if parts, err := Split(s); err == nil {
			f.Add(parts.Body)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, ok := checkText(body); !ok {
			return // Parse reads no body from a binary or non-UTF-8 file
		}
		testcorpus.Within(t, 10*time.Second, func() {
			lines := newLineIndex(body)
			got, ok := scanBody(body, 0, lines)
			if want := parseBodyGoldmark(body, 0, lines); ok && !reflect.DeepEqual(got, want) {
				t.Errorf("scanBody:\n%+v\ngoldmark:\n%+v", got, want)
			}
		})
	})
}

// FuzzScanYAML checks scanYAML, parseYAML's way around yaml.v3: on every
// front matter it does not give up on, it builds yaml.v3's very tree less
// comments (the trees are compared with HeadComment, LineComment and
// FootComment cleared on both sides: scanYAML keeps none, and no reader of
// Parse's tree looks at them), and it gives up on every front matter
// holding a document marker.
//
//	go test -run '^$' -fuzz FuzzScanYAML -fuzztime 3m ./internal/parse
func FuzzScanYAML(f *testing.F) {
	for _, s := range []string{
		"id: S-1\ntitle: Capture a note: fast\nestimate: 3\nconfidence: 80%\ndate: 2026-01-02\n",
		"depends_on: [S-7,  S-9 ]\nlabels: []\nrice: {reach: 800, impact: 2, confidence: 0.8, effort: 3}\nx: {}  \n",
		"a: yes\nb: ~\nc: null\nd: -1\ne: +.5\nf: 0x1F\ng: .inf\nh: 1_000\ni: é ü — 漢字\nj: a,b [c] {d}\n",
		"k: [a: b]\nl: {a:b}\nm: [a, ]\nn: a #c\no:\n  - x\np: 'q'\n", "\n  \nkey: v  \n\n",
		"id: S-1\n<<<<<<< HEAD\nstatus: ready\n||||||| base\nstatus: draft\n=======\nstatus: done\n>>>>>>> b\n",
		"id: S-1\n=======\n", "a: b\n>>>>>>> b\n",
		"id: S-1\n--- # c\nstatus: ready\n", "id: S-1\n...\nx: y\n", "a: b\r--- x\r",
		// hand-written: quotes, comments, block lists, one nested mapping
		"# S-2: pin\nid: S-2\ntitle: \"Pin it\"\nstatus: done  # since the review\nlabels:\n  - a\n  - 'b'\n" +
			"# priority inputs\nrice:\n  reach: 4146\n  confidence: 90%\n  effort: 3  # a guess\ncreated: 2026-05-17\n",
		"labels:\n- x\n- \"y\"\ndepends_on:\n    - S-1\n    - S-2 #c\nz: 'it''s' # q\n", "'q': 1\n", "\"q\": 1\n",
		"a: ''\nb: \"\"\nc: ' x '\nd: 'a''''b'\ne: \"a'b\"\nf: 'a\"b'\ng: 'a\\b'\nh: '\\'\n", "g: \"\\n\"\n", "h: \"a\\\"b\"\n",
		"i: 'a\tb'\n", "i: \"a\tb\"\n", "a: 'x' y\n", "a: 'x'y\n", "a: 'x': y\n", "a: 'x\n", "a: 'é'\nb: \"漢\"\n",
		"a: [x, 'y, z', \"w\", 'it''s']  # c\nb: {k: 'v', l: \"m\"}\n", "c: ['a': b]\n", "d: ['a' b]\n", "d: ['a' ,b ]\n",
		"e: [x]#c\n", "f: 'x'#c\n", "g: \"x\"#c\n", "e: [x] #c\n", "e: {a: b} # c\n", "e: [x] y\n", "e: ['x\n",
		"a: b#c\nb: b #c\nc: b  #\nd: b #c: d\nf: # c\ng:\nh:   \n", "e: b:# c\n", "i:#c\n", "a: #c\n  b: 1\n",
		"a:\n  b:\n  - x\n  c: 1\nd:\n# c\n  - y\n", "a:\n  - x\n  b: 1\n", "a:\n  b: 1\n c: 2\n",
		"a:\n  b: 1\n   c: 2\n", "a:\n  - x\n - y\n", "a:\n  - x\n   - y\n", "a:\n- x\n  y\n", "a:\n  - x\n    y\n",
		"a:\n  b:\n    c: 1\n", "a:\n  b:\n    - c\n", "a:\n- - x\n", "a:\n- x: y\n", "a:\n-\n- \n", "a:\n- # c\n",
		"a:\n\t- x\n", "a:\n  b: 1\n\tc: 2\n", "a:\t1\n", "a: 1\t# c\n", "a: 1 #\tc\n", "a:\n  # c\n  b: 1\n  # d\n",
		"a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", "a:\nb:\n", "a:", "a:\n", "a:  # c", "a:\n  b:", "a:\n  b:\n",
		"a:\n  - 'x'\n  - \"y\" # c\n  - [z]\n  - {k: v}\n", "a: 'x\n  y'\n", "a: \"x\n  y\"\n", "a: x\n  # c\n  y\n",
		"  a: 1\n", "# only\n", "a: 1\r\nb: 2\r\n", "a: 1 # c\r\n", "a:\n  b: 1\n---\n", "a:\n- x\n...\n",
		"a:\n- x\n---\n", "a:\n  b: 1\n<<<<<<< HEAD\n", "a:\n- x\n=======\n- y\n", "a:\n  - x\n\n  # c\n\n  - y\nb: 1\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range seeds() {
		if parts, err := Split(s); err == nil {
			f.Add(parts.FrontMatter)
		}
	}
	f.Fuzz(func(t *testing.T, fm []byte) {
		testcorpus.Within(t, 10*time.Second, func() {
			got, ok := scanYAML(fm)
			if !ok {
				return
			}
			if off, m, found := firstMarker(fm, 0, true); found {
				t.Errorf("scanYAML read a front matter holding the conflict marker %s at byte %d", m, off)
			}
			if off, m := docMarker(fm); off >= 0 {
				t.Errorf("scanYAML read a front matter holding the document marker %s at byte %d", m, off)
			}
			var doc yaml.Node
			if err := yaml.Unmarshal(fm, &doc); err != nil || doc.Kind == 0 {
				t.Errorf("scanYAML read what yaml.v3 does not: %v", err)
			} else if want := doc.Content[0]; !reflect.DeepEqual(uncommented(got), uncommented(want)) {
				t.Errorf("scanYAML:\n%s\nyaml.v3:\n%s", dump(got), dump(want))
			}
		})
	})
}

// uncommented is a copy of the tree n without its comments.
func uncommented(n *yaml.Node) *yaml.Node {
	c := *n
	c.HeadComment, c.LineComment, c.FootComment = "", "", ""
	if n.Content != nil { // keep nil and empty apart, as DeepEqual does
		c.Content = make([]*yaml.Node, len(n.Content))
	}
	for i, k := range n.Content {
		c.Content[i] = uncommented(k)
	}
	return &c
}

// conflictSeeds are files in the middle of a merge conflict: in the front
// matter (diff3 style, with CRLF), across the closing fence, in the body.
var conflictSeeds = []string{
	"---\r\nid: S-1\r\n<<<<<<< HEAD\r\nstatus: ready\r\n||||||| base\r\nstatus: draft\r\n=======\r\nstatus: done\r\n>>>>>>> feature\r\n---\r\n",
	"---\nid: S-1\n<<<<<<< HEAD\nstatus: ready\n---\nOurs.\n=======\nstatus: done\n---\nTheirs.\n>>>>>>> b\n",
	"<<<<<<< HEAD\n---\nid: S-1\n---\n## Acceptance criteria\n\n- [x] a\n=======\n>>>>>>> b\n",
}

// seeds are the conflict seeds, the test corpora and, for files in the
// shape of a real spec, a small generated one.
func seeds() [][]byte {
	var out [][]byte
	for _, s := range conflictSeeds {
		out = append(out, []byte(s))
	}
	for _, s := range testcorpus.Seeds() {
		out = append(out, s.Data)
	}
	for _, style := range benchcorpus.Styles {
		benchcorpus.Generate(40, style, func(_ string, data []byte) error {
			out = append(out, data)
			return nil
		})
	}
	return out
}

// dump prints a node tree, one node a line, for a failure message.
func dump(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		c := *n
		c.Content = nil
		fmt.Fprintf(&b, "%*s%+v\n", 2*depth, "", c)
		for _, k := range n.Content {
			walk(k, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}
