package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/render"
)

type lintOptions struct {
	*globalOptions
	outputOptions
	Format string
	Strict bool
}

// NewCmdLint checks the spec and exits 1 on error-level findings.
func NewCmdLint(g *globalOptions) *cobra.Command {
	opts := &lintOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "Check the spec: traceability, IDs, statuses, acceptance criteria, file syntax",
		Long: "lint checks every spec file and reports each finding at its line and column.\n" +
			"It exits 1 when there are error-level findings (or warnings with --strict).",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runLint(opts) },
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "text", "output format: text, json, sarif or github")
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "exit 1 on warnings too")
	opts.outputOptions.bind(cmd)
	return cmd
}

func runLint(opts *lintOptions) error {
	renderer, err := lintRenderer(opts.Format)
	if err != nil {
		return err
	}
	s, err := loadSpec(opts.globalOptions)
	if err != nil {
		return err
	}
	res := lint.Run(s, lint.Options{})
	prefix, err := repoPrefix(opts.Dir)
	if err != nil {
		return runtimeError(err)
	}
	if err := opts.write(opts.Out, func(w io.Writer) error { return renderer(w, res, prefix) }); err != nil {
		return err
	}
	// The job summary goes with the annotations: a workflow that also
	// writes SARIF in another step gets it once, not twice.
	if path := opts.Getenv("GITHUB_STEP_SUMMARY"); path != "" && opts.Format == "github" {
		if err := appendStepSummary(path, res, prefix); err != nil {
			return err
		}
	}
	if opts.Format == "text" && len(res.Diagnostics) > 0 {
		fmt.Fprintf(opts.Err, "%s in %d files\n", render.Count(res.Errors, res.Warnings), res.Files)
	}
	if res.Errors > 0 || opts.Strict && res.Warnings > 0 {
		return errFindings
	}
	return nil
}

// lintRenderer picks the formatter. prefix is the spec root relative to
// the repository root, for the formats that GitHub resolves from there.
func lintRenderer(format string) (func(io.Writer, *lint.Result, string) error, error) {
	switch format {
	case "text":
		return func(w io.Writer, r *lint.Result, _ string) error { return render.LintText(w, r) }, nil
	case "json":
		return func(w io.Writer, r *lint.Result, _ string) error { return render.LintJSON(w, r) }, nil
	case "sarif":
		return func(w io.Writer, r *lint.Result, prefix string) error {
			return render.LintSARIF(w, r, lint.Rules(), prefix, version())
		}, nil
	case "github":
		return render.LintGitHub, nil
	}
	return nil, usageError("unknown format %q: want text, json, sarif or github", format)
}

// repoPrefix is the spec root relative to the repository root, "/"-separated
// ("" when they are the same or there is no repository).
func repoPrefix(dir string) (string, error) {
	root, err := config.RepoRoot(dir)
	if err != nil || root == "" {
		return "", err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == "." {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

// appendStepSummary adds the markdown summary to GitHub's job summary,
// which shows every finding where annotations stop at ten per step.
func appendStepSummary(path string, res *lint.Result, prefix string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return runtimeError(err)
	}
	if err := render.LintMarkdown(f, res, prefix); err != nil {
		f.Close()
		return runtimeError(err)
	}
	return runtimeError(f.Close())
}
