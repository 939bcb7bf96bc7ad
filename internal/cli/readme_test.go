package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestREADMEQuotesTheReports: every line the README's reports section
// quotes from a report is a line that report prints on the examples today,
// so the README cannot fall behind the output.
func TestREADMEQuotesTheReports(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "\n## Reports")
	end := strings.Index(readme[start+1:], "\n## ")
	if start < 0 || end < 0 {
		t.Fatal("README.md has no reports section")
	}
	printed := map[string]bool{}
	for _, args := range [][]string{
		{"backlog", "-C", "../../examples/acme-notes"},
		{"status", "-C", "../../examples/acme-notes"},
		{"trace", "-C", "../../examples/acme-notes"},
		{"trace", "-C", "../../examples/broken"},
	} {
		var out bytes.Buffer
		Run(args, &Streams{Out: &out, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }})
		for _, line := range strings.Split(out.String(), "\n") {
			printed[line] = true
		}
	}
	for _, line := range quotedLines(readme[start : start+1+end]) {
		if line != "" && line != "…" && !printed[line] {
			t.Errorf("README.md quotes a line no report prints:\n%s", line)
		}
	}
}

// quotedLines are the lines of the fenced blocks without a language: the
// quoted output (```sh blocks are commands).
func quotedLines(md string) []string {
	var lines []string
	fenced, quoted := false, false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			fenced = !fenced
			quoted = fenced && line == "```"
		case quoted:
			lines = append(lines, line)
		}
	}
	return lines
}

// TestREADMEQuotesTheGitCommands: the git section quotes the golden
// outputs of testdata/script/git_example.txtar, which the script checks
// against real runs, so the README cannot fall behind them.
func TestREADMEQuotesTheGitCommands(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("../../testdata/script/git_example.txtar")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	start := strings.Index(readme, "\n## Git")
	if start < 0 {
		t.Fatal("README.md has no git section")
	}
	section := readme[start+1:]
	if end := strings.Index(section, "\n## Development"); end >= 0 {
		section = section[:end]
	}
	have := map[string]bool{}
	for _, line := range strings.Split(string(golden), "\n") {
		have[line] = true
	}
	quoted := quotedLines(section)
	if len(quoted) < 10 {
		t.Fatalf("the git section quotes %d lines; expected the example outputs", len(quoted))
	}
	for _, line := range quoted {
		if !have[line] {
			t.Errorf("README.md quotes a line git_example.txtar does not print:\n%s", line)
		}
	}
}
