package parse

import "fmt"

// MaxNesting is the deepest block nesting a body line may reach: block
// quotes and list items opened on the line ("> > - x") and list items it
// continues by indentation. goldmark's block parser takes time quadratic
// in that depth (a 128 KB line of "- - - …" takes about 20 s, a list
// indented one step deeper on each of 1,000 lines 5 s), so a body nested
// deeper is not parsed: its structure is reported unread, as an oversize
// file is, while the front matter is still read. No spec written by hand
// nests 16 blocks deep; at 16 the worst 1 MiB body parses in well under a
// second (BenchmarkAdversarialBody).
const MaxNesting = 16

// tooDeep returns the offset in body where a line goes past MaxNesting, if
// one does. A line's depth is the container markers on it plus the list
// items its extra indentation could continue (two columns each, and no
// more than the deepest line before it reached), so indented code is not
// taken for nesting. It errs towards counting more (a thematic break
// "- - -" counts as three) and takes time linear in len(body).
func tooDeep(body []byte) (int, bool) {
	deepest := 0
	for off := 0; off < len(body); {
		l, next := line(body, off)
		markers, ws := 0, 0
		for i := 0; i < len(l); {
			for ; i < len(l) && (l[i] == ' ' || l[i] == '\t'); i++ {
				if ws++; l[i] == '\t' {
					ws += 3
				}
			}
			n := containerMarker(l[i:])
			if n == 0 {
				break
			}
			markers++
			if markers+min(ws/2, deepest) > MaxNesting {
				return off + i, true
			}
			i += n
			if i < len(l) && l[i] == ' ' { // the space a marker needs
				i++
			}
		}
		deepest = max(deepest, markers+min(ws/2, deepest))
		off = next
	}
	return 0, false
}

// containerMarker returns the length of the block-quote or list-item
// marker that l starts with, or 0.
func containerMarker(l []byte) int {
	if len(l) == 0 {
		return 0
	}
	if l[0] == '>' {
		return 1
	}
	n := 0
	switch {
	case l[0] == '-' || l[0] == '*' || l[0] == '+':
		n = 1
	default:
		for n < len(l) && n < 10 && '0' <= l[n] && l[n] <= '9' {
			n++
		}
		if n == 0 || n > 9 || n == len(l) || l[n] != '.' && l[n] != ')' {
			return 0
		}
		n++
	}
	if n < len(l) && l[n] != ' ' && l[n] != '\t' && l[n] != '\r' {
		return 0
	}
	return n
}

// nestingProblem is the problem of a body that nests deeper than
// MaxNesting at byte offset off of the file.
func nestingProblem(off int, lines *lineIndex) Problem {
	return Problem{Rule: RuleUnreadableFile, Pos: lines.pos(off),
		Msg: fmt.Sprintf("the body nests block quotes or lists more than %d deep; its structure was not read", MaxNesting)}
}
