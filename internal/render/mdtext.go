package render

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// mdReplacer backslash-escapes the characters that would make text copied
// from the spec into markdown mean something else: a table cell boundary
// (|), emphasis, code, links, raw HTML, an entity or GitHub's math ($). CommonMark allows a
// backslash before any ASCII punctuation, so the text renders as written.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "`", "\\`", "*", `\*`, "_", `\_`, "~", `\~`,
	"[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "&", `\&`, "$", `\$`,
)

// md makes spec text safe inside a markdown table cell or list item: on
// one line, with markdown punctuation escaped.
func md(s string) string {
	return mdReplacer.Replace(oneLine(s))
}

// oneLine replaces line breaks, tabs and other control characters with
// spaces, so a value written as a multi-line YAML string cannot break a
// table row or a line of a tree.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n") // one break, one space
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

// controls escapes the control characters in s (see isControl)
// as Go quotes them, \n, \t, \x1b, \u009b, so that a file name or a
// message from a spec cannot end a finding's line and forge another, or
// send a terminal escape sequence. Bytes that are not UTF-8 become
// U+FFFD, as a lone 0x9b is a C1 escape to some terminals.
func controls(s string) string {
	if !strings.ContainsFunc(s, isControl) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isControl is true for C0 and C1 control characters (ESC and CSI would
// let a title drive a terminal) and Unicode line and paragraph separators.
func isControl(r rune) bool {
	return r < 0x20 || 0x7f <= r && r <= 0x9f || r == '\u2028' || r == '\u2029'
}

// num formats a number as briefly as it can be written exactly: 3, 0.8,
// 2666.67.
func num(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// orDash is s, or an en dash for an empty cell.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// stories is "1 story" or "n stories".
func stories(n int) string {
	if n == 1 {
		return "1 story"
	}
	return fmt.Sprintf("%d stories", n)
}
