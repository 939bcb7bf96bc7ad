package cli

import (
	"cmp"
	"regexp"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/render"
)

type metricsOptions struct {
	reportOptions
	Since   string
	Roadmap []string
	Goals   []string
}

// NewCmdMetrics reports flow metrics from git history.
func NewCmdMetrics(g *globalOptions) *cobra.Command {
	opts := &metricsOptions{reportOptions: reportOptions{globalOptions: g}}
	cmd := &cobra.Command{
		Use:   "metrics",
		Short: "Report lead and cycle times, throughput, aging work in progress and cumulative flow from git",
		Long: "metrics walks the commits that changed the spec, up to HEAD (or --at), whose date\n" +
			"is \"now\", and reports for the stories in the spec: lead time (created to\n" +
			"accepted) and cycle time (first in-progress status to accepted) of each story\n" +
			"accepted in the window, throughput per week, the stories in progress now with\n" +
			"their age against the 50th and 85th percentile cycle time, and the stories per\n" +
			"status and in progress at the end of each day. --since starts the window (a\n" +
			"date or a git ref; default: the first commit of the spec); --roadmap and --goal\n" +
			"choose the stories. Percentiles are nearest-rank. --format html draws them: a\n" +
			"burn-up per roadmap item with the range prodspec forecast gives it, cumulative\n" +
			"flow, a cycle-time scatter and the throughput histogram, as inline SVG.",
		Example: "  prodspec metrics -C examples/acme-notes\n" +
			"  prodspec metrics -C examples/acme-notes --roadmap R-1 -f json\n" +
			"  prodspec metrics -C examples/acme-notes -f html -o metrics.html",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runMetrics(opts) },
	}
	f := cmd.Flags()
	opts.bind(cmd, render.MetricsFormats.Names())
	f.StringVar(&opts.Since, "since", "", "start the window at `DATE|REF`: a date (YYYY-MM-DD, UTC) or a git ref's commit date")
	f.StringSliceVar(&opts.Roadmap, "roadmap", nil, "only stories of these roadmap `items`")
	f.StringSliceVar(&opts.Goals, "goal", nil, "only stories whose roadmap item serves these `goals`")
	bindAt(cmd, g)
	return cmd
}

func runMetrics(opts *metricsOptions) error {
	in, err := loadFlow(opts.globalOptions)
	if err != nil {
		return err
	}
	defer in.src.Close()
	m, err := newMetrics(in, opts)
	if err != nil {
		return err
	}
	return writeReport(&opts.reportOptions, render.MetricsFormats, m)
}

func newMetrics(in *flowInput, opts *metricsOptions) (render.Metrics, error) {
	sp := in.spec
	if err := checkSlice(sp, opts.Roadmap, opts.Goals); err != nil {
		return render.Metrics{}, err
	}
	from, err := in.since(opts.Since)
	if err != nil {
		return render.Metrics{}, err
	}
	slice := priority.Options{Roadmap: opts.Roadmap, Goals: opts.Goals}
	stories := slices.DeleteFunc(slices.Clone(in.stories), func(st flow.Story) bool { return !slice.Keep(sp.Story(st.ID)) })
	cfg, now := sp.Config, in.now()
	m := render.Metrics{Title: title(sp), At: in.at, Roadmap: opts.Roadmap, Goals: opts.Goals,
		Report: flow.Metrics(stories, in.stories, cfg, from, now)}
	of := func(keep func(flow.Story) bool) (flow.Summary, bool) {
		var part []flow.Story
		for _, st := range stories {
			if keep(st) {
				part = append(part, st)
			}
		}
		return flow.Summarize(part, cfg, from, now), len(part) > 0
	}
	for _, it := range sp.Items {
		if s, ok := of(func(st flow.Story) bool { return st.Roadmap == it.ID }); ok {
			m.Items = append(m.Items, render.SliceSummary{ID: it.ID, Title: it.Title, Summary: s})
		}
	}
	for _, g := range sp.Goals {
		if s, ok := of(func(st flow.Story) bool { return slices.Contains(st.Goals, g.ID) }); ok {
			m.ByGoal = append(m.ByGoal, render.SliceSummary{ID: g.ID, Title: g.Title, Summary: s})
		}
	}
	if opts.Format == "html" {
		if m.Charts, err = in.charts(opts.globalOptions, stories, from, now); err != nil {
			return render.Metrics{}, err
		}
	}
	return m, nil
}

// since is the start of the window --since names: a date, or a git ref's
// commit date; without it, when the first story appeared.
func (in *flowInput) since(arg string) (time.Time, error) {
	var from time.Time
	switch {
	case arg == "":
		from = cmp.Or(flow.Start(in.stories), in.now())
	case isDate(arg):
		t, err := parseDay("since", arg)
		if err != nil {
			return time.Time{}, err
		}
		from = t
	default:
		c, err := in.src.Resolve(arg)
		if err != nil {
			return time.Time{}, err
		}
		from = c.Committer.When.UTC()
	}
	if from.After(in.now()) {
		return time.Time{}, usageError("--since %s: %s is after %s, the date of %s", arg,
			from.Format(time.DateOnly), in.now().Format(time.DateOnly), in.at.Ref)
	}
	return from, nil
}

// isDate tells a --since date from a ref.
func isDate(s string) bool { return dateRe.MatchString(s) }

var dateRe = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
