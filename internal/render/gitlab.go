package render

import (
	"io"

	"github.com/prodspec/prodspec/internal/lint"
)

// gitlabIssue is one finding in GitLab's Code Quality report, the subset
// of the Code Climate issue that GitLab reads (docs.gitlab.com, "Code
// Quality report format"); testdata/gitlab-codequality-schema.json pins it.
type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

// LintGitLab writes a GitLab Code Quality report: a JSON array with one
// issue per finding, its path relative to the repository root through
// prefix (GitLab resolves paths against it, as GitHub does), and the
// fingerprint SARIF uses, stable when lines move, so GitLab's merge
// request widget tells new findings from old ones. An array has no place
// for prodspec's marker.
func LintGitLab(w io.Writer, res *lint.Result, prefix string) error {
	keys := findingKeys(res.Diagnostics, prefix)
	issues := make([]gitlabIssue, len(res.Diagnostics))
	for i, d := range res.Diagnostics {
		issues[i] = gitlabIssue{
			Description: d.Message,
			CheckName:   d.Rule,
			Fingerprint: keys[i],
			Severity:    gitlabSeverity(d.Severity),
			Location:    gitlabLocation{Path: repoPath(prefix, d.File), Lines: gitlabLines{Begin: max(d.Line, 1)}},
		}
	}
	return writeJSON(w, issues)
}

// gitlabSeverity maps a severity onto GitLab's scale (info, minor, major,
// critical, blocker): an error fails the pipeline, so it is major; a
// warning is minor. critical and blocker are left for security findings.
func gitlabSeverity(s lint.Severity) string {
	if s == lint.Error {
		return "major"
	}
	return "minor"
}
