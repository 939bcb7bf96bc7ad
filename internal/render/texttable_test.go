package render

import (
	"slices"
	"strings"
	"testing"
)

func TestWrapWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", []string{""}},
		{"Save the capture", []string{"Save the capture"}},
		{"Save the capture before the screen locks again", []string{"Save the capture", "before the screen", "locks again"}},
		{"a abcdefghijklmnopqrstuvwxyz b", []string{"a", "abcdefghijklmnopqr", "stuvwxyz b"}},
		{"  spaced   out  ", []string{"spaced out"}},
	} {
		if got := wrapWords(tc.in, 18); !slices.Equal(got, tc.want) {
			t.Errorf("wrapWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTextTable(t *testing.T) {
	tt := newTextTable([]string{"rank", "title", "score"}, []bool{true, false, true}, 1)
	tt.add("1", strings.Repeat("word ", 10)+"end", "12.5")
	tt.add("10", "Short\ttitle", "")
	var b strings.Builder
	tt.write(&b)
	want := "" +
		"rank  title                                    score\n" +
		"────  ───────────────────────────────────────  ─────\n" +
		"   1  word word word word word word word word   12.5\n" +
		"      word word end\n" +
		"  10  Short title\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
