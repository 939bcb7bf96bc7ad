package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/canon"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
)

type fmtOptions struct {
	*globalOptions
	Check bool
}

// NewCmdFmt rewrites front matter in canonical form.
func NewCmdFmt(g *globalOptions) *cobra.Command {
	opts := &fmtOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "fmt [file ...]",
		Short: "Canonicalize front matter (key order, list style); --check for CI",
		Long: "fmt rewrites the front matter of spec files in canonical form: known keys in a fixed\n" +
			"order, short lists and priority inputs in flow style, two-space indentation. Comments,\n" +
			"unknown keys, bodies and line endings are kept; each comment stays on its key. With\n" +
			"--check it only lists the files it would change and exits 1 if there are any.\n" +
			"Files lint rejects (broken front matter, over max_file_size) are skipped with a note.\n" +
			"Files (or directories) are named relative to the current directory, as for lint; each\n" +
			"must exist inside the spec root and be a spec file (else exit 2).",
		RunE: func(cmd *cobra.Command, args []string) error { return runFmt(opts, args) },
	}
	cmd.Flags().BoolVar(&opts.Check, "check", false, "list files that are not formatted and exit 1 if any")
	return cmd
}

func runFmt(opts *fmtOptions, args []string) error {
	src, s, err := loadSpec(opts.globalOptions)
	if err != nil {
		return err
	}
	src.Close()
	named, err := specPaths(opts.Dir, args)
	if err != nil {
		return err
	}
	// A name that is not a spec file fails before anything is formatted:
	// a typo must not pass for "already formatted".
	for _, p := range named {
		if !slices.ContainsFunc(s.Files, func(f *spec.File) bool { return p.under(f.Path) }) {
			return usageError("%s: not a spec file, so fmt does not format it (lint does not read it either)", p.Arg)
		}
	}
	var changed []string
	for _, f := range s.Files {
		if len(named) > 0 && !slices.ContainsFunc(named, func(p namedPath) bool { return p.under(f.Path) }) {
			continue
		}
		diff, err := fmtFile(opts, s.Config, f)
		if err != nil {
			return err
		}
		if diff {
			changed = append(changed, f.Path)
			fmt.Fprintln(opts.Out, f.Path)
		}
	}
	if opts.Check && len(changed) > 0 {
		return errFindings
	}
	return nil
}

// fmtFile formats one file and reports whether it was (or would be) changed.
// Files lint would reject for their syntax are left alone.
func fmtFile(opts *fmtOptions, cfg *config.Config, f *spec.File) (bool, error) {
	path := filepath.Join(opts.Dir, filepath.FromSlash(f.Path))
	info, err := os.Lstat(path)
	if err != nil {
		return false, runtimeError(err)
	}
	if !info.Mode().IsRegular() {
		return false, nil // a symlink: format its target where it lives
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return false, runtimeError(err)
	}
	out, ferr := canon.Format(src, f.Kind, cfg)
	if ferr != nil {
		// Where lint reports it and in lint's shape, so an editor jumps there.
		var skip *canon.SkipError
		if errors.As(ferr, &skip) {
			fmt.Fprintf(opts.Err, "%s:%s: skipped: %s (see prodspec lint)\n", f.Path, skip.Pos, skip.Msg)
		} else {
			fmt.Fprintf(opts.Err, "%s: skipped: %v\n", f.Path, ferr)
		}
		return false, nil
	}
	if bytes.Equal(src, out) {
		return false, nil
	}
	if !opts.Check {
		if err := insideRoot(opts.Dir, path); err != nil {
			return false, err
		}
		return true, writeFileAtomic(path, out, true, opts.Err)
	}
	return true, nil
}
