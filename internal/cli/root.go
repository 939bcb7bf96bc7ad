// Package cli is prodspec's command line: one file per command, each a
// constructor that binds flags to an options struct and a run function.
// It is the only package that knows cobra.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/source"
)

// Exit codes, the same for every command.
const (
	ExitOK       = 0
	ExitFindings = 1 // lint errors, or fmt --check found files to change
	ExitUsage    = 2 // bad flag or argument, configuration error, unknown ref
	ExitRuntime  = 3 // I/O error, unreadable repository, shallow clone
)

// exitError carries an exit code. A nil err exits silently.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError is exit 2; runtimeError is exit 3.
func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

func runtimeError(err error) error {
	if err == nil {
		return nil
	}
	var e *exitError
	if errors.As(err, &e) {
		return err
	}
	return &exitError{code: ExitRuntime, err: err}
}

// errFindings exits 1 without a message: the report already said why.
var errFindings = &exitError{code: ExitFindings}

// Streams are where a command reads and writes; tests inject their own.
type Streams struct {
	Out, Err io.Writer
	Getenv   func(string) string
	// Terminal says whether w is a terminal, where output may be in
	// colour and tables; nil means never. Tests pretend with their own.
	Terminal func(w io.Writer) bool
}

// terminal says whether w is a terminal.
func (s *Streams) terminal(w io.Writer) bool { return s.Terminal != nil && s.Terminal(w) }

// globalOptions are the flags every command shares.
type globalOptions struct {
	*Streams
	Dir    string
	Config string // --config: the configuration file, "" to look it up
	At     string // --at: a git revision, "" for the work tree
}

// Main runs prodspec with the process's arguments and streams.
func Main() int {
	softLimits = true
	limitMemory(specMemoryLimit)
	return mainWith(isTerminal)
}

// mainWith is Main with a test of what is a terminal, which tests replace.
func mainWith(terminal func(io.Writer) bool) int {
	defer cleanUpOnSignal()()
	return Run(os.Args[1:], &Streams{Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, Terminal: terminal})
}

// exit ends the process; a variable so that a test can see it called.
var exit = os.Exit

// cleanUpOnSignal removes the temporary files being written when the
// process is interrupted or terminated, and exits as the signal would
// (128 + its number). The returned function stops listening.
func cleanUpOnSignal() (stop func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-c:
			temps.removeAll()
			code := 1
			if n, ok := sig.(syscall.Signal); ok {
				code = 128 + int(n)
			}
			exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(c)
		close(done)
	}
}

// Run executes one command line and returns its exit code.
func Run(args []string, s *Streams) int {
	root := NewRootCmd(s)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	code := exitCode(err)
	var ee *exitError
	if errors.As(err, &ee) && ee.err == nil {
		return code
	}
	fmt.Fprintln(s.Err, "prodspec: "+err.Error())
	return code
}

// exitCode maps an error to the exit-code table, however it was wrapped:
// what the user can fix in the command line or the configuration is 2,
// everything else that failed is 3.
func exitCode(err error) int {
	var (
		ee      *exitError
		ce      *config.Error
		unknown *gitsrc.UnknownRevError
		notDir  *source.NotADirError
		notRepo *source.NotInRepoError
		noSpec  *source.NoSpecError
		bare    *source.BareError
	)
	switch {
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &unknown), errors.As(err, &ce), errors.As(err, &notDir),
		errors.As(err, &notRepo), errors.As(err, &noSpec), errors.As(err, &bare):
		return ExitUsage
	}
	return ExitRuntime
}

// NewRootCmd builds a fresh command tree; nothing is global.
func NewRootCmd(s *Streams) *cobra.Command {
	opts := &globalOptions{Streams: s}
	root := &cobra.Command{
		Use: "prodspec",
		Example: examples("prodspec lint -C examples/acme-notes", "prodspec backlog -C examples/acme-notes",
			"prodspec help lint"),
		Short: "Lint and report on a product spec kept as markdown in git",
		Long: "prodspec reads a product spec (a vision with goals, roadmap items, user stories)\n" +
			"kept as markdown with YAML front matter, and lints it, ranks the backlog and reports on it.",
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          unknownCommand,
		RunE:          func(cmd *cobra.Command, args []string) error { return cmd.Help() },
		Version:       readBuild().String(), // --version, as `prodspec version`
	}
	root.SetVersionTemplate("{{.Version}}")
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVarP(&opts.Dir, "dir", "C", ".", "spec root `directory`")
	root.PersistentFlags().StringVar(&opts.Config, "config", "",
		"configuration `file` (default: "+config.FileName+" in the spec root or an ancestor up to the repository root);\n"+
			"it is read once, from the work tree, and every git ref is read with it")
	root.AddCommand(
		NewCmdLint(opts),
		NewCmdBacklog(opts),
		NewCmdStatus(opts),
		NewCmdTrace(opts),
		NewCmdReleaseNotes(opts),
		NewCmdDiff(opts),
		NewCmdHistory(opts),
		NewCmdSuspects(opts),
		NewCmdMetrics(opts),
		NewCmdForecast(opts),
		NewCmdInit(opts),
		NewCmdNew(opts),
		NewCmdFmt(opts),
		NewCmdSet(opts),
		NewCmdCheck(opts),
		NewCmdMv(opts),
		NewCmdSchema(opts),
		NewCmdVersion(opts),
		NewCmdMan(opts),
	)
	addCobraCommands(root)
	return root
}

// usageArgs makes an argument validator's complaint a usage error.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &exitError{code: ExitUsage, err: err}
		}
		return nil
	}
}
