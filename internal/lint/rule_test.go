package lint_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// Each rule_<name>.go has a rule_<name>_test.go beside it: a table of
// ruleTest cases run by testRule. To add a case, write the smallest spec
// that shows it and the lines `prodspec lint` would print for this rule,
// without the " [rule]" suffix:
//
//	{
//		name: "story names a roadmap item that does not exist",
//		files: map[string]string{
//			"stories/S-1.md": "---\nid: S-1\ntitle: T\nroadmap: R-9\nstatus: draft\n---\n",
//		},
//		want: []string{`stories/S-1.md:4:10: error: roadmap item "R-9" does not exist`},
//	},
//
// A case with no want must stay quiet: the rule reports nothing, whatever
// other rules say about the same spec. Only the findings of the rule under
// test are compared, so a case needs no more files than its rule looks at.
type ruleTest struct {
	name     string
	files    map[string]string // path under the spec root -> content
	symlinks map[string]string // path under the spec root -> link target
	config   string            // .prodspec.yaml; "" for the defaults
	changes  []lint.Change     // the commits since --base (role-violation)
	// the IDs --base also added (id-collision)
	collisions []lint.Collision
	suspects   []lint.Suspect // the stories made suspect since --base (suspect-link)
	want       []string       // "file:line:col: severity: message", in output order
}

// testRule runs each case through spec.Load and lint.Run, as `prodspec
// lint` does, and compares the findings of rule with the case's want.
// For a case that fires, it also checks that the configured severity wins:
// "off" silences the rule and the other severity replaces the default on
// every finding.
func testRule(t *testing.T, rule string, tests []ruleTest) {
	t.Helper()
	r := lint.Lookup(rule)
	if r == nil {
		t.Fatalf("no rule %q in the registry", rule)
	}
	if len(tests) == 0 {
		t.Fatalf("rule %s: no cases", rule)
	}
	quiet := 0
	for _, tt := range tests {
		if len(tt.want) == 0 {
			quiet++
		}
		t.Run(tt.name, func(t *testing.T) {
			got, all := lintRule(t, rule, tt, "")
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s findings:\n%s\nwant:\n%s\nall findings:\n%s",
					rule, lines(got), lines(tt.want), lines(all))
			}
			if len(tt.want) == 0 {
				return
			}
			if got, _ := lintRule(t, rule, tt, lint.Off); len(got) > 0 {
				t.Errorf("with %s: off, still reported:\n%s", rule, lines(got))
			}
			other := lint.Warning
			if r.Default == lint.Warning {
				other = lint.Error
			}
			got, _ = lintRule(t, rule, tt, other)
			if len(got) != len(tt.want) {
				t.Errorf("with %s: %s, %d findings, want %d:\n%s", rule, other, len(got), len(tt.want), lines(got))
			}
			for _, g := range got {
				if !strings.Contains(g, ": "+string(other)+": ") {
					t.Errorf("with %s: %s, reported as:\n%s", rule, other, g)
				}
			}
		})
	}
	if quiet < 2 {
		t.Errorf("rule %s: %d cases that must stay quiet, want at least 2", rule, quiet)
	}
}

// lintRule lints the case's spec and returns the findings of rule and of
// every rule, as "file:line:col: severity: message" (the second with the
// rule appended). A non-empty sev overrides the rule's severity on top of
// the case's configuration.
func lintRule(t *testing.T, rule string, tt ruleTest, sev lint.Severity) (got, all []string) {
	t.Helper()
	cfg := config.Default()
	if tt.config != "" {
		var err error
		cfg, err = config.Parse([]byte(tt.config), config.FileName, config.Known{Rules: lint.Names()})
		if err != nil {
			t.Fatalf("config: %v", err)
		}
	}
	if sev != "" {
		cfg.Rules = map[string]string{rule: string(sev)}
	}
	fsys := fstest.MapFS{}
	for name, data := range tt.files {
		fsys[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	}
	for name, target := range tt.symlinks {
		fsys[name] = &fstest.MapFile{Data: []byte(target), Mode: os.ModeSymlink | 0o777}
	}
	s, err := spec.Load(fsys, cfg)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	for _, d := range lint.Run(s, lint.Options{Changes: tt.changes, Collisions: tt.collisions, Suspects: tt.suspects}).Diagnostics {
		line := fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Line, d.Column, d.Severity, d.Message)
		all = append(all, line+" ["+d.Rule+"]")
		if d.Rule == rule {
			got = append(got, line)
		}
	}
	return got, all
}

func lines(l []string) string {
	if len(l) == 0 {
		return "\t(none)"
	}
	return "\t" + strings.Join(l, "\n\t")
}

// TestEveryRuleHasATableTest keeps the habit: a rule added to the registry
// comes with rule_<name>_test.go, which runs testRule on it.
func TestEveryRuleHasATableTest(t *testing.T) {
	for _, name := range lint.Names() {
		file := "rule_" + strings.ReplaceAll(name, "-", "_") + "_test.go"
		data, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("rule %s: %v", name, err)
			continue
		}
		if !regexp.MustCompile(`testRule\(t, "` + regexp.QuoteMeta(name) + `"`).Match(data) {
			t.Errorf("rule %s: %s does not call testRule(t, %q, ...)", name, file, name)
		}
	}
}

// Files several cases share. Each is valid on its own: the vision defines
// G1 and G2; R-1 serves G1 on the next horizon, R-2 serves G2; S-1 is a
// ready story with a checked criterion under R-1.
const (
	vision = `---
kind: vision
title: Acme Notes
goals:
  - id: G1
    title: Capture fast
  - id: G2
    title: Never lose a note
---
`
	itemR1 = `---
id: R-1
title: Lock-screen capture
goals: [G1]
status: planned
horizon: next
---
`
	itemR2 = `---
id: R-2
title: Offline-first sync
goals: [G2]
status: proposed
horizon: later
---
`
	storyS1 = `---
id: S-1
title: Capture a note
roadmap: R-1
status: ready
---
## Acceptance criteria

- [x] A capture button shows
`
)

// TestSharedFilesAreClean: the shared files fire no rule, so a case that
// uses them sees only what it adds.
func TestSharedFilesAreClean(t *testing.T) {
	_, all := lintRule(t, "", ruleTest{files: map[string]string{
		"vision.md":      vision,
		"roadmap/R-1.md": itemR1,
		"roadmap/R-2.md": itemR2,
		"stories/S-1.md": storyS1,
	}}, "")
	if len(all) > 0 {
		t.Errorf("the shared files have findings:\n%s", lines(all))
	}
}
