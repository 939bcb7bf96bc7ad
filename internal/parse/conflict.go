package parse

import (
	"bytes"
	"fmt"
)

// A merge that git cannot resolve leaves both sides in the file between
// marker lines (git-merge(1), "How conflicts are presented"):
//
//	<<<<<<< ours
//	||||||| base      (merge.conflictStyle diff3 or zdiff3 only)
//	=======
//	>>>>>>> theirs
//
// A file committed in that state is half of two files. prodspec reports
// the first marker line, at column 1, and does not guess which side is
// meant:
//
//   - in the front matter (between the fences, or anywhere after an
//     opening fence that is never closed, or on line 1 of a file that has
//     no opening fence, where a conflict is why) it is a front-matter
//     problem and nothing else in the file is read: the YAML error it
//     would cause says nothing about the real mistake;
//   - in the body it is an unreadable-file problem, and the front matter
//     and body are still read, so the story keeps its place in the spec
//     (references to it resolve) while lint fails until it is resolved.
//     A "=======" line alone is no marker in the body: markdown underlines
//     a heading with it.
//
// The messages name the marker, not its line: the finding's position has
// the line, and lint --base matches findings by message, so a conflict
// the base already had does not come back when lines above it move.

// conflictProblem returns the front-matter or body conflict problem of
// src, cut by Split into parts (or not, when splitErr is set). It looks
// at the body only when body is set. Its time is linear in len(src).
func conflictProblem(src []byte, parts Parts, splitErr *SplitError, body bool, lines *lineIndex) (Problem, bool) {
	start := 0
	if bytes.HasPrefix(src, bom) {
		start = len(bom)
	}
	var fm []byte // from the start of the file to the end of the front matter's YAML
	switch {
	case splitErr != nil:
		fm = src
	case parts.HasFrontMatter:
		fm = src[:parts.FMOffset+len(parts.FrontMatter)]
	default:
		first, _ := line(src, start)
		fm = src[:start+len(first)]
	}
	if off, m, ok := firstMarker(fm, start, true); ok {
		return Problem{Rule: RuleFrontMatter, Pos: Pos{Line: lines.pos(off).Line, Col: 1},
			Msg: fmt.Sprintf("unresolved merge conflict (%s marker); resolve it before linting", m)}, true
	}
	if !body || splitErr != nil {
		return Problem{}, false
	}
	if off, m, ok := firstMarker(src, parts.BodyOffset, false); ok {
		return Problem{Rule: RuleUnreadableFile, Pos: Pos{Line: lines.pos(off).Line, Col: 1},
			Msg: fmt.Sprintf("unresolved merge conflict in the body (%s marker); resolve it before linting", m)}, true
	}
	return Problem{}, false
}

// firstMarker returns the offset in b and the marker of the first
// conflict marker line at or after from, which is the start of a line.
// The "=======" separator counts only when sep is set. Each kind of
// marker is looked for with bytes.Index, twice as fast on real files as
// reading every line (almost no file has a marker). Each search resumes at
// the line after a false hit, so the whole is linear in len(b).
func firstMarker(b []byte, from int, sep bool) (int, string, bool) {
	kinds := []string{"<<<<<<<", "|||||||", ">>>>>>>", "======="}
	if !sep {
		kinds = kinds[:3]
	}
	first, end := -1, len(b)
	for _, k := range kinds {
		if off := findMarker(b[:end], from, k, sep); off >= 0 {
			first, end = off, off // a later kind need look only before it
		}
	}
	if first < 0 {
		return 0, "", false
	}
	l, _ := line(b, first)
	return first, marker(l, sep), true
}

// findMarker returns the offset of the first line at or after from that
// is a marker of kind k, or -1.
func findMarker(b []byte, from int, k string, sep bool) int {
	for off := from; off < len(b); {
		i := bytes.Index(b[off:], []byte(k))
		if i < 0 {
			return -1
		}
		i += off
		l, next := line(b, i)
		if (i == from || b[i-1] == '\n') && marker(l, sep) != "" {
			return i
		}
		off = next
	}
	return -1
}

// marker returns the conflict marker that line l is, or "". Git writes
// the opening, base and closing markers as seven characters, then a space
// and a label or nothing; the separator alone. A CR before the newline
// and, on the separator, trailing spaces are tolerated.
func marker(l []byte, sep bool) string {
	const n = 7
	if len(l) < n {
		return ""
	}
	c := l[0]
	switch {
	case c == '<' || c == '|' || c == '>':
	case c == '=' && sep:
	default:
		return ""
	}
	for _, x := range l[1:n] {
		if x != c {
			return ""
		}
	}
	rest := l[n:]
	if c == '=' {
		if len(bytes.TrimRight(rest, " \t\r")) > 0 {
			return ""
		}
	} else if len(rest) > 0 && rest[0] != ' ' && string(rest) != "\r" {
		return ""
	}
	return string(l[:n])
}
