package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
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
			"author email and date, with the cycle time from first in progress to accepted.\n" +
			"For a roadmap item or a goal, it lists what each commit changed of it: added,\n" +
			"removed, status, horizon, title, goals, description.",
		Args:              usageArgs(cobra.MaximumNArgs(1)),
		ValidArgsFunction: completeFirstArg(completeIDs(g, storyIDs, roadmapIDs, goalIDs)),
		RunE:              func(cmd *cobra.Command, args []string) error { return runHistory(opts, args) },
	}
	opts.bind(cmd, render.HistoryFormats.Names())
	bindAt(cmd, g)
	return cmd
}

func runHistory(opts *reportOptions, args []string) error {
	src, head, log, err := walkToHead(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	cfg, steps := src.Config, log.Steps
	if len(args) == 1 {
		if tl, ok := history.TimelineOf(steps, args[0], cfg); ok {
			return writeReport(opts, render.HistoryFormats, render.History{Stories: []history.Timeline{tl}})
		}
	}
	h := render.History{Stories: history.Timelines(history.Transitions(steps), cfg)}
	unreadable := history.Unreadable(steps)
	if len(args) == 1 {
		if h, err = historyOf(h, steps, args[0], cfg); err != nil {
			if len(unreadable) > 0 {
				err = usageError("%v; it may be in %s that could not be read at %s: %s", err,
					count(len(unreadable), "spec file", "spec files"), head.Rev, unreadableList(unreadable, head.Rev))
			}
			return err
		}
	} else if len(unreadable) > 0 {
		fmt.Fprintf(opts.Err, "prodspec: %s could not be read at %s, so the history of a story in one may be incomplete: %s\n",
			count(len(unreadable), "spec file", "spec files"), head.Rev, unreadableList(unreadable, head.Rev))
	}
	return writeReport(opts, render.HistoryFormats, h)
}

// walkToHead opens the repository and walks every commit up to HEAD (or
// --at), once, for the commands that read all of history. The caller
// closes the source.
func walkToHead(g *globalOptions) (*source.Source, *gitsrc.Commit, *history.Log, error) {
	src, repo, err := openRepo(g)
	if err != nil {
		return nil, nil, nil, err
	}
	head, err := repo.Resolve(cmp.Or(g.At, "HEAD"))
	if err == nil {
		var log *history.Log
		if log, err = history.Read(repo, src.Config, nil, head); err == nil {
			if err = checkStoried(src, head, log.Steps); err == nil {
				return src, head, log, nil
			}
		}
	}
	src.Close()
	return nil, nil, nil, err
}

// checkStoried is nil when some step is about a story. Else the history
// is empty, which is an answer only from a spec that has no stories yet,
// not from a spec root where the spec is not (NoSpecError): the spec at
// head says which.
func checkStoried(src *source.Source, head *gitsrc.Commit, steps []history.Step) error {
	if history.AboutStories(steps) {
		return nil
	}
	sp, err := src.FrontMatterAt(head)
	if err == nil {
		_, err = src.NonEmpty(sp, head.Rev)
	}
	return err
}

// historyOf narrows h to the story, roadmap item or goal id: a story's
// timeline when there is one, else the item's or goal's changes, found
// in the same walk's steps. An unknown ID is named by the kind its
// pattern says it is.
func historyOf(h render.History, steps []history.Step, id string, cfg *config.Config) (render.History, error) {
	if i := slices.IndexFunc(h.Stories, func(tl history.Timeline) bool { return tl.ID == id }); i >= 0 {
		return render.History{Stories: h.Stories[i : i+1]}, nil
	}
	items := history.ItemTimelines(history.Revisions(steps))
	if i := slices.IndexFunc(items, func(tl history.ItemTimeline) bool { return tl.ID == id }); i >= 0 {
		return render.History{Items: items[i : i+1]}, nil
	}
	what, kind := "story", spec.KindStory
	switch {
	case cfg.RoadmapID().MatchString(id):
		what, kind = "roadmap item", spec.KindRoadmap
	case cfg.GoalID().MatchString(id):
		what, kind = "goal", spec.KindVision
	}
	var ids []string // to suggest, of the kind asked for
	for _, tl := range h.Stories {
		ids = append(ids, tl.ID)
	}
	if kind != spec.KindStory {
		ids = nil
		for _, tl := range items {
			if tl.Kind == kind {
				ids = append(ids, tl.ID)
			}
		}
	}
	return h, checkIDs(what, []string{id}, func(string) bool { return false }, ids)
}

// unreadableList names the first unreadable files at rev with why, "a.md
// (4:1: …), b.md (…)", and how many more there are and where lint lists
// them all: a real backlog can have dozens, and one line per run is
// enough to say so.
func unreadableList(files []history.UnreadableFile, rev string) string {
	const shown = 3
	var parts []string
	for _, f := range files[:min(len(files), shown)] {
		parts = append(parts, f.Path+" ("+f.Err+")")
	}
	list := strings.Join(parts, ", ")
	if n := len(files) - shown; n > 0 {
		list += fmt.Sprintf(", and %d more (prodspec lint --at %s lists them all)", n, rev)
	}
	return list
}
