package textdiff

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	a := "---\nid: S-1\nstatus: ready\ntitle: T\n---\nbody 1\nbody 2\nbody 3\nbody 4\nbody 5\nbody 6\nbody 7\nlast"
	b := "---\nid: S-1\ntitle: T\nstatus: ready\n---\nbody 1\nbody 2\nbody 3\nbody 4\nbody 5\nbody 6\nbody 7\nlast\n"
	want := `--- a/stories/S-1.md
+++ b/stories/S-1.md
@@ -1,7 +1,7 @@
 ---
 id: S-1
-status: ready
 title: T
+status: ready
 ---
 body 1
 body 2
@@ -10,4 +10,4 @@
 body 5
 body 6
 body 7
-last
\ No newline at end of file
+last
`
	if got := string(Unified("stories/S-1.md", []byte(a), []byte(b))); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := Unified("x", []byte(a), []byte(a)); got != nil {
		t.Errorf("equal texts: %q", got)
	}
	// Adding to an empty file and emptying one.
	if got, want := string(Unified("x", nil, []byte("a\n"))), "--- a/x\n+++ b/x\n@@ -0,0 +1 @@\n+a\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := string(Unified("x", []byte("a\nb\n"), nil)), "--- a/x\n+++ b/x\n@@ -1,2 +0,0 @@\n-a\n-b\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestUnifiedApplies: applying the diff to a gives b, for random texts
// (few distinct lines, so there is much in common to find), CRLF and
// missing final newlines included, and past the table's bound.
func TestUnifiedApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	text := func(n int) []byte {
		var b bytes.Buffer
		for range n {
			b.WriteString([]string{"a", "b", "c", "d\r"}[r.IntN(4)])
			if r.IntN(20) > 0 {
				b.WriteByte('\n')
			}
		}
		return b.Bytes()
	}
	for i := range 2000 {
		a, b := text(r.IntN(30)), text(r.IntN(30))
		if got := apply(t, a, Unified("f", a, b)); !bytes.Equal(got, b) {
			t.Fatalf("case %d: applying the diff of\n%q\nto\n%q\ngives\n%q\ndiff:\n%s", i, a, b, got, Unified("f", a, b))
		}
	}
	big := bytes.Repeat([]byte("x\ny\n"), 2000)
	other := bytes.Repeat([]byte("y\nx\n"), 2000)
	if got := apply(t, big, Unified("f", big, other)); !bytes.Equal(got, other) {
		t.Fatal("past the bound, the diff does not apply")
	}
}

// apply applies a unified diff made by Unified to a, checking the
// context and removed lines as patch does.
func apply(t *testing.T, a, diff []byte) []byte {
	if diff == nil {
		return a
	}
	type entry struct {
		kind byte
		text string
	}
	type hunk struct {
		start   int // 0-based line of a where the hunk begins
		entries []entry
	}
	var hs []hunk
	for _, l := range strings.SplitAfter(string(diff), "\n")[2:] {
		switch {
		case l == "":
		case strings.HasPrefix(l, "@@"):
			from := strings.Fields(l)[1][1:]
			s, n, _ := strings.Cut(from, ",")
			start, _ := strconv.Atoi(s)
			if n != "0" {
				start--
			}
			hs = append(hs, hunk{start: start})
		case strings.HasPrefix(l, `\ No newline`):
			e := &hs[len(hs)-1].entries[len(hs[len(hs)-1].entries)-1]
			e.text = strings.TrimSuffix(e.text, "\n")
		default:
			hs[len(hs)-1].entries = append(hs[len(hs)-1].entries, entry{l[0], l[1:]})
		}
	}
	src := lines(a)
	var out []byte
	pos := 0
	for _, h := range hs {
		for ; pos < h.start; pos++ {
			out = append(out, src[pos]...)
		}
		for _, e := range h.entries {
			switch e.kind {
			case ' ', '-':
				if pos >= len(src) || string(src[pos]) != e.text {
					t.Fatalf("diff does not match a at line %d: %q", pos+1, e.text)
				}
				if e.kind == ' ' {
					out = append(out, src[pos]...)
				}
				pos++
			case '+':
				out = append(out, e.text...)
			default:
				t.Fatalf("bad diff line %q", e.text)
			}
		}
	}
	for ; pos < len(src); pos++ {
		out = append(out, src[pos]...)
	}
	return out
}
