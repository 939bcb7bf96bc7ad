package parse

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// adversarialBodies returns story bodies of about n bytes in the shapes
// that make markdown block and inline parsers slow: nesting on one line
// (past MaxNesting and just within it), nesting over many lines, long
// lines of delimiters, many task items, deep indentation.
func adversarialBodies(n int) map[string][]byte {
	rep := func(head, unit, tail string) []byte {
		var b bytes.Buffer
		b.WriteString(head)
		for b.Len()+len(unit)+len(tail) < n {
			b.WriteString(unit)
		}
		b.WriteString(tail)
		return b.Bytes()
	}
	within := func(marker string) string { return strings.Repeat(marker, MaxNesting) + "x\n" }
	var stairs bytes.Buffer // "- x", "  - x", "    - x", ...: one list nested ever deeper
	for i := 0; stairs.Len() < n; i++ {
		stairs.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	return map[string][]byte{
		"list-one-line":     rep("", "- ", "x\n"),
		"quote-one-line":    rep("", "> ", "x\n"),
		"quote-tight":       rep("", ">", " x\n"),
		"ordered-one-line":  rep("", "1. ", "x\n"),
		"mixed-one-line":    rep("", "> - ", "x\n"),
		"list-within-cap":   rep("", within("- "), ""),
		"quote-within-cap":  rep("", within("> "), ""),
		"mixed-within-cap":  rep("", strings.Repeat("> 1. ", MaxNesting/2)+"x\n", ""),
		"quote-then-lazy":   rep(within("> "), "x\n", ""),
		"list-stairs":       stairs.Bytes()[:n],
		"empty-items":       rep("", "-\n", ""),
		"empty-quotes":      rep("", ">\n", ""),
		"deep-indent":       rep("", " ", "x\n"),
		"link-open":         rep("", "[a](b", "\n"),
		"brackets":          rep("", "[", "\n"),
		"stars":             rep("", "*", "x\n"),
		"underscores":       rep("", "_a", "\n"),
		"backticks":         rep("", "`", "\n"),
		"html-open":         rep("", "<a ", "\n"),
		"fence-unclosed":    rep("```\n", "a\n", ""),
		"setext":            rep("", "a\n=\n", ""),
		"link-ref-defs":     rep("", "[a]: b\n", ""),
		"task-items":        rep("## Acceptance criteria\n\n", "- [ ] x\n", ""),
		"task-items-nested": rep("## Acceptance criteria\n\n", "- [ ] x\n  - [x] y\n", ""),
	}
}

// adversarialFile is a story with front matter and body.
func adversarialFile(body []byte) []byte {
	return append([]byte("---\nid: S-1\ntitle: t\n---\n"), body...)
}

// BenchmarkAdversarialBody parses each worst-case shape at 128 KiB and
// 1 MiB (the default max_file_size). Every one must stay well under a
// second per file at 1 MiB:
//
//	go test -run '^$' -bench AdversarialBody -benchtime 1x ./internal/parse
func BenchmarkAdversarialBody(b *testing.B) {
	for _, size := range []int{128 << 10, 1 << 20} {
		shapes := adversarialBodies(size)
		names := make([]string, 0, len(shapes))
		for name := range shapes {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			src := adversarialFile(shapes[name])
			b.Run(fmt.Sprintf("%s/%dKiB", name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					Parse(src)
				}
			})
		}
	}
}
