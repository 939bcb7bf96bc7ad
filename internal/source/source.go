// Package source is where a run of prodspec reads its spec. A command opens
// one Source from --dir (and --config) and gets every spec it needs from
// it: the work tree, or the tree of any git revision. The Source knows the
// repository around the spec root (if any), the spec root's place in it,
// and the one configuration of the run.
//
// One configuration per run: it is read once, from the work tree (the
// spec root and its ancestors up to the repository root) or from the file
// --config names, and every revision is read with it. A team that adopts
// prodspec today reads its whole past with today's configuration; a
// layout that moved over time is covered by listing both path patterns.
package source

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/spec"
)

// Options say where a run reads its spec.
type Options struct {
	Dir    string       // the spec root, as the user named it
	Config string       // --config: the configuration file; "" to look it up
	Known  config.Known // the names the configuration may use (lint rules, priority models)
}

// Source is the spec root of one run. It is not safe for concurrent use.
type Source struct {
	Dir    string // the spec root, as the user named it
	Config *config.Config
	// Prefix is the spec root relative to the repository root,
	// "/"-separated; "" at the root or outside a repository.
	Prefix string

	inRepo bool
	bare   bool         // the spec root is a bare repository: no work tree
	repo   *gitsrc.Repo // opened on first use
}

// NotADirError is a spec root that is missing or not a directory.
type NotADirError struct {
	Dir     string
	Missing bool
}

func (e *NotADirError) Error() string {
	if e.Missing {
		return "spec root " + e.Dir + " does not exist"
	}
	return "spec root " + e.Dir + " is not a directory"
}

// NotInRepoError is a command that needs git run outside a repository.
type NotInRepoError struct{ Dir string }

func (e *NotInRepoError) Error() string { return e.Dir + " is not inside a git repository" }

// BareError is a command that needs the work tree run on a bare
// repository, which has none. What needs no work tree (--at, A..B,
// release notes, history) reads a bare repository, its spec root the top
// of each commit's tree.
type BareError struct{ Dir string }

func (e *BareError) Error() string {
	return e.Dir + " is a bare repository, which has no work tree: name a ref to read (--at REF, or BASE..HEAD)"
}

// NoSpecError is a spec root where no spec file was found, or none of a
// kind that files in a folder below it would be were the spec root there:
// an answer from it would be silently empty, or partial, so no command
// gives one.
type NoSpecError struct {
	Dir       string
	Rev       string // "" for the work tree
	Cfg       *config.Config
	Elsewhere []spec.Subroot // what looks like the spec root instead
	Empty     bool           // no spec file at all, not only none of some kinds
}

func (e *NoSpecError) Error() string {
	where := e.Dir
	if e.Rev != "" {
		where += " at " + e.Rev
	}
	if len(e.Elsewhere) > 0 {
		return e.elsewhere(where)
	}
	c := e.Cfg
	pats := strings.Join(append(append(append([]string{}, c.Vision.Paths...), c.Roadmap.Paths...), c.Story.Paths...), ", ")
	return fmt.Sprintf("no spec files in %s: looked for %s (%s), and markdown files whose front matter declares a kind; "+
		"name the spec root with --dir", where, pats, e.patterns())
}

// elsewhere says which kinds are missing and where they seem to be.
func (e *NoSpecError) elsewhere(where string) string {
	r := e.Elsewhere[0]
	var kinds, pats []string
	for _, k := range r.Kinds {
		kinds = append(kinds, kindPlural[k])
		pats = append(pats, kindPaths(e.Cfg, k)...)
	}
	what := "no " + strings.Join(kinds, " or ")
	if e.Empty {
		what = "no spec files"
	}
	msg := fmt.Sprintf("%s in %s (by %s: %s), but %d %s under %s match them relative to %s: name the spec root with --dir %s",
		what, where, e.patterns(), strings.Join(pats, ", "), r.Files, plural(r.Files, "file", "files"), r.Dir, r.Dir,
		path.Join(e.Dir, r.Dir))
	if len(e.Elsewhere) > 1 {
		var dirs []string
		for _, o := range e.Elsewhere[1:] {
			dirs = append(dirs, path.Join(e.Dir, o.Dir))
		}
		msg += fmt.Sprintf(" (or %s)", strings.Join(dirs, ", "))
	}
	return msg + fmt.Sprintf("; or, if %s holds no spec, add it to ignore in %s", r.Dir, e.configFile())
}

func (e *NoSpecError) patterns() string {
	if e.Cfg.Path != "" {
		return "the path patterns of " + e.Cfg.Path
	}
	return "the default path patterns"
}

func (e *NoSpecError) configFile() string {
	return cmp.Or(e.Cfg.Path, config.FileName)
}

func kindPaths(c *config.Config, k spec.Kind) config.Globs {
	switch k {
	case spec.KindVision:
		return c.Vision.Paths
	case spec.KindRoadmap:
		return c.Roadmap.Paths
	}
	return c.Story.Paths
}

var kindPlural = map[spec.Kind]string{spec.KindVision: "vision", spec.KindRoadmap: "roadmap items", spec.KindStory: "stories"}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Open reads the configuration of the run and finds the repository
// around the spec root, without opening it yet.
func Open(o Options) (*Source, error) {
	info, err := os.Stat(o.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &NotADirError{Dir: o.Dir, Missing: true}
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, &NotADirError{Dir: o.Dir}
	}
	loc, err := gitsrc.Locate(o.Dir)
	if err != nil {
		return nil, err
	}
	cfg, err := config.Load(loc.Dir, loc.Root, o.Config, o.Known) // from the real path, as the repository was found
	if err != nil {
		return nil, err
	}
	return &Source{Dir: o.Dir, Config: cfg, Prefix: loc.Prefix, inRepo: loc.Root != "", bare: loc.Bare}, nil
}

// Close releases the repository, if it was opened.
func (s *Source) Close() error {
	if s.repo == nil {
		return nil
	}
	return s.repo.Close()
}

// Repo is the repository around the spec root, opened on first use.
func (s *Source) Repo() (*gitsrc.Repo, error) {
	if s.repo != nil {
		return s.repo, nil
	}
	if !s.inRepo {
		return nil, &NotInRepoError{Dir: s.Dir}
	}
	repo, err := gitsrc.Open(s.Dir)
	if errors.Is(err, gitsrc.ErrNotRepository) {
		return nil, &NotInRepoError{Dir: s.Dir}
	}
	if err != nil {
		return nil, err
	}
	s.repo = repo
	return repo, nil
}

// Resolve finds the commit a revision names.
func (s *Source) Resolve(rev string) (*gitsrc.Commit, error) {
	repo, err := s.Repo()
	if err != nil {
		return nil, err
	}
	return repo.Resolve(rev)
}

// WorkTree loads the spec in the work tree. No spec file is a NoSpecError.
func (s *Source) WorkTree() (*spec.Spec, error) { return s.workTree(spec.Load) }

// WorkTreeFiles lists the spec files in the work tree without reading
// them (spec.Files), for fmt. None is a NoSpecError.
func (s *Source) WorkTreeFiles() ([]*spec.File, error) {
	sp, err := s.workTree(func(fsys fs.FS, cfg *config.Config) (*spec.Spec, error) {
		return spec.Files(fsys, cfg)
	})
	if err != nil {
		return nil, err
	}
	return sp.Files, nil
}

func (s *Source) workTree(load func(fs.FS, *config.Config) (*spec.Spec, error)) (*spec.Spec, error) {
	if s.bare {
		return nil, &BareError{Dir: s.Dir}
	}
	sp, err := load(os.DirFS(s.Dir), s.Config)
	if err != nil {
		return nil, err
	}
	return s.NonEmpty(sp, "")
}

// Load loads the spec the command is about: the work tree when rev is
// "", else the tree of the commit rev names. No spec file is a
// NoSpecError.
func (s *Source) Load(rev string) (*spec.Spec, error) {
	if rev == "" {
		return s.WorkTree()
	}
	c, err := s.Resolve(rev)
	if err != nil {
		return nil, err
	}
	sp, err := s.At(c)
	if err != nil {
		return nil, err
	}
	return s.NonEmpty(sp, rev)
}

// FS is the spec root's files in the work tree when rev is "", else in
// the tree of the commit rev names: the files a spec was loaded from.
func (s *Source) FS(rev string) (fs.FS, error) {
	if rev == "" {
		return os.DirFS(s.Dir), nil
	}
	c, err := s.Resolve(rev)
	if err != nil {
		return nil, err
	}
	repo, err := s.Repo()
	if err != nil {
		return nil, err
	}
	return repo.FS(c)
}

// At loads the spec as it is in commit c; it may be empty (the spec did
// not exist yet at c).
func (s *Source) At(c *gitsrc.Commit) (*spec.Spec, error) {
	return s.at(c, spec.Load)
}

// FrontMatterAt is At without reading the markdown bodies, for what
// needs only IDs, titles, statuses and references.
func (s *Source) FrontMatterAt(c *gitsrc.Commit) (*spec.Spec, error) {
	return s.at(c, spec.LoadFrontMatter)
}

func (s *Source) at(c *gitsrc.Commit, load func(fs.FS, *config.Config) (*spec.Spec, error)) (*spec.Spec, error) {
	repo, err := s.Repo()
	if err != nil {
		return nil, err
	}
	fsys, err := repo.FS(c)
	if err != nil {
		return nil, err
	}
	sp, err := load(fsys, s.Config)
	if err != nil {
		return nil, err
	}
	// A file or directory of a commit that cannot be read is a broken
	// repository, not a finding: the spec loaded is not the one
	// committed, and no answer is given from it.
	if err := gitsrc.Broken(fsys); err != nil {
		return nil, err
	}
	return sp, nil
}

// NonEmpty is sp, or a NoSpecError when it holds no spec file; rev names
// where it was read ("" for the work tree).
func (s *Source) NonEmpty(sp *spec.Spec, rev string) (*spec.Spec, error) {
	if len(sp.Files) == 0 || len(sp.Elsewhere) > 0 {
		return nil, &NoSpecError{Dir: s.Dir, Rev: rev, Cfg: s.Config, Elsewhere: sp.Elsewhere, Empty: len(sp.Files) == 0}
	}
	return sp, nil
}
