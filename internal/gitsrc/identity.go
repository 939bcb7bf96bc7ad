package gitsrc

import (
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
)

// UserEmail is git's user.email as a commit made here would record it:
// the repository's own configuration over the global and system ones,
// or, with repo nil (outside a repository), the global and system ones
// alone. "" when none sets it or a configuration cannot be read: the
// email only fills in defaults and warnings, never a decision.
func UserEmail(repo *Repo) string {
	if repo == nil {
		cfg, err := config.LoadConfig(config.GlobalScope)
		if err != nil {
			return ""
		}
		return cfg.User.Email
	}
	var email string
	_ = repo.with(func(g *git.Repository) error {
		cfg, err := g.ConfigScoped(config.GlobalScope)
		if err == nil {
			email = cfg.User.Email
		}
		return err
	})
	return email
}
