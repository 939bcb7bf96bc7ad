package render

import (
	"strings"
	"unicode/utf8"
)

// titleWidth is where a terminal table wraps a title: wide enough for
// most titles on one line, narrow enough that the columns after it stay
// on an 80-to-120-column screen. It is fixed, not the terminal's width,
// so the same spec gives the same table.
const titleWidth = 40

// textTable is a table for a terminal: columns padded to their widest
// cell, numbers right-aligned, and one column (the title) wrapped at
// titleWidth, its continuation lines under it.
type textTable struct {
	head  []string
	right []bool // right-aligned columns
	wrap  int    // the wrapped column, -1 for none
	rows  [][]string
}

func newTextTable(head []string, right []bool, wrap int) *textTable {
	return &textTable{head: head, right: right, wrap: wrap}
}

// add appends a row; cells are made one line, without control characters.
func (t *textTable) add(cells ...string) {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = oneLine(c)
	}
	t.rows = append(t.rows, row)
}

// write writes the header, a rule under it and the rows.
func (t *textTable) write(b *strings.Builder) {
	lines := make([][][]string, len(t.rows)) // each row as its lines of cells
	widths := make([]int, len(t.head))
	for i, h := range t.head {
		widths[i] = utf8.RuneCountInString(h)
	}
	for r, row := range t.rows {
		lines[r] = t.split(row)
		for _, line := range lines[r] {
			for i, c := range line {
				widths[i] = max(widths[i], utf8.RuneCountInString(c))
			}
		}
	}
	t.line(b, t.head, widths)
	rule := make([]string, len(widths))
	for i, w := range widths {
		rule[i] = strings.Repeat("─", w)
	}
	t.line(b, rule, widths)
	for _, row := range lines {
		for _, line := range row {
			t.line(b, line, widths)
		}
	}
}

// split turns a row into its lines: the wrapped column's lines, the
// other cells on the first.
func (t *textTable) split(row []string) [][]string {
	if t.wrap < 0 {
		return [][]string{row}
	}
	parts := wrapWords(row[t.wrap], titleWidth)
	out := make([][]string, len(parts))
	for i, p := range parts {
		out[i] = make([]string, len(row))
		if i == 0 {
			copy(out[i], row)
		}
		out[i][t.wrap] = p
	}
	return out
}

func (t *textTable) line(b *strings.Builder, cells []string, widths []int) {
	var sb strings.Builder
	for i, c := range cells {
		if i > 0 {
			sb.WriteString("  ")
		}
		pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
		if t.right[i] {
			sb.WriteString(pad + c)
		} else {
			sb.WriteString(c + pad)
		}
	}
	b.WriteString(strings.TrimRight(sb.String(), " ") + "\n")
}

// wrapWords breaks s into lines of at most width characters at spaces; a
// word longer than width is cut.
func wrapWords(s string, width int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(s) {
		for utf8.RuneCountInString(word) > width {
			if cur != "" {
				lines, cur = append(lines, cur), ""
			}
			r := []rune(word)
			lines, word = append(lines, string(r[:width])), string(r[width:])
		}
		switch {
		case cur == "":
			cur = word
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= width:
			cur += " " + word
		default:
			lines, cur = append(lines, cur), word
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}
