package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/gittest"
)

// TestEveryCommandHasExamples walks the command tree, so a command added
// later is covered too: each has an Example; each example line runs, on
// a copy of examples/acme-notes with a git history of two commits, and
// exits 0 or 1 (never a usage or runtime error); and the README quotes
// each line in a ```sh block, so the README cannot fall behind --help.
func TestEveryCommandHasExamples(t *testing.T) {
	readme := readmeShellLines(t)
	dir := exampleRepo(t)
	t.Chdir(dir)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden {
				continue
			}
			t.Run(sub.CommandPath(), func(t *testing.T) { checkExamples(t, sub, readme) })
			walk(sub)
		}
	}
	root := NewRootCmd(&Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }})
	t.Run(root.CommandPath(), func(t *testing.T) { checkExamples(t, root, readme) })
	walk(root)
}

func checkExamples(t *testing.T, c *cobra.Command, readme map[string]bool) {
	if strings.TrimSpace(c.Example) == "" {
		t.Fatalf("%s has no Example in its help", c.CommandPath())
	}
	for _, line := range strings.Split(c.Example, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "prodspec ") {
			t.Errorf("example %q is not a prodspec command line", line)
			continue
		}
		if !readme[normalize(line)] {
			t.Errorf("README.md does not quote the example in a ```sh block:\n%s", line)
		}
		args := shellWords(line)[1:]
		var out, errb bytes.Buffer
		code := Run(args, &Streams{Out: &out, Err: &errb, Getenv: func(string) string { return "" }})
		if code != ExitOK && code != ExitFindings {
			t.Errorf("%s: exit %d\n%s", line, code, errb.String())
		}
	}
}

// exampleRepo copies examples/ into a repository whose first commit has
// S-6 in progress and whose second accepts it, as in the example spec,
// so that HEAD~1 and release notes have something to say.
func exampleRepo(t *testing.T) string {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "examples"), os.DirFS("../../examples")); err != nil {
		t.Fatal(err)
	}
	repo, err := gittest.Init(dir)
	if err != nil {
		t.Fatal(err)
	}
	s6 := filepath.Join(dir, "examples", "acme-notes", "stories", "S-6.md")
	accepted, err := os.ReadFile(s6)
	if err != nil {
		t.Fatal(err)
	}
	started := strings.Replace(string(accepted), "status: accepted", "status: in-progress", 1)
	for _, content := range []string{started, string(accepted)} {
		if err := os.WriteFile(s6, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := repo.Commit("the example spec", gittest.CommitOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readmeShellLines are the lines of the README's ```sh blocks, normalized.
func readmeShellLines(t *testing.T) map[string]bool {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	sh := false
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "```"):
			sh = !sh && line == "```sh"
		case sh:
			lines[normalize(line)] = true
		}
	}
	return lines
}

// normalize drops a trailing "# comment" and collapses spaces, so the
// README may align its comments.
func normalize(line string) string {
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	return strings.Join(strings.Fields(line), " ")
}

// shellWords splits a command line as a shell would for the simple lines
// of examples: words, '…' and "…" quoting; it stops at a redirection, a
// pipe or a comment, which the test does not need.
func shellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord, quote := false, rune(0)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case !inWord && strings.ContainsRune(">|#", r):
			return words
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
