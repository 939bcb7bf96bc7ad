package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/prodspec/prodspec/internal/names"
)

// unknownCommand is the root's argument check: a word that names no
// command is a usage error with the closest command's name. Cobra
// suggests only when a root has no Args of its own, and its suggestions
// are worded differently from prodspec's other "did you mean"s.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var cmds []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() {
			cmds = append(cmds, c.Name())
		}
	}
	return usageError("unknown command %q%s; run prodspec --help for the commands", args[0], names.DidYouMean(args[0], cmds))
}

// flagError is every command's flag error: a usage error, with the
// closest flag's name for an unknown long flag.
func flagError(cmd *cobra.Command, err error) error {
	var ce *choiceError // says all there is to say without pflag's wrapping
	if errors.As(err, &ce) {
		err = ce
	}
	var ne *pflag.NotExistError
	if errors.As(err, &ne) && ne.GetSpecifiedShortnames() == "" {
		var flags []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				flags = append(flags, "--"+f.Name)
			}
		})
		err = fmt.Errorf("%w%s", err, names.DidYouMean("--"+ne.GetSpecifiedName(), flags))
	}
	return &exitError{code: ExitUsage, err: err}
}
