package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/prodspec/prodspec/internal/lint"
)

// SARIF constants. GitHub code scanning requires the schema URI and the
// version; helpURI is the README's rule table, where every rule is described.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	infoURI      = "https://github.com/prodspec/prodspec"
	helpURI      = infoURI + "#lint-rules"
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

// sarifFingerprints uses the one key GitHub reads. Without it upload-sarif
// would hash the text of the reported line instead, and an alert would
// follow the line's text rather than the finding.
type sarifFingerprints struct {
	PrimaryLocationLineHash string `json:"primaryLocationLineHash"`
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

// LintSARIF writes a SARIF 2.1.0 log for GitHub code scanning: every rule
// in rules is described (so alerts show their documentation even for rules
// that found nothing), and each finding's file is made relative to the
// repository root by prefix. version is prodspec's own version; "" or
// "(devel)" leaves it out so the log stays the same across builds.
func LintSARIF(w io.Writer, res *lint.Result, rules []*lint.Rule, prefix, version string) error {
	// The driver's name is prodspec's marker in SARIF (see isSARIF).
	driver := sarifComponent{Name: Generator, InformationURI: infoURI, Rules: make([]sarifRule, len(rules))}
	driver.Version, driver.SemanticVersion = sarifVersions(version)
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.Name] = i
		driver.Rules[i] = sarifRuleOf(r)
	}
	results := make([]sarifResult, 0, len(res.Diagnostics))
	seen := map[string]int{}
	for _, d := range res.Diagnostics {
		i, ok := index[d.Rule]
		if !ok {
			return fmt.Errorf("sarif: finding of unregistered rule %q", d.Rule)
		}
		uri := repoPath(prefix, d.File)
		key := fingerprint(d.Rule, uri, d.Message)
		seen[key]++
		results = append(results, sarifResult{
			RuleID:    d.Rule,
			RuleIndex: i,
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifactLoc{URI: uri, URIBaseID: srcRoot},
				Region:           sarifRegion{StartLine: max(d.Line, 1), StartColumn: max(d.Column, 1)},
			}}},
			// Identical findings in one file are told apart by their
			// order, as GitHub's own fingerprints do.
			PartialFingerprints: sarifFingerprints{fmt.Sprintf("%s:%d", key, seen[key])},
		})
	}
	return writeJSON(w, sarifLog{
		Schema:  sarifSchema,
		Version: sarifVersion,
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: driver},
			OriginalURIBaseIDs: sarifBaseIDs{
				SrcRoot: sarifArtifactLoc{Description: &sarifText{"The root of the repository that holds the spec."}},
			},
			Results: results,
			// Columns count characters, as YAML positions do.
			ColumnKind: "unicodeCodePoints",
		}},
	})
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
				full, r.Name, helpURI),
			Markdown: fmt.Sprintf("%s\n\nDefault severity: `%s`. Change it in `.prodspec.yaml` with `rules: {%s: error|warning|off}`. See [the rules](%s).",
				r.Doc, r.Default, r.Name, helpURI),
		},
		HelpURI:              helpURI,
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

// fingerprint is a stable hash of what a finding is, not where it is, so
// code scanning matches an alert across runs when lines move.
func fingerprint(rule, uri, msg string) string {
	sum := sha256.Sum256([]byte(rule + "\x00" + uri + "\x00" + msg))
	return hex.EncodeToString(sum[:8])
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
