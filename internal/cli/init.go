package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/scaffold"
	"github.com/prodspec/prodspec/internal/source"
)

// NewCmdInit scaffolds a spec in the default layout.
func NewCmdInit(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Scaffold a spec: a configuration, a vision, a roadmap item and a story that lint clean",
		Long: "init writes .prodspec.yaml (every key at its default, commented), vision.md,\n" +
			"roadmap/R-1.md and stories/S-1.md under --dir, owned by git's user.email.\n" +
			"Files that already exist are left as they are.",
		Example: "  prodspec init -C product",
		Args:    usageArgs(cobra.NoArgs),
		RunE:    func(cmd *cobra.Command, args []string) error { return runInit(g) },
	}
}

func runInit(g *globalOptions) error {
	files, err := scaffold.Starter(gitEmail(g))
	if err != nil {
		return runtimeError(err)
	}
	// Every path is checked before any file is written, so a refusal
	// leaves no half-made spec.
	for _, f := range files {
		if err := insideRoot(g.Dir, filepath.Join(g.Dir, filepath.FromSlash(f.Path))); err != nil {
			return err
		}
	}
	for _, f := range files {
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

// gitEmail is git's user.email where the spec root is, for the owner of
// what init and new write: the repository's configuration when the spec
// root is in one, else the global one; "" when none says.
func gitEmail(g *globalOptions) string {
	src, err := openSource(g)
	if err != nil {
		return gitsrc.UserEmail(nil)
	}
	defer src.Close()
	repo, err := src.Repo()
	var notRepo *source.NotInRepoError
	if errors.As(err, &notRepo) {
		return gitsrc.UserEmail(nil)
	}
	if err != nil {
		return ""
	}
	return gitsrc.UserEmail(repo)
}
