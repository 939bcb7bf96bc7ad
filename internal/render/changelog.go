package render

import (
	"bytes"
	"regexp"
)

// markerLine opens every markdown section prodspec writes.
var markerLine = []byte("<!-- " + Marker + " -->")

// trailingDate is the " (2026-01-05)" a release-notes heading ends with.
var trailingDate = regexp.MustCompile(` \(\d{4}-\d{2}-\d{2}\)$`)

// Prepend puts a release-notes section (as ReleaseNotesMarkdown writes
// it) into a changelog: in place of an earlier section for the same
// version, so that a rerun changes nothing, else before the first
// release section (a line starting "## ", or prodspec's marker), so a
// title and introduction stay on top, else at the end. Every other byte
// of the changelog is kept.
func Prepend(changelog, section []byte) []byte {
	heading := sectionHeading(section, 0)
	var out []byte
	if start, end, ok := findSection(changelog, heading); ok {
		// The old section's trailing blank lines separate it from the
		// next: keep them, so that a rerun changes nothing.
		old := changelog[start:end]
		out = append(out, changelog[:start]...)
		out = append(out, bytes.TrimRight(section, "\r\n")...)
		out = append(out, old[len(bytes.TrimRight(old, "\r\n")):]...)
		return append(out, changelog[end:]...)
	}
	at := firstRelease(changelog)
	out = append(out, changelog[:at]...)
	if at > 0 && !bytes.HasSuffix(out, []byte("\n\n")) {
		out = append(out, '\n')
		if !bytes.HasSuffix(out, []byte("\n\n")) {
			out = append(out, '\n')
		}
	}
	out = append(out, section...)
	if at < len(changelog) {
		out = append(out, '\n')
	}
	return append(out, changelog[at:]...)
}

// lineStarts returns the start offset of every line of data.
func lineStarts(data []byte) []int {
	starts := []int{}
	for i := 0; i < len(data); {
		starts = append(starts, i)
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return starts
}

func lineAt(data []byte, start int) []byte {
	end := bytes.IndexByte(data[start:], '\n')
	if end < 0 {
		return bytes.TrimRight(data[start:], "\r")
	}
	return bytes.TrimRight(data[start:start+end], "\r")
}

// sectionHeading is the "## …" line of the section that starts at
// offset start (its marker line), without its date; nil when there is
// none.
func sectionHeading(data []byte, start int) []byte {
	if !bytes.Equal(lineAt(data, start), markerLine) {
		return nil
	}
	next := bytes.IndexByte(data[start:], '\n')
	if next < 0 {
		return nil
	}
	h := lineAt(data, start+next+1)
	if !bytes.HasPrefix(h, []byte("## ")) {
		return nil
	}
	return trailingDate.ReplaceAll(h, nil)
}

// findSection finds the section of prodspec's whose heading is heading:
// from its marker line to the next section or "## " heading.
func findSection(data, heading []byte) (start, end int, ok bool) {
	if heading == nil {
		return 0, 0, false
	}
	starts := lineStarts(data)
	for i, s := range starts {
		if !bytes.Equal(sectionHeading(data, s), heading) {
			continue
		}
		end = len(data)
		for _, t := range starts[i+2:] {
			if l := lineAt(data, t); bytes.Equal(l, markerLine) || bytes.HasPrefix(l, []byte("## ")) {
				end = t
				break
			}
		}
		return s, end, true
	}
	return 0, 0, false
}

// firstRelease is the offset of the first release section, len(data)
// when there is none.
func firstRelease(data []byte) int {
	for _, s := range lineStarts(data) {
		if l := lineAt(data, s); bytes.Equal(l, markerLine) || bytes.HasPrefix(l, []byte("## ")) {
			return s
		}
	}
	return len(data)
}
