package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/names"
)

// choice is a string flag that takes one of a closed set of values. One
// declaration gives the help text, the check and the shell completion.
type choice struct {
	value   *string
	allowed []string
	what    string // "format", "priority model": for the error
}

func (c *choice) String() string { return *c.value }
func (c *choice) Type() string   { return "string" }

func (c *choice) Set(v string) error {
	if !slices.Contains(c.allowed, v) {
		return &choiceError{what: c.what, value: v, allowed: c.allowed}
	}
	*c.value = v
	return nil
}

// choiceError is a value outside a choice flag's set: a usage error that
// lists the values, which Run prints without pflag's wrapping.
type choiceError struct {
	what, value string
	allowed     []string
}

func (e *choiceError) Error() string {
	return fmt.Sprintf("unknown %s %q%s: want %s", e.what, e.value, names.DidYouMean(e.value, e.allowed), strings.Join(e.allowed, ", "))
}

// unknownChoice is a usage error for an argument outside a closed set.
func unknownChoice(what, value string, allowed []string) error {
	return &exitError{code: ExitUsage, err: &choiceError{what: what, value: value, allowed: allowed}}
}

// bindChoice adds a flag whose value must be one of allowed; def is its
// default ("" for none: the command decides).
func bindChoice(cmd *cobra.Command, p *string, name, short, def, what, usage string, allowed []string) {
	*p = def
	cmd.Flags().VarP(&choice{value: p, allowed: allowed, what: what}, name, short, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(allowed, cobra.ShellCompDirectiveNoFileComp))
}

// bindFormat adds --format/-f: one of a report's formats, the first the
// default.
func bindFormat(cmd *cobra.Command, p *string, names []string) {
	bindChoice(cmd, p, "format", "f", names[0], "format", "output format: "+joinOr(names), names)
}

// joinOr lists values as "a, b or c".
func joinOr(vals []string) string { return names.List(vals, "or") }
