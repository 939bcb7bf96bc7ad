package spec

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
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
	// dirLink is a symlink whose name no kind's pattern matches, in a
	// place where a directory of spec files could be: it is reported
	// when it leads out of the spec root, as the walk does not follow it.
	dirLink bool
	// err is why the directory at path could not be listed.
	err error
}

// Files lists the spec files in fsys as Load finds them, in path order,
// reading only those whose kind their front matter alone can tell: for
// fmt, which reads and parses each file itself. A file's Kind is its
// path's; its front matter may declare another (DeclaredKind). The Spec
// holds only the Files and Elsewhere.
func Files(fsys fs.FS, cfg *config.Config) (*Spec, error) {
	cands, err := walk(fsys, cfg)
	if err != nil {
		return nil, err
	}
	files := make([]*File, len(cands))
	par.For(len(cands), func(i int) error {
		if c := cands[i]; c.kind != "" && !c.symlink && c.err == nil {
			files[i] = &File{Path: c.path, Kind: c.kind}
		} else {
			files[i] = loadFile(fsys, cfg, c, parse.ParseFrontMatter)
		}
		return nil
	})
	sp := &Spec{Config: cfg, Elsewhere: elsewhere(cfg, cands, files)}
	sp.Files = slices.DeleteFunc(files, func(f *File) bool { return f == nil }) // in place: after elsewhere
	return sp, nil
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
	sp := assemble(cfg, files)
	sp.Elsewhere = elsewhere(cfg, cands, files)
	return sp, nil
}

// elsewhere finds the folders that look like the spec root (Spec's
// Elsewhere), from the walk's candidates and what each turned out to be.
// A markdown file that is not a spec file is looked at under each folder
// above it, nearest the root first: a spec in product/ read from the
// repository's top is found at product/ by its stories, not at
// product/stories/ by its story files' names.
func elsewhere(cfg *config.Config, cands []candidate, files []*File) []Subroot {
	have := map[Kind]bool{}
	for _, f := range files {
		if f != nil {
			have[f.Kind] = true
		}
	}
	if have[KindVision] && have[KindRoadmap] && have[KindStory] {
		return nil
	}
	found := map[string]*Subroot{}
	for i, c := range cands {
		if c.kind != "" || files[i] != nil || c.err != nil {
			continue
		}
		for j := strings.IndexByte(c.path, '/'); j >= 0; j = next(c.path, j) {
			if k, _ := pathKind(cfg, c.path[j+1:]); k != "" && !have[k] {
				r := found[c.path[:j]]
				if r == nil {
					r = &Subroot{Dir: c.path[:j]}
					found[r.Dir] = r
				}
				r.Files++
				if !slices.Contains(r.Kinds, k) {
					r.Kinds = append(r.Kinds, k)
				}
				break
			}
		}
	}
	out := make([]Subroot, 0, len(found))
	for _, r := range found {
		slices.SortFunc(r.Kinds, func(a, b Kind) int { return kindRank(a) - kindRank(b) })
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b Subroot) int {
		return cmp.Or(b.Files-a.Files, strings.Compare(a.Dir, b.Dir))
	})
	return out
}

// next is the index of the "/" after the one at j in p, or -1.
func next(p string, j int) int {
	k := strings.IndexByte(p[j+1:], '/')
	if k < 0 {
		return -1
	}
	return j + 1 + k
}

func kindRank(k Kind) int { return slices.Index([]Kind{KindVision, KindRoadmap, KindStory}, k) }

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
			// An unreadable subdirectory is a finding on it, not fatal:
			// the spec files it may hold are missing from every answer.
			out = append(out, candidate{path: p, err: err})
			return nil
		}
		if d.IsDir() {
			if p != "." && (skipDir(cfg, p) || nestedRepo(fsys, p)) {
				return fs.SkipDir
			}
			return nil
		}
		symlink := d.Type()&fs.ModeSymlink != 0
		kind, ok := pathKind(cfg, p)
		if !ok {
			if symlink && mayHoldKind(cfg, p) {
				out = append(out, candidate{path: p, entry: d, symlink: true, dirLink: true})
			}
			return nil
		}
		// Every type is a candidate: loadFile reports a FIFO, socket or
		// device where a spec file should be, without opening it.
		out = append(out, candidate{path: p, kind: kind, entry: d, symlink: symlink})
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

// PathKind is pathKind: the kind a file at p is by its path ("" when
// only front matter can tell), and whether it may be a spec file at all.
func PathKind(cfg *config.Config, p string) (Kind, bool) { return pathKind(cfg, p) }

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
		if c.kind == "" && !c.dirLink {
			return nil // not known to be a spec file: not ours to complain about
		}
		f.Problems = append(f.Problems, Problem{Rule: RuleUnreadableFile, Pos: parse.Start, Msg: fmt.Sprintf(format, args...)})
		return f
	}
	if c.err != nil {
		f.Problems = append(f.Problems, Problem{Rule: RuleUnreadableFile, Pos: parse.Start, Msg: fmt.Sprintf("cannot read directory: %v", pathErr(c.err))})
		return f
	}
	name := c.path
	var size int64
	if c.symlink {
		target, err := fs.ReadLink(fsys, c.path)
		if err != nil {
			return fail("cannot read symlink: %v", pathErr(err))
		}
		real, info, err := resolve(fsys, c.path)
		var out *escapeError
		switch {
		case errors.As(err, &out) && out.link == c.path:
			return fail("symlink to %q leads out of the spec root", target)
		case errors.As(err, &out):
			return fail("symlink to %q leads out of the spec root: %q links to %q", target, out.link, out.target)
		case errors.Is(err, errLoop):
			return fail("symlink to %q %v", target, errLoop)
		case c.dirLink:
			return nil // inside the root: its files are read where they are
		case errors.Is(err, fs.ErrNotExist):
			return fail("broken symlink to %q", target)
		case err != nil:
			return fail("cannot read symlink: %v", pathErr(err))
		case info.IsDir():
			return nil
		case !info.Mode().IsRegular():
			return fail("symlink to %q leads to %s, not a regular file", target, parse.FileType(info.Mode()))
		}
		name = real
		size = info.Size()
	} else if !c.entry.Type().IsRegular() {
		// Checked before anything opens it: reading a FIFO would wait
		// for a writer forever.
		return fail("file is %s, not a regular file", parse.FileType(c.entry.Type()))
	} else if info, err := c.entry.Info(); err == nil {
		size = info.Size()
	}
	if size > cfg.MaxFileSize {
		return fail("file is %d bytes, over the %d-byte limit (max_file_size)", size, cfg.MaxFileSize)
	}
	src, err := fs.ReadFile(fsys, name)
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

// DeclaredKind is the kind the front matter root m says it is (its
// top-level "kind" key, valid or not), or pathKind: what a file is, for
// fmt as for Load.
func DeclaredKind(m *yaml.Node, pathKind Kind) Kind {
	if k, ok := declaredKind(m); ok {
		return Kind(k.Value)
	}
	return pathKind
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

// maxHops bounds the symlinks followed to resolve one path, as the
// kernel's ELOOP does (Linux allows 40).
const maxHops = 40

var errLoop = fmt.Errorf("loops: more than %d symlinks to follow", maxHops)

// escapeError is a symlink in a chain whose target is outside the root.
type escapeError struct{ link, target string }

func (e *escapeError) Error() string {
	return fmt.Sprintf("%s: symlink to %q leads out of the root", e.link, e.target)
}

// resolve follows every symlink in p, link by link and within fsys, to
// the path it names and that path's (not followed) info. It fails with an
// *escapeError for the first link whose target is outside the root, with
// errLoop after maxHops links, or with the error of a missing name. Each
// fs.FS is asked only about names inside it, so a link out of the root is
// caught whether or not the fs.FS would follow it (os.DirFS would).
func resolve(fsys fs.FS, p string) (string, fs.FileInfo, error) {
	done := path.Dir(p) // the walk listed p there, so no link above it
	rest := []string{path.Base(p)}
	if done == "." {
		done = ""
	}
	for hops := 0; ; {
		if len(rest) == 0 {
			if done == "" {
				done = "."
			}
			info, err := fs.Lstat(fsys, done)
			return done, info, err
		}
		next := path.Join(done, rest[0])
		rest = rest[1:]
		info, err := fs.Lstat(fsys, next)
		if err != nil {
			return next, nil, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			if len(rest) > 0 && !info.IsDir() {
				return next, nil, &fs.PathError{Op: "lstat", Path: next, Err: fs.ErrNotExist}
			}
			done = next
			continue
		}
		if hops++; hops > maxHops {
			return next, nil, errLoop
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return next, nil, err
		}
		t := path.Join(path.Dir(next), target) // lexical "..": done holds no link
		if path.IsAbs(target) || t == ".." || strings.HasPrefix(t, "../") {
			return next, nil, &escapeError{link: next, target: target}
		}
		done = ""
		if t != "." {
			rest = append(strings.Split(t, "/"), rest...)
		}
	}
}

// mayHoldKind reports whether a file below directory d could have a kind
// by its path: some kind's pattern matches a path that starts with d.
func mayHoldKind(cfg *config.Config, d string) bool {
	if skipDir(cfg, d) {
		return false
	}
	for _, g := range [][]string{cfg.Vision.Paths, cfg.Roadmap.Paths, cfg.Story.Paths} {
		for _, pat := range g {
			if prefixMatch(strings.Split(pat, "/"), strings.Split(d, "/")) {
				return true
			}
		}
	}
	return false
}

// prefixMatch reports whether the pattern's segments pat match dirs and
// then at least one more segment. A brace with a slash inside it cannot
// be split into segments: it may match.
func prefixMatch(pat, dirs []string) bool {
	switch {
	case len(dirs) == 0:
		return len(pat) > 0
	case len(pat) == 0:
		return false
	case pat[0] == "**":
		return prefixMatch(pat[1:], dirs) || prefixMatch(pat, dirs[1:])
	case strings.Count(pat[0], "{") != strings.Count(pat[0], "}"):
		return true
	}
	ok, err := doublestar.Match(pat[0], dirs[0])
	return err == nil && ok && prefixMatch(pat[1:], dirs[1:])
}

// pathErr is err without the path an *fs.PathError repeats: findings
// name their file already.
func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
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
