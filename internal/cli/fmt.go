package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/canon"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/par"
	"github.com/prodspec/prodspec/internal/spec"
	"github.com/prodspec/prodspec/internal/textdiff"
)

type fmtOptions struct {
	*globalOptions
	Check bool
	Diff  bool
}

// NewCmdFmt rewrites front matter in canonical form.
func NewCmdFmt(g *globalOptions) *cobra.Command {
	opts := &fmtOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "fmt [file ...]",
		Example: examples("prodspec fmt -C examples/acme-notes --check --diff", "prodspec fmt -C examples/acme-notes"),
		Short:   "Canonicalize front matter (key order, list style); --check for CI",
		Long: "fmt rewrites the front matter of spec files in canonical form: known keys in a fixed\n" +
			"order, short lists and priority inputs in flow style, two-space indentation. Comments,\n" +
			"unknown keys, bodies and line endings are kept; each comment stays on its key. With\n" +
			"--check it only lists the files it would change and exits 1 if there are any; with\n" +
			"--diff it shows the changes as a unified diff (git apply reads it) and writes nothing.\n" +
			"Files lint rejects (broken front matter, over max_file_size) are skipped with a note.\n" +
			"Files and directories are named as for lint: relative to the current directory or\n" +
			"absolute, inside the spec root; one that does not exist is exit 2, a markdown file that\n" +
			"is not a spec file (a README a pre-commit hook passes) is skipped with a note.",
		RunE: func(cmd *cobra.Command, args []string) error { return runFmt(opts, args) },
	}
	cmd.Flags().BoolVar(&opts.Check, "check", false, "list files that are not formatted and exit 1 if any")
	cmd.Flags().BoolVar(&opts.Diff, "diff", false, "show the changes as a unified diff instead of the file names, and write nothing")
	return cmd
}

func runFmt(opts *fmtOptions, only []string) error {
	src, err := openSource(opts.globalOptions)
	if err != nil {
		return err
	}
	all, err := src.WorkTreeFiles() // each file is read and parsed once, below
	src.Close()
	if err != nil {
		return err
	}
	named, err := specPaths(opts.Dir, only)
	if err != nil {
		return err
	}
	in := selectNamed(&spec.Spec{Files: all}, named, func(namedPath) bool { return false }, opts.Err)
	var files []*spec.File
	for _, f := range all {
		if len(only) == 0 || in(f.Path) {
			files = append(files, f)
		}
	}
	// Formatting is a check of each file's lines and, for a file not
	// already canonical, yaml.v3's parse and encode: done in parallel,
	// then reported and written in path order.
	done := make([]formatted, len(files))
	if err := par.For(len(files), func(i int) error {
		var err error
		done[i], err = formatFile(opts.Dir, src.Config, files[i])
		return err
	}); err != nil {
		return err
	}
	var changed []string
	for i, f := range files {
		diff, err := fmtFile(opts, f, done[i])
		if err != nil {
			return err
		}
		if diff {
			changed = append(changed, f.Path)
		}
	}
	if opts.Check && len(changed) > 0 {
		fmt.Fprintf(opts.Err, "prodspec: %s not formatted; run %s to format %s\n",
			count(len(changed), "file is", "files are"), fmtCommand(opts, only), map[bool]string{true: "it", false: "them"}[len(changed) == 1])
		return errFindings
	}
	return nil
}

// fmtCommand is the command line that formats what this run checked.
func fmtCommand(opts *fmtOptions, only []string) string {
	cmd := "prodspec fmt"
	if opts.Dir != "." {
		cmd += " -C " + opts.Dir
	}
	if len(only) > 0 {
		cmd += " " + strings.Join(only, " ")
	}
	return cmd
}

// formatted is one file's source and canonical form, both nil when they
// are the same; skip is why it is left alone ("" when it is not).
type formatted struct {
	src, out []byte
	skip     string
}

// formatFile reads and formats one file. Files lint would reject for
// their syntax are left alone, and so are symlinks: a link's target is
// formatted where it lives.
func formatFile(dir string, cfg *config.Config, f *spec.File) (formatted, error) {
	path := filepath.Join(dir, filepath.FromSlash(f.Path))
	info, err := os.Lstat(path)
	if err != nil {
		return formatted{}, runtimeError(err)
	}
	if !info.Mode().IsRegular() {
		return formatted{}, nil
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return formatted{}, runtimeError(err)
	}
	out, ferr := canon.Format(src, f.Kind, cfg)
	if ferr != nil {
		// Where lint reports it and in lint's shape, so an editor jumps there.
		var skip *canon.SkipError
		if errors.As(ferr, &skip) {
			return formatted{skip: fmt.Sprintf("%s:%s: skipped: %s (see prodspec lint)", f.Path, skip.Pos, skip.Msg)}, nil
		}
		return formatted{skip: fmt.Sprintf("%s: skipped: %v", f.Path, ferr)}, nil
	}
	if bytes.Equal(src, out) {
		return formatted{}, nil // kept by none: 100k files' bytes would be the heap
	}
	return formatted{src: src, out: out}, nil
}

// fmtFile reports one formatted file and whether it was (or would be)
// changed: it writes the file and prints its path, or with --check only
// prints its path, or with --diff prints the change.
func fmtFile(opts *fmtOptions, f *spec.File, r formatted) (bool, error) {
	if r.skip != "" {
		fmt.Fprintln(opts.Err, r.skip)
		return false, nil
	}
	if bytes.Equal(r.src, r.out) {
		return false, nil
	}
	switch {
	case opts.Diff:
		_, err := opts.Out.Write(textdiff.Unified(f.Path, r.src, r.out))
		return true, err
	case opts.Check:
		_, err := fmt.Fprintln(opts.Out, f.Path)
		return true, err
	}
	path := filepath.Join(opts.Dir, filepath.FromSlash(f.Path))
	if err := insideRoot(opts.Dir, path); err != nil {
		return false, err
	}
	if err := writeFileAtomic(path, r.out, true, opts.Err); err != nil {
		return false, err
	}
	_, err := fmt.Fprintln(opts.Out, f.Path)
	return true, err
}
