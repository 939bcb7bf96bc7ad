package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
	"github.com/prodspec/prodspec/internal/specdiff"
)

// NewCmdDiff summarizes the product changes between two refs.
func NewCmdDiff(g *globalOptions) *cobra.Command {
	opts := &reportOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "diff BASE[..HEAD]",
		Example: examples("prodspec diff -C examples/acme-notes HEAD~1", "prodspec diff -C examples/acme-notes HEAD~1...HEAD -f json"),
		Short:   "Summarize the product changes between two git refs, for a pull request",
		Long: "diff compares the spec at BASE with the spec at HEAD (default: the work tree)\n" +
			"and lists goals, roadmap items and stories added or removed, status changes,\n" +
			"stories moved between roadmap items, changed priority inputs with the rank\n" +
			"moves they cause under the default model, acceptance criteria and titles,\n" +
			"and the stories not revisited since their roadmap item changed in meaning.\n" +
			"BASE...HEAD compares from the merge base, as a pull request does.",
		Args:              usageArgs(cobra.ExactArgs(1)),
		ValidArgsFunction: completeFirstArg(completeRefs(g)),
		RunE:              func(cmd *cobra.Command, args []string) error { return runDiff(opts, args[0]) },
	}
	opts.bind(cmd, render.DiffFormats.Names())
	return cmd
}

func runDiff(opts *reportOptions, arg string) error {
	src, repo, err := openRepo(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	from, to, err := repo.Range(arg, "")
	if err != nil {
		return err
	}
	var head *spec.Spec
	headEnd := render.DiffEnd{Name: "work tree"}
	if to == nil {
		head, err = src.WorkTree()
	} else {
		head, err = src.At(to)
		headEnd = render.DiffEnd{Name: to.Rev, Ref: to.Rev, Commit: to.Hash.String()}
	}
	if err != nil {
		return err
	}
	baseEnd := render.DiffEnd{Name: from.Rev, Ref: from.Rev, Commit: from.Hash.String()}
	if strings.Contains(arg, "...") { // the merge base has no name of its own
		baseEnd.Ref = arg
	}
	base, err := src.At(from)
	if err != nil {
		return err
	}
	model := head.Config.Priority.Model
	d := specdiff.Compare(base, head, func(s *spec.Spec) map[string]int {
		ranked, _ := priority.Rank(s, model, priority.Options{}) // the model comes from a checked config
		ranks := make(map[string]int, len(ranked))
		for _, r := range ranked {
			ranks[r.Story.ID] = r.Rank
		}
		return ranks
	})
	suspects, err := suspectsBetween(src, repo, from, to, head)
	if err != nil {
		return err
	}
	return writeReport(opts, render.DiffFormats, render.Diff{Diff: d, Base: baseEnd, Head: headEnd, Suspects: suspects})
}

// suspectsBetween lists the stories of head that the commits from..to
// made suspect; to nil is the work tree, whose commits end at HEAD (an
// edit not yet committed neither makes nor clears a suspect).
func suspectsBetween(src *source.Source, repo *gitsrc.Repo, from, to *gitsrc.Commit, head *spec.Spec) ([]history.Suspect, error) {
	if to == nil {
		var err error
		if to, err = src.Resolve("HEAD"); err != nil {
			return nil, err
		}
	}
	log, err := history.Read(repo, head.Config, from, to)
	if err != nil {
		return nil, err
	}
	return history.Suspects(log, head), nil
}
