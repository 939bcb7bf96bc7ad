package cli

import (
	"cmp"
	"errors"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/report"
	"github.com/prodspec/prodspec/internal/source"
)

// NewCmdStatus reports progress per goal and roadmap item.
func NewCmdStatus(g *globalOptions) *cobra.Command {
	opts := &reportOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "status",
		Example: examples("prodspec status -C examples/acme-notes", "prodspec status -C examples/acme-notes -f html -o status.html"),
		Short:   "Report progress per goal and roadmap item",
		Long: "status counts stories by status per goal, per roadmap item and overall, with the\n" +
			"percentage accepted (accepted ÷ stories not rejected), points when stories have\n" +
			"estimates, and the roadmap items on the now horizon that have not started.\n" +
			"--format html writes one self-contained page with a bar chart and, in a git\n" +
			"repository, the flow pictures of metrics --format html up to HEAD (or --at).",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runStatus(opts) },
	}
	opts.bind(cmd, render.StatusFormats.Names())
	opts.preferOnTerminal(cmd, "table")
	bindAt(cmd, g)
	return cmd
}

func runStatus(opts *reportOptions) error {
	s, err := loadForReport(opts.globalOptions)
	if err != nil {
		return err
	}
	st := render.Status{StatusReport: report.Status(s)}
	if opts.Format == "html" {
		if st.Flow, st.NoFlow, err = statusFlow(opts.globalOptions); err != nil {
			return err
		}
	}
	return writeReport(opts, render.StatusFormats, st)
}

// statusFlow is the flow of every story of the spec, from the history up
// to HEAD (or --at), for the html page to draw. A spec that has no
// history to read (not in a git repository, no commit yet, not committed)
// still gets its page: without the flow, and saying why.
func statusFlow(g *globalOptions) (*render.StatusFlow, string, error) {
	in, err := loadFlow(g)
	var notRepo *source.NotInRepoError
	var noSpec *source.NoSpecError
	var unknown *gitsrc.UnknownRevError
	switch {
	case errors.As(err, &notRepo):
		return nil, "No flow pictures: " + notRepo.Error() + ", and they come from its history.", nil
	case errors.As(err, &noSpec):
		return nil, "No flow pictures: the spec is not committed at " + cmp.Or(g.At, "HEAD") + ", and they come from its history.", nil
	case errors.As(err, &unknown) && unknown.Empty && g.At == "":
		return nil, "No flow pictures: the repository has no commits yet, and they come from its history.", nil
	case err != nil:
		return nil, "", err
	}
	defer in.src.Close()
	from, now := cmp.Or(flow.Start(in.stories), in.now()), in.now()
	c, err := in.charts(g, in.stories, from, now)
	if err != nil {
		return nil, "", err
	}
	return &render.StatusFlow{At: in.at, Report: flow.Metrics(in.stories, in.stories, in.spec.Config, from, now), Charts: *c,
		WorkTree: g.At == ""}, "", nil
}
