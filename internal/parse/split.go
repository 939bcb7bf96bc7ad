package parse

import "bytes"

// Parts is a file cut at its front-matter fences. The pieces are subslices
// of the input, so src[FMOffset:FMOffset+len(FrontMatter)] == FrontMatter and
// src[BodyOffset:] == Body.
type Parts struct {
	HasFrontMatter bool
	FrontMatter    []byte // the YAML between the fences, fences excluded
	FMOffset       int
	FMLine         int // line of the first YAML line
	Body           []byte
	BodyOffset     int
}

// SplitError is a front matter that opens but never closes.
type SplitError struct {
	Pos Pos
	Msg string
}

func (e *SplitError) Error() string { return e.Pos.String() + ": " + e.Msg }

var bom = []byte("\xef\xbb\xbf")

// Split finds the front matter of src. It is deliberately strict: the first
// line (after an optional UTF-8 BOM) must be exactly "---" and a closing
// "---" line is required. Lenient splitters treat an unterminated block as
// "the whole file is front matter", which hides the real mistake.
// Trailing spaces and a CR before the newline are tolerated on fence lines.
func Split(src []byte) (Parts, *SplitError) {
	start := 0
	if bytes.HasPrefix(src, bom) {
		start = len(bom)
	}
	first, next := line(src, start)
	if !IsFence(first) {
		return Parts{Body: src[start:], BodyOffset: start}, nil
	}
	fmStart := next
	for off := next; off < len(src); {
		l, after := line(src, off)
		if IsFence(l) {
			return Parts{
				HasFrontMatter: true,
				FrontMatter:    src[fmStart:off],
				FMOffset:       fmStart,
				FMLine:         2,
				Body:           src[after:],
				BodyOffset:     after,
			}, nil
		}
		off = after
	}
	return Parts{}, &SplitError{Pos: Start, Msg: `unterminated front matter: no closing "---" line`}
}

// line returns the line starting at off (without its newline) and the
// offset of the next line.
func line(src []byte, off int) ([]byte, int) {
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return src[off:], len(src)
	}
	return src[off : off+i], off + i + 1
}

// IsFence reports whether l is a front-matter fence: "---", spaces
// and tabs after it aside.
func IsFence(l []byte) bool {
	return string(bytes.TrimRight(l, " \t\r")) == "---"
}
