package parse

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Rule names for the problems a single file can have on its own.
const (
	RuleFrontMatter    = "front-matter"
	RuleUnreadableFile = "unreadable-file"
)

// Problem is something wrong with a file, tagged with the lint rule that
// reports it.
type Problem struct {
	Rule string
	Pos  Pos
	Msg  string
}

// Document is one parsed file. FrontMatter is nil when the file has none or
// it could not be decoded (Problems then says why).
type Document struct {
	FrontMatter *yaml.Node // a mapping node; positions are file positions
	Body        Body
	Problems    []Problem
}

// FirstProblem is the problem of d that comes first in the file; ok is
// false when d has none.
func (d *Document) FirstProblem() (first Problem, ok bool) {
	for i, p := range d.Problems {
		if i == 0 || p.Pos.Line < first.Pos.Line || p.Pos.Line == first.Pos.Line && p.Pos.Col < first.Pos.Col {
			first = p
		}
	}
	return first, len(d.Problems) > 0
}

// HasFrontMatter reports whether src opens with a front-matter fence. It is
// the cheap test for files whose kind can only come from their front matter.
func HasFrontMatter(src []byte) bool {
	src = bytes.TrimPrefix(src, bom)
	l, _ := line(src, 0)
	return IsFence(l)
}

// Parse reads one file. It never fails: everything wrong with the file is a
// Problem with a position, and as much of the file as can be read is kept.
func Parse(src []byte) *Document { return parse(src, true, parseYAML) }

// ParseFrontMatter reads one file as Parse does but leaves its markdown
// body unparsed (Body is empty, and a merge conflict in it goes unseen):
// for readers that need only the front matter, such as history reading
// thousands of old versions.
func ParseFrontMatter(src []byte) *Document { return parse(src, false, parseYAML) }

// FrontMatterYAML reads src as ParseFrontMatter does, and also returns
// yaml.v3's own document node of the front matter (positions in the front
// matter's lines, comments attached; Kind 0 when it is empty or was not
// reached), for a reader that rewrites the YAML: fmt. The YAML is parsed
// once, always by yaml.v3: the fast path keeps no comments.
func FrontMatterYAML(src []byte) (*Document, *yaml.Node) {
	var doc yaml.Node
	d := parse(src, false, func(fm []byte) (*yaml.Node, error) {
		if err := yaml.Unmarshal(fm, &doc); err != nil || doc.Kind == 0 {
			doc = yaml.Node{}
			return nil, err
		}
		// The Document's tree is relocated to file positions; doc keeps
		// the front matter's own.
		return cloneTree(doc.Content[0]), nil
	})
	return d, &doc
}

// ScanFrontMatter reads src as ParseFrontMatter does, for a front matter
// in the part of YAML that scanYAML reads (see there), and reports ok: the
// file has no problem and its tree is exactly yaml.v3's, less comments.
// With ok false (any other front matter, an empty one, any problem) d
// means nothing and only FrontMatterYAML reads the file. It is for a
// reader that checks the lines of such a front matter itself, as fmt does
// to tell cheaply that a file is already formatted.
func ScanFrontMatter(src []byte) (d *Document, ok bool) {
	ok = true
	d = parse(src, false, func(fm []byte) (*yaml.Node, error) {
		root, scanned := scanYAML(fm)
		if !scanned {
			ok = false
			return nil, errNotScanned
		}
		return root, nil
	})
	return d, ok && len(d.Problems) == 0 && d.FrontMatter != nil
}

// errNotScanned stands for a front matter scanYAML gives up on: the
// problem it makes is never reported (ScanFrontMatter's ok is false).
var errNotScanned = errors.New("not in the YAML subset scanYAML reads")

// cloneTree copies a node tree (a front matter's: no aliases).
func cloneTree(n *yaml.Node) *yaml.Node {
	c := *n
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = cloneTree(k)
		}
	}
	return &c
}

func parse(src []byte, body bool, yamlOf func([]byte) (*yaml.Node, error)) *Document {
	d := &Document{}
	if p, ok := checkText(src); !ok {
		d.Problems = append(d.Problems, p)
		return d
	}
	lines := newLineIndex(src)
	parts, err := Split(src)
	conflict, inConflict := conflictProblem(src, parts, err, body, lines)
	if inConflict && conflict.Rule == RuleFrontMatter {
		d.Problems = append(d.Problems, conflict)
		return d
	}
	if err != nil {
		d.Problems = append(d.Problems, Problem{Rule: RuleFrontMatter, Pos: err.Pos, Msg: err.Msg})
		return d
	}
	if !parts.HasFrontMatter {
		msg := `no front matter: the file must start with a "---" line`
		if len(bytes.TrimSpace(src)) == 0 {
			msg = "file is empty"
		}
		d.Problems = append(d.Problems, Problem{Rule: RuleFrontMatter, Pos: Start, Msg: msg})
	} else {
		parts.FMLine = lines.pos(parts.FMOffset).Line
		d.FrontMatter, d.Problems = decodeFrontMatter(parts, lines, yamlOf)
	}
	if inConflict {
		d.Problems = append(d.Problems, conflict)
	}
	if body {
		if off, deep := tooDeep(parts.Body); deep {
			d.Problems = append(d.Problems, nestingProblem(parts.BodyOffset+off, lines))
		} else {
			d.Body = parseBody(parts.Body, parts.BodyOffset, lines)
		}
	}
	return d
}

// checkText rejects binary and non-UTF-8 files, which YAML and markdown
// parsers would otherwise misread or report without a useful position.
func checkText(src []byte) (Problem, bool) {
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return Problem{Rule: RuleUnreadableFile, Pos: newLineIndex(src[:i]).pos(i),
			Msg: "binary file: NUL byte found"}, false
	}
	if !utf8.Valid(src) {
		i := firstInvalid(src)
		return Problem{Rule: RuleUnreadableFile, Pos: newLineIndex(src[:i]).pos(i),
			Msg: fmt.Sprintf("file is not valid UTF-8 (byte 0x%02x)", src[i])}, false
	}
	return Problem{}, true
}

func firstInvalid(src []byte) int {
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(src)
}
