package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/scaffold"
)

// NewCmdInit scaffolds a spec in the default layout.
func NewCmdInit(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "init",
		Example: examples("prodspec init -C product"),
		Short:   "Scaffold a spec: a vision, a roadmap item and a story that lint clean",
		Long:    "init writes vision.md, roadmap/R-1.md and stories/S-1.md under --dir.\nFiles that already exist are left as they are.",
		Args:    usageArgs(cobra.NoArgs),
		RunE:    func(cmd *cobra.Command, args []string) error { return runInit(g) },
	}
}

func runInit(g *globalOptions) error {
	// Every path is checked before any file is written, so a refusal
	// leaves no half-made spec.
	for _, f := range scaffold.Starter {
		if err := insideRoot(g.Dir, filepath.Join(g.Dir, filepath.FromSlash(f.Path))); err != nil {
			return err
		}
	}
	for _, f := range scaffold.Starter {
		path := filepath.Join(g.Dir, filepath.FromSlash(f.Path))
		err := createFileAtomic(path, []byte(f.Content), g.Err)
		switch {
		case errors.Is(err, fs.ErrExist):
			fmt.Fprintf(g.Out, "kept    %s (exists)\n", f.Path)
		case err != nil:
			return err
		default:
			fmt.Fprintf(g.Out, "created %s\n", f.Path)
		}
	}
	return nil
}
