package cli

import (
	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/report"
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
			"--format html writes one self-contained page with a bar chart.",
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
	r := report.Status(s)
	return writeReport(opts, render.StatusFormats, r)
}
