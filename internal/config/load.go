package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/glob"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/parse"
)

// Error is a configuration mistake: the CLI exits 2 on it.
type Error struct {
	File string
	Line int // 0 when the mistake has no single line
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Find looks for FileName in dir and its ancestors, stopping at the
// repository root (the first directory holding .git) or the file system
// root. It returns "" when there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, FileName)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Known are the names a configuration may use that are defined outside
// this package, for checking it: the lint rules (rules) and the priority
// models (priority.model). A nil list is not checked.
type Known struct {
	Rules  []string
	Models []string
}

// Load finds and parses the configuration for the spec root dir.
func Load(dir string, known Known) (*Config, error) {
	p, err := Find(dir)
	if err != nil || p == "" {
		return Default(), err
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return Parse(data, relName(dir, p), known)
}

// LoadFS finds and parses the configuration for the spec root dir of fsys
// (a repository's tree at some commit, dir "/"-separated and "." or ""
// for its root), looking in dir and its ancestors up to the root.
func LoadFS(fsys fs.FS, dir string, known Known) (*Config, error) {
	dir = path.Clean("./" + dir)
	for d, up := dir, ""; ; d, up = path.Dir(d), up+"../" {
		data, err := fs.ReadFile(fsys, path.Join(d, FileName))
		if err == nil {
			return Parse(data, up+FileName, known)
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if d == "." {
			return Default(), nil
		}
	}
}

// relName names the configuration file relative to the spec root, as
// every path prodspec prints is. Find returns an absolute path, so dir
// must be made absolute too before the two can be related.
func relName(dir, p string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return p
	}
	rel, err := filepath.Rel(abs, p)
	if err != nil {
		return p
	}
	return filepath.ToSlash(rel)
}

// Parse decodes a configuration file over the defaults. Lists replace the
// default lists; the rules map adds to the defaults.
func Parse(data []byte, name string, known Known) (*Config, error) {
	c := Default()
	c.Path = name
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := parse.YAMLError(err)
		return nil, &Error{File: name, Line: line, Msg: "invalid YAML: " + msg}
	}
	if doc.Kind == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if err := checkKeys(root, reflect.TypeOf(*c), ""); err != nil {
		err.File = name
		return nil, err
	}
	if err := root.Decode(c); err != nil {
		e := decodeError(err)
		e.File = name
		return nil, e
	}
	if err := c.validate(root, known); err != nil {
		err.File = name
		return nil, err
	}
	return c, nil
}

var unmarshalErr = regexp.MustCompile("line (\\d+): cannot unmarshal !!(\\w+) (?:`([^`]*)` )?into (\\S+)")

// decodeError turns yaml.v3's first "cannot unmarshal !!str `abc` into
// int64" into a line and words a user knows, not Go types.
func decodeError(err error) *Error {
	m := unmarshalErr.FindStringSubmatch(err.Error())
	if m == nil {
		return &Error{Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	got := strconv.Quote(m[3])
	switch m[2] {
	case "seq":
		got = "a list"
	case "map":
		got = "a mapping"
	}
	want := map[string]string{"int64": "a number", "string": "a single value", "[]string": "a list",
		"map[string]string": "a mapping"}[m[4]]
	if want == "" {
		want = "a value of another kind"
	}
	return &Error{Line: line, Msg: fmt.Sprintf("%s where %s is expected", got, want)}
}

// checkKeys walks n against the struct type t and reports the first key
// that t has no field for, with its line.
func checkKeys(n *yaml.Node, t reflect.Type, where string) *Error {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return &Error{Line: n.Line, Msg: "anchors and aliases are not allowed"}
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return &Error{Line: n.Line, Msg: fmt.Sprintf("%s must be a mapping", strings.TrimSuffix(where, "."))}
	}
	fields := map[string]reflect.Type{}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		fields[tag] = f.Type
		keys = append(keys, tag)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ft, ok := fields[k.Value]
		if !ok {
			return &Error{Line: k.Line, Msg: fmt.Sprintf("unknown key %q%s", where+k.Value, names.DidYouMean(k.Value, keys))}
		}
		if err := checkKeys(n.Content[i+1], ft, where+k.Value+"."); err != nil {
			return err
		}
	}
	return nil
}

// validate checks values that decode fine but make no sense.
func (c *Config) validate(root *yaml.Node, known Known) *Error {
	line := func(path ...string) int { return lineOf(root, path) }
	if err := c.compile(); err != nil {
		return &Error{Msg: err.Error()}
	}
	if known.Models != nil && !slices.Contains(known.Models, c.Priority.Model) {
		return &Error{Line: line("priority", "model"), Msg: fmt.Sprintf("priority.model: %q is not one of %s", c.Priority.Model, strings.Join(known.Models, ", "))}
	}
	for _, name := range sortedKeys(c.Rules) {
		sev := c.Rules[name]
		if known.Rules != nil && !slices.Contains(known.Rules, name) {
			return &Error{Line: line("rules", name), Msg: fmt.Sprintf("rules: unknown rule %q%s", name, names.DidYouMean(name, known.Rules))}
		}
		if !slices.Contains(Severities, sev) {
			return &Error{Line: line("rules", name), Msg: fmt.Sprintf("rules.%s: severity %q is not one of error, warning, off", name, sev)}
		}
	}
	if !slices.Contains(c.Story.Statuses, c.Story.Accepted) {
		return &Error{Line: line("story", "accepted"), Msg: fmt.Sprintf("story.accepted: %q is not one of story.statuses", c.Story.Accepted)}
	}
	for _, set := range []struct {
		key        string
		vals, from []string
	}{
		{"story.open", c.Story.Open, c.Story.Statuses},
		{"story.draft", c.Story.Draft, c.Story.Statuses},
		{"story.in_progress", c.Story.InProgress, c.Story.Statuses},
		{"story.rejected", c.Story.Rejected, c.Story.Statuses},
		{"roadmap.started", c.Roadmap.Started, c.Roadmap.Statuses},
		{"roadmap.done", c.Roadmap.Done, c.Roadmap.Statuses},
		{"roadmap.dropped", c.Roadmap.Dropped, c.Roadmap.Statuses},
	} {
		for _, v := range set.vals {
			if !slices.Contains(set.from, v) {
				return &Error{Line: line(strings.Split(set.key, ".")...), Msg: fmt.Sprintf("%s: %q is not one of the statuses", set.key, v)}
			}
		}
	}
	for _, p := range slices.Concat(c.Vision.Paths, c.Roadmap.Paths, c.Story.Paths, c.Ignore) {
		if !glob.Valid(p) {
			return &Error{Msg: fmt.Sprintf("invalid glob %q", p)}
		}
	}
	if c.MaxFileSize <= 0 {
		return &Error{Line: line("max_file_size"), Msg: "max_file_size must be a positive number of bytes"}
	}
	return nil
}

// lineOf finds the line of the key at path in a mapping, or 0.
func lineOf(n *yaml.Node, path []string) int {
	line := 0
	for _, key := range path {
		if n == nil || n.Kind != yaml.MappingNode {
			return line
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				line, next = n.Content[i].Line, n.Content[i+1]
			}
		}
		n = next
	}
	return line
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// RepoRoot returns the nearest directory at or above dir that holds .git
// (a directory, or a file in a linked worktree), or "" when there is none.
func RepoRoot(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}
