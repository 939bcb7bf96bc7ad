package cli

import (
	"cmp"
	"slices"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/spec"
)

type backlogOptions struct {
	reportOptions
	Model    string
	Roadmap  []string
	Goals    []string
	Statuses []string
	Limit    int
}

// NewCmdBacklog ranks the open stories.
func NewCmdBacklog(g *globalOptions) *cobra.Command {
	opts := &backlogOptions{reportOptions: reportOptions{globalOptions: g}}
	cmd := &cobra.Command{
		Use:     "backlog",
		Example: examples("prodspec backlog -C examples/acme-notes", "prodspec backlog -C examples/acme-notes --model wsjf -f csv", "prodspec backlog -C examples/acme-notes --goal G2 --limit 5 -f json"),
		Short:   "Rank the open stories by " + modelTitles() + ", dependencies first",
		Long: "backlog ranks the open stories by the model's score, highest first. Stories\n" +
			"without the model's inputs come after all scored ones, a story never ranks\n" +
			"above an open story it depends on, and ties break by roadmap horizon, then ID.\n" +
			"--roadmap, --goal and --limit select rows but keep each story's rank in the\n" +
			"whole backlog; --status chooses which stories the backlog holds.",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runBacklog(opts) },
	}
	f := cmd.Flags()
	opts.bind(cmd, render.BacklogFormats.Names())
	opts.preferOnTerminal(cmd, "table")
	bindChoice(cmd, &opts.Model, "model", "", "", "priority model",
		"priority model: "+joinOr(priority.Names())+" (default: priority.model, else "+config.Default().Priority.Model+")", priority.Names())
	f.StringSliceVar(&opts.Roadmap, "roadmap", nil, "only stories of these roadmap `items`")
	f.StringSliceVar(&opts.Goals, "goal", nil, "only stories whose roadmap item serves these `goals`")
	f.StringSliceVar(&opts.Statuses, "status", nil, "rank stories with these `statuses` (default: story.open)")
	f.IntVarP(&opts.Limit, "limit", "n", 0, "show at most `n` stories (0: all)")
	_ = cmd.RegisterFlagCompletionFunc("roadmap", completeIDs(g, roadmapIDs))
	_ = cmd.RegisterFlagCompletionFunc("goal", completeIDs(g, goalIDs))
	_ = cmd.RegisterFlagCompletionFunc("status", completeStatuses(g, spec.KindStory))
	bindAt(cmd, g)
	return cmd
}

func runBacklog(opts *backlogOptions) error {
	if opts.Limit < 0 {
		return usageError("--limit must not be negative")
	}
	s, err := loadForReport(opts.globalOptions)
	if err != nil {
		return err
	}
	if err := opts.check(s); err != nil {
		return err
	}
	model := opts.Model
	if model == "" {
		model = s.Config.Priority.Model
	}
	ranked, err := priority.Rank(s, model, priority.Options{
		Statuses: opts.Statuses, Roadmap: opts.Roadmap, Goals: opts.Goals, Limit: opts.Limit,
	})
	if err != nil {
		return usageError("%v", err)
	}
	b := render.Backlog{Title: title(s), Model: model, Items: ranked}
	return writeReport(&opts.reportOptions, render.BacklogFormats, b)
}

// modelTitles names the priority models as people write them: "RICE,
// WSJF or MoSCoW".
func modelTitles() string {
	var titles []string
	for _, m := range priority.Models() {
		titles = append(titles, m.Title)
	}
	return joinOr(titles)
}

// check rejects filter values that name nothing, which would otherwise
// give an empty backlog that looks like "nothing to do".
func (o *backlogOptions) check(s *spec.Spec) error {
	cfg := s.Config
	return cmp.Or(
		checkSlice(s, o.Roadmap, o.Goals),
		checkIDs("status", o.Statuses, func(st string) bool { return slices.Contains(cfg.Story.Statuses, st) }, cfg.Story.Statuses),
	)
}

// checkSlice rejects --roadmap and --goal values that name nothing.
func checkSlice(s *spec.Spec, roadmap, goals []string) error {
	var items, goalIDs []string
	for _, it := range s.Items {
		items = append(items, it.ID)
	}
	for _, g := range s.Goals {
		goalIDs = append(goalIDs, g.ID)
	}
	return cmp.Or(
		checkIDs("roadmap item", roadmap, func(id string) bool { return s.Item(id) != nil }, items),
		checkIDs("goal", goals, func(id string) bool { return s.Goal(id) != nil }, goalIDs),
	)
}
