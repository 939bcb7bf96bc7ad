package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/lint"
)

// SARIF constants. GitHub code scanning requires the schema URI and the
// version.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	infoURI      = "https://github.com/prodspec/prodspec"
	// ruleAnchor is the prefix of each rule's row in the README's rule
	// table (<a id="rule-NAME">), where the rule is described, so each
	// rule's helpUri opens its own row.
	ruleAnchor = infoURI + "#rule-"
	// srcRoot is the base that every artifact URI is relative to: the
	// repository root, which is what code scanning resolves paths against.
	srcRoot = "%SRCROOT%"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool     `json:"tool"`
	OriginalURIBaseIDs sarifBaseIDs  `json:"originalUriBaseIds"`
	Results            []sarifResult `json:"results"`
	ColumnKind         string        `json:"columnKind"`
	// Invocations are written only to say that results were left out.
	Invocations []sarifInvocation `json:"invocations,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

// sarifBaseIDs describes srcRoot without an absolute URI, which would
// differ between machines.
type sarifBaseIDs struct {
	SrcRoot sarifArtifactLoc `json:"%SRCROOT%"`
}

type sarifTool struct {
	Driver sarifComponent `json:"driver"`
}

type sarifComponent struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	Help                 sarifHelp     `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints sarifFingerprints `json:"partialFingerprints"`
}

// sarifFingerprints holds prodspec's own key, stable across line moves.
// It is not primaryLocationLineHash: upload-sarif computes that one
// itself from the text of the line and warns "inconsistent fingerprint"
// for every result that brings a different value
// (github/codeql-action#4052).
type sarifFingerprints struct {
	Finding string `json:"prodspecFinding/v1"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

// MaxSARIFResults is the most results GitHub code scanning accepts in one
// run; it rejects a log with more.
const MaxSARIFResults = 25000

// LintSARIF writes a SARIF 2.1.0 log for GitHub code scanning: every rule
// in rules is described (so alerts show their documentation even for rules
// that found nothing), and each finding's file is made relative to the
// repository root by prefix. version is prodspec's own version; "" or
// "(devel)" leaves it out so the log stays the same across builds. Past
// MaxSARIFResults, the most severe findings are kept and the run's
// invocation says how many were left out.
func LintSARIF(w io.Writer, res *lint.Result, rules []*lint.Rule, prefix, version string) error {
	// The driver's name is prodspec's marker in SARIF (see isSARIF).
	driver := sarifComponent{Name: Generator, InformationURI: infoURI, Rules: make([]sarifRule, len(rules))}
	driver.Version, driver.SemanticVersion = sarifVersions(version)
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.Name] = i
		driver.Rules[i] = sarifRuleOf(r)
	}
	keys := findingKeys(res.Diagnostics, prefix)
	kept := mostSevere(res.Diagnostics, MaxSARIFResults)
	results := make([]sarifResult, 0, len(kept))
	for _, n := range kept {
		d := res.Diagnostics[n]
		i, ok := index[d.Rule]
		if !ok {
			return fmt.Errorf("sarif: finding of unregistered rule %q", d.Rule)
		}
		results = append(results, sarifResult{
			RuleID:    d.Rule,
			RuleIndex: i,
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifactLoc{URI: uriPath(repoPath(prefix, d.File)), URIBaseID: srcRoot},
				Region:           sarifRegion{StartLine: max(d.Line, 1), StartColumn: max(d.Column, 1)},
			}}},
			PartialFingerprints: sarifFingerprints{keys[n]},
		})
	}
	run := sarifRun{
		Tool: sarifTool{Driver: driver},
		OriginalURIBaseIDs: sarifBaseIDs{
			SrcRoot: sarifArtifactLoc{Description: &sarifText{"The root of the repository that holds the spec."}},
		},
		Results: results,
		// Columns count characters, as YAML positions do.
		ColumnKind: "unicodeCodePoints",
	}
	if left := len(res.Diagnostics) - len(kept); left > 0 {
		run.Invocations = []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: []sarifNotification{{
			Level: "warning",
			Message: sarifText{fmt.Sprintf("%d of %d findings were left out, the least severe: GitHub code scanning accepts at most %d results in a run. Run prodspec lint to see them all.",
				left, len(res.Diagnostics), MaxSARIFResults)},
		}}}}
	}
	return writeJSON(w, sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// mostSevere returns the indexes of at most n of diags, errors before
// warnings, each kept in the order of diags.
func mostSevere(diags []lint.Diagnostic, n int) []int {
	var errs, rest []int
	for i, d := range diags {
		if d.Severity == lint.Error {
			errs = append(errs, i)
		} else {
			rest = append(rest, i)
		}
	}
	if len(errs) >= n {
		return errs[:n]
	}
	kept := append(errs, rest[:min(len(rest), n-len(errs))]...)
	slices.Sort(kept)
	return kept
}

func sarifRuleOf(r *lint.Rule) sarifRule {
	full := fmt.Sprintf("%s Default severity: %s.", r.Doc, r.Default)
	return sarifRule{
		ID:               r.Name,
		Name:             pascal(r.Name),
		ShortDescription: sarifText{r.Doc},
		FullDescription:  sarifText{full},
		Help: sarifHelp{
			Text: fmt.Sprintf("%s Change it in .prodspec.yaml with rules: {%s: error|warning|off}. See %s",
				full, r.Name, ruleAnchor+r.Name),
			Markdown: fmt.Sprintf("%s\n\nDefault severity: `%s`. Change it in `.prodspec.yaml` with `rules: {%s: error|warning|off}`. See [the rule](%s).",
				r.Doc, r.Default, r.Name, ruleAnchor+r.Name),
		},
		HelpURI:              ruleAnchor + r.Name,
		DefaultConfiguration: sarifRuleConf{Level: sarifLevel(r.Default)},
	}
}

// sarifLevel maps a severity to a SARIF level; off is "none".
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "none"
}

var semver = regexp.MustCompile(`^v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$`)

// sarifVersions returns the driver's version and, when it is one, its
// semantic version (without Go's leading "v").
func sarifVersions(v string) (version, semantic string) {
	if v == "" || v == "(devel)" {
		return "", ""
	}
	if m := semver.FindStringSubmatch(v); m != nil {
		return v, m[1]
	}
	return v, ""
}

// findingKeys are the findings' fingerprints, in the order of diags: a
// stable hash of what a finding is, not where it is, so code scanning and
// GitLab match an alert across runs when lines move. Identical findings
// in one file are told apart by their order (":1", ":2"), as GitHub's
// own fingerprints do.
func findingKeys(diags []lint.Diagnostic, prefix string) []string {
	keys := make([]string, len(diags))
	seen := map[string]int{}
	for i, d := range diags {
		sum := sha256.Sum256([]byte(d.Rule + "\x00" + repoPath(prefix, d.File) + "\x00" + d.Message))
		key := hex.EncodeToString(sum[:8])
		seen[key]++
		keys[i] = fmt.Sprintf("%s:%d", key, seen[key])
	}
	return keys
}

// pascal turns a rule name into SARIF's readable rule name:
// "broken-reference" -> "BrokenReference".
func pascal(name string) string {
	var sb strings.Builder
	for part := range strings.SplitSeq(name, "-") {
		if part != "" {
			sb.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return sb.String()
}

// repoPath is a spec-root-relative file as a repository-relative path.
func repoPath(prefix, file string) string {
	if prefix == "" {
		return file
	}
	return path.Join(prefix, file)
}

// uriPath is a repository-relative path as an RFC 3986 relative
// reference: every byte but the unreserved characters and "/" is
// percent-encoded, so spaces, "%", ":" (which would read as a scheme in
// the first segment), "#", "?", control and non-ASCII characters all
// survive as the same file name.
func uriPath(p string) string {
	const hexDigits = "0123456789ABCDEF"
	var sb strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '/' || c == '-' || c == '.' || c == '_' || c == '~' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			sb.WriteByte(c)
			continue
		}
		sb.WriteByte('%')
		sb.WriteByte(hexDigits[c>>4])
		sb.WriteByte(hexDigits[c&15])
	}
	return sb.String()
}
