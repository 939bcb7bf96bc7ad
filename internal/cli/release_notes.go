package cli

import (
	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/render"
)

// NewCmdReleaseNotes lists the stories accepted between two refs.
func NewCmdReleaseNotes(g *globalOptions) *cobra.Command {
	opts := &reportOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:   "release-notes [FROM[..TO]]",
		Short: "List the stories accepted between two git refs",
		Long: "release-notes lists the stories whose status is the accepted status at TO and\n" +
			"was not at FROM (or that did not exist at FROM), grouped by roadmap item.\n" +
			"TO defaults to HEAD; with no argument, FROM is the greatest version tag\n" +
			"reachable from HEAD. FROM...TO starts from the merge base of the two.",
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error { return runReleaseNotes(opts, args) },
	}
	opts.bind(cmd, render.ReleaseNotesFormats.Names())
	return cmd
}

func runReleaseNotes(opts *reportOptions, args []string) error {
	src, err := openSource(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	repo, err := src.Repo()
	if err != nil {
		return err
	}
	arg := ""
	if len(args) == 1 {
		arg = args[0]
	} else {
		head, err := repo.Resolve("HEAD")
		if err != nil {
			return err
		}
		if arg, err = repo.LatestTag(head); err != nil {
			return err
		}
		if arg == "" {
			return usageError("no tag is reachable from HEAD: name the range, as in prodspec release-notes FROM..TO")
		}
	}
	from, to, err := repo.Range(arg, "HEAD")
	if err != nil {
		return err
	}
	end, err := src.FrontMatterAt(to)
	if err != nil {
		return err
	}
	if end, err = src.NonEmpty(end, to.Rev); err != nil {
		return err
	}
	notes, err := history.Range(repo, end, from, to, opts.Format == "json")
	if err != nil {
		return err
	}
	rn := render.ReleaseNotes{Spec: end, From: from.Rev, To: to.Rev,
		Notes: notes}
	return writeReport(opts, render.ReleaseNotesFormats, rn)
}
