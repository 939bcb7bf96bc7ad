package spec

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/par"
	"github.com/prodspec/prodspec/internal/parse"
)

// candidate is a file the walk found that may be a spec file.
type candidate struct {
	path    string
	kind    Kind // from its path; "" when only front matter can tell
	entry   fs.DirEntry
	symlink bool
}

// Load reads the spec in fsys. Problems with single files are recorded on
// the files; the error is for an fsys that cannot be walked at all.
// Files are read and parsed in parallel, each exactly once.
func Load(fsys fs.FS, cfg *config.Config) (*Spec, error) {
	return load(fsys, cfg, parse.Parse)
}

// LoadFrontMatter is Load without reading the markdown bodies: stories
// have no narrative or acceptance criteria. For reports that need only
// IDs, titles, statuses and references, such as release notes.
func LoadFrontMatter(fsys fs.FS, cfg *config.Config) (*Spec, error) {
	return load(fsys, cfg, parse.ParseFrontMatter)
}

func load(fsys fs.FS, cfg *config.Config, parseDoc func([]byte) *parse.Document) (*Spec, error) {
	cands, err := walk(fsys, cfg)
	if err != nil {
		return nil, err
	}
	files := make([]*File, len(cands))
	par.For(len(cands), func(i int) error {
		files[i] = loadFile(fsys, cfg, cands[i], parseDoc)
		return nil
	})
	return assemble(cfg, files), nil
}

// walk lists the candidate files in path order: the files pathKind
// accepts. It prunes the directories skipDir rejects rather than look at
// every file below them.
func walk(fsys fs.FS, cfg *config.Config) ([]candidate, error) {
	var out []candidate
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			return nil // an unreadable subdirectory is skipped, not fatal
		}
		if d.IsDir() {
			if p != "." && (skipDir(cfg, p) || nestedRepo(fsys, p)) {
				return fs.SkipDir
			}
			return nil
		}
		kind, ok := pathKind(cfg, p)
		if !ok {
			return nil
		}
		c := candidate{path: p, kind: kind, entry: d, symlink: d.Type()&fs.ModeSymlink != 0}
		if d.Type().IsRegular() || c.symlink {
			out = append(out, c)
		}
		return nil
	})
	return out, err
}

// Candidate reports whether a file at p (relative to the spec root) may
// be a spec file; see pathKind.
func Candidate(cfg *config.Config, p string) bool {
	_, ok := pathKind(cfg, p)
	return ok
}

// pathKind is the one decision on which paths are spec files, for the
// walk of a tree and for the paths a commit changed. A file at p may be
// one when no directory above it is skipped and it is not ignored itself,
// and it matches a kind's pattern or ends in .md (front matter may declare
// its kind). kind is the one its path gives, "" when only front matter
// can tell.
func pathKind(cfg *config.Config, p string) (kind Kind, ok bool) {
	if cfg.Ignore.Match(p) {
		return "", false
	}
	for d := path.Dir(p); d != "."; d = path.Dir(d) {
		if skipDir(cfg, d) {
			return "", false
		}
	}
	kind = kindOfPath(cfg, p)
	return kind, kind != "" || strings.HasSuffix(p, ".md")
}

// skipDir reports whether no file below the directory d is a spec file:
// d is hidden (.git, .github) or ignored.
func skipDir(cfg *config.Config, d string) bool {
	return strings.HasPrefix(path.Base(d), ".") || cfg.Ignore.Match(d)
}

// nestedRepo reports whether directory p is another repository's work
// tree, a submodule or a clone: not part of the spec, as it is not in the
// spec's tree at a commit (git records a submodule as a link).
func nestedRepo(fsys fs.FS, p string) bool {
	_, err := fs.Stat(fsys, path.Join(p, ".git"))
	return err == nil
}

func kindOfPath(cfg *config.Config, p string) Kind {
	switch {
	case cfg.Vision.Paths.Match(p):
		return KindVision
	case cfg.Roadmap.Paths.Match(p):
		return KindRoadmap
	case cfg.Story.Paths.Match(p):
		return KindStory
	}
	return ""
}

// loadFile reads, parses and decodes one file. It returns nil for a file
// that turns out not to be a spec file. Its size is looked up here, by
// the parallel workers, rather than in the serial walk, where a stat per
// file was half the walk's time.
func loadFile(fsys fs.FS, cfg *config.Config, c candidate, parseDoc func([]byte) *parse.Document) *File {
	f := &File{Path: c.path, Kind: c.kind}
	fail := func(format string, args ...any) *File {
		if c.kind == "" {
			return nil // not known to be a spec file: not ours to complain about
		}
		f.Problems = append(f.Problems, Problem{Rule: RuleUnreadableFile, Pos: parse.Start, Msg: fmt.Sprintf(format, args...)})
		return f
	}
	var size int64
	if c.symlink {
		target, err := fs.ReadLink(fsys, c.path)
		if err != nil {
			return fail("cannot read symlink: %v", err)
		}
		if escapes(c.path, target) {
			return fail("symlink to %q leads out of the spec root", target)
		}
		info, err := fs.Stat(fsys, c.path)
		if err != nil {
			return fail("broken symlink to %q", target)
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		size = info.Size()
	} else if info, err := c.entry.Info(); err == nil {
		size = info.Size()
	}
	if size > cfg.MaxFileSize {
		return fail("file is %d bytes, over the %d-byte limit (max_file_size)", size, cfg.MaxFileSize)
	}
	src, err := fs.ReadFile(fsys, c.path)
	if err != nil {
		return fail("cannot read file: %v", err)
	}
	return parseFile(cfg, f, src, parseDoc)
}

// ParseFrontMatter decodes the front matter of one file's content found
// at path p (relative to the spec root), as Load would, leaving the body
// (narrative, acceptance criteria) unread; nil when it is not a spec
// file. History uses it on the blobs of each commit.
func ParseFrontMatter(cfg *config.Config, p string, src []byte) *File {
	kind, ok := pathKind(cfg, p)
	if !ok {
		return nil
	}
	return parseFile(cfg, &File{Path: p, Kind: kind}, src, parse.ParseFrontMatter)
}

// parseFile parses and decodes src into f, whose Kind is the one its path
// gives ("" when only front matter can tell).
func parseFile(cfg *config.Config, f *File, src []byte, parseDoc func([]byte) *parse.Document) *File {
	if int64(len(src)) > cfg.MaxFileSize { // the file grew since the walk
		if f.Kind == "" {
			return nil
		}
		f.Problems = append(f.Problems, Problem{Rule: RuleUnreadableFile, Pos: parse.Start,
			Msg: fmt.Sprintf("file is %d bytes, over the %d-byte limit (max_file_size)", len(src), cfg.MaxFileSize)})
		return f
	}
	if f.Kind == "" && !parse.HasFrontMatter(src) {
		return nil
	}
	doc := parseDoc(src)
	if doc.FrontMatter != nil {
		if k, ok := declaredKind(doc.FrontMatter); ok {
			f.Kind = Kind(k.Value)
			if f.Kind != KindVision && f.Kind != KindRoadmap && f.Kind != KindStory {
				f.Problems = append(f.Problems, Problem{Rule: RuleInvalidValue, Pos: parse.NodePos(k),
					Msg: fmt.Sprintf("kind %q is not one of: vision, roadmap, story", k.Value)})
				return f
			}
		}
	}
	if f.Kind == "" {
		return nil
	}
	f.Problems = append(f.Problems, doc.Problems...)
	if doc.FrontMatter == nil {
		return f
	}
	d := &decoder{cfg: cfg, file: f}
	switch f.Kind {
	case KindVision:
		f.Vision = d.vision(doc.FrontMatter, doc.Body)
	case KindRoadmap:
		f.Item = d.item(doc.FrontMatter)
	case KindStory:
		f.Story = d.story(doc.FrontMatter, doc.Body)
	}
	return f
}

// declaredKind returns the value node of a top-level "kind" key.
func declaredKind(m *yaml.Node) (*yaml.Node, bool) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "kind" && m.Content[i+1].Kind == yaml.ScalarNode {
			return m.Content[i+1], true
		}
	}
	return nil, false
}

// escapes reports whether a symlink at p with the given target points
// outside the root of the file system.
func escapes(p, target string) bool {
	if path.IsAbs(target) || strings.HasPrefix(target, "/") {
		return true
	}
	t := path.Join(path.Dir(p), target)
	return t == ".." || strings.HasPrefix(t, "../")
}

// assemble builds the model from the loaded files (in path order) and
// resolves references. The first item with an ID wins the index; lint
// reports the duplicates.
func assemble(cfg *config.Config, loaded []*File) *Spec {
	s := &Spec{Config: cfg, goals: map[string]*Goal{}, items: map[string]*RoadmapItem{}, stories: map[string]*Story{}}
	for _, f := range loaded {
		if f == nil {
			continue
		}
		s.Files = append(s.Files, f)
		switch {
		case f.Vision != nil:
			if s.Vision == nil {
				s.Vision = f.Vision
			}
			for _, g := range f.Vision.Goals {
				s.Goals = append(s.Goals, g)
				addOnce(s.goals, g.ID, g)
			}
		case f.Item != nil:
			s.Items = append(s.Items, f.Item)
			addOnce(s.items, f.Item.ID, f.Item)
		case f.Story != nil:
			s.Stories = append(s.Stories, f.Story)
			addOnce(s.stories, f.Story.ID, f.Story)
		}
	}
	for _, it := range s.Items {
		for _, r := range it.Goals {
			if g := s.goals[r.ID]; g != nil {
				g.Items = append(g.Items, it)
			}
		}
	}
	for _, st := range s.Stories {
		if it := s.items[st.Roadmap.ID]; it != nil {
			st.Item = it
			it.Stories = append(it.Stories, st)
		}
	}
	return s
}

func addOnce[T any](m map[string]T, id string, v T) {
	if id == "" {
		return
	}
	if _, ok := m[id]; !ok {
		m[id] = v
	}
}
