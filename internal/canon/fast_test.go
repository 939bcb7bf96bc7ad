package canon

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prodspec/prodspec/internal/benchcorpus"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
	"github.com/prodspec/prodspec/internal/testcorpus"
)

var allKinds = []spec.Kind{spec.KindStory, spec.KindRoadmap, spec.KindVision}

// configs are the configurations the fast path is checked under: the
// default, and one whose files name known keys otherwise (Backlog.md's).
func configs() []*config.Config {
	aliased := config.Default()
	aliased.Fields.Aliases = map[string]string{"depends_on": "dependencies", "owner": "assignee", "moscow": "priority"}
	return []*config.Config{config.Default(), aliased}
}

// FuzzFastCanonical checks the fast path against format, yaml.v3's way:
// whenever isCanonical says a file is formatted, format returns it byte
// for byte, and no error. Each input is checked, and so is its formatted
// form: mutations seldom make a formatted file, and formatting one
// makes one of the shapes the fast path is for.
//
//	go test -run '^$' -fuzz FuzzFastCanonical -fuzztime 3m ./internal/canon
func FuzzFastCanonical(f *testing.F) {
	for _, s := range fastSeeds(f) {
		f.Add(s)
	}
	cfgs := configs()
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 8192 {
			return
		}
		testcorpus.Within(t, 10*time.Second, func() {
			for _, cfg := range cfgs {
				for _, kind := range allKinds {
					checkFast(t, src, kind, cfg)
					if out, err := format(src, kind, cfg); err == nil && !bytes.Equal(out, src) {
						checkFast(t, out, kind, cfg)
					}
				}
			}
		})
	})
}

// checkFast fails t if the fast path says src is formatted and format
// does not return it as it is.
func checkFast(t *testing.T, src []byte, kind spec.Kind, cfg *config.Config) {
	if !isCanonical(src, kind, cfg) {
		return
	}
	if out, err := format(src, kind, cfg); err != nil || !bytes.Equal(out, src) {
		t.Errorf("%s, aliases %v: fast path says formatted:\n%s\nformat: %v\n%s", kind, cfg.Fields.Aliases, src, err, out)
	}
}

// fastSeeds are FuzzFormat's inputs, the test corpora, small generated
// specs and odd cases, each also formatted: the fast path's own ground.
func fastSeeds(tb testing.TB) [][]byte {
	var seeds [][]byte
	for _, s := range append(fastCases, oddCases...) {
		seeds = append(seeds, []byte(s))
	}
	for _, f := range testcorpus.Seeds() {
		seeds = append(seeds, f.Data)
	}
	for _, style := range benchcorpus.Styles {
		for _, f := range benchcorpus.FS(30, style) {
			seeds = append(seeds, f.Data)
		}
	}
	seeds = append(seeds, fuzzCorpus(tb, "FuzzFormat")...)
	n := len(seeds)
	for _, s := range seeds[:n] {
		for _, kind := range allKinds {
			if out, err := format(s, kind, config.Default()); err == nil && !bytes.Equal(out, s) {
				seeds = append(seeds, out)
			}
		}
	}
	return seeds
}

// fuzzCorpus reads the inputs of a fuzz target's corpus in testdata.
func fuzzCorpus(tb testing.TB, target string) [][]byte {
	paths, _ := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
	var out [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		_, lit, ok := strings.Cut(string(data), "[]byte(")
		if !ok {
			continue
		}
		if s, err := strconv.Unquote(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(lit), ")"))); err == nil {
			out = append(out, []byte(s))
		}
	}
	return out
}

// fastCases are formatted files in shapes the fast path must take.
var fastCases = []string{
	"---\n# S-1: a\nid: S-1\ntitle: T\nstatus: ready # since\nlabels: [a, 'b', \"c\"]\n# inputs\nrice: {reach: 1, impact: 2, confidence: 80%, effort: 3}\n---\nbody\n",
	"---\nid: S-1\nrice:\n  reach: 1\n  impact: 2\n  confidence: 80%\n  effort: 3 # guess\n---\n",
	"---\nid: S-1\nlabels:\n  - a # first\n  - b\ncustom:\n  - x\n  - y\n---\n",
	"---\nid: S-1\ncustom:\n  a: 1\n  b:\n    - x\n  c: [y]\n  d:\n  e: {k: v} # c\n---\n",
	"---\nid: S-1\ntitle: '...x'\n---\n",
	"---\nid: S-1\ntitle: 'it''s' # c\nx: \"a'b\"\ny: ''\nz: \"\"\n---\n",
	"---\nid: S-1 # a\n# b\n# c\ntitle: T # d\n---\n",
	"---\nkind: roadmap\nid: R-1\ntitle: T\ngoals: [G1]\nhorizon: now\n---\n",
	"---\nid: S-1\ndependencies: [S-2]\nassignee: a\npriority: high\n---\n",
	"\ufeff---\nid: S-1\ntitle: T\n---\n",
	"---\nid: S-1\ntitle: T\n---   \nbody\n",
	"---\nid: S-1\nwsjf: {business_value: 1, time_criticality: 2, risk_reduction: 3, job_size: 4}\n---\n",
	"---\nid: S-1\nlabels: [a] # c\nrice: {reach: 1} # d\nx: {} # e\n---\n",
	"---\n#c\n#\nid: S-1\ntitle: T #c\n---\n",
	"---\nid: S-1\nx:\n  - a # c\n  - b # d\ny:\n  a:\n    - b # c\n  c: d\n---\n",
	"---\nid: S-1\nestimate: 3 # c\n# d\n# e\nlabels:\n  - a # x\nz: [a, b] # c\n# d\ny: 1\n---\n",
	// Long lines: yaml.v3's encoder, as fmt sets it up, wraps none.
	"---\nid: S-1\ntitle: " + strings.Repeat("word ", 60) + "end # " + strings.Repeat("c ", 60) + "c\nlabels: [" +
		strings.Repeat("abcdefgh, ", 30) + "z]\nx: '" + strings.Repeat("w ", 80) + "'\n# " + strings.Repeat("h ", 80) +
		"h\nz: {" + strings.Repeat("k", 128) + ": v}\n" + strings.Repeat("q", 128) + ": 1\n---\n",
}

// oddCases are files in shapes the fast path must get right or leave to
// format: most are not formatted, or formatted in ways it does not vouch for.
var oddCases = []string{
	"---\nid: S-1\nrice:\n  reach: 1\n  impact: 2\n  confidence: 80%\n  effort: 3\n---\n",
	"---\nid: S-1\nlabels:\n  - a\n  - b\n---\n",
	"---\nid: S-1\ncustom:\n  b:\n  - x\n---\n",
	"---\nid: S-1\ntitle:\nstatus: # c\n---\n",
	"---\nid: S-1\ntitle: ...x\n---\n",
	"---\nid: S-1\nlabels: [...x]\n---\n",
	"---\nid: S-1\ntitle: T #c\nx: 1  # c\n# foot\n---\n",
	"---\nid: S-1\n\n# c\ntitle: T\n---\n",
	"---\nid: S-1\n# c\n\ntitle: T\n---\n",
	"---\nid: S-1\nlabels: [a]\n# c\nrice:\n  reach: 1 # r\n# d\ntitle: T\n---\n",
	"---\nkind: vision\ntitle: V\ngoals:\n  - id: G1\n    title: Fast\n---\n",
	"---\nkind: vision\ntitle: V\ngoals: [G1]\n---\n",
	"---\nkind: vision\ngoals:\n  - G1\n---\n",
	"---\nkind: other\nz: 1\na: [x,y]\n---\n",
	"---\nid: S-1\ndepends_on: [S-2]\nowner: a\nmoscow: must\n---\n",
	"---\r\nid: S-1\r\ntitle: T\r\n---\r\n",
	"---\nid: S-1\ntitle: T \n---\n",
	"---\nid: S-1\nrice: {effort: 3, reach: 1}\n---\n",
	"---\nid: S-1\nrice: {reach: 1, x: 2, effort: 3}\n---\n",
	"---\nid: S-1\nx: {" + strings.Repeat("k", 129) + ": v}\n" + strings.Repeat("y", 129) + ": 1\n---\n",
	"---\nid: S-1\ntitle: é ü — 漢字, [a] {b}\nx: -1\ny: ~\nz: 2026-01-02\nw: 0x1F\n---\n",
	"---\nid: S-1\ntitle: T\n---\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n",
	"---\nid: S-1\n---\n---\nid: S-2\n---\n",
	"---\n# only\n---\n",
	"---\n---\n",
}

// TestFastPathHits: the fast path fires on formatted files of the usual
// shapes, generated and handwritten, and what it passes format keeps.
func TestFastPathHits(t *testing.T) {
	cfg := config.Default()
	for _, style := range benchcorpus.Styles {
		fsys := benchcorpus.FS(200, style)
		hits, total := 0, 0
		for _, p := range slices.Sorted(maps.Keys(fsys)) {
			kind := kindOf(p)
			src, err := format(fsys[p].Data, kind, cfg)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			total++
			if isCanonical(src, kind, cfg) {
				hits++
			}
		}
		t.Logf("%s: the fast path fired on %d of %d formatted files", style, hits, total)
		if hits < total*98/100 {
			t.Errorf("%s: the fast path fired on %d of %d formatted files", style, hits, total)
		}
	}
	for _, s := range fastCases {
		if !isCanonical([]byte(s), spec.KindStory, cfg) {
			t.Errorf("the fast path did not fire on\n%s", s)
		}
	}
}

// TestFastPathRefuses: the fast path leaves to format files that format
// changes or rejects, and ones whose comments or spacing it does not vouch for.
func TestFastPathRefuses(t *testing.T) {
	for _, s := range []string{
		"---\ntitle: T\nid: S-1\n---\n",                       // order
		"---\nid: S-1\nlabels:\n  - a\n  - b\n---\n",          // block list of labels, no comment
		"---\nid: S-1\nlabels: [a,b]\n---\n",                  // flow spacing
		"---\nid: S-1\ntitle:  T\n---\n",                      // value spacing
		"---\nid: S-1\ntitle: T  # c\n---\n",                  // comment spacing
		"---\nid: S-1\nrice: {effort: 3, reach: 1}\n---\n",    // inputs order
		"---\nid: S-1\nrice:\n  reach: 1\n  effort: 3\n---\n", // inputs in block style, no comment
		"---\nid: S-1\ncustom:\n    a: 1\n---\n",              // indentation
		"---\nid: S-1\ncustom:\n- a\n---\n",                   // list indentation
		"---\nid: S-1\n\ntitle: T\n---\n",                     // blank line
		"---\r\nid: S-1\r\ntitle: T\r\n---\r\n",               // CRLF
		"---\nid: S-1\ntitle: T\n# foot\n---\n",               // comment at the end
		"---\nid: S-1\ncustom:\n  # c\n  a: 1\n---\n",         // comment inside a block
		"---\nid: S-1\ntitle: ...x\n---\n",                    // a plain scalar yaml.v3 quotes
		"---\nid: S-1\ntitle: \"a\\tb\"\n---\n",               // an escape: not scanned
		"---\nid: S-1\nid: S-2\n---\n",                        // duplicate key: a SkipError
		"---\nkind: vision\ntitle: V\ngoals: [G1, G2]\n---\n", // vision goals in flow style
	} {
		if isCanonical([]byte(s), spec.KindStory, config.Default()) {
			t.Errorf("the fast path fired on\n%s", s)
		}
	}
}

func kindOf(path string) spec.Kind {
	switch {
	case strings.HasPrefix(path, "stories/"):
		return spec.KindStory
	case strings.HasPrefix(path, "roadmap/"):
		return spec.KindRoadmap
	}
	return spec.KindVision
}
