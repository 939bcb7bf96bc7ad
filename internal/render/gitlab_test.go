package render

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/prodspec/prodspec/internal/jsonschematest"
	"github.com/prodspec/prodspec/internal/lint"
)

func gitlabSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/gitlab-codequality-schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	return schema
}

func gitlabOf(t *testing.T, res *lint.Result, prefix string) any {
	t.Helper()
	var buf bytes.Buffer
	if err := LintGitLab(&buf, res, prefix); err != nil {
		t.Fatal(err)
	}
	var report any
	if err := json.Unmarshal(buf.Bytes(), &report); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.Bytes())
	}
	return report
}

// TestGitLabSchema checks the report of examples/broken, a clean spec and
// hostile file names against GitLab's Code Quality format, and that every
// fingerprint is unique (GitLab keeps one issue per fingerprint).
func TestGitLabSchema(t *testing.T) {
	schema := gitlabSchema(t)
	hostile := lint.NewResult([]lint.Diagnostic{
		{Rule: "unknown-field", Severity: lint.Warning, File: "stories/S-1 login page.md", Line: 0, Column: 0, Message: "m"},
		{Rule: "unknown-field", Severity: lint.Warning, File: "stories/100%:é\n.md", Line: 2, Column: 1, Message: "m"},
		{Rule: "unknown-field", Severity: lint.Warning, File: "stories/100%:é\n.md", Line: 3, Column: 1, Message: "m"},
	}, 2)
	for name, res := range map[string]*lint.Result{"broken": brokenResult(t), "clean": lint.NewResult(nil, 3), "hostile": hostile} {
		report := gitlabOf(t, res, "docs")
		for _, e := range jsonschematest.Validate(schema, report) {
			t.Errorf("%s: %s", name, e)
		}
		issues := report.([]any)
		if len(issues) != len(res.Diagnostics) {
			t.Errorf("%s: %d issues for %d findings", name, len(issues), len(res.Diagnostics))
		}
		seen := map[any]bool{}
		for i, issue := range issues {
			d := res.Diagnostics[i]
			fp := get(issue, "fingerprint")
			if seen[fp] {
				t.Errorf("%s: fingerprint %v twice", name, fp)
			}
			seen[fp] = true
			if get(issue, "location", "path") != "docs/"+d.File || get(issue, "check_name") != d.Rule || get(issue, "description") != d.Message {
				t.Errorf("%s: issue %d %v for %+v", name, i, issue, d)
			}
			if want := map[lint.Severity]string{lint.Error: "major", lint.Warning: "minor"}[d.Severity]; get(issue, "severity") != want {
				t.Errorf("%s: issue %d severity %v, want %s", name, i, get(issue, "severity"), want)
			}
		}
	}

	// The check must catch what GitLab would not read.
	report := gitlabOf(t, brokenResult(t), "")
	first := report.([]any)[0].(map[string]any)
	first["severity"] = "error"
	delete(first, "fingerprint")
	get(first, "location", "lines").(map[string]any)["begin"] = 0.0
	if errs := jsonschematest.Validate(schema, report); len(errs) != 3 {
		t.Errorf("schema check of a bad report found %d errors, want 3: %q", len(errs), errs)
	}
}

// TestGitLabFingerprint: the fingerprint is SARIF's, so it survives a
// finding moving to another line.
func TestGitLabFingerprint(t *testing.T) {
	d := lint.Diagnostic{Rule: "broken-reference", Severity: lint.Error, File: "stories/S-1.md", Line: 4, Column: 10, Message: "x"}
	moved := d
	moved.Line = 40
	a := get(gitlabOf(t, lint.NewResult([]lint.Diagnostic{d}, 1), "").([]any)[0], "fingerprint")
	b := get(gitlabOf(t, lint.NewResult([]lint.Diagnostic{moved}, 1), "").([]any)[0], "fingerprint")
	if a != b || a == "" {
		t.Errorf("fingerprints %v and %v", a, b)
	}
	if IsGenerated([]byte("[\n  {\"description\": \"x\"}\n]\n")) {
		t.Error("IsGenerated recognises a GitLab report, which carries no marker")
	}
}
