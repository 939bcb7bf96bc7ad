package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/jsonschematest"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// brokenResult lints examples/broken, where every rule but role-violation
// fires, so the log has a result of nearly every kind.
func brokenResult(t *testing.T) *lint.Result {
	t.Helper()
	dir := "../../examples/broken"
	s, err := spec.Load(os.DirFS(dir), config.Default())
	if err != nil {
		t.Fatal(err)
	}
	return lint.Run(s, lint.Options{})
}

func sarifOf(t *testing.T, res *lint.Result, prefix, version string) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	if err := LintSARIF(&buf, res, lint.Rules(), prefix, version); err != nil {
		t.Fatal(err)
	}
	var log map[string]any
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	return log
}

// TestSARIFSchema checks the log against the official SARIF 2.1.0 schema
// kept in testdata (see testdata/README.md), with the small subset of JSON
// Schema that jsonschematest knows.
func TestSARIFSchema(t *testing.T) {
	data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		res  *lint.Result
	}{
		{"broken", brokenResult(t)},
		{"clean", lint.NewResult(nil, 3)},
	} {
		log := sarifOf(t, c.res, "docs/spec", "v1.2.3")
		for _, e := range jsonschematest.Validate(schema, log) {
			t.Errorf("%s: %s", c.name, e)
		}
	}

	// The checker itself must catch what the schema forbids.
	log := sarifOf(t, brokenResult(t), "", "")
	result := get(log["runs"].([]any)[0], "results").([]any)[0].(map[string]any)
	result["level"] = "fatal"
	result["ruleID"] = "misspelt"
	get(result["locations"].([]any)[0], "physicalLocation", "region").(map[string]any)["startLine"] = 0.0
	if errs := jsonschematest.Validate(schema, log); len(errs) != 3 {
		t.Errorf("schema check of a bad log found %d errors, want 3: %q", len(errs), errs)
	}
}

// TestSARIFGitHub checks what GitHub code scanning requires beyond the
// schema (docs.github.com, "SARIF support for code scanning").
func TestSARIFGitHub(t *testing.T) {
	res := brokenResult(t)
	log := sarifOf(t, res, "docs/spec", "v1.2.3")
	if log["$schema"] != sarifSchema || log["version"] != "2.1.0" {
		t.Errorf("$schema %v, version %v", log["$schema"], log["version"])
	}
	runs := log["runs"].([]any)
	if len(runs) != 1 {
		t.Fatalf("%d runs, want 1", len(runs))
	}
	run := runs[0].(map[string]any)
	driver := get(run, "tool", "driver").(map[string]any)
	if driver["name"] != "prodspec" || driver["semanticVersion"] != "1.2.3" || driver["version"] != "v1.2.3" {
		t.Errorf("driver %v", driver)
	}
	rules := driver["rules"].([]any)
	if len(rules) != len(lint.Rules()) {
		t.Errorf("%d rules, want every registered rule (%d)", len(rules), len(lint.Rules()))
	}
	var ids []string
	for i, r := range rules {
		r := r.(map[string]any)
		id := r["id"].(string)
		if id != lint.Rules()[i].Name || slices.Contains(ids, id) {
			t.Errorf("rule %d: id %q", i, id)
		}
		ids = append(ids, id)
		for _, key := range []string{"shortDescription", "fullDescription", "help"} {
			if text, _ := get(r, key, "text").(string); text == "" || len(text) > 1024 {
				t.Errorf("rule %s: %s.text %q: want 1 to 1024 characters", id, key, text)
			}
		}
		if u, err := url.Parse(fmt.Sprint(r["helpUri"])); err != nil || u.Scheme != "https" || u.Fragment != "lint-rules" {
			t.Errorf("rule %s: helpUri %v, want the README's rule table", id, r["helpUri"])
		}
		if name := r["name"].(string); name == "" || name == id || len(name) > 255 {
			t.Errorf("rule %s: name %q", id, name)
		}
		if !slices.Contains([]any{"error", "warning", "note"}, get(r, "defaultConfiguration", "level")) {
			t.Errorf("rule %s: default level %v", id, get(r, "defaultConfiguration", "level"))
		}
	}
	results := run["results"].([]any)
	if len(results) != len(res.Diagnostics) {
		t.Fatalf("%d results for %d findings", len(results), len(res.Diagnostics))
	}
	prints := map[string]bool{}
	for i, r := range results {
		r := r.(map[string]any)
		d := res.Diagnostics[i]
		idx := int(r["ruleIndex"].(float64))
		if r["ruleId"] != d.Rule || ids[idx] != d.Rule {
			t.Errorf("result %d: ruleId %v, ruleIndex %d for %s", i, r["ruleId"], idx, d.Rule)
		}
		if r["level"] != string(d.Severity) || get(r, "message", "text") != d.Message {
			t.Errorf("result %d: level %v, message %v", i, r["level"], get(r, "message", "text"))
		}
		locs := r["locations"].([]any)
		if len(locs) != 1 {
			t.Errorf("result %d: %d locations, want 1", i, len(locs))
		}
		phys := get(locs[0].(map[string]any), "physicalLocation").(map[string]any)
		uri := get(phys, "artifactLocation", "uri").(string)
		if want := "docs/spec/" + d.File; uri != want || get(phys, "artifactLocation", "uriBaseId") != "%SRCROOT%" {
			t.Errorf("result %d: uri %q, want %q relative to %%SRCROOT%%", i, uri, want)
		}
		if u, err := url.Parse(uri); err != nil || u.IsAbs() || strings.HasPrefix(uri, "/") || strings.Contains(uri, "\\") {
			t.Errorf("result %d: uri %q is not a relative path", i, uri)
		}
		if get(phys, "region", "startLine") != float64(d.Line) || get(phys, "region", "startColumn") != float64(d.Column) {
			t.Errorf("result %d: region %v for %d:%d", i, phys["region"], d.Line, d.Column)
		}
		fp, _ := get(r, "partialFingerprints", "primaryLocationLineHash").(string)
		if fp == "" || prints[fp] {
			t.Errorf("result %d: fingerprint %q empty or not unique", i, fp)
		}
		prints[fp] = true
	}
}

// TestSARIFEmpty: a clean spec still has every rule, and results is [] (a
// missing or null results array means "not a scan" to code scanning).
func TestSARIFEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := LintSARIF(&buf, lint.NewResult(nil, 0), lint.Rules(), "", "(devel)"); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"results": []`)) {
		t.Errorf("results not an empty array:\n%s", buf.Bytes())
	}
	if bytes.Contains(buf.Bytes(), []byte(`"version": "(devel)"`)) {
		t.Error("a development build's version is written; the log would change between builds")
	}
	if !IsGenerated(buf.Bytes()) {
		t.Error("IsGenerated does not recognise a SARIF log")
	}
}

// TestSARIFFingerprint: the fingerprint ignores where a finding is (so an
// alert survives lines moving) but not what it says or where it is filed,
// and repeats of one finding in one file stay distinct.
func TestSARIFFingerprint(t *testing.T) {
	d := lint.Diagnostic{Rule: "broken-reference", Severity: lint.Error, File: "stories/S-1.md", Line: 4, Column: 10, Message: `story "S-9" does not exist`}
	fp := func(prefix string, ds ...lint.Diagnostic) []string {
		log := sarifOf(t, &lint.Result{Diagnostics: ds}, prefix, "")
		var out []string
		for _, r := range get(log["runs"].([]any)[0].(map[string]any), "results").([]any) {
			out = append(out, get(r.(map[string]any), "partialFingerprints", "primaryLocationLineHash").(string))
		}
		return out
	}
	moved := d
	moved.Line, moved.Column = 40, 3
	other := d
	other.Message = `story "S-8" does not exist`
	base := fp("", d)[0]
	if got := fp("", moved)[0]; got != base {
		t.Errorf("moved finding: fingerprint %s, want %s", got, base)
	}
	if got := fp("", other)[0]; got == base {
		t.Error("another message has the same fingerprint")
	}
	if got := fp("sub", d)[0]; got == base {
		t.Error("another file has the same fingerprint")
	}
	if twice := fp("", d, moved); twice[0] == twice[1] || twice[0] != base {
		t.Errorf("repeated finding: fingerprints %v", twice)
	}
}

func TestSARIFVersions(t *testing.T) {
	for _, c := range []struct{ in, version, semantic string }{
		{"", "", ""},
		{"(devel)", "", ""},
		{"v1.2.3", "v1.2.3", "1.2.3"},
		{"v0.0.0-20260101120000-abcdef123456+dirty", "v0.0.0-20260101120000-abcdef123456+dirty", "0.0.0-20260101120000-abcdef123456+dirty"},
		{"(devel) 0123abc", "(devel) 0123abc", ""},
	} {
		if v, s := sarifVersions(c.in); v != c.version || s != c.semantic {
			t.Errorf("sarifVersions(%q) = %q, %q; want %q, %q", c.in, v, s, c.version, c.semantic)
		}
	}
}

func get(v any, path ...string) any {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
