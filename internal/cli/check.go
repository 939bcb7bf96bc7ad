package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/edit"
	"github.com/prodspec/prodspec/internal/parse"
)

type checkOptions struct {
	*globalOptions
	Undo bool
}

// NewCmdCheck ticks acceptance criteria of a story.
func NewCmdCheck(g *globalOptions) *cobra.Command {
	opts := &checkOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "check ID N|TEXT ...",
		Short: "Tick acceptance criteria of a story",
		Long: "check ticks acceptance criteria of the story ID: by number (1 for the first criterion\n" +
			"in the file, as set lists them) or by text (the exact text, else a piece of it that only\n" +
			"one criterion holds, case aside). --undo unticks them. Only the boxes change. Unticking a\n" +
			"criterion of an accepted story is refused, as lint would report it.",
		Example: examples("prodspec check -C examples/acme-notes S-14 2 3",
			"prodspec check -C examples/acme-notes S-14 'title matches'",
			"prodspec check -C examples/acme-notes S-14 --undo 1"),
		Args:              usageArgs(cobra.MinimumNArgs(2)),
		ValidArgsFunction: completeFirstArg(completeIDs(g, storyIDs)),
		RunE:              func(cmd *cobra.Command, args []string) error { return runCheck(opts, args[0], args[1:]) },
	}
	cmd.Flags().BoolVar(&opts.Undo, "undo", false, "untick the criteria instead")
	return cmd
}

func runCheck(opts *checkOptions, id string, which []string) error {
	src, s, err := loadSpec(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	f, err := itemFile(s, id)
	if err != nil {
		return err
	}
	if f.Story == nil {
		return usageError("%s is a roadmap item: only stories have acceptance criteria", id)
	}
	path := filepath.Join(opts.Dir, filepath.FromSlash(f.Path))
	old, err := os.ReadFile(path)
	if err != nil {
		return runtimeError(err)
	}
	// The criteria of the bytes about to be edited, not of the spec
	// loaded a moment before.
	crit := parse.Parse(old).Body.Criteria
	if len(crit) == 0 {
		return usageError("%s has no acceptance criteria: a task list (- [ ] ...) under an \"Acceptance criteria\" heading", id)
	}
	var picked []int
	for _, w := range which {
		i, err := pickCriterion(id, crit, w)
		if err != nil {
			return err
		}
		picked = append(picked, i)
	}
	out := old
	for _, i := range picked {
		if out, err = edit.Tick(out, crit[i], !opts.Undo); err != nil {
			return runtimeError(fmt.Errorf("%s:%w", f.Path, err))
		}
	}
	told, err := checkProposed(src, s, map[string][]byte{f.Path: out})
	if err != nil {
		return err
	}
	if err := insideRoot(opts.Dir, path); err != nil {
		return err
	}
	if err := replaceFileAtomic(path, old, out, opts.Err); err != nil {
		return err
	}
	for _, i := range picked {
		c := crit[i]
		note := ""
		if c.Checked != opts.Undo {
			note = " (already so)"
		}
		c.Checked = !opts.Undo
		fmt.Fprintf(opts.Out, "%s: %s%s\n", f.Path, criterionLine(i, c), note)
	}
	tell(opts.Err, told)
	return nil
}

// pickCriterion finds the criterion w names: a number from 1, the exact
// text, or a piece of the text only one criterion holds (case aside).
func pickCriterion(id string, crit []parse.Criterion, w string) (int, error) {
	if n, err := strconv.Atoi(w); err == nil {
		if n < 1 || n > len(crit) {
			return 0, usageError("%s has acceptance criteria 1 to %d, not %d:\n%s", id, len(crit), n, numbered(crit, nil))
		}
		return n - 1, nil
	}
	var exact, within []int
	for i, c := range crit {
		if c.Text == w {
			exact = append(exact, i)
		}
		if strings.Contains(strings.ToLower(c.Text), strings.ToLower(w)) {
			within = append(within, i)
		}
	}
	if len(exact) == 1 {
		return exact[0], nil
	}
	if len(exact) == 0 && len(within) == 1 {
		return within[0], nil
	}
	if len(within) == 0 {
		return 0, usageError("no acceptance criterion of %s holds %q:\n%s", id, w, numbered(crit, nil))
	}
	return 0, usageError("%q is in %d acceptance criteria of %s; name one by number:\n%s", w, len(within), id, numbered(crit, func(i int, _ parse.Criterion) bool { return slices.Contains(within, i) }))
}

// numbered lists criteria as check numbers them (1 for the first), one
// a line: those keep keeps, or all when keep is nil.
func numbered(crit []parse.Criterion, keep func(int, parse.Criterion) bool) string {
	var b strings.Builder
	for i, c := range crit {
		if keep == nil || keep(i, c) {
			fmt.Fprintf(&b, "  %s\n", criterionLine(i, c))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// criterionLine is "2. [ ] The note is saved": its number and its box.
func criterionLine(i int, c parse.Criterion) string {
	box := "[ ]"
	if c.Checked {
		box = "[x]"
	}
	return fmt.Sprintf("%d. %s %s", i+1, box, c.Text)
}
