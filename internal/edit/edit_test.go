package edit

import (
	"errors"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

const story = `---
id: S-1 # the first
title: "Capture a note"
roadmap: R-1
status: ready
# priority inputs
rice: {reach: 1, impact: 2, confidence: 0.5, effort: 3}
labels:
  - mobile # the app
  - web
---
Body stays.
`

func TestApply(t *testing.T) {
	for _, tc := range []struct {
		name, src, change, want string
		op                      Op
	}{
		{"scalar", story, "status=done", strings.Replace(story, "status: ready", "status: done", 1), Set},
		{"quoted stays quoted", story, "title=Other", strings.Replace(story, `"Capture a note"`, `"Other"`, 1), Set},
		{"text that YAML would read as a number", story, "roadmap=010", strings.Replace(story, "roadmap: R-1", `roadmap: "010"`, 1), Set},
		{"a number stays a number", story, "rice.reach=800", strings.Replace(story, "reach: 1,", "reach: 800,", 1), Set},
		{"new key in canonical place", story, "estimate=3",
			strings.Replace(story, "# priority inputs\n", "estimate: 3\n# priority inputs\n", 1), Set},
		{"new key after the known ones", story, "moscow=must", strings.Replace(story, "  - web\n", "  - web\nmoscow: must\n", 1), Set},
		{"alias", "---\nid: B-1\ndependencies: [B-2]\n---\n", "depends_on+=B-3", "---\nid: B-1\ndependencies: [B-2, B-3]\n---\n", Add},
		{"new nested mapping", "---\nid: S-1\nstatus: ready\n---\n", "wsjf.job_size=5", "---\nid: S-1\nstatus: ready\nwsjf: {job_size: 5}\n---\n", Set},
		{"new key in a flow mapping", "---\nid: S-1\nrice: {reach: 1, effort: 3}\n---\n", "rice.impact=2",
			"---\nid: S-1\nrice: {reach: 1, impact: 2, effort: 3}\n---\n", Set},
		{"block list replaced item by item", story, "labels=mobile,desktop,cli",
			strings.Replace(story, "  - web\n", "  - desktop\n  - cli\n", 1), Set},
		{"block list shortened, comments stay where they were", story, "labels=web", strings.Replace(story, "  - mobile # the app\n  - web\n", "  - web # the app\n", 1), Set},
		{"block list append", story, "labels+=cli", strings.Replace(story, "  - web\n", "  - web\n  - cli\n", 1), Add},
		{"block list remove", story, "labels-=mobile", strings.Replace(story, "  - mobile # the app\n", "", 1), Add},
		{"block list remove all", story, "labels-=mobile,web", strings.Replace(story, "labels:\n  - mobile # the app\n  - web\n", "labels: []\n", 1), Add},
		{"flow list remove", "---\nid: S-1\nlabels: [a, b, c]\n---\n", "labels-=b", "---\nid: S-1\nlabels: [a, c]\n---\n", Add},
		{"flow list remove last", "---\nid: S-1\nlabels: [a, b]\n---\n", "labels-=b", "---\nid: S-1\nlabels: [a]\n---\n", Add},
		{"scalar made a list", "---\nid: S-1\nlabels: a\n---\n", "labels+=b", "---\nid: S-1\nlabels: [a, b]\n---\n", Add},
		{"empty value", "---\nid: S-1\nestimate:   # later\n---\n", "estimate=5", "---\nid: S-1\nestimate: 5   # later\n---\n", Set},
		{"CRLF", "---\r\nid: S-1\r\nstatus: ready\r\n---\r\nbody\r\n", "estimate=2", "---\r\nid: S-1\r\nstatus: ready\r\nestimate: 2\r\n---\r\nbody\r\n", Set},
		{"BOM", "\xef\xbb\xbf---\nid: S-1\nstatus: ready\n---\n", "status=done", "\xef\xbb\xbf---\nid: S-1\nstatus: done\n---\n", Set},
		{"needs quotes", "---\nid: S-1\nowner: x\n---\n", "owner=@po", "---\nid: S-1\nowner: '@po'\n---\n", Set},
		{"multi-line plain", "---\nid: S-1\ntitle: a long\n  title\nstatus: ready\n---\n", "title=short", "---\nid: S-1\ntitle: short\nstatus: ready\n---\n", Set},
		{"block scalar", "---\nid: S-1\ntitle: |\n  two\n  lines\nstatus: ready\n---\n", "title=one", "---\nid: S-1\ntitle: one\nstatus: ready\n---\n", Set},
		{"unchanged", story, "status=ready", story, Set},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseChange(tc.change)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Open([]byte(tc.src), spec.KindStory, testConfig())
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.Apply(c); err != nil {
				t.Fatal(err)
			}
			if got := string(d.Bytes()); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

func TestUnset(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"status", strings.Replace(story, "status: ready\n", "", 1)},
		{"labels", strings.Replace(story, "labels:\n  - mobile # the app\n  - web\n", "", 1)},
		{"rice.impact", strings.Replace(story, "impact: 2, ", "", 1)},
		{"rice.effort", strings.Replace(story, ", effort: 3", "", 1)},
	} {
		d, err := Open([]byte(story), spec.KindStory, testConfig())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.Apply(Change{Key: tc.key, Op: Unset}); err != nil {
			t.Fatalf("%s: %v", tc.key, err)
		}
		if got := string(d.Bytes()); got != tc.want {
			t.Errorf("unset %s: got\n%s\nwant\n%s", tc.key, got, tc.want)
		}
	}
}

func TestRefusals(t *testing.T) {
	for _, tc := range []struct{ src, change, want string }{
		{story, "rice=5", "rice is a mapping: set its keys one by one"},
		{story, "status+=x", "status is not a list"},
		{story, "labels+=web", `labels already lists "web"`},
		{story, "labels-=tv", `labels does not list "tv" (it lists [mobile, web])`},
		{story, "title.x=1", "title is a scalar, not a mapping"},
		{"---\nid: [\n---\n", "status=x", "invalid YAML"},
	} {
		c, err := ParseChange(tc.change)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Open([]byte(tc.src), spec.KindStory, testConfig())
		if err == nil {
			_, err = d.Apply(c)
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.change, err, tc.want)
		}
		var unsafe *UnsafeError
		if errors.As(err, &unsafe) {
			t.Errorf("%s: a refusal, not an unsafe edit: %v", tc.change, err)
		}
	}
}

func TestParseChange(t *testing.T) {
	for arg, want := range map[string]string{
		"=x":      "want key=value",
		"status":  "want key=value",
		"status=": "no value; to remove status use --unset status",
		"a..b=1":  "bad key",
		"t=a\nb":  "one line",
		"t=\xc1":  "not UTF-8",
	} {
		if _, err := ParseChange(arg); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", arg, err, want)
		}
	}
}

func TestRenameID(t *testing.T) {
	src := "---\nid: S-2\nroadmap: R-1\ndepends_on:\n  - S-1 # first\n  - 'S-3'\n---\nS-1 in the body stays.\n"
	d, err := Open([]byte(src), spec.KindStory, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.RenameID(spec.StoryID, "S-3", "S-30")
	if err != nil || len(res) != 1 {
		t.Fatal(res, err)
	}
	if _, err := d.RenameID(spec.StoryID, "S-1", "S-10"); err != nil {
		t.Fatal(err)
	}
	want := "---\nid: S-2\nroadmap: R-1\ndepends_on:\n  - S-10 # first\n  - 'S-30'\n---\nS-1 in the body stays.\n"
	if got := string(d.Bytes()); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	vision := "---\nkind: vision\ntitle: V\ngoals:\n  - id: G1\n    title: One\n  - {id: G2, title: Two}\n---\n"
	d, err = Open([]byte(vision), spec.KindVision, testConfig())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.RenameID(spec.GoalID, "G2", "G3"); err != nil {
		t.Fatal(err)
	}
	if got := string(d.Bytes()); got != strings.Replace(vision, "id: G2", "id: G3", 1) {
		t.Errorf("got\n%s", got)
	}
}

func testConfig() *config.Config {
	cfg := config.Default()
	cfg.Fields.Aliases = map[string]string{"depends_on": "dependencies"}
	return cfg
}

func TestTick(t *testing.T) {
	src := []byte("---\nid: S-1\n---\n## Acceptance criteria\r\n\r\n- [ ] é one\r\n  - [X] two\r\n")
	crit := parse.Parse(src).Body.Criteria
	if len(crit) != 2 {
		t.Fatalf("criteria: %v", crit)
	}
	out, err := Tick(src, crit[0], true)
	if err != nil {
		t.Fatal(err)
	}
	out, err = Tick(out, crit[1], false)
	if err != nil {
		t.Fatal(err)
	}
	if want := "---\nid: S-1\n---\n## Acceptance criteria\r\n\r\n- [x] é one\r\n  - [ ] two\r\n"; string(out) != want {
		t.Errorf("got %q", out)
	}
	if _, err := Tick([]byte("---\n---\nnothing here\n"), crit[0], true); err == nil {
		t.Error("ticked a box that is not there")
	}
}
