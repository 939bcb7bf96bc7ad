// Package parse turns one spec file into a Document: its front matter as a
// yaml.Node whose positions are file positions, and the facts prodspec needs
// from its markdown body. It knows nothing about kinds, IDs or rules beyond
// the problems a single file can have on its own.
package parse

import (
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

// Start is the first position of a file, where problems with no better
// place (a missing key, an unreadable file) are reported.
var Start = Pos{Line: 1, Col: 1}
