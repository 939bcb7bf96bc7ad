package cli

import (
	"cmp"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

type lintOptions struct {
	reportOptions
	Strict bool
	Base   string
	Color  string
}

// NewCmdLint checks the spec and exits 1 on error-level findings.
func NewCmdLint(g *globalOptions) *cobra.Command {
	opts := &lintOptions{reportOptions: reportOptions{globalOptions: g}}
	cmd := &cobra.Command{
		Use: "lint [FILE...]",
		Example: examples("prodspec lint -C examples/acme-notes", "prodspec lint -C examples/acme-notes --format sarif -o prodspec.sarif", "prodspec lint -C examples/acme-notes --base HEAD~1 --strict",
			"prodspec lint -C examples/acme-notes examples/acme-notes/stories/S-6.md examples/acme-notes/README.md"),
		Short: "Check the spec: traceability, IDs, statuses, acceptance criteria, file syntax",
		Long: "lint checks every spec file and reports each finding at its line and column.\n" +
			"It exits 1 when there are error-level findings (or warnings with --strict).\n" +
			"With FILEs (relative to the current directory, as a pre-commit hook passes them; or\n" +
			"directories) it still checks the whole spec but reports only the findings in those\n" +
			"files; a named file that is not a spec file (a README) is skipped with a note.",
		RunE: func(cmd *cobra.Command, args []string) error { return runLint(opts, args) },
	}
	opts.bind(cmd, render.LintFormats.Names())
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "exit 1 on warnings too")
	bindColor(cmd, &opts.Color)
	cmd.Flags().StringVar(&opts.Base, "base", "", "report only findings that git `ref` did not already have; with roles configured, check who made each change since ref; report IDs this branch and ref both added since their merge base")
	_ = cmd.RegisterFlagCompletionFunc("base", completeRefs(g))
	bindAt(cmd, g)
	return cmd
}

func runLint(opts *lintOptions, args []string) error {
	src, s, err := loadSpec(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	named, err := specPaths(opts.Dir, args)
	if err != nil {
		return err
	}
	res := lint.Run(s, lint.Options{})
	if opts.Base != "" {
		if res, err = lintSinceBase(opts, src, s); err != nil {
			return err
		}
	}
	if len(named) > 0 {
		res = onlyNamed(res, s, named, opts.Err)
	}
	prefix := src.Prefix
	// The job summary goes with the annotations: a workflow that also
	// writes SARIF in another step gets it once, not twice.
	summary := opts.Getenv("GITHUB_STEP_SUMMARY")
	if opts.Format != "github" {
		summary = ""
	}
	report := render.Lint{Result: res, Prefix: prefix, Rules: lint.Rules(), Version: version(), Summary: summary != ""}
	report.Lines, report.Color = terminalStyle(&opts.reportOptions, opts.Color, src)
	if err := writeReport(&opts.reportOptions, render.LintFormats, report); err != nil {
		return err
	}
	if summary != "" {
		if err := appendStepSummary(summary, res, prefix); err != nil {
			return err
		}
	}
	if opts.Format == "text" {
		fmt.Fprintln(opts.Err, lintSummary(res))
	}
	if res.Errors > 0 || opts.Strict && res.Warnings > 0 {
		return errFindings
	}
	return nil
}

// lintSinceBase lints s against the spec at --base: findings the base
// already had are left out (both are linted with the run's one
// configuration, so a finding is matched whatever the base's
// configuration said), and the commits since the base are walked once
// for the stories they made suspect and, with roles configured, for who
// made each governed change. IDs both sides added since their merge base
// are id-collision findings.
func lintSinceBase(opts *lintOptions, src *source.Source, s *spec.Spec) (*lint.Result, error) {
	base, err := src.Resolve(opts.Base)
	if err != nil {
		return nil, err
	}
	old, err := src.At(base)
	if err != nil {
		return nil, err
	}
	head, err := src.Resolve(cmp.Or(opts.At, "HEAD"))
	if err != nil {
		return nil, err
	}
	repo, err := src.Repo()
	if err != nil {
		return nil, err
	}
	var in lint.Options
	roles := s.Config.Roles
	checkRoles := len(roles.ProductOwners)+len(roles.ProductManagers) > 0
	checkSuspects := s.Config.Rules[lint.SuspectLink] != string(lint.Off)
	if checkRoles || checkSuspects {
		log, err := history.Read(repo, s.Config, base, head)
		if err != nil {
			return nil, err
		}
		if checkRoles {
			in.Changes = history.Governed(log.Steps, s)
		}
		if checkSuspects {
			in.Suspects = history.LintSuspects(history.Suspects(log, s))
		}
	}
	in.Collisions, err = idCollisions(src, repo, s, head, base, old, opts.Base)
	if err != nil {
		return nil, err
	}
	return lint.Run(s, in).Since(lint.Run(old, lint.Options{})), nil
}

// appendStepSummary adds the markdown summary to GitHub's job summary,
// which shows every finding where annotations stop at ten per step. What
// the step already wrote there counts against GitHub's limit.
func appendStepSummary(path string, res *lint.Result, prefix string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return runtimeError(err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return runtimeError(err)
	}
	if err := render.LintMarkdown(f, res, prefix, render.SummaryLimit-int(info.Size())); err != nil {
		f.Close()
		return runtimeError(err)
	}
	return runtimeError(f.Close())
}

// lintSummary is the line text output ends with on stderr, so that a
// clean run is visibly a run and not a run over nothing.
func lintSummary(res *lint.Result) string {
	if len(res.Diagnostics) == 0 {
		return fmt.Sprintf("checked %s: no findings", count(res.Files, "file", "files"))
	}
	return fmt.Sprintf("%s in %s", render.Count(res.Errors, res.Warnings), count(res.Files, "file", "files"))
}
