package config

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

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

// Errors are every mistake in a configuration file, in line order, so
// that one run names them all rather than one per fix. errors.As finds
// each *Error in it.
type Errors []*Error

func (es Errors) Error() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	lines := []string{fmt.Sprintf("%d configuration errors in %s:", len(es), es[0].File)}
	for _, e := range es {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// inFile names the file in each error and orders them by line, stably.
func inFile(errs []*Error, name string) Errors {
	for _, e := range errs {
		e.File = name
	}
	slices.SortStableFunc(errs, func(a, b *Error) int { return a.Line - b.Line })
	return Errors(errs)
}

// Find looks for FileName in dir and its ancestors up to top, the
// repository root ("" outside a repository: up to the file system root).
// It returns "" when there is none.
func Find(dir, top string) (string, error) {
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
		parent := filepath.Dir(dir)
		if dir == top || parent == dir {
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

// Load reads the one configuration of a run for the spec root dir: file
// when it is not "" (--config), else the FileName that Find finds from dir
// up to top, else the defaults. known are the names it may use.
func Load(dir, top, file string, known Known) (*Config, error) {
	p := file
	if p == "" {
		var err error
		if p, err = Find(dir, top); err != nil || p == "" {
			return Default(), err
		}
	}
	name := relName(dir, p)
	// The type is checked before the file is opened: opening a FIFO would
	// wait for a writer forever, and a device may never end.
	info, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) && file != "" {
		return nil, &Error{File: file, Msg: "configuration file does not exist"}
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &Error{File: name, Msg: fmt.Sprintf("configuration file is %s, not a regular file", parse.FileType(info.Mode()))}
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	return Parse(data, name, known)
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
	if errs := check(root, reflect.TypeOf(*c), ""); len(errs) > 0 {
		return nil, inFile(errs, name)
	}
	if err := root.Decode(c); err != nil { // check let through nothing Decode rejects
		return nil, &Error{File: name, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if errs := c.validate(root, known); len(errs) > 0 {
		return nil, inFile(errs, name)
	}
	return c, nil
}

// check walks n against the type t it decodes into and reports every
// mistake, with its line: an anchor or alias, a key that t has no field
// for, a duplicate key, or a value of the wrong kind. What it lets
// through decodes into t.
func check(n *yaml.Node, t reflect.Type, where string) []*Error {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return []*Error{{Line: n.Line, Msg: "anchors and aliases are not allowed; write the value out"}}
	}
	null := n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" // decodes as no value into all but a struct
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return []*Error{{Line: n.Line, Msg: fmt.Sprintf("%s must be a mapping", strings.TrimSuffix(where, "."))}}
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
		var errs []*Error
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			ft, ok := fields[k.Value]
			if !ok {
				errs = append(errs, &Error{Line: k.Line, Msg: unknownKey(where, k.Value, keys)})
				continue
			}
			errs = append(errs, check(n.Content[i+1], ft, where+k.Value+".")...)
		}
		return append(errs, duplicateKeys(n)...)
	case reflect.Slice:
		if null {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return []*Error{mistyped(n, t)}
		}
		var errs []*Error
		for _, item := range n.Content {
			errs = append(errs, check(item, t.Elem(), where)...)
		}
		return errs
	case reflect.Map:
		if null {
			return nil
		}
		if n.Kind != yaml.MappingNode {
			return []*Error{mistyped(n, t)}
		}
		var errs []*Error
		for i := 0; i+1 < len(n.Content); i += 2 {
			errs = append(errs, check(n.Content[i], t.Key(), where)...)
			errs = append(errs, check(n.Content[i+1], t.Elem(), where)...)
		}
		return append(errs, duplicateKeys(n)...)
	default: // a single value: a string or a number
		if n.Kind != yaml.ScalarNode || n.Decode(reflect.New(t).Interface()) != nil {
			return []*Error{mistyped(n, t)}
		}
		return nil
	}
}

// unknownKey says a key is not known, and what to write instead: the
// closest key, or when none is close, the keys there are.
func unknownKey(where, key string, keys []string) string {
	if hint := names.DidYouMean(key, keys); hint != "" {
		return fmt.Sprintf("unknown key %q%s", where+key, hint)
	}
	return fmt.Sprintf("unknown key %q: the keys here are %s", where+key, strings.Join(keys, ", "))
}

// mistyped says that n is not of the kind t needs, in words a user knows
// rather than Go types.
func mistyped(n *yaml.Node, t reflect.Type) *Error {
	got := strconv.Quote(n.Value)
	switch n.Kind {
	case yaml.SequenceNode:
		got = "a list"
	case yaml.MappingNode:
		got = "a mapping"
	}
	want := "a value of another kind"
	switch t.Kind() {
	case reflect.Int64:
		want = "a number"
	case reflect.String:
		want = "a single value"
	case reflect.Slice:
		want = "a list"
	case reflect.Map:
		want = "a mapping"
	}
	return &Error{Line: n.Line, Msg: fmt.Sprintf("%s where %s is expected", got, want)}
}

// duplicateKeys reports each repetition of a key in the mapping n.
func duplicateKeys(n *yaml.Node) []*Error {
	var errs []*Error
	first := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if line, ok := first[k.Value]; ok {
			errs = append(errs, &Error{Line: k.Line, Msg: fmt.Sprintf("duplicate key %q (first at line %d)", k.Value, line)})
			continue
		}
		first[k.Value] = k.Line
	}
	return errs
}

// validate checks values that decode fine but make no sense, and
// reports each.
func (c *Config) validate(root *yaml.Node, known Known) []*Error {
	line := func(path ...string) int { return lineOf(root, path) }
	var errs []*Error
	if err := c.compile(); err != nil {
		errs = append(errs, &Error{Msg: err.Error()})
	}
	if known.Models != nil && !slices.Contains(known.Models, c.Priority.Model) {
		errs = append(errs, &Error{Line: line("priority", "model"), Msg: fmt.Sprintf("priority.model: %q is not one of %s%s", c.Priority.Model, strings.Join(known.Models, ", "), names.DidYouMean(c.Priority.Model, known.Models))})
	}
	for _, name := range sortedKeys(c.Rules) {
		sev := c.Rules[name]
		if known.Rules != nil && !slices.Contains(known.Rules, name) {
			errs = append(errs, &Error{Line: line("rules", name), Msg: fmt.Sprintf("rules: unknown rule %q%s", name, names.DidYouMean(name, known.Rules))})
		}
		if !slices.Contains(Severities, sev) {
			errs = append(errs, &Error{Line: line("rules", name), Msg: fmt.Sprintf("rules.%s: severity %q is not one of error, warning, off", name, sev)})
		}
	}
	for _, k := range c.Fields.Optional {
		if !slices.Contains(Optionals, k) {
			errs = append(errs, &Error{Line: line("fields", "optional"), Msg: fmt.Sprintf("fields.optional: %q cannot be optional: only %s", k, strings.Join(Optionals, " (stories) and ")+" (roadmap items)")})
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c.Fields.Values)) {
		if !slices.Contains(Vocabularies, k) {
			errs = append(errs, &Error{Line: line("fields", "values", k), Msg: fmt.Sprintf("fields.values: %q has no vocabulary to map onto: want %s%s", k, strings.Join(Vocabularies, ", "), names.DidYouMean(k, Vocabularies))})
		}
	}
	if !slices.Contains(c.Story.Statuses, c.Story.Accepted) {
		errs = append(errs, &Error{Line: line("story", "accepted"), Msg: fmt.Sprintf("story.accepted: %q is not one of story.statuses (%s)%s", c.Story.Accepted, strings.Join(c.Story.Statuses, ", "), names.DidYouMean(c.Story.Accepted, c.Story.Statuses))})
	}
	for _, set := range []struct {
		key, fromKey string
		vals, from   []string
	}{
		{"story.open", "story.statuses", c.Story.Open, c.Story.Statuses},
		{"story.draft", "story.statuses", c.Story.Draft, c.Story.Statuses},
		{"story.in_progress", "story.statuses", c.Story.InProgress, c.Story.Statuses},
		{"story.rejected", "story.statuses", c.Story.Rejected, c.Story.Statuses},
		{"roadmap.started", "roadmap.statuses", c.Roadmap.Started, c.Roadmap.Statuses},
		{"roadmap.done", "roadmap.statuses", c.Roadmap.Done, c.Roadmap.Statuses},
		{"roadmap.dropped", "roadmap.statuses", c.Roadmap.Dropped, c.Roadmap.Statuses},
	} {
		for _, v := range set.vals {
			if !slices.Contains(set.from, v) {
				errs = append(errs, &Error{Line: line(strings.Split(set.key, ".")...), Msg: fmt.Sprintf("%s: %q is not one of the statuses (%s: %s)%s",
					set.key, v, set.fromKey, strings.Join(set.from, ", "), names.DidYouMean(v, set.from))})
			}
		}
	}
	if p := slices.Concat(c.Vision.Paths, c.Roadmap.Paths, c.Story.Paths, c.Ignore).invalid(); p != "" {
		errs = append(errs, &Error{Msg: fmt.Sprintf("invalid glob %q", p)})
	}
	if c.MaxFileSize <= 0 {
		errs = append(errs, &Error{Line: line("max_file_size"), Msg: "max_file_size must be a positive number of bytes"})
	}
	return append(errs, c.Forecast.validate(line)...)
}

// validate checks the forecast settings; line finds a key's line.
func (f ForecastConfig) validate(line func(...string) int) []*Error {
	var errs []*Error
	for _, n := range []struct {
		key    string
		v, max int
	}{{"weeks", f.Weeks, 520}, {"trials", f.Trials, 1_000_000}, {"min_accepted", f.MinAccepted, 1 << 30}} {
		if n.v < 1 || n.v > n.max {
			errs = append(errs, &Error{Line: line("forecast", n.key), Msg: fmt.Sprintf("forecast.%s must be from 1 to %d", n.key, n.max)})
		}
	}
	if !slices.Contains(Periods, f.Per) {
		errs = append(errs, &Error{Line: line("forecast", "per"), Msg: fmt.Sprintf("forecast.per: %q is not one of %s%s", f.Per, strings.Join(Periods, ", "), names.DidYouMean(f.Per, Periods))})
	}
	return errs
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
