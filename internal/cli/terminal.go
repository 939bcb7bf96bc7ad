package cli

import (
	"io"
	"os"
)

// isTerminal says whether w is a terminal: a character device. That is
// enough to tell a terminal from a pipe or a file without a dependency;
// /dev/null counts too, where colour harms no one.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
