package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// namedPath is a file or directory named on the command line, as named
// and as a "/"-separated path relative to the spec root ("." for the
// root itself).
type namedPath struct {
	Arg, Path string
	Dir       bool
}

// specPaths maps names given the way a shell or a git hook gives them
// (relative to the current directory, or absolute) into the spec root
// dir. A name that does not exist, or that lies outside the spec root
// once the symlinks of its directories are resolved, is a usage error.
// A name that is itself a symlink keeps its own name: the spec reads it
// under that name.
func specPaths(dir string, names []string) ([]namedPath, error) {
	root, err := realPath(dir)
	if err != nil {
		return nil, runtimeError(err)
	}
	var out []namedPath
	for _, name := range names {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, runtimeError(err)
		}
		info, err := os.Lstat(abs)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usageError("%s: no such file", name)
		} else if err != nil {
			return nil, runtimeError(err)
		}
		parent, err := realPath(filepath.Dir(abs))
		if err != nil {
			return nil, runtimeError(err)
		}
		rel, err := filepath.Rel(root, filepath.Join(parent, filepath.Base(abs)))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, usageError("%s is outside the spec root %s", name, dir)
		}
		out = append(out, namedPath{Arg: name, Path: filepath.ToSlash(rel), Dir: info.IsDir()})
	}
	return out, nil
}

// under says whether file (relative to the spec root) is p or inside it.
func (p namedPath) under(file string) bool {
	return p.Path == "." || file == p.Path || strings.HasPrefix(file, p.Path+"/")
}

// selectNamed returns whether a spec file (its path relative to the spec
// root) is one of the named files or under a named directory. A name
// that holds no spec file, such as the README.md a pre-commit hook
// passes with the stories it stages, is skipped with a note on stderr:
// the hook passes every staged markdown file, and none of them should
// fail it for not being a story. has says whether anything else (a
// finding) puts a file there.
func selectNamed(s *spec.Spec, named []namedPath, has func(namedPath) bool, stderr io.Writer) func(string) bool {
	for _, p := range named {
		if !slices.ContainsFunc(s.Files, func(f *spec.File) bool { return p.under(f.Path) }) && !has(p) {
			what := "not a spec file"
			if p.Dir {
				what = "no spec file in it"
			}
			fmt.Fprintf(stderr, "prodspec: %s: %s; skipped\n", p.Arg, what)
		}
	}
	return func(file string) bool {
		return slices.ContainsFunc(named, func(p namedPath) bool { return p.under(file) })
	}
}

// onlyNamed keeps the findings in the named files (or under the named
// directories) and counts only those files.
func onlyNamed(res *lint.Result, s *spec.Spec, named []namedPath, stderr io.Writer) *lint.Result {
	in := selectNamed(s, named, func(p namedPath) bool {
		return slices.ContainsFunc(res.Diagnostics, func(d lint.Diagnostic) bool { return p.under(d.File) })
	}, stderr)
	files := 0
	for _, f := range s.Files {
		if in(f.Path) {
			files++
		}
	}
	var kept []lint.Diagnostic
	for _, d := range res.Diagnostics {
		if in(d.File) {
			kept = append(kept, d)
		}
	}
	return lint.NewResult(kept, files)
}
