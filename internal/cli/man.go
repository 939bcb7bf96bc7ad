package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/prodspec/prodspec/internal/render"
)

type manOptions struct {
	*globalOptions
	Force bool
}

// NewCmdMan writes a manual page per command, from the command tree.
func NewCmdMan(g *globalOptions) *cobra.Command {
	opts := &manOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "man DIR",
		Short:   "Write a manual page for every command into a directory",
		Example: examples("prodspec man man/"),
		Long: "man writes prodspec.1 and one page per command (prodspec-lint.1, …) into DIR, made from\n" +
			"the same descriptions, flags and examples as --help, and prints each path. A file there\n" +
			"that prodspec did not write is replaced only with --force.",
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error { return runMan(opts, cmd.Root(), args[0]) },
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace pages that prodspec did not write")
	return cmd
}

func runMan(opts *manOptions, root *cobra.Command, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return runtimeError(err)
	}
	for _, c := range manCommands(root) {
		var buf bytes.Buffer
		if err := render.ManRoff(&buf, manPage(c)); err != nil {
			return runtimeError(err)
		}
		path := filepath.Join(dir, render.ManFile(c.CommandPath()))
		if err := writeFileAtomic(path, buf.Bytes(), opts.Force, opts.Err); err != nil {
			return err
		}
		fmt.Fprintln(opts.Out, path)
	}
	return nil
}

// manCommands are the commands that get a page: every one that --help
// lists, depth first in the order --help lists them.
func manCommands(c *cobra.Command) []*cobra.Command {
	cmds := []*cobra.Command{c}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			cmds = append(cmds, manCommands(sub)...)
		}
	}
	return cmds
}

// manPage describes a command as its manual page says it.
func manPage(c *cobra.Command) render.ManPage {
	p := render.ManPage{
		Name: c.CommandPath(), Short: c.Short, Synopsis: c.UseLine(), Long: c.Long,
		Options: manOptionsOf(c.NonInheritedFlags()), Inherited: manOptionsOf(c.InheritedFlags()),
		Examples: c.Example,
	}
	if c.HasParent() {
		p.SeeAlso = append(p.SeeAlso, c.Parent().CommandPath())
	}
	for _, sub := range c.Commands() {
		if sub.IsAvailableCommand() {
			p.SeeAlso = append(p.SeeAlso, sub.CommandPath())
		}
	}
	return p
}

func manOptionsOf(fs *pflag.FlagSet) []render.ManOption {
	var opts []render.ManOption
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		arg, usage := pflag.UnquoteUsage(f)
		if f.Value.Type() == "bool" {
			arg = ""
		}
		o := render.ManOption{Short: f.Shorthand, Long: f.Name, Arg: arg, Usage: strings.ReplaceAll(usage, "\n", " ")}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			o.Default = fmt.Sprintf("%q", f.DefValue)
		}
		opts = append(opts, o)
	})
	return opts
}
