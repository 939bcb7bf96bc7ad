// Package textdiff writes the difference between two texts as a unified
// diff, the form `git apply` and `patch -p1` read.
package textdiff

import (
	"bytes"
	"fmt"
)

// context is how many unchanged lines surround a change, as in diff -u.
const context = 3

// maxCells bounds the table that finds the longest common subsequence of
// the lines that differ. fmt changes front matter only, so the
// differing middle is small; past the bound the middle is shown as all
// removed and all added, which is still a correct diff.
const maxCells = 4 << 20

// op is one line of an edit script.
type op struct {
	kind byte // ' ', '-' or '+'
	line []byte
}

// Unified is the unified diff that turns a into b, with file headers
// naming a/name and b/name; nil when they are equal.
func Unified(name string, a, b []byte) []byte {
	if bytes.Equal(a, b) {
		return nil
	}
	ops := script(lines(a), lines(b))
	var out bytes.Buffer
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", name, name)
	for _, h := range hunks(ops) {
		writeHunk(&out, ops, h)
	}
	return out.Bytes()
}

// lines splits s after each "\n"; the last line may lack one.
func lines(s []byte) [][]byte {
	var out [][]byte
	for len(s) > 0 {
		i := bytes.IndexByte(s, '\n') + 1
		if i == 0 {
			i = len(s)
		}
		out = append(out, s[:i])
		s = s[i:]
	}
	return out
}

// script is an edit script from a to b: the common prefix and suffix
// kept, the middle by longest common subsequence.
func script(a, b [][]byte) []op {
	pre := 0
	for pre < len(a) && pre < len(b) && bytes.Equal(a[pre], b[pre]) {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && bytes.Equal(a[len(a)-1-suf], b[len(b)-1-suf]) {
		suf++
	}
	var ops []op
	for _, l := range a[:pre] {
		ops = append(ops, op{' ', l})
	}
	ops = append(ops, middle(a[pre:len(a)-suf], b[pre:len(b)-suf])...)
	for _, l := range a[len(a)-suf:] {
		ops = append(ops, op{' ', l})
	}
	return ops
}

// middle diffs the lines between the common prefix and suffix.
func middle(a, b [][]byte) []op {
	var ops []op
	if (len(a)+1)*(len(b)+1) > maxCells {
		for _, l := range a {
			ops = append(ops, op{'-', l})
		}
		for _, l := range b {
			ops = append(ops, op{'+', l})
		}
		return ops
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	w := len(b) + 1
	lcs := make([]int, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if bytes.Equal(a[i], b[j]) {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && bytes.Equal(a[i], b[j]):
			ops = append(ops, op{' ', a[i]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			ops = append(ops, op{'-', a[i]}) // removals first, as diff writes them
			i++
		default:
			ops = append(ops, op{'+', b[j]})
			j++
		}
	}
	return ops
}

// hunk is a range of the script, [start, end), shown as one @@ block.
type hunk struct{ start, end int }

// hunks groups the changes with their context, merging changes whose
// context would touch.
func hunks(ops []op) []hunk {
	var hs []hunk
	for i := 0; i < len(ops); i++ {
		if ops[i].kind == ' ' {
			continue
		}
		start := max(0, i-context)
		end := i + 1
		for end < len(ops) {
			next := end
			for next < len(ops) && ops[next].kind == ' ' {
				next++
			}
			if next == len(ops) || next-end > 2*context {
				break
			}
			end = next + 1
		}
		end = min(len(ops), end+context)
		hs = append(hs, hunk{start, end})
		i = end - 1
	}
	return hs
}

func writeHunk(out *bytes.Buffer, ops []op, h hunk) {
	// Line numbers of the hunk's first line in a and in b.
	aLine, bLine := 1, 1
	for _, o := range ops[:h.start] {
		if o.kind != '+' {
			aLine++
		}
		if o.kind != '-' {
			bLine++
		}
	}
	aLen, bLen := 0, 0
	for _, o := range ops[h.start:h.end] {
		if o.kind != '+' {
			aLen++
		}
		if o.kind != '-' {
			bLen++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", span(aLine, aLen), span(bLine, bLen))
	for _, o := range ops[h.start:h.end] {
		out.WriteByte(o.kind)
		out.Write(o.line)
		if !bytes.HasSuffix(o.line, []byte("\n")) {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// span is a hunk header's range as diff writes it: "3,4", "3" for one
// line, "2,0" (the line before) for none.
func span(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start-1)
	case 1:
		return fmt.Sprint(start)
	}
	return fmt.Sprintf("%d,%d", start, n)
}
