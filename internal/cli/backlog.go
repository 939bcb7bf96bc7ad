package cli

import (
	"cmp"
	"io"
	"slices"
	"strings"

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
		Use:   "backlog",
		Short: "Rank the open stories by " + modelList(func(m *priority.Model) string { return m.Title }) + ", dependencies first",
		Long: "backlog ranks the open stories by the model's score, highest first. Stories\n" +
			"without the model's inputs come after all scored ones, a story never ranks\n" +
			"above an open story it depends on, and ties break by roadmap horizon, then ID.\n" +
			"--roadmap, --goal and --limit select rows but keep each story's rank in the\n" +
			"whole backlog; --status chooses which stories the backlog holds.",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runBacklog(opts) },
	}
	f := cmd.Flags()
	opts.bind(cmd, "md", "md, json or csv")
	f.StringVar(&opts.Model, "model", "", "priority model: "+modelList(func(m *priority.Model) string { return m.Name })+
		" (default: priority.model, else "+config.Default().Priority.Model+")")
	f.StringSliceVar(&opts.Roadmap, "roadmap", nil, "only stories of these roadmap `items`")
	f.StringSliceVar(&opts.Goals, "goal", nil, "only stories whose roadmap item serves these `goals`")
	f.StringSliceVar(&opts.Statuses, "status", nil, "rank stories with these `statuses` (default: story.open)")
	f.IntVarP(&opts.Limit, "limit", "n", 0, "show at most `n` stories (0: all)")
	bindAt(cmd, g)
	return cmd
}

func runBacklog(opts *backlogOptions) error {
	write, err := pickFormat(opts.Format, []format[render.Backlog]{
		{"md", render.BacklogMarkdown}, {"json", render.BacklogJSON}, {"csv", render.BacklogCSV},
	})
	if err != nil {
		return err
	}
	if opts.Limit < 0 {
		return usageError("--limit must not be negative")
	}
	if opts.Model != "" {
		if err := priority.CheckModel(opts.Model); err != nil {
			return usageError("%v", err)
		}
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
	return opts.write(opts.Out, func(w io.Writer) error { return write(w, b) })
}

// modelList names the priority models, "a, b or c".
func modelList(name func(*priority.Model) string) string {
	var names []string
	for _, m := range priority.Models() {
		names = append(names, name(m))
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// check rejects filter values that name nothing, which would otherwise
// give an empty backlog that looks like "nothing to do".
func (o *backlogOptions) check(s *spec.Spec) error {
	var items, goals []string
	for _, it := range s.Items {
		items = append(items, it.ID)
	}
	for _, g := range s.Goals {
		goals = append(goals, g.ID)
	}
	cfg := s.Config
	return cmp.Or(
		checkIDs("roadmap item", o.Roadmap, func(id string) bool { return s.Item(id) != nil }, items),
		checkIDs("goal", o.Goals, func(id string) bool { return s.Goal(id) != nil }, goals),
		checkIDs("status", o.Statuses, func(st string) bool { return slices.Contains(cfg.Story.Statuses, st) }, cfg.Story.Statuses),
	)
}
