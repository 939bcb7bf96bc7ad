package history

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prodspec/prodspec/internal/benchcorpus"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
	"github.com/prodspec/prodspec/internal/testcorpus"
)

// quickConfigs are the default config and one that renames keys (one of
// them onto another's written name) and maps status words.
func quickConfigs() []*config.Config {
	renamed := config.Default()
	renamed.Fields.Aliases = map[string]string{"status": "state", "title": "name", "owner": "id", "horizon": "when"}
	renamed.Fields.Values = map[string]map[string]string{"status": {"Done": "accepted"}, "horizon": {"soon": "next"}}
	return []*config.Config{config.Default(), renamed}
}

var quickPaths = []string{"stories/S-1.md", "roadmap/R-1.md", "vision.md", "notes/x.md"}

// FuzzQuickFacts holds quickFacts to the full parse: where it answers,
// its facts are those factsOf gives from spec.ParseFrontMatter, for every
// kind of path and under a config that renames keys.
//
//	go test -run '^$' -fuzz FuzzQuickFacts -fuzztime 3m ./internal/history
func FuzzQuickFacts(f *testing.F) {
	for _, s := range []string{
		"---\nid: S-1\ntitle: Find a note\nroadmap: R-1\nstatus: ready\nlabels: [a, b]\n---\nbody\n",
		"---\nid: R-1\ntitle: Item\ngoals: [G1, G2]\nstatus: planned\nhorizon: soon\n---\n## Why\n",
		"---\nid: R-1\ngoals: G1\nstatus: null\n---\n", "---\nid: R-1\ngoals: []\n---\n", "---\nid: R-1\ngoals: {a: b}\n---\n",
		"---\nid: [S-1]\ntitle: {a: b}\nroadmap:\nstate: Done\nname: T\n---\n", "---\nkind: roadmap\nid: R-1\n---\n",
		"---\nid: S-1\nstatus: ready\n---\n\xff", "---\nid: S-1\nstatus: ready\n", "---\nid: 'S-1'\n---\n",
	} {
		for i := range quickPaths {
			f.Add([]byte(s), uint8(i))
		}
	}
	benchcorpus.Generate(20, benchcorpus.Styles[0], func(name string, data []byte) error {
		f.Add(data, uint8(0))
		f.Add(data, uint8(1))
		return nil
	})
	configs := quickConfigs()
	f.Fuzz(func(t *testing.T, src []byte, which uint8) {
		p := quickPaths[int(which)%len(quickPaths)]
		testcorpus.Within(t, 10*time.Second, func() {
			for _, cfg := range configs {
				got, ok := quickFacts(cfg, p, src)
				if !ok {
					continue
				}
				if want := factsOf(spec.ParseFrontMatter(cfg, p, src)); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: quickFacts %+v, the full parse %+v", p, got, want)
				}
			}
		})
	})
}

// TestQuickFacts checks that quickFacts answers for the generated
// corpus's stories and roadmap items (the fast path is taken where it is
// meant to be) and gives the full parse's facts there.
func TestQuickFacts(t *testing.T) {
	cfg := config.Default()
	quick := map[spec.Kind]int{}
	err := benchcorpus.Generate(100, benchcorpus.Generated, func(p string, src []byte) error {
		kind, _ := spec.PathKind(cfg, p)
		got, ok := quickFacts(cfg, p, src)
		if !ok {
			if kind == spec.KindStory || kind == spec.KindRoadmap {
				t.Errorf("%s: no quick facts", p)
			}
			return nil
		}
		quick[kind]++
		if want := factsOf(spec.ParseFrontMatter(cfg, p, src)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: quickFacts %+v, the full parse %+v", p, got, want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if quick[spec.KindStory] != 100 || quick[spec.KindRoadmap] == 0 {
		t.Errorf("quick facts for %v", quick)
	}
}

// TestQuickFactsCorpus holds quickFacts to the full parse on the YAML
// test suite's cases and Backlog.md's real files, read as stories and as
// roadmap items, and checks that most of Backlog.md's take the fast path.
func TestQuickFactsCorpus(t *testing.T) {
	quick, backlog := 0, 0
	for _, f := range testcorpus.Seeds() {
		isBacklog := !strings.HasSuffix(f.Name, ".yaml")
		for _, p := range quickPaths[:2] {
			for _, cfg := range quickConfigs() {
				got, ok := quickFacts(cfg, p, f.Data)
				if !ok {
					continue
				}
				if isBacklog && p == quickPaths[0] && cfg.Fields.Aliases == nil {
					quick++
				}
				if want := factsOf(spec.ParseFrontMatter(cfg, p, f.Data)); !reflect.DeepEqual(got, want) {
					t.Errorf("%s as %s: quickFacts %+v, the full parse %+v", f.Name, p, got, want)
				}
			}
		}
		if isBacklog {
			backlog++
		}
	}
	t.Logf("%d of %d Backlog.md files read quickly", quick, backlog)
	if quick < backlog*3/4 {
		t.Errorf("%d of %d Backlog.md files read quickly, want three quarters", quick, backlog)
	}
}
