package canon

import (
	"math"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Comments travel with the key nodes yaml.v3 hangs them on (head, line
// and foot comments of a key and of its value), so reordering pairs
// carries them. Two places where that alone would move a comment to a
// neighbouring key are fixed here.

// reattachFeet gives back to a key the comment written directly under its
// entry when yaml.v3 hung it on the next key instead: yaml.v3 takes a
// comment block under a flow list or mapping ("rice: {reach: 1}") or
// under a value with a line comment as the start of the next key's head
// comment, even when a blank line sets it off from that key. lines are the YAML's lines, for the blank lines the
// nodes do not record.
func reattachFeet(n *yaml.Node, lines []string) {
	for _, c := range n.Content {
		reattachFeet(c, lines)
	}
	if n.Kind == yaml.SequenceNode {
		reattachItemFeet(n, lines)
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 2; i+1 < len(n.Content); i += 2 {
		prev, k := n.Content[i-2], n.Content[i]
		foot, head, ok := strings.Cut(k.HeadComment, "\n\n")
		if !ok && strings.HasSuffix(k.HeadComment, "\n") { // "# c\n": then a blank line, then the key
			foot, ok = strings.TrimSuffix(k.HeadComment, "\n"), true
		}
		if !ok || prev.FootComment != "" || k.Line < 2 || k.Line-1 > len(lines) {
			continue
		}
		// The comment lines and blank lines right above the key.
		top := k.Line - 1 // 0-based index of the key's line
		for top > 0 && isCommentOrBlank(lines[top-1]) {
			top--
		}
		under := commentsFrom(lines[:k.Line-1], top) // right under the previous entry
		if len(under) == 0 || !sameComment(under, foot) {
			continue
		}
		prev.FootComment, k.HeadComment = foot, strings.TrimLeft(head, "\n")
	}
}

// attachComments puts the comments of doc, the front matter fm, where
// they were written, for the few places yaml.v3 gets wrong: see
// liftFeetAbove, reattachFeet, reattachItemFeet, reattachLastFoot,
// closeLastFeet and liftValueHeads.
func attachComments(doc *yaml.Node, fm []byte) {
	lines := yamlLines(fm)
	if root := doc.Content[0]; root.FootComment != "" {
		// "{\n}\n# c": written again as "{}\n# c", which yaml.v3 then
		// reads as the document's comment, written after a blank line.
		// A flow mapping's own foot comment ("{a\n}\n# c") is lost once
		// it is written in block style: it goes to the document too.
		if doc.FootComment != "" {
			root.FootComment += "\n\n" + doc.FootComment
		}
		doc.FootComment, root.FootComment = root.FootComment, ""
	}
	if root := doc.Content[0]; root.HeadComment != "" {
		// "# c\n{a}": the comment above a flow mapping is the mapping's,
		// which in block style would be read back as its first key's.
		// It stays the document's, set off by a blank line.
		if doc.HeadComment != "" {
			root.HeadComment = doc.HeadComment + "\n\n" + root.HeadComment
		}
		doc.HeadComment, root.HeadComment = root.HeadComment, ""
	}
	if root := doc.Content[0]; root.LineComment != "" {
		// "{id: S-1} # c": fmt writes the mapping in block style, which
		// has no line of its own; the comment goes after it.
		if doc.FootComment != "" {
			root.LineComment += "\n\n" + doc.FootComment
		}
		doc.FootComment, root.LineComment = root.LineComment, ""
	}
	liftFeetAbove(doc.Content[0], lines)
	reattachFeet(doc.Content[0], lines)
	reattachLastFoot(doc, lines)
	closeLastFeet(doc.Content[0])
	liftValueHeads(doc.Content[0])
}

// closeLastFeet drops the blank lines from the foot comments of the front
// matter's last entries (the last key, and down its value the last ones
// nested in it). Written at the end of the front matter, a comment after
// a blank line reads back as the document's, so "{a,\n# x\n\n# y\n}",
// both comments inside the braces, would lose "# y" to the document on
// the next fmt. Read from block style, the last key never holds one.
func closeLastFeet(n *yaml.Node) {
	for {
		for n.Kind == yaml.SequenceNode && len(n.Content) > 0 {
			n = n.Content[len(n.Content)-1]
		}
		if n.Kind != yaml.MappingNode || len(n.Content) < 2 {
			return
		}
		for _, c := range n.Content[len(n.Content)-2:] {
			if strings.Contains(c.FootComment, "\n\n") {
				c.FootComment = collapseBlankLines(c.FootComment)
			}
		}
		n = n.Content[len(n.Content)-1]
	}
}

// liftFeetAbove gives a key back the comment written right above it that
// yaml.v3 hung on it as its foot: a comment less indented than the first
// key of a nested mapping, between it and the key that opens the mapping
// ("a:\n b:\n#\n\n  c:" puts "#" under c). Written under the key, it
// would move again on the next fmt. (A list item's first key is
// reattachItemFeet's.) It runs before reattachFeet, which may take such a
// comment for the previous key's.
func liftFeetAbove(n *yaml.Node, lines []string) {
	for _, c := range n.Content {
		liftFeetAbove(c, lines)
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(n.Content); i += 2 {
		v := n.Content[i]
		if v.Kind != yaml.MappingNode || len(v.Content) == 0 {
			continue
		}
		k := v.Content[0]
		if k.FootComment == "" || k.HeadComment != "" || k.Line < 2 || k.Line-1 > len(lines) {
			continue
		}
		if sameComment(commentsAbove(lines, k.Line), k.FootComment) {
			k.HeadComment, k.FootComment = k.FootComment, ""
		}
	}
}

// liftValueHeads moves the comment written between a key and its scalar
// value on a later line ("title:\n  # c\n  T") above the key: yaml.v3
// writes "title: T" and the comment after it, on the next key. So goes
// the key's line comment when the value has one too: one of them was lost.
func liftValueHeads(n *yaml.Node) {
	eachPair(n, func(k, v *yaml.Node) {
		if v.Kind != yaml.ScalarNode {
			return
		}
		if v.HeadComment != "" {
			k.HeadComment, v.HeadComment = joinComments(k.HeadComment, v.HeadComment), ""
		}
		if k.LineComment != "" && v.LineComment != "" {
			// "title: # a\n  T # b": one line, one line comment.
			k.HeadComment, k.LineComment = joinComments(k.HeadComment, k.LineComment), ""
		}
	})
}

// eachPair calls f with the key and value of every mapping entry under
// n, n's own last, each after those nested in it.
func eachPair(n *yaml.Node, f func(k, v *yaml.Node)) {
	for _, c := range n.Content {
		eachPair(c, f)
	}
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			f(n.Content[i], n.Content[i+1])
		}
	}
}

// reattachLastFoot gives back to the last key of the front matter (or,
// indented under it, a last key nested in its value) the comment written
// directly under its entry, which yaml.v3 takes for the document's foot
// comment when the key has a line comment and no value, or is nested.
func reattachLastFoot(doc *yaml.Node, lines []string) {
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode || len(root.Content) < 2 || doc.FootComment == "" {
		return
	}
	top := len(lines)
	for top > 0 && isCommentOrBlank(lines[top-1]) {
		top--
	}
	under := commentsFrom(lines, top)
	foot, rest, _ := strings.Cut(doc.FootComment, "\n\n")
	if len(under) == 0 || !sameComment(under, foot) {
		return
	}
	// The document's foot must be all the comment blocks under the
	// front matter: with one block fewer, the first is already a list
	// item's or a nested key's, which happens to read the same.
	if blocks(lines[top:]) != strings.Count(doc.FootComment, "\n\n")+1 {
		return
	}
	indent := len(lines[top]) - len(strings.TrimLeft(lines[top], " "))
	last, value := lastEntryAt(root, indent)
	if last.FootComment != "" || value.FootComment != "" {
		return
	}
	last.FootComment, doc.FootComment = foot, strings.TrimLeft(rest, "\n")
}

// lastEntryAt is the last entry of the mapping m or, down the last
// entry's value (a mapping, or a list whose last item, or its last item,
// is one), the deepest last entry whose key is indented no more than
// indent columns: the key a comment so indented under the front matter
// was written on.
func lastEntryAt(m *yaml.Node, indent int) (key, value *yaml.Node) {
	key, value = m.Content[len(m.Content)-2], m.Content[len(m.Content)-1]
	inner := value
	for inner.Kind == yaml.SequenceNode && len(inner.Content) > 0 {
		inner = inner.Content[len(inner.Content)-1]
	}
	if inner.Kind == yaml.MappingNode && len(inner.Content) >= 2 && inner.Content[len(inner.Content)-2].Column-1 <= indent {
		return lastEntryAt(inner, indent)
	}
	return key, value
}

// reattachItemFeet gives back to a list item of mappings (the vision's
// goals) the comment written under it: yaml.v3 hangs a comment between
// "- id: G1" and "- id: G2" on the first key of G2, as its foot. It goes
// back under G1, on the key it was written under, G1's last (yaml.v3
// writes a mapping's own foot comment in a list as broken YAML).
func reattachItemFeet(n *yaml.Node, lines []string) {
	for j := 1; j < len(n.Content); j++ {
		prev, item := n.Content[j-1], n.Content[j]
		if item.Kind != yaml.MappingNode || prev.Kind != yaml.MappingNode || len(item.Content) < 2 || len(prev.Content) < 2 {
			continue
		}
		k0, last := item.Content[0], deepestLast(prev)
		if k0.FootComment == "" || last.FootComment != "" || item.Line < 2 || item.Line-1 > len(lines) {
			continue
		}
		if sameComment(commentsAbove(lines, item.Line), k0.FootComment) {
			last.FootComment, k0.FootComment = k0.FootComment, ""
		}
	}
}

// sameComment reports whether the trimmed source lines are the comment
// c, whose lines yaml.v3 keeps with the blanks after them ("# " stays
// "# ").
func sameComment(lines []string, c string) bool {
	cs := strings.Split(c, "\n")
	if len(lines) != len(cs) {
		return false
	}
	for i, l := range lines {
		if l != strings.TrimSpace(cs[i]) {
			return false
		}
	}
	return true
}

// commentsFrom is the comment lines, trimmed, from line index top (in a
// run of comment and blank lines) to the first blank line.
func commentsFrom(lines []string, top int) []string {
	var out []string
	for j := top; j < len(lines) && strings.TrimSpace(lines[j]) != ""; j++ {
		out = append(out, strings.TrimSpace(lines[j]))
	}
	return out
}

// commentsAbove is the comment lines, trimmed, in the run of comment and
// blank lines right above line (1-based).
func commentsAbove(lines []string, line int) []string {
	var above []string
	for i := line - 2; i >= 0 && isCommentOrBlank(lines[i]); i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			above = append([]string{l}, above...)
		}
	}
	return above
}

// blocks is how many runs of comment lines, set apart by blank lines,
// lines holds.
func blocks(lines []string) int {
	n := 0
	for i, l := range lines {
		if strings.TrimSpace(l) != "" && (i == 0 || strings.TrimSpace(lines[i-1]) == "") {
			n++
		}
	}
	return n
}

func isCommentOrBlank(l string) bool {
	l = strings.TrimSpace(l)
	return l == "" || l[0] == '#'
}

// spaceHeads keeps a head comment that holds a blank line on its key once
// keys are reordered. Written right under another entry, its first part
// would read as that entry's foot comment, so a blank line goes before it
// (a leading newline makes yaml.v3 write one). Above the first key of a
// mapping its first part would read as the comment of what holds the
// mapping (the document, for the front matter), so its blank lines go.
func spaceHeads(n *yaml.Node) {
	for _, c := range n.Content {
		spaceHeads(c)
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !strings.Contains(strings.Trim(k.HeadComment, "\n"), "\n\n") {
			continue
		}
		if i == 0 {
			k.HeadComment = collapseBlankLines(k.HeadComment)
		} else if !strings.HasPrefix(k.HeadComment, "\n") {
			k.HeadComment = "\n" + k.HeadComment
		}
	}
}

func joinComments(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}

func collapseBlankLines(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// yamlLines splits YAML source into lines, without their CR.
func yamlLines(src []byte) []string {
	lines := strings.Split(string(src), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// deepestLast is the key of the last entry of the mapping m, or of the
// mapping its value ends with, all the way down.
func deepestLast(m *yaml.Node) *yaml.Node {
	k, _ := lastEntryAt(m, math.MaxInt)
	return k
}
