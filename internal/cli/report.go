package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/spec"
)

// loadForReport loads the spec for a report command. A spec with lint
// findings still gets its report, but stderr says how many findings there
// are, so a report from a broken spec is not taken for a clean one. The
// exit code is not affected: lint is the gate.
func loadForReport(g *globalOptions) (*spec.Spec, error) {
	src, s, err := loadSpec(g)
	if err != nil {
		return nil, err
	}
	src.Close()
	warnFindings(g, lint.Run(s, lint.Options{}))
	return s, nil
}

// warnFindings says on stderr how many findings lint has for a spec that
// a report was made from.
func warnFindings(g *globalOptions, res *lint.Result) {
	if len(res.Diagnostics) > 0 {
		fmt.Fprintf(g.Err, "prodspec: lint reports %s; run prodspec lint for details\n", render.Count(res.Errors, res.Warnings))
	}
}

// reportOptions are the flags of a command that writes one report:
// --format, and --output with --force.
type reportOptions struct {
	*globalOptions
	outputOptions
	Format string
}

// bind adds --format (formats' names, the first the default) and
// --output.
func (o *reportOptions) bind(cmd *cobra.Command, formats []string) {
	bindFormat(cmd, &o.Format, formats)
	o.outputOptions.bind(cmd)
}

// preferOnTerminal makes format the default when stdout is a terminal
// and neither --format nor --output is given: a table for a person, while
// a pipe or a file still gets the first format (markdown), as before.
func (o *reportOptions) preferOnTerminal(cmd *cobra.Command, format string) {
	f := cmd.Flags().Lookup("format")
	f.Usage += " (" + format + " when stdout is a terminal)"
	cmd.PreRun = func(cmd *cobra.Command, _ []string) {
		if !f.Changed && o.Output == "" && o.terminal(o.Out) {
			o.Format = format
		}
	}
}

// writeReport writes v in the chosen format to stdout or --output.
func writeReport[T any](o *reportOptions, formats render.Formats[T], v T) error {
	f, ok := formats.Lookup(o.Format)
	if !ok { // the flag admits only the formats' names
		return &choiceError{what: "format", value: o.Format, allowed: formats.Names()}
	}
	return o.write(o.Out, o.Err, func(w io.Writer) error { return f.Write(w, v) })
}

// checkIDs makes the first of ids that does not exist a usage error, with
// a suggestion when an existing ID is close.
func checkIDs(what string, ids []string, exists func(string) bool, all []string) error {
	for _, id := range ids {
		if !exists(id) {
			return usageError("unknown %s %q%s", what, id, names.DidYouMean(id, all))
		}
	}
	return nil
}

// title is the vision's title, "" when there is no vision.
func title(s *spec.Spec) string {
	if s.Vision == nil {
		return ""
	}
	return s.Vision.Title
}

// count says "1 story" or "3 stories".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
