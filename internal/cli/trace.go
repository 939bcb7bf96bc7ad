package cli

import (
	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/report"
)

// NewCmdTrace shows what traces to what.
func NewCmdTrace(g *globalOptions) *cobra.Command {
	opts := &reportOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "trace",
		Example: examples("prodspec trace -C examples/acme-notes", "prodspec trace -C examples/acme-notes -f md"),
		Short:   "Show the goal → roadmap item → story tree, flagging untraced and broken links",
		Long: "trace prints each vision goal with the roadmap items that serve it and their\n" +
			"stories, then the items and stories that reach no goal, and flags every\n" +
			"reference to a goal, roadmap item or story that does not exist.\n" +
			"--format md adds a Mermaid graph that GitHub renders.",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runTrace(opts) },
	}
	opts.bind(cmd, render.TraceFormats.Names())
	bindAt(cmd, g)
	return cmd
}

func runTrace(opts *reportOptions) error {
	s, err := loadForReport(opts.globalOptions)
	if err != nil {
		return err
	}
	t := report.Trace(s)
	return writeReport(opts, render.TraceFormats, t)
}
