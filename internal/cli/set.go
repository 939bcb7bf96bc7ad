package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/edit"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

type setOptions struct {
	*globalOptions
	Unset []string
	Force bool
}

// NewCmdSet changes front-matter values of a story or roadmap item in place.
func NewCmdSet(g *globalOptions) *cobra.Command {
	opts := &setOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "set ID key=value ...",
		Short: "Change a story's or roadmap item's front-matter values in place",
		Long: "set changes front-matter values of the story or roadmap item ID, and only those: every\n" +
			"other byte of the file (comments, key order, quoting, line endings, the body) stays.\n" +
			"  key=value      set a value; a missing key is added where fmt would put it\n" +
			"  a.b=value      set a key of a nested mapping (rice.reach=800), made if missing\n" +
			"  key=a,b        set a list (labels, depends_on, goals) to these items\n" +
			"  key+=a,b       add items to a list; key-=a,b takes them out\n" +
			"  --unset key    remove a key\n" +
			"Keys are prodspec's names or the ones the configuration aliases. Values are checked as\n" +
			"lint checks them, with the edited file in place, before anything is written: a change\n" +
			"that brings a new lint error into the file is refused (exit 2). Setting a story to the\n" +
			"accepted status refuses while an acceptance criterion is unchecked (--force accepts\n" +
			"anyway and says so). The ID itself is changed with prodspec mv.",
		Example: examples("prodspec set -C examples/acme-notes S-14 status=in-progress estimate=5",
			"prodspec set -C examples/acme-notes S-14 rice.reach=2000 labels+=capture",
			"prodspec set -C examples/acme-notes S-14 --unset estimate"),
		Args:              usageArgs(cobra.MinimumNArgs(1)),
		ValidArgsFunction: completeFirstArg(completeIDs(g, storyIDs, roadmapIDs)),
		RunE:              func(cmd *cobra.Command, args []string) error { return runSet(opts, args[0], args[1:]) },
	}
	cmd.Flags().StringArrayVar(&opts.Unset, "unset", nil, "remove `key` (repeatable)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "accept a story whose acceptance criteria are not all checked")
	return cmd
}

func runSet(opts *setOptions, id string, args []string) error {
	changes, err := parseChanges(args, opts.Unset)
	if err != nil {
		return err
	}
	src, s, err := loadSpec(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	f, err := itemFile(s, id)
	if err != nil {
		return err
	}
	ef, err := openEdited(opts.Dir, s.Config, f)
	if err != nil {
		return err
	}
	var results []edit.Result
	for _, c := range changes {
		r, err := ef.doc.Apply(c)
		if err != nil {
			return editError(f.Path, err)
		}
		results = append(results, r)
	}
	told, err := checkProposed(src, s, map[string][]byte{f.Path: ef.doc.Bytes()}, "unmet-acceptance")
	if err != nil {
		return err
	}
	unmet, told := splitRule(told, "unmet-acceptance")
	if len(unmet) > 0 && !opts.Force {
		return usageError("%s not set to %s: it has %s:\n%stick them with prodspec check %s N..., or use --force to accept it anyway",
			id, s.Config.Story.Accepted, criteriaCount(len(unmet)), unchecked(s.Story(id)), id)
	}
	if err := writeEdited(ef, opts.Err); err != nil {
		return err
	}
	for _, r := range results {
		fmt.Fprintf(opts.Out, "%s: %s\n", f.Path, describe(r))
	}
	if len(unmet) > 0 {
		fmt.Fprintf(opts.Err, "prodspec: %s accepted with %s (--force); lint will report them [unmet-acceptance]:\n%s",
			id, criteriaCount(len(unmet)), unchecked(s.Story(id)))
	}
	tell(opts.Err, told)
	if accepts(s.Config, results) {
		warnNotProductOwner(src, s.Config, id, opts.Err)
	}
	return nil
}

// parseChanges reads key=value arguments and --unset keys. The ID is
// mv's to change: it renames the file and every reference with it.
func parseChanges(args, unset []string) ([]edit.Change, error) {
	var out []edit.Change
	for _, a := range args {
		c, err := edit.ParseChange(a)
		if err != nil {
			return nil, usageError("%v", err)
		}
		out = append(out, c)
	}
	for _, k := range unset {
		out = append(out, edit.Change{Key: k, Op: edit.Unset})
	}
	if len(out) == 0 {
		return nil, usageError("nothing to set: give key=value, key+=items, key-=items or --unset key")
	}
	for _, c := range out {
		if c.Key == "id" {
			return nil, usageError("set does not change an ID: use prodspec mv, which also renames the file and every reference")
		}
	}
	return out, nil
}

// describe is one line of set's report: "status: ready → done".
func describe(r edit.Result) string {
	old, now := r.Old, r.New
	switch {
	case old == now:
		return r.Key + ": " + now + " (unchanged)"
	case old == "":
		old = "(none)"
	case now == "":
		now = "(removed)"
	}
	return r.Key + ": " + old + " → " + now
}

// splitRule separates the findings of rule from the others.
func splitRule(diags []lint.Diagnostic, rule string) (of, others []lint.Diagnostic) {
	for _, d := range diags {
		if d.Rule == rule {
			of = append(of, d)
		} else {
			others = append(others, d)
		}
	}
	return of, others
}

func criteriaCount(n int) string {
	if n == 1 {
		return "1 unchecked acceptance criterion"
	}
	return fmt.Sprintf("%d unchecked acceptance criteria", n)
}

// unchecked lists the unchecked criteria of st, one a line.
func unchecked(st *spec.Story) string {
	return numbered(st.Criteria, func(_ int, c parse.Criterion) bool { return !c.Checked }) + "\n"
}

// accepts reports whether the changes set a story's status to the
// accepted one.
func accepts(cfg *config.Config, results []edit.Result) bool {
	for _, r := range results {
		if r.Key == cfg.Field("status") && r.Old != r.New && cfg.IsAccepted(cfg.Value("status", r.New)) {
			return true
		}
	}
	return false
}

// warnNotProductOwner warns, when roles are configured, that the commit
// accepting the story will not be a product owner's if git's user.email
// is not one: lint --base reports such an acceptance (role-violation).
func warnNotProductOwner(src *source.Source, cfg *config.Config, id string, w io.Writer) {
	if len(cfg.Roles.ProductOwners) == 0 {
		return
	}
	repo, _ := src.Repo() // outside a repository: the global user.email
	email := gitsrc.UserEmail(repo)
	if config.IsIn(cfg.Roles.ProductOwners, email) {
		return
	}
	who := "git user.email " + email + " is not a product owner"
	if email == "" {
		who = "git has no user.email to tell a product owner by"
	}
	fmt.Fprintf(w, "prodspec: warning: %s (roles.product_owners): if you commit the acceptance of %s, "+
		"lint --base will report it [role-violation]\n", who, id)
}

// writeEdited writes an edited file back, atomically, inside the spec
// root, and only if it still holds what was read.
func writeEdited(ef *editedFile, note io.Writer) error {
	if err := insideRoot(ef.root, ef.path); err != nil {
		return err
	}
	return replaceFileAtomic(ef.path, ef.old, ef.doc.Bytes(), note)
}
