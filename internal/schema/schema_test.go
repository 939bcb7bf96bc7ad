package schema

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/jsonschematest"
	"github.com/prodspec/prodspec/internal/spec"
)

// configs the snippets below are read with.
var configs = map[string]string{
	"default": "",
	// IDs of digits alone, which YAML reads as numbers unless quoted.
	"numeric": "vision: {goal_id: '^[0-9]+$'}\nroadmap: {id: '^[0-9]+$'}\nstory: {id: '^[0-9]+$'}\n",
	// A team's own key names, and keys of its own.
	"aliases": "fields:\n  aliases: {depends_on: dependencies, reach: r, id: key}\n  extra: [team]\n",
}

// snippet is a front matter of one kind, and whether the decoder finds no
// problem in it. The schema must give the same answer, except where
// differs says why it cannot or does not yet.
type snippet struct {
	kind    spec.Kind
	cfg     string
	fm      string
	ok      bool
	differs string
}

const (
	story   = "id: S-1\ntitle: T\nroadmap: R-1\nstatus: ready\n"
	item    = "id: R-1\ntitle: T\nstatus: planned\n"
	vision  = "title: V\n"
	goalsOK = "goals:\n  - id: G1\n    title: g\n"
)

var snippets = []snippet{
	// Stories.
	{spec.KindStory, "default", story, true, ""},
	{spec.KindStory, "default", "kind: story\n" + story + "owner: po@x\nestimate: 3\ndepends_on: [S-2, S-3]\nlabels: [mobile]\n" +
		"rice: {reach: 800, impact: 2, confidence: 0.8, effort: 3}\n" +
		"wsjf: {business_value: 8, time_criticality: 5, risk_reduction: 0, job_size: 5}\nmoscow: must\n", true, ""},
	{spec.KindStory, "default", story + "rice: {reach: 800, impact: 2, confidence: 80%, effort: 0.5}\n", true, ""},
	{spec.KindStory, "default", story + "depends_on: S-2\n", true, ""},
	{spec.KindStory, "default", story + "labels: mobile\n", true, ""},
	{spec.KindStory, "default", story + "depends_on: []\nlabels: []\n", true, ""},
	{spec.KindStory, "default", "id: S-1\nroadmap: R-1\nstatus: ready\n", false, ""},
	{spec.KindStory, "default", "id: S-1\ntitle: T\nstatus: ready\n", false, ""},
	{spec.KindStory, "default", "title: T\nroadmap: R-1\nstatus: ready\n", false, ""},
	{spec.KindStory, "default", "id: S-1\ntitle: T\nroadmap: R-1\n", false, ""},
	{spec.KindStory, "default", strings.Replace(story, "ready", "bogus", 1), false, ""},
	{spec.KindStory, "default", strings.Replace(story, "S-1", "s-1", 1), false, ""},
	{spec.KindStory, "default", strings.Replace(story, "S-1", "12", 1), false, ""},
	{spec.KindStory, "default", story + "titel: T\n", false, ""},
	{spec.KindStory, "default", strings.Replace(story, "title: T", "title: [T]", 1), false, ""},
	{spec.KindStory, "default", strings.Replace(story, "R-1", "[R-1]", 1), false, ""},
	{spec.KindStory, "default", strings.Replace(story, "R-1", `""`, 1), false, ""},
	{spec.KindStory, "default", strings.Replace(story, "R-1", "~", 1), false, ""},
	{spec.KindStory, "default", story + "estimate: -1\n", false, ""},
	{spec.KindStory, "default", story + "estimate: many\n", false, ""},
	{spec.KindStory, "default", story + "estimate: '3'\n", false, ""},
	{spec.KindStory, "default", story + "depends_on: {S-2: yes}\n", false, ""},
	{spec.KindStory, "default", story + "depends_on: [[S-2]]\n", false, ""},
	{spec.KindStory, "default", story + "depends_on: [S-2, ~]\n", false, ""},
	{spec.KindStory, "default", story + "rice: 5\n", false, ""},
	{spec.KindStory, "default", story + "rice: {reach: 800, impact: 2, confidence: 0.8}\n", false, ""},
	{spec.KindStory, "default", story + "rice: {reach: 800, impact: 2, confidence: 0.8, effort: 0}\n", false, ""},
	{spec.KindStory, "default", story + "rice: {reach: -1, impact: 2, confidence: 0.8, effort: 1}\n", false, ""},
	{spec.KindStory, "default", story + "rice: {reach: 1, impact: 2, confidence: 1.5, effort: 1}\n", false, ""},
	{spec.KindStory, "default", story + "rice: {reach: 1, impact: 2, confidence: 0.8, effort: 1, ease: 2}\n", false, ""},
	{spec.KindStory, "default", story + "wsjf: {business_value: 8, time_criticality: 5, risk_reduction: 3, job_size: 0}\n", false, ""},
	{spec.KindStory, "default", story + "moscow: Must\n", false, ""},

	// Roadmap items.
	{spec.KindRoadmap, "default", item + "goals: [G1]\n", true, ""},
	{spec.KindRoadmap, "default", item + "goals: G1\n", true, ""},
	{spec.KindRoadmap, "default", "kind: roadmap\n" + item + "goals: [G1, G2]\nhorizon: now\ntarget: 2026-Q1\nowner: pm@x\n", true, ""},
	{spec.KindRoadmap, "default", item, false, ""},
	{spec.KindRoadmap, "default", item + "goals: []\n", false, ""},
	{spec.KindRoadmap, "default", item + "goals: ~\n", false, ""},
	{spec.KindRoadmap, "default", item + "goals: [G1, ~]\n", false, ""},
	{spec.KindRoadmap, "default", item + "goals: {G1: yes}\n", false, ""},
	{spec.KindRoadmap, "default", item + "goals: [G1]\nhorizon: soon\n", false, ""},
	{spec.KindRoadmap, "default", "id: R-1\ntitle: T\ngoals: [G1]\n", false, ""},

	// The vision and its goals.
	{spec.KindVision, "default", vision + goalsOK, true, ""},
	{spec.KindVision, "default", "kind: vision\n" + vision + "owner: pm@x\n" + goalsOK + "  - id: G2\n    title: h\n", true, ""},
	{spec.KindVision, "default", vision + "goals: []\n", true, ""},
	{spec.KindVision, "default", vision, false, ""},
	{spec.KindVision, "default", goalsOK, false, ""},
	{spec.KindVision, "default", vision + "goals: G1\n", false, ""},
	{spec.KindVision, "default", vision + "goals: [G1]\n", false, ""},
	{spec.KindVision, "default", vision + "goals:\n  - id: G1\n", false, ""},
	{spec.KindVision, "default", vision + "goals:\n  - title: g\n", false, ""},
	{spec.KindVision, "default", vision + "goals:\n  - id: X\n    title: g\n", false, ""},
	{spec.KindVision, "default", vision + goalsOK + "    metric: m\n", false, ""},

	// IDs that YAML reads as numbers are still IDs.
	{spec.KindStory, "numeric", "id: 12\ntitle: T\nroadmap: 3\nstatus: ready\ndepends_on: [4, 010]\n", true, ""},
	{spec.KindStory, "numeric", "id: 010\ntitle: T\nroadmap: 3\nstatus: ready\ndepends_on: 4\n", true, ""},
	{spec.KindStory, "numeric", "id: -1\ntitle: T\nroadmap: 3\nstatus: ready\n", false, ""},
	{spec.KindStory, "numeric", "id: 1.5\ntitle: T\nroadmap: 3\nstatus: ready\n", false, ""},
	{spec.KindRoadmap, "numeric", "id: 7\ntitle: T\nstatus: planned\ngoals: [1, 2]\n", true, ""},
	{spec.KindRoadmap, "numeric", "id: 7\ntitle: T\nstatus: planned\ngoals: 1\n", true, ""},
	{spec.KindVision, "numeric", vision + "goals:\n  - id: 1\n    title: g\n", true, ""},
	{spec.KindStory, "default", "id: S-1\ntitle: T\nroadmap: 3\nstatus: ready\n", true,
		"a reference that does not match its ID pattern names nothing: lint reports it (broken-reference), loading does not"},

	// Aliased keys, in a priority model's inputs and in goals too, and
	// extra keys anywhere; a misspelled key is still flagged.
	{spec.KindStory, "aliases", strings.Replace(story, "id:", "key:", 1) + "dependencies: [S-2]\nteam: red\n" +
		"rice: {r: 1, impact: 2, confidence: 0.8, effort: 1, team: red}\n", true, ""},
	{spec.KindStory, "aliases", strings.Replace(story, "id:", "key:", 1) + "titel: T\n", false, ""},
	{spec.KindStory, "aliases", strings.Replace(story, "id:", "key:", 1) + "depends_on: [S-2]\n", false, ""},
	{spec.KindStory, "aliases", story, false, ""},
	{spec.KindStory, "aliases", strings.Replace(story, "id:", "key:", 1) + "rice: {reach: 1, impact: 2, confidence: 0.8, effort: 1}\n", false, ""},
	{spec.KindVision, "aliases", vision + "team: red\ngoals:\n  - key: G1\n    title: g\n    team: red\n", true, ""},

	// Where the schema says otherwise, and why.
	{spec.KindStory, "default", story + "owner: ~\ndepends_on: ~\nrice: ~\nmoscow: ~\n", true,
		"null for an optional key: the decoder takes it as absent, the schema wants the key's type"},
	{spec.KindVision, "default", vision + "goals: ~\n", true,
		"the vision's goals: null is no goals to the decoder, not a list to the schema"},
	{spec.KindStory, "default", strings.Replace(story, "title: T", `title: " "`, 1), false,
		"a blank required text: the schema does not ask for text that is not blank"},
	{spec.KindStory, "default", strings.Replace(story, "title: T", "title: 1984", 1) + "labels: [2026]\n", true,
		"a number or boolean where text goes: the decoder reads the text written, the schema wants a string"},
	{spec.KindStory, "default", story + "rice: {reach: 1, impact: 2, confidence: 150%, effort: 1}\n", false,
		"a percentage over 100%: the schema's pattern for a percentage has no bound"},
}

// TestSchemaAgreesWithDecoder: front matter that loads without a problem
// is valid under the kind's schema, and front matter that has one is not,
// so an editor flags what lint flags. A problem of any severity counts:
// a misspelled key is a warning to lint, and the schema has no warnings.
func TestSchemaAgreesWithDecoder(t *testing.T) {
	cfgs := map[string]*config.Config{}
	for name, src := range configs {
		cfg, err := config.Parse([]byte(src), config.FileName, config.Known{})
		if err != nil {
			t.Fatalf("config %s: %v", name, err)
		}
		cfgs[name] = cfg
	}
	paths := map[spec.Kind]string{spec.KindVision: "vision.md", spec.KindRoadmap: "roadmap/R-1.md", spec.KindStory: "stories/S-1.md"}
	for _, c := range snippets {
		cfg := cfgs[c.cfg]
		s, err := spec.Load(fstest.MapFS{paths[c.kind]: {Data: []byte("---\n" + c.fm + "---\n")}}, cfg)
		if err != nil || len(s.Files) != 1 {
			t.Fatalf("%s %q: loaded %v, %v", c.kind, c.fm, s, err)
		}
		problems := s.Files[0].Problems
		if decoded := len(problems) == 0; decoded != c.ok {
			t.Errorf("%s (%s config):\n%s  decoder: %v, want ok %v", c.kind, c.cfg, c.fm, problems, c.ok)
			continue
		}
		errs := jsonschematest.Validate(schemaJSON(t, For(c.kind, cfg)), frontMatterJSON(t, c.fm))
		want := c.ok != (c.differs != "")
		if valid := len(errs) == 0; valid != want {
			t.Errorf("%s (%s config):\n%s  decoder problems %v\n  schema errors %v\n  want schema valid %v (%s)", c.kind, c.cfg, c.fm, problems, errs, want, c.differs)
		}
	}
}

// TestSchemaKinds: every kind's schema flags a misspelled key, with or
// without extra keys configured, and the extra keys are properties.
func TestSchemaKinds(t *testing.T) {
	cfg, err := config.Parse([]byte(configs["aliases"]), config.FileName, config.Known{})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []spec.Kind{spec.KindVision, spec.KindRoadmap, spec.KindStory} {
		for _, c := range []*config.Config{config.Default(), cfg} {
			s := For(kind, c)
			if s["additionalProperties"] != false {
				t.Errorf("%s, extra %v: additionalProperties %v", kind, c.Fields.Extra, s["additionalProperties"])
			}
			for _, k := range c.Fields.Extra {
				if _, ok := s["properties"].(object)[k]; !ok {
					t.Errorf("%s: extra key %q is not a property", kind, k)
				}
			}
		}
	}
}

func TestMatchesDigits(t *testing.T) {
	for re, want := range map[string]bool{
		`^[0-9]+$`:       true,
		`^\d{3}$`:        true,
		`^(S-)?[0-9]+$`:  true,
		`[0-9]`:          true,
		`x|`:             true,
		`^[1-9][0-9]*$`:  true,
		`^S-[0-9]+$`:     false,
		`^G[0-9]+$`:      false,
		`^$`:             false,
		`^[a-z]+$`:       false,
		`\b0\b\d`:        false,
		`^0*1$`:          true,
		`^[0-9]+\.[0-9]`: false,
	} {
		if got := matchesDigits(regexp.MustCompile(re)); got != want {
			t.Errorf("matchesDigits(%s) = %v, want %v", re, got, want)
		}
	}
}

// schemaJSON is s as a reader of `prodspec schema` decodes it.
func schemaJSON(t *testing.T, s object) map[string]any {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// frontMatterJSON is front matter as a JSON tool sees it: numbers are
// numbers, whatever lint makes of them.
func frontMatterJSON(t *testing.T, fm string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(fm), &v); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
