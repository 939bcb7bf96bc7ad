package spec

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/config"
)

const story = "---\nid: S-1\ntitle: A story\nroadmap: R-1\nstatus: draft\n---\n"

// problems loads fsys and returns each file's problems as "path: msg".
func problems(t *testing.T, fsys fs.FS) []string {
	t.Helper()
	s, err := Load(fsys, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range s.Files {
		for _, p := range f.Problems {
			out = append(out, f.Path+": "+p.Msg)
		}
	}
	return out
}

// deniedFS refuses to list one directory, as a directory without read
// permission does (tests run as root here, where chmod cannot do it).
type deniedFS struct {
	fs.FS
	dir string
}

func (d deniedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if name == d.dir {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return fs.ReadDir(d.FS, name)
}

// TestFilesAsLoad: Files lists the files Load loads, in the same order,
// reading only a file whose kind only its front matter can tell (a
// README with none is not listed), and keeps each path's kind.
func TestFilesAsLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"vision.md":       {Data: []byte("---\nkind: vision\ntitle: V\n---\n")},
		"roadmap/R-1.md":  {Data: []byte("---\nid: R-1\n---\n")},
		"stories/S-1.md":  {Data: []byte(story)},
		"stories/S-2.md":  {Data: []byte("not front matter")},
		"notes/epic.md":   {Data: []byte("---\nkind: roadmap\nid: R-2\n---\n")},
		"notes/README.md": {Data: []byte("# notes\n")},
		"docs/other.md":   {Data: []byte("---\ntitle: no kind\n---\n")},
	}
	cfg := config.Default()
	s, err := Load(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, f := range s.Files {
		want = append(want, f.Path+" "+string(f.Kind))
	}
	for _, f := range files.Files {
		got = append(got, f.Path+" "+string(f.Kind))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Files:\n%s\nLoad:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLoadElsewhere: a spec root that holds no file of a kind, with a
// folder below it that holds files of that kind at that kind's paths
// relative to it, names the folder (Elsewhere), for Load and Files alike;
// one that holds files of every kind names none.
func TestLoadElsewhere(t *testing.T) {
	md := []byte("---\nid: X\n---\n")
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want string
	}{
		{"spec one folder down", fstest.MapFS{
			"README.md":                    {Data: []byte("# repo\n")},
			"product/vision.md":            {Data: []byte("---\nkind: vision\n---\n")},
			"product/roadmap/R-1.md":       {Data: md},
			"product/stories/S-1.md":       {Data: md},
			"product/stories/done/S-2.md":  {Data: md},
			"docs/stories/how-we-write.md": {Data: []byte("prose\n")},
		}, "product 3 [roadmap story]; docs 1 [story]"},
		{"two products", fstest.MapFS{
			"apps/a/stories/S-1.md": {Data: md},
			"apps/b/stories/S-1.md": {Data: md},
			"apps/b/stories/S-2.md": {Data: md},
		}, "apps/b 2 [story]; apps/a 1 [story]"},
		{"a vision alone is not a spec root", fstest.MapFS{
			"vision.md":          {Data: []byte("---\ntitle: V\n---\n")},
			"old/stories/S-1.md": {Data: md},
			"old/roadmap/R-1.md": {Data: md},
		}, "old 2 [roadmap story]"},
		{"every kind at the root", fstest.MapFS{
			"vision.md":              {Data: []byte("---\ntitle: V\n---\n")},
			"roadmap/R-1.md":         {Data: md},
			"stories/S-1.md":         {Data: md},
			"archive/stories/S-0.md": {Data: md},
		}, ""},
		{"ignored folders are not offered", fstest.MapFS{
			"vision.md":              {Data: []byte("---\ntitle: V\n---\n")},
			".github/stories/S-1.md": {Data: md},
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := config.Default()
			s, err := Load(tc.fsys, cfg)
			if err != nil {
				t.Fatal(err)
			}
			files, err := Files(tc.fsys, cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, got := range []string{subroots(s.Elsewhere), subroots(files.Elsewhere)} {
				if got != tc.want {
					t.Errorf("Elsewhere = %q, want %q", got, tc.want)
				}
			}
		})
	}
}

func subroots(rs []Subroot) string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s %d %v", r.Dir, r.Files, r.Kinds))
	}
	return strings.Join(out, "; ")
}

// TestLoadUnreadableDirectory: a directory that cannot be listed is a
// finding on it, not silently left out, and the other files are read.
func TestLoadUnreadableDirectory(t *testing.T) {
	fsys := deniedFS{FS: fstest.MapFS{
		"stories/S-1.md":        {Data: []byte(story)},
		"stories/locked/S-2.md": {Data: []byte(story)},
	}, dir: "stories/locked"}
	got := strings.Join(problems(t, fsys), "\n")
	if want := "stories/locked: cannot read directory: permission denied"; got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// TestLoadUnreadableDirectoryOnDisk is the same with a real directory
// mode, which only a user other than root is refused.
func TestLoadUnreadableDirectoryOnDisk(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads a directory whatever its mode; TestLoadUnreadableDirectory fakes the refusal")
	}
	dir := t.TempDir()
	locked := filepath.Join(dir, "stories", "locked")
	if err := os.MkdirAll(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	got := strings.Join(problems(t, os.DirFS(dir)), "\n")
	if want := "stories/locked: cannot read directory: permission denied"; got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// TestLoadSymlinks: links are followed link by link within the file
// system; a chain that leaves it, or loops, is a finding naming where it
// leads; a symlinked directory that leads out is one too.
func TestLoadSymlinks(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
	}
	fsys := fstest.MapFS{
		"shared/S-1.md":   {Data: []byte(story)},
		"in.lnk":          link("shared"),
		"stories/S-1.md":  link("../in.lnk/S-1.md"), // through a linked directory, inside
		"hop.lnk":         link("/outside/secret.md"),
		"stories/S-17.md": link("../hop.lnk"),
		"stories/S-2.md":  link("S-3.md"),
		"stories/S-3.md":  link("./S-2.md"),
		"stories/ext":     link("../../elsewhere"),
		"docs/ext":        link("/elsewhere"), // no spec file could be below docs/ext
	}
	got := strings.Join(problems(t, fsys), "\n")
	want := strings.Join([]string{
		`stories/S-17.md: symlink to "../hop.lnk" leads out of the spec root: "hop.lnk" links to "/outside/secret.md"`,
		`stories/S-2.md: symlink to "S-3.md" loops: more than 40 symlinks to follow`,
		`stories/S-3.md: symlink to "./S-2.md" loops: more than 40 symlinks to follow`,
		`stories/ext: symlink to "../../elsewhere" leads out of the spec root`,
	}, "\n")
	if got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

func TestPrefixMatch(t *testing.T) {
	for _, tc := range []struct {
		pat, dir string
		want     bool
	}{
		{"stories/**/*.md", "stories", true},
		{"stories/**/*.md", "stories/a/b", true},
		{"stories/**/*.md", "docs", false},
		{"vision.md", "vision.md", false},
		{"backlog/{tasks,drafts}/*.md", "backlog", true},
		{"backlog/{tasks,drafts}/*.md", "backlog/tasks", true},
		{"backlog/{tasks,drafts}/*.md", "backlog/other", false},
		{"backlog/{tasks,drafts}/*.md", "backlog/tasks/x", false},
		{"**/*.md", "anything/at/all", true},
	} {
		if got := prefixMatch(strings.Split(tc.pat, "/"), strings.Split(tc.dir, "/")); got != tc.want {
			t.Errorf("prefixMatch(%q, %q) = %v, want %v", tc.pat, tc.dir, got, tc.want)
		}
	}
}
