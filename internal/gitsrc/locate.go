package gitsrc

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Location is where a directory sits in a repository's work tree.
type Location struct {
	// Dir is the directory, absolute, symlinks resolved.
	Dir string
	// Root is the work tree's root (the directory holding .git, a
	// directory or, in a linked worktree, a file), symlinks resolved;
	// "" when the directory is in no repository.
	Root string
	// Prefix is the directory relative to Root, "/"-separated, "" when
	// they are the same or there is no repository.
	Prefix string
	// Bare is a directory that is itself a repository without a work
	// tree (git clone --bare, a server's repository): Root is Dir and
	// the spec root is the top of each commit's tree.
	Bare bool
}

// Locate finds the work tree that holds dir, without opening the
// repository: lint of a work tree needs only the prefix, for the formats
// that name files from the repository root. Open uses the same answer,
// so every command agrees on where the spec root is.
func Locate(dir string) (Location, error) {
	abs, err := realPath(dir)
	if err != nil {
		return Location{}, err
	}
	if isGitDir(abs) {
		return Location{Dir: abs, Root: abs, Bare: true}, nil
	}
	for d := abs; ; {
		_, err := os.Lstat(filepath.Join(d, ".git"))
		switch {
		case err == nil:
			return Location{Dir: abs, Root: d, Prefix: relPrefix(d, abs)}, nil
		case !errors.Is(err, fs.ErrNotExist):
			return Location{}, fmt.Errorf("look for a repository: %w", err)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return Location{Dir: abs}, nil
		}
		d = parent
	}
}

// isGitDir reports whether d is a repository's git directory, as git
// tells one (setup.c is_git_directory): HEAD, objects and refs in it.
func isGitDir(d string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(d, name)); err != nil {
			return false
		}
	}
	return true
}

// relPrefix is abs relative to root, "/"-separated; root must hold abs.
func relPrefix(root, abs string) string {
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return filepath.ToSlash(rel)
}

// realPath is p made absolute with its symlinks resolved (as far as they
// exist), so that a spec root reached through a link has one prefix.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real, nil
	}
	return abs, nil
}
