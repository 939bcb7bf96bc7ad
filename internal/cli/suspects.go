package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/render"
)

// NewCmdSuspects lists the stories whose roadmap item changed in meaning
// after they last changed.
func NewCmdSuspects(g *globalOptions) *cobra.Command {
	opts := &reportOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "suspects",
		Short: "List the stories written before their roadmap item last changed in meaning",
		Long: "suspects walks the commits up to HEAD (or --at) and lists every story, not yet\n" +
			"accepted or rejected, whose roadmap item changed its title, goals or description\n" +
			"in a commit after the story's file last changed. A later commit that changes the\n" +
			"story clears it, and so does a commit whose message ends with a trailer naming it:\n" +
			"\n" +
			"    Reviewed: S-12, S-13\n" +
			"\n" +
			"Status and horizon changes say when, not what: they make no story suspect.",
		Example: examples("prodspec suspects -C examples/acme-notes",
			"prodspec suspects -C examples/acme-notes --format json",
			"prodspec suspects -C examples/acme-notes --format md"),
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runSuspects(opts) },
	}
	opts.bind(cmd, render.SuspectsFormats.Names())
	bindAt(cmd, g)
	return cmd
}

func runSuspects(opts *reportOptions) error {
	src, head, log, err := walkToHead(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	if unreadable := history.Unreadable(log.Steps); len(unreadable) > 0 {
		fmt.Fprintf(opts.Err, "prodspec: %s could not be read at %s, so a story in one is not judged: %s\n",
			count(len(unreadable), "spec file", "spec files"), head.Rev, unreadableList(unreadable, head.Rev))
	}
	return writeReport(opts, render.SuspectsFormats, history.AllSuspects(log, src.Config))
}
