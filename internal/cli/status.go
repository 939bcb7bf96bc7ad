package cli

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/report"
)

type statusOptions struct {
	*globalOptions
	outputOptions
	Format string
}

// NewCmdStatus reports progress per goal and roadmap item.
func NewCmdStatus(g *globalOptions) *cobra.Command {
	opts := &statusOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Report progress per goal and roadmap item",
		Long: "status counts stories by status per goal, per roadmap item and overall, with the\n" +
			"percentage accepted (accepted ÷ stories not rejected), points when stories have\n" +
			"estimates, and the roadmap items on the now horizon that have not started.\n" +
			"--format html writes one self-contained page with a bar chart.",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runStatus(opts) },
	}
	cmd.Flags().StringVarP(&opts.Format, "format", "f", "md", "output format: md, json or html")
	opts.outputOptions.bind(cmd)
	bindAt(cmd, g)
	return cmd
}

func runStatus(opts *statusOptions) error {
	write, err := pickFormat(opts.Format, []format[*report.StatusReport]{
		{"md", render.StatusMarkdown}, {"json", render.StatusJSON}, {"html", render.StatusHTML},
	})
	if err != nil {
		return err
	}
	s, err := loadForReport(opts.globalOptions)
	if err != nil {
		return err
	}
	r := report.Status(s)
	return opts.write(opts.Out, func(w io.Writer) error { return write(w, r) })
}
