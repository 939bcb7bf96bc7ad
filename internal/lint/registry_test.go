package lint

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

var ruleName = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

// TestRegistry: rule names are the command-line and SARIF contract, so they
// must be unique and well-formed, and every rule documented, since SARIF,
// the README and --help show the Doc.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules() {
		if !ruleName.MatchString(r.Name) || seen[r.Name] {
			t.Errorf("rule %q: name not kebab-case or not unique", r.Name)
		}
		seen[r.Name] = true
		if r.Doc == "" || !strings.HasSuffix(r.Doc, ".") || len(r.Doc) > 1024 {
			t.Errorf("rule %s: Doc %q must be a sentence of at most 1024 characters (SARIF's limit)", r.Name, r.Doc)
		}
		if r.Default != Error && r.Default != Warning {
			t.Errorf("rule %s: default severity %q", r.Name, r.Default)
		}
		if r.Run == nil {
			t.Errorf("rule %s: no Run", r.Name)
		}
		if Lookup(r.Name) != r {
			t.Errorf("Lookup(%q) does not find it", r.Name)
		}
	}
}

// The README's rule table sits between these markers and is generated
// from the registry; PRODSPEC_UPDATE=1 go test ./internal/lint rewrites it.
const (
	tableBegin = "<!-- rules:begin (generated from the lint registry; PRODSPEC_UPDATE=1 go test ./internal/lint rewrites it) -->\n"
	tableEnd   = "<!-- rules:end -->\n"
)

// TestREADMERuleTable fails when README.md's rule table no longer matches
// the registry: a rule added, renamed, re-documented or given another
// default severity.
func TestREADMERuleTable(t *testing.T) {
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, tableBegin), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Skip("README.md has no generated rule table yet")
	}
	got, want := readme[i+len(tableBegin):j], ruleTable()
	if got == want {
		return
	}
	if os.Getenv("PRODSPEC_UPDATE") != "" {
		if err := os.WriteFile(path, []byte(readme[:i+len(tableBegin)]+want+readme[j:]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's rule table is out of date; run PRODSPEC_UPDATE=1 go test ./internal/lint\ngot:\n%s\nwant:\n%s", got, want)
}

func ruleTable() string {
	var sb strings.Builder
	sb.WriteString("| rule | default | fires when |\n|---|---|---|\n")
	for _, r := range Rules() {
		// The anchor is where SARIF's helpUri for the rule points.
		fmt.Fprintf(&sb, "| <a id=\"rule-%s\"></a>`%s` | %s | %s |\n", r.Name, r.Name, r.Default, strings.ReplaceAll(r.Doc, "|", `\|`))
	}
	return sb.String()
}
