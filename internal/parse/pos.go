// Package parse turns one spec file into a Document: its front matter as a
// yaml.Node whose positions are file positions, and the facts prodspec needs
// from its markdown body. It knows nothing about kinds, IDs or rules beyond
// the problems a single file can have on its own.
package parse

import (
	"bytes"
	"fmt"
	"sort"
	"unicode/utf8"
)

// Pos is a 1-based line and column in a file. Columns count characters, as
// yaml.Node does, so a position from YAML and one from the body agree.
type Pos struct {
	Line, Col int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// lineIndex maps byte offsets in a file to positions. It is built once per
// file and shared by everything that reports a position in it.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the start of each line
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, 64)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src: src, starts: starts}
}

// pos returns the position of byte offset off.
func (x *lineIndex) pos(off int) Pos {
	if off > len(x.src) {
		off = len(x.src)
	}
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	col := utf8.RuneCount(x.src[x.starts[line]:off]) + 1
	return Pos{Line: line + 1, Col: col}
}

// yamlLines maps the positions yaml.v3 reports in a front matter (1-based
// lines and columns of the YAML alone) to file positions.
type yamlLines struct {
	shift int // file line minus YAML line, when starts is nil

	// yaml.v3 also ends a line at a lone CR and at U+0085, U+2028 and
	// U+2029, which nothing else takes for line ends. For a front matter
	// holding one, starts has the offset in the file of each YAML line.
	starts []int
	file   *lineIndex
}

func newYAMLLines(parts Parts, file *lineIndex) *yamlLines {
	at := &yamlLines{shift: parts.FMLine - 1, file: file}
	fm := parts.FrontMatter
	if !bytes.ContainsAny(fm, "\r\u0085\u2028\u2029") {
		return at // the common case: YAML lines are file lines
	}
	at.starts = []int{parts.FMOffset}
	for i := 0; i < len(fm); {
		n := yamlBreak(fm[i:])
		i += max(n, 1)
		if n > 0 {
			at.starts = append(at.starts, parts.FMOffset+i)
		}
	}
	return at
}

// yamlBreak is the length of the line break yaml.v3 sees at the start of
// b, or 0.
func yamlBreak(b []byte) int {
	switch {
	case bytes.HasPrefix(b, []byte("\r\n")), bytes.HasPrefix(b, []byte("\u0085")):
		return 2
	case b[0] == '\r' || b[0] == '\n':
		return 1
	case bytes.HasPrefix(b, []byte("\u2028")), bytes.HasPrefix(b, []byte("\u2029")):
		return 3
	}
	return 0
}

// pos returns the file position of a YAML line and column; a line past
// the last is taken as the last.
func (at *yamlLines) pos(line, col int) Pos {
	if at.starts == nil {
		return Pos{Line: line + at.shift, Col: col}
	}
	off := at.starts[min(max(line, 1), len(at.starts))-1]
	for ; col > 1 && off < len(at.file.src); col-- {
		_, n := utf8.DecodeRune(at.file.src[off:])
		off += n
	}
	return at.file.pos(off)
}

// Start is the first position of a file, where problems with no better
// place (a missing key, an unreadable file) are reported.
var Start = Pos{Line: 1, Col: 1}

// offset is the byte offset of the position p, the inverse of pos: a
// column past the end of its line is the line's end.
func (x *lineIndex) offset(p Pos) int {
	if p.Line < 1 {
		return 0
	}
	if p.Line > len(x.starts) {
		return len(x.src)
	}
	off := x.starts[p.Line-1]
	for col := 1; col < p.Col && off < len(x.src) && x.src[off] != '\n'; col++ {
		_, n := utf8.DecodeRune(x.src[off:])
		off += n
	}
	return off
}

// Offsets maps the positions Parse reports in a file back to byte
// offsets, for a package that edits the bytes at a position.
type Offsets struct{ x *lineIndex }

// NewOffsets indexes the lines of src, once for any number of lookups.
func NewOffsets(src []byte) Offsets { return Offsets{newLineIndex(src)} }

// Of is the byte offset of p in the file.
func (o Offsets) Of(p Pos) int { return o.x.offset(p) }
