package edit

import (
	"fmt"

	"github.com/prodspec/prodspec/internal/parse"
)

// Tick returns src with the box of the acceptance criterion c (as parse
// read it from src) checked or unchecked: one byte changes, "[ ]" to
// "[x]" or back. A box already so is left as it is.
func Tick(src []byte, c parse.Criterion, checked bool) ([]byte, error) {
	off := parse.NewOffsets(src).Of(c.Pos)
	if off+3 > len(src) || src[off] != '[' || src[off+2] != ']' {
		return nil, fmt.Errorf("%s: no task-list box where the criterion %q was read", c.Pos, c.Text)
	}
	mark := byte(' ')
	if checked {
		mark = 'x'
	}
	if (src[off+1] != ' ') == checked {
		return src, nil
	}
	out := append([]byte(nil), src...)
	out[off+1] = mark
	return out, nil
}
