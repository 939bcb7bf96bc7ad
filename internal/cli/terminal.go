package cli

import (
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/source"
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

// The values of --color.
var colorModes = []string{"auto", "always", "never"}

// bindColor adds --color.
func bindColor(cmd *cobra.Command, p *string) {
	bindChoice(cmd, p, "color", "", "auto", "color mode",
		"colour text output and show each finding's source line: "+joinOr(colorModes)+
			" (auto: on a terminal, unless NO_COLOR is set)", colorModes)
}

// terminalStyle decides how lint's text output looks. On a terminal
// (stdout, not --output), or with --color always, each finding shows its
// source line, read from src; colour is on with --color always, or on a
// terminal unless NO_COLOR is set (https://no-color.org) or TERM is
// dumb. Anywhere else the output is the plain lines tools parse.
func terminalStyle(o *reportOptions, mode string, src *source.Source) (lines func(string) []string, color bool) {
	tty := o.Output == "" && o.terminal(o.Out)
	switch mode {
	case "always":
		color = true
	case "auto":
		color = tty && o.Getenv("NO_COLOR") == "" && o.Getenv("TERM") != "dumb"
	}
	if !tty && mode != "always" {
		return nil, color
	}
	fsys, err := src.FS(o.At)
	if err != nil {
		return nil, color // the spec was read from there: this does not fail
	}
	return sourceLines(fsys, src.Config.MaxFileSize), color
}

// sourceLines reads each file's lines once, for the source line under
// its findings. Only a regular file within the size limit is read: a
// finding may be about a FIFO or device (reading it could hang) or a
// huge file, and those get no source line.
func sourceLines(fsys fs.FS, maxSize int64) func(string) []string {
	cache := map[string][]string{}
	return func(file string) []string {
		if lines, ok := cache[file]; ok {
			return lines
		}
		var lines []string
		if info, err := fs.Stat(fsys, file); err == nil && info.Mode().IsRegular() && info.Size() <= maxSize {
			if data, err := fs.ReadFile(fsys, file); err == nil {
				lines = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
			}
		}
		cache[file] = lines
		return lines
	}
}
