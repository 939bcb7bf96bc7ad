package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/prodspec/prodspec/internal/ids"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/scaffold"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

// errAborted ends new when the user saved an empty file: nothing was
// written, as git commit does with an empty message.
var errAborted = &exitError{code: ExitFindings, err: fmt.Errorf("aborted: the file was saved empty; nothing written")}

// editNew opens the user's editor on the filled template, as git commit
// does with a message, until what they save lints without errors, and
// writes it. The findings of each round are put above the file as
// comments; an empty file aborts.
func editNew(opts *newOptions, src *source.Source, s *spec.Spec, it scaffold.Item, k newKind, used *ids.Set) (string, error) {
	data, err := it.Markdown(k.cfg)
	if err != nil {
		return "", runtimeError(err)
	}
	tmp, err := os.CreateTemp("", "prodspec-"+it.Kind+"-*.md")
	if err != nil {
		return "", runtimeError(err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	header := fmt.Sprintf("# The new %s %s: fill in its title and body, save and close the editor.\n"+
		"# Lines starting with # above the first --- are left out; an empty file aborts.\n", it.Kind, it.ID)
	for {
		if err := os.WriteFile(tmp.Name(), append([]byte(header), data...), 0o600); err != nil {
			return "", runtimeError(err)
		}
		if err := runEditor(opts, tmp.Name()); err != nil {
			return "", err
		}
		saved, err := os.ReadFile(tmp.Name())
		if err != nil {
			return "", runtimeError(err)
		}
		data = stripComments(saved)
		if len(bytes.TrimSpace(data)) == 0 {
			return "", errAborted
		}
		id, problem := savedID(s, used, it, data)
		rel, err := newPath(id, k.patterns)
		if err != nil {
			return "", err
		}
		var res *lint.Result
		if problem == "" {
			if res, err = lintProposed(src, s, map[string][]byte{rel: data}); err != nil {
				return "", err
			}
			if res.Errors == 0 {
				if err := reportProposed(opts.Err, res, rel); err != nil {
					return "", err
				}
				return writeNewFile(opts.Dir, id, data, k.patterns, opts.Err)
			}
		}
		header = findingsHeader(problem, res)
	}
}

// savedID is the ID of the file the user saved: the one new chose, or
// another one they wrote, which must be free too; problem says why not.
func savedID(s *spec.Spec, used *ids.Set, it scaffold.Item, data []byte) (id, problem string) {
	f := spec.ParseFile(s.Config, "new.md", data)
	switch {
	case f == nil:
		return it.ID, ""
	case f.Story != nil && f.Story.ID != "":
		id = f.Story.ID
	case f.Item != nil && f.Item.ID != "":
		id = f.Item.ID
	default:
		return it.ID, ""
	}
	if id == it.ID {
		return id, ""
	}
	if where, ok := used.Lookup(id); ok {
		return it.ID, fmt.Sprintf("%s is taken: %s uses it; keep %s or choose a free ID", id, where, it.ID)
	}
	if _, err := newPath(id, kindOf(s.Config, it.Kind).patterns); err != nil {
		return it.ID, err.Error()
	}
	return id, ""
}

// findingsHeader is what the editor shows above the file next time.
func findingsHeader(problem string, res *lint.Result) string {
	var b strings.Builder
	b.WriteString("# Not written yet: fix what lint found, save and close; an empty file aborts.\n")
	if problem != "" {
		fmt.Fprintf(&b, "# %s\n", problem)
	}
	if res != nil {
		for _, d := range res.Diagnostics {
			fmt.Fprintf(&b, "# line %d, column %d: %s: %s [%s]\n", d.Line, d.Column, d.Severity, d.Message, d.Rule)
		}
	}
	return b.String()
}

// stripComments leaves out the lines starting with # (and blank lines)
// above the front matter: headings below it are the body's own.
func stripComments(data []byte) []byte {
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 && t[0] != '#' {
			break
		}
		data = rest
	}
	return data
}

// runEditor runs $VISUAL, else $EDITOR, else vi on file, on the
// terminal, and waits for it. An editor given with arguments ("code
// --wait") runs through the shell, as git runs it.
func runEditor(opts *newOptions, file string) error {
	editor := opts.Getenv("VISUAL")
	if editor == "" {
		editor = opts.Getenv("EDITOR")
	}
	if editor == "" {
		editor = "vi"
	}
	cmd := exec.Command(editor, file)
	if strings.ContainsAny(editor, " \t'\"$\\") {
		cmd = exec.Command("sh", "-c", editor+` "$@"`, editor, file)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return runtimeError(fmt.Errorf("editor %q failed: %w; nothing written", editor, err))
	}
	return nil
}
