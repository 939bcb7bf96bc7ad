package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// TestControlCharactersEscaped: a file whose name holds a newline and
// ESC, and a message holding controls, give one line per finding in text
// and github output, with no control character left to forge a finding
// or colour a terminal.
func TestControlCharactersEscaped(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "stories"), 0o755); err != nil {
		t.Fatal(err)
	}
	name := "S-1.md\nS-2.md:1:1: error: forged [x]\x1b[31m.md"
	if err := os.WriteFile(filepath.Join(dir, "stories", name), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(os.DirFS(dir), config.Default())
	if err != nil {
		t.Fatal(err)
	}
	res := lint.Run(s, lint.Options{})
	res.Diagnostics = append(res.Diagnostics, lint.Diagnostic{Rule: "front-matter", Severity: lint.Error,
		File: "stories/S-3.md", Line: 1, Column: 1, Message: "tab\there, DEL\x7f, CSI\u009b, bell\a, bad \x9b byte"})

	var text, gh bytes.Buffer
	if err := LintText(&text, res); err != nil {
		t.Fatal(err)
	}
	if err := LintGitHub(&gh, res, "", false); err != nil {
		t.Fatal(err)
	}
	wantText := `stories/S-1.md\nS-2.md:1:1: error: forged [x]\x1b[31m.md:1:1: error: file is empty [front-matter]` + "\n" +
		`stories/S-3.md:1:1: error: tab\there, DEL\x7f, CSI\u009b, bell\a, bad ` + "\uFFFD" + ` byte [front-matter]` + "\n"
	if text.String() != wantText {
		t.Errorf("text:\n%q\nwant:\n%q", text.String(), wantText)
	}
	wantGH := `::error file=stories/S-1.md%0AS-2.md%3A1%3A1%3A error%3A forged [x]\x1b[31m.md,line=1,col=1,title=prodspec front-matter::file is empty` + "\n" +
		`::error file=stories/S-3.md,line=1,col=1,title=prodspec front-matter::tab\there, DEL\x7f, CSI\u009b, bell\a, bad ` + "\uFFFD" + ` byte` + "\n"
	if gh.String() != wantGH {
		t.Errorf("github:\n%q\nwant:\n%q", gh.String(), wantGH)
	}
	for _, out := range []string{text.String(), gh.String()} {
		if strings.Count(out, "\n") != 2 || strings.ContainsFunc(strings.TrimSuffix(out, "\n"), func(r rune) bool { return r != '\n' && isControl(r) }) {
			t.Errorf("output holds a control character or an extra line:\n%q", out)
		}
	}
}
