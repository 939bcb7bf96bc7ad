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
	schema := sarifSchemaDoc(t)
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
		if u, err := url.Parse(fmt.Sprint(r["helpUri"])); err != nil || u.Scheme != "https" || u.Fragment != "rule-"+id {
			t.Errorf("rule %s: helpUri %v, want the rule's row in the README", id, r["helpUri"])
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
		if _, ok := get(r, "partialFingerprints").(map[string]any)["primaryLocationLineHash"]; ok {
			t.Errorf("result %d: primaryLocationLineHash, which upload-sarif computes and warns about", i)
		}
		fp, _ := get(r, "partialFingerprints", fingerprintKey).(string)
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
			out = append(out, get(r.(map[string]any), "partialFingerprints", fingerprintKey).(string))
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

const fingerprintKey = "prodspecFinding/v1"

// TestSARIFHostileNames: every file name, however odd, is a valid
// RFC 3986 URI reference in artifactLocation.uri (the schema's
// uri-reference format) that decodes back to the same path.
func TestSARIFHostileNames(t *testing.T) {
	schema := sarifSchemaDoc(t)
	names := []string{
		"stories/S-1 login page.md",
		"stories/100%.md",
		"stories/%41.md",
		"a:b/S-2.md",
		"stories/c:d.md",
		"stories/Überblick über Ideen.md",
		"stories/日本語.md",
		"stories/line\nbreak.md",
		"stories/tab\there.md",
		"stories/q?x#y[z]&{w}.md",
		"stories/back\\slash.md",
		"stories/\"quote\" 'apos' <lt>.md",
	}
	var diags []lint.Diagnostic
	for _, name := range names {
		diags = append(diags, lint.Diagnostic{Rule: "unknown-field", Severity: lint.Warning, File: name, Line: 3, Column: 1, Message: "m"})
	}
	for _, prefix := range []string{"", "docs/my spec"} {
		log := sarifOf(t, lint.NewResult(diags, len(names)), prefix, "")
		for _, e := range jsonschematest.Validate(schema, log) {
			t.Errorf("prefix %q: %s", prefix, e)
		}
		for _, r := range get(log["runs"].([]any)[0], "results").([]any) {
			loc := r.(map[string]any)["locations"].([]any)[0]
			uri := get(loc, "physicalLocation", "artifactLocation", "uri").(string)
			file, err := url.PathUnescape(uri)
			// "a:b/S-2.md" would be a valid URI reference too, but one of
			// scheme "a": a relative reference must stay one.
			if u, _ := url.Parse(uri); u == nil || u.IsAbs() {
				t.Errorf("uri %q is not a relative reference", uri)
			}
			if err != nil || !slices.Contains(names, strings.TrimPrefix(file, prefix+"/")) {
				t.Errorf("uri %q decodes to %q (%v), not one of the names", uri, file, err)
			}
		}
	}
	// The checker itself must refuse what a raw name would be.
	for _, bad := range []string{"S-1 login.md", "100%.md", "é.md", "a\nb.md", "a[b].md"} {
		log := sarifOf(t, lint.NewResult(nil, 0), "", "")
		get(log["runs"].([]any)[0], "originalUriBaseIds", "%SRCROOT%").(map[string]any)["uri"] = bad
		if len(jsonschematest.Validate(schema, log)) == 0 {
			t.Errorf("the schema check takes %q as a URI reference", bad)
		}
	}
}

// TestSARIFCap: past GitHub's 25,000 results a run keeps the most severe
// and its invocation says how many were left out.
func TestSARIFCap(t *testing.T) {
	var diags []lint.Diagnostic
	for i := range MaxSARIFResults + 5 {
		diags = append(diags, lint.Diagnostic{Rule: "unknown-field", Severity: lint.Warning, File: "stories/S-1.md", Line: i + 1, Column: 1, Message: fmt.Sprint(i)})
	}
	for i := range 10 {
		diags = append(diags, lint.Diagnostic{Rule: "broken-reference", Severity: lint.Error, File: "stories/S-2.md", Line: i + 1, Column: 1, Message: fmt.Sprint(i)})
	}
	log := sarifOf(t, lint.NewResult(diags, 2), "", "")
	run := log["runs"].([]any)[0].(map[string]any)
	results := run["results"].([]any)
	if len(results) != MaxSARIFResults {
		t.Fatalf("%d results, want %d", len(results), MaxSARIFResults)
	}
	errs := 0
	for _, r := range results {
		if r.(map[string]any)["level"] == "error" {
			errs++
		}
	}
	if errs != 10 {
		t.Errorf("%d errors kept, want all 10", errs)
	}
	note := get(run["invocations"].([]any)[0], "toolExecutionNotifications").([]any)[0]
	if text := get(note, "message", "text").(string); !strings.HasPrefix(text, "15 of 25015 findings were left out") {
		t.Errorf("notification %q", text)
	}
	schema := sarifSchemaDoc(t)
	run["results"] = results[:3] // the schema check of 25,000 results is slow; their shape is the same
	for _, e := range jsonschematest.Validate(schema, log) {
		t.Error(e)
	}
	under := sarifOf(t, lint.NewResult(diags[:MaxSARIFResults], 1), "", "")
	if _, ok := under["runs"].([]any)[0].(map[string]any)["invocations"]; ok {
		t.Error("a log within the cap has invocations")
	}
}

// TestSARIFHelpAnchors: each rule's helpUri names an anchor that the
// README's rule table has.
func TestSARIFHelpAnchors(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range lint.Rules() {
		anchor := strings.TrimPrefix(sarifRuleOf(r).HelpURI, infoURI+"#")
		if !bytes.Contains(readme, []byte(`<a id="`+anchor+`"></a>`)) {
			t.Errorf("rule %s: README.md has no anchor %q", r.Name, anchor)
		}
	}
}

func sarifSchemaDoc(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	return schema
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
