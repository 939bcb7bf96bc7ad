package history

import (
	"regexp"
	"strings"
)

// ReviewedKey is the git trailer that clears suspect stories: a commit
// whose message ends with "Reviewed: S-12, S-13" says that S-12 and S-13
// were read again against their roadmap items.
const ReviewedKey = "Reviewed"

// Reviewed lists the IDs that a commit message's Reviewed: trailers
// name, as git reads trailers: lines "Key: value" (the key compared
// without case; a line starting with white space continues the one
// before) making up the message's last paragraph, which is never the
// first one (the subject). IDs are separated by commas or spaces.
func Reviewed(msg string) []string {
	paras := paragraphs(msg)
	if len(paras) < 2 {
		return nil
	}
	type trailer struct{ key, value string }
	var ts []trailer
	for _, l := range paras[len(paras)-1] {
		if l[0] == ' ' || l[0] == '\t' {
			if len(ts) == 0 {
				return nil // a continuation of nothing: not a trailer block
			}
			ts[len(ts)-1].value += " " + l
			continue
		}
		m := trailerRe.FindStringSubmatch(l)
		if m == nil {
			return nil // a line that is not a trailer: the paragraph is prose
		}
		ts = append(ts, trailer{m[1], m[2]})
	}
	var ids []string
	for _, t := range ts {
		if strings.EqualFold(t.key, ReviewedKey) {
			ids = append(ids, strings.FieldsFunc(t.value, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })...)
		}
	}
	return ids
}

// trailerRe is a trailer line: a key of letters, digits and dashes, a
// colon, and its value.
var trailerRe = regexp.MustCompile(`^([A-Za-z0-9][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$`)

// paragraphs splits a message into paragraphs of non-blank lines,
// trailing white space and CRs removed.
func paragraphs(msg string) [][]string {
	var out [][]string
	var cur []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimRight(l, " \t\r")
		if l == "" {
			if cur != nil {
				out, cur = append(out, cur), nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}
