package cli

import (
	"errors"
	"io/fs"
	"os"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// loadConfig reads the configuration for the spec root.
func loadConfig(g *globalOptions) (*config.Config, error) {
	info, err := os.Stat(g.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, usageError("spec root %s does not exist", g.Dir)
	case err != nil:
		return nil, runtimeError(err)
	case !info.IsDir():
		return nil, usageError("spec root %s is not a directory", g.Dir)
	}
	cfg, err := config.Load(g.Dir, lint.Names())
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) {
			return nil, err
		}
		return nil, runtimeError(err)
	}
	return cfg, nil
}

// loadSpec loads the spec in the working tree at the spec root.
func loadSpec(g *globalOptions) (*spec.Spec, error) {
	cfg, err := loadConfig(g)
	if err != nil {
		return nil, err
	}
	s, err := spec.Load(os.DirFS(g.Dir), cfg)
	return s, runtimeError(err)
}
