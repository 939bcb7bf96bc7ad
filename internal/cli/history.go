package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/render"
)

// NewCmdHistory lists the status transitions of stories from git.
func NewCmdHistory(g *globalOptions) *cobra.Command {
	opts := &reportOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "history [ID]",
		Example: examples("prodspec history -C examples/acme-notes", "prodspec history -C examples/acme-notes S-6 -f json"),
		Short:   "Show when each story changed status, in which commit and by whom",
		Long: "history walks the commits that changed the spec, up to HEAD (or --at), and\n" +
			"lists every status transition of one story, or of all: from, to, commit,\n" +
			"author email and date, with the cycle time from first in progress to accepted.",
		Args:              usageArgs(cobra.MaximumNArgs(1)),
		ValidArgsFunction: completeFirstArg(completeIDs(g, storyIDs)),
		RunE:              func(cmd *cobra.Command, args []string) error { return runHistory(opts, args) },
	}
	opts.bind(cmd, render.HistoryFormats.Names())
	bindAt(cmd, g)
	return cmd
}

func runHistory(opts *reportOptions, args []string) error {
	src, repo, err := openRepo(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	head, err := repo.Resolve(cmp.Or(opts.At, "HEAD"))
	if err != nil {
		return err
	}
	cfg := src.Config
	steps, err := history.Walk(repo, cfg, nil, head)
	if err != nil {
		return err
	}
	tls := history.Timelines(history.Transitions(steps), cfg)
	unreadable := history.Unreadable(steps)
	if len(args) == 1 {
		i := slices.IndexFunc(tls, func(tl history.Timeline) bool { return tl.ID == args[0] })
		if i < 0 {
			var ids []string
			for _, tl := range tls {
				ids = append(ids, tl.ID)
			}
			err := checkIDs("story", args, func(string) bool { return false }, ids)
			if len(unreadable) > 0 {
				err = usageError("%v; it may be in %s that could not be read at %s: %s", err,
					count(len(unreadable), "spec file", "spec files"), head.Rev, unreadableList(unreadable))
			}
			return err
		}
		tls = tls[i : i+1]
	} else if len(unreadable) > 0 {
		fmt.Fprintf(opts.Err, "prodspec: %s could not be read at %s, so the history of a story in one may be incomplete: %s\n",
			count(len(unreadable), "spec file", "spec files"), head.Rev, unreadableList(unreadable))
	}
	return writeReport(opts, render.HistoryFormats, tls)
}

// unreadableList names unreadable files with why: "a.md (4:1: …), b.md (…)".
func unreadableList(files []history.UnreadableFile) string {
	parts := make([]string, len(files))
	for i, f := range files {
		parts[i] = f.Path + " (" + f.Err + ")"
	}
	return strings.Join(parts, ", ")
}
