package spec_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
	"github.com/prodspec/prodspec/internal/testcorpus"
)

// FuzzParse checks a whole file, parsed alone and loaded as a story and
// linted: nothing panics or hangs, and every position reported (and every
// front-matter node a finding could point at) is inside the file.
//
//	go test -run '^$' -fuzz FuzzParse -fuzztime 3m ./internal/spec
func FuzzParse(f *testing.F) {
	for _, s := range testcorpus.Seeds() {
		f.Add(s.Data)
	}
	// Files in the middle of a merge conflict: in the front matter, across
	// the closing fence, in the acceptance criteria.
	for _, s := range []string{
		"---\nid: S-1\n<<<<<<< HEAD\nstatus: ready\n||||||| base\nstatus: draft\n=======\nstatus: done\n>>>>>>> feature\n---\n",
		"---\nid: S-1\n<<<<<<< HEAD\nstatus: ready\n---\nOurs.\n=======\nstatus: done\n---\nTheirs.\n>>>>>>> b\n",
		"---\nid: S-1\ntitle: T\nroadmap: R-1\nstatus: accepted\n---\n## Acceptance criteria\n<<<<<<< HEAD\n- [x] a\n=======\n- [ ] a\n>>>>>>> b\n",
	} {
		f.Add([]byte(s))
	}
	// Bodies in the shapes that make goldmark slow (issue 14), on both
	// sides of parse.MaxNesting: nesting on one line and by indentation,
	// runs of delimiters, many task items.
	deep := parse.MaxNesting + 1
	var stairs strings.Builder
	for i := range deep {
		stairs.WriteString(strings.Repeat("  ", i) + "- [ ] x\n")
	}
	for _, body := range []string{
		strings.Repeat("- ", deep) + "x\n", strings.Repeat("> ", deep) + "x\n", strings.Repeat(">", deep) + "x\n",
		strings.Repeat("1. ", deep) + "x\n", strings.Repeat("> * ", deep/2) + "x\n", stairs.String(),
		strings.Repeat("- ", parse.MaxNesting) + "x\n", strings.Repeat("[a](b", 200), strings.Repeat("*_`[<", 200),
		"## Acceptance criteria\n\n" + strings.Repeat("- [ ] x\n  - [x] y\n", 50),
	} {
		f.Add([]byte("---\nid: S-1\ntitle: T\nroadmap: R-1\nstatus: accepted\n---\n" + body))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		testcorpus.Within(t, 10*time.Second, func() { checkFile(t, src) })
	})
}

// TestYAMLSuite loads every YAML test suite case as a story's front matter:
// each ends as a model or as findings, at positions inside the file.
func TestYAMLSuite(t *testing.T) {
	for _, c := range testcorpus.YAMLSuite() {
		t.Run(c.Name, func(t *testing.T) {
			testcorpus.Within(t, 10*time.Second, func() { checkFile(t, c.Data) })
		})
	}
}

func checkFile(t *testing.T, src []byte) {
	doc := parse.Parse(src)
	for _, p := range doc.Problems {
		checkPos(t, src, "parse: "+p.Msg, p.Pos)
	}
	if fm := doc.FrontMatter; fm != nil {
		if fm.Kind != yaml.MappingNode {
			t.Errorf("front matter is a %s, not a mapping", parse.KindName(fm))
		}
		checkNodes(t, src, fm)
	}
	checkLoad(t, src)
}

// checkLoad loads src as stories/S-1.md and lints it.
func checkLoad(t *testing.T, src []byte) {
	const path = "stories/S-1.md"
	s, err := spec.Load(fstest.MapFS{path: {Data: src}}, config.Default())
	if err != nil {
		t.Errorf("Load: %v", err)
		return
	}
	if len(s.Files) != 1 {
		t.Errorf("Load: %d files, want 1", len(s.Files))
		return
	}
	f := s.Files[0]
	if f.Story == nil && f.Vision == nil && f.Item == nil && len(f.Problems) == 0 {
		t.Errorf("Load: neither a model nor a finding")
	}
	for _, p := range f.Problems {
		checkPos(t, src, "load: "+p.Msg, p.Pos)
	}
	for _, d := range lint.Run(s, lint.Options{}).Diagnostics {
		if d.File != path {
			t.Errorf("lint: finding in %q: %s", d.File, d.Message)
		}
		checkPos(t, src, "lint: "+d.Message, spec.Pos{Line: d.Line, Col: d.Column})
	}
}

// checkNodes checks that every node is inside the file and, to catch a
// position on the wrong line or column, that a plain scalar's text (or its
// tag or anchor) is where the node says.
func checkNodes(t *testing.T, src []byte, n *yaml.Node) {
	p := parse.NodePos(n)
	words := strings.Fields(n.Value)
	if err := testcorpus.CheckPos(src, p.Line, p.Col); err != nil {
		t.Errorf("node %q: %v", n.Value, err)
	} else if at := textAt(src, p); n.Kind == yaml.ScalarNode && n.Style == 0 && len(words) > 0 &&
		!strings.HasPrefix(at, words[0]) && !strings.HasPrefix(at, "!") && !strings.HasPrefix(at, "&") { // a tag or anchor first
		t.Errorf("node %q at %v, where the file has %.20q", n.Value, p, at)
	}
	for _, c := range n.Content {
		checkNodes(t, src, c)
	}
}

// textAt is the rest of the line at p, a position inside src.
func textAt(src []byte, p spec.Pos) string {
	line := strings.Split(string(src), "\n")[p.Line-1]
	for range p.Col - 1 {
		_, n := utf8.DecodeRuneInString(line)
		line = line[n:]
	}
	return line
}

func checkPos(t *testing.T, src []byte, what string, p spec.Pos) {
	if err := testcorpus.CheckPos(src, p.Line, p.Col); err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

// FuzzDeclaredID holds DeclaredID to ParseFrontMatter: whenever it tells
// an ID and ParseFrontMatter reads the file without problems, the story
// or roadmap item has that ID.
//
//	go test -run '^$' -fuzz FuzzDeclaredID -fuzztime 1m ./internal/spec
func FuzzDeclaredID(f *testing.F) {
	for _, s := range testcorpus.Seeds() {
		f.Add(s.Data, false)
	}
	f.Add([]byte("---\nid: S-1\ntitle: T\nroadmap: R-1\nstatus: ready\n---\nbody\n"), false)
	f.Add([]byte("---\r\nid: R-2\r\ntitle: T\r\n---\r\n"), true)
	f.Add([]byte("---\nid: S-1 # c\n---\n"), false)
	f.Add([]byte("---\nid:    S-1.2  \nid2: x\n---\n"), false)
	cfg := config.Default()
	f.Fuzz(func(t *testing.T, src []byte, roadmap bool) {
		p := "stories/S-1.md"
		if roadmap {
			p = "roadmap/R-1.md"
		}
		id, ok := spec.DeclaredID(cfg, p, src)
		if !ok {
			return
		}
		file := spec.ParseFrontMatter(cfg, p, src)
		if file == nil || len(file.Problems) > 0 {
			return
		}
		var want string
		switch {
		case file.Story != nil:
			want = file.Story.ID
		case file.Item != nil:
			want = file.Item.ID
		}
		if id != want {
			t.Fatalf("DeclaredID %q, ParseFrontMatter %q (%s) on\n%s", id, want, file.Kind, src)
		}
	})
}
