package render

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	lines := []string{"---", "id: S-1", "title: a\x1b[2Jb", "status:\tredy, x", ""}
	for _, tc := range []struct {
		line, col int
		want      string
	}{
		{2, 5, "2 | id: S-1\n  |     ^~~\n"},
		{4, 9, "4 | status: redy, x\n  |         ^~~~\n"}, // a tab is one column; the word ends at ","
		{3, 8, "3 | title: a?[2Jb\n  |        ^~~~~~\n"},  // no escape reaches the terminal
		{5, 1, "5 | \n  | ^\n"},                           // the column just past the end
		{2, 40, "2 | id: S-1\n"},                          // a column the line does not have: no caret
		{0, 1, ""}, {6, 1, ""},                            // lines the file does not have
	} {
		var b strings.Builder
		writeSnippet(&b, lines, tc.line, tc.col, false)
		if b.String() != tc.want {
			t.Errorf("line %d col %d:\n%s\nwant\n%s", tc.line, tc.col, b.String(), tc.want)
		}
	}
}
