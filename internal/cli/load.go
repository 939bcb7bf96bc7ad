package cli

import (
	"errors"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/spec"
)

// bindAt adds --at to a command that reads the spec.
func bindAt(cmd *cobra.Command, g *globalOptions) {
	cmd.Flags().StringVar(&g.At, "at", "", "read the spec as of git `ref` (a branch, tag or commit) instead of the work tree")
}

// checkDir makes a missing spec root a usage error.
func checkDir(g *globalOptions) error {
	info, err := os.Stat(g.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageError("spec root %s does not exist", g.Dir)
	case err != nil:
		return runtimeError(err)
	case !info.IsDir():
		return usageError("spec root %s is not a directory", g.Dir)
	}
	return nil
}

// loadConfig reads the configuration for the spec root in the work tree.
func loadConfig(g *globalOptions) (*config.Config, error) {
	if err := checkDir(g); err != nil {
		return nil, err
	}
	return configError(config.Load(g.Dir, config.Known{Rules: lint.Names(), Models: priority.Names()}))
}

// configError keeps a configuration mistake (exit 2) apart from a
// failure to read (exit 3).
func configError(cfg *config.Config, err error) (*config.Config, error) {
	var ce *config.Error
	if err != nil && !errors.As(err, &ce) {
		return nil, runtimeError(err)
	}
	return cfg, err
}

// loadSpec loads the spec at the spec root: the work tree, or with --at
// the commit it names, with that commit's configuration.
func loadSpec(g *globalOptions) (*spec.Spec, error) {
	if g.At != "" {
		repo, err := openRepo(g)
		if err != nil {
			return nil, err
		}
		defer repo.Close()
		c, err := repo.Resolve(g.At)
		if err != nil {
			return nil, err
		}
		return loadCommit(repo, c, nil)
	}
	cfg, err := loadConfig(g)
	if err != nil {
		return nil, err
	}
	s, err := spec.Load(os.DirFS(g.Dir), cfg)
	return s, runtimeError(err)
}

// openRepo opens the repository around the spec root.
func openRepo(g *globalOptions) (*gitsrc.Repo, error) {
	if err := checkDir(g); err != nil {
		return nil, err
	}
	repo, err := gitsrc.Open(g.Dir)
	if errors.Is(err, gitsrc.ErrNotRepository) {
		return nil, usageError("%s is not inside a git repository", g.Dir)
	}
	return repo, runtimeError(err)
}

// loadCommit loads the spec as it is in commit c. A nil cfg means the
// configuration in c's tree.
func loadCommit(repo *gitsrc.Repo, c *gitsrc.Commit, cfg *config.Config) (*spec.Spec, error) {
	if cfg == nil {
		var err error
		if cfg, err = configAt(repo, c); err != nil {
			return nil, err
		}
	}
	fsys, err := repo.FS(c)
	if err != nil {
		return nil, err
	}
	s, err := spec.Load(fsys, cfg)
	return s, runtimeError(err)
}

// configAt reads the configuration for the spec root as it is in commit c.
func configAt(repo *gitsrc.Repo, c *gitsrc.Commit) (*config.Config, error) {
	root, err := repo.TreeFS(c, "")
	if err != nil {
		return nil, err
	}
	return configError(config.LoadFS(root, repo.Prefix, config.Known{Rules: lint.Names(), Models: priority.Names()}))
}
