package cli

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/render"
)

type forecastOptions struct {
	reportOptions
	Weeks       int
	Per         string
	Trials      int
	MinAccepted int
	By          string
	Model       string
}

// horizonDays is how far a simulated future runs: ten years. A roadmap
// item not done by then is "after" that day, which bounds the work of a
// team with almost no throughput.
const horizonDays = 3653

// NewCmdForecast forecasts when the open roadmap items will be done.
func NewCmdForecast(g *globalOptions) *cobra.Command {
	opts := &forecastOptions{reportOptions: reportOptions{globalOptions: g}}
	cmd := &cobra.Command{
		Use:   "forecast",
		Short: "Forecast when each open roadmap item will be done, by Monte Carlo over the team's throughput",
		Long: "forecast draws futures at random from the team's own throughput: the stories\n" +
			"accepted per day (or --per week) in the --weeks before HEAD's commit date (or\n" +
			"--at's). For each roadmap item with open stories it gives the days by which, in\n" +
			"50%, 85% and 95% of --trials futures, every open story ranked on the backlog up\n" +
			"to the item's last one is accepted; with --by, how many stories will be accepted\n" +
			"by that date. The generator's seed is fixed: the same repository gives the same\n" +
			"forecast. With fewer than --min-accepted stories accepted in the window there is\n" +
			"no forecast, only the assumptions and \"not enough history\" (exit 1).",
		Example: "  prodspec forecast -C examples/acme-notes --min-accepted 1\n" +
			"  prodspec forecast -C examples/acme-notes --min-accepted 1 --per week --by 2026-06-30 -f json",
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error { return runForecast(opts, cmd.Flags().Changed) },
	}
	f := cmd.Flags()
	opts.bind(cmd, render.ForecastFormats.Names())
	d := config.Default().Forecast
	f.IntVar(&opts.Weeks, "weeks", 0, fmt.Sprintf("sample the throughput of the last `n` weeks (default: forecast.weeks, else %d)", d.Weeks))
	bindChoice(cmd, &opts.Per, "per", "", "", "throughput period",
		fmt.Sprintf("sample throughput per day or per week (default: forecast.per, else %s)", d.Per), config.Periods)
	f.IntVar(&opts.Trials, "trials", 0, fmt.Sprintf("simulate `n` futures (default: forecast.trials, else %d)", d.Trials))
	f.IntVar(&opts.MinAccepted, "min-accepted", 0,
		fmt.Sprintf("forecast only from at least `n` stories accepted in the window (default: forecast.min_accepted, else %d)", d.MinAccepted))
	f.StringVar(&opts.By, "by", "", "also say how many stories will be accepted by `DATE` (YYYY-MM-DD)")
	bindChoice(cmd, &opts.Model, "model", "", "", "priority model",
		"backlog order: "+joinOr(priority.Names())+" (default: priority.model, else "+config.Default().Priority.Model+")", priority.Names())
	bindAt(cmd, g)
	return cmd
}

func runForecast(opts *forecastOptions, changed func(flag string) bool) error {
	in, err := loadFlow(opts.globalOptions)
	if err != nil {
		return err
	}
	defer in.src.Close()
	opts.settle(in.spec.Config.Forecast, changed)
	if err := opts.check(); err != nil {
		return err
	}
	f, err := newForecast(in, opts)
	if err != nil {
		return err
	}
	if err := writeReport(&opts.reportOptions, render.ForecastFormats, f); err != nil {
		return err
	}
	if !f.Enough { // the report says so too; the exit code tells a script
		msg := []rune(f.NotEnough())
		msg[0] = unicode.ToLower(msg[0])
		return &exitError{code: ExitFindings, err: errors.New(string(msg))}
	}
	return nil
}

func (o *forecastOptions) check() error {
	switch {
	case o.Weeks < 1:
		return usageError("--weeks must be at least 1")
	case o.Trials < 1 || o.Trials > 1_000_000:
		return usageError("--trials must be from 1 to 1000000")
	case o.MinAccepted < 1:
		return usageError("--min-accepted must be at least 1: a forecast needs some throughput")
	}
	return nil
}

// settle takes each setting its flag did not give from the
// configuration's forecast section.
func (o *forecastOptions) settle(cfg config.ForecastConfig, changed func(flag string) bool) {
	if !changed("weeks") {
		o.Weeks = cfg.Weeks
	}
	if !changed("per") {
		o.Per = cfg.Per
	}
	if !changed("trials") {
		o.Trials = cfg.Trials
	}
	if !changed("min-accepted") {
		o.MinAccepted = cfg.MinAccepted
	}
}

// defaultForecast is the forecast the configuration sets, for the
// burn-up charts that status and metrics draw.
func defaultForecast(g *globalOptions, cfg *config.Config) *forecastOptions {
	o := &forecastOptions{reportOptions: reportOptions{globalOptions: g}}
	o.settle(cfg.Forecast, func(string) bool { return false })
	return o
}

// newForecast simulates the open roadmap items of the spec: each item's
// target is the backlog rank of its last open story.
func newForecast(in *flowInput, opts *forecastOptions) (render.Forecast, error) {
	sp := in.spec
	model := cmp.Or(opts.Model, sp.Config.Priority.Model)
	period := 1
	if opts.Per == "week" {
		period = 7
	}
	now := in.now()
	sample := flow.Throughput(in.stories, sp.Config, now, opts.Weeks*7/period, period)
	f := render.Forecast{Title: title(sp), At: in.at, Model: model, Sample: sample, Weeks: opts.Weeks, Trials: opts.Trials,
		MinAccepted: opts.MinAccepted, Horizon: flow.DayOf(now) + horizonDays/flow.Day(period)*flow.Day(period)}
	var by flow.Day
	if opts.By != "" {
		t, err := parseDay("by", opts.By)
		if err != nil {
			return f, err
		}
		if by = flow.DayOf(t); by <= flow.DayOf(now) {
			return f, usageError("--by %s is not after %s, the date of %s", opts.By, flow.DayOf(now), in.at.Ref)
		}
	}
	ranked, err := priority.Rank(sp, model, priority.Options{})
	if err != nil {
		return f, usageError("%v", err)
	}
	f.Items = openItems(ranked)
	if len(ranked) > 0 {
		f.Backlog = &render.ItemForecast{Open: len(ranked), Through: len(ranked), Last: ranked[len(ranked)-1].Story.ID}
	}
	if f.Enough = sample.Accepted() >= opts.MinAccepted; !f.Enough {
		f.Items, f.Backlog = nil, nil
		return f, nil
	}
	sim := flow.Simulation{Counts: sample.Counts, Trials: opts.Trials, MaxPeriods: horizonDays / period}
	items := slices.Clone(f.Items)
	if f.Backlog != nil {
		items = append(items, *f.Backlog)
	}
	targets := make([]int, len(items))
	for i, it := range items {
		targets[i] = it.Through
	}
	for i, periods := range sim.When(targets, render.Percents) {
		it := &items[i]
		for _, p := range periods {
			it.Days = append(it.Days, flow.DayOf(now)+flow.Day(p*period))
			it.Later = append(it.Later, p == flow.Later)
		}
	}
	copy(f.Items, items)
	if f.Backlog != nil {
		f.Backlog = &items[len(items)-1]
	}
	if opts.By != "" {
		n := int(by-flow.DayOf(now)) / period
		f.By = &render.HowMany{Date: by, Periods: n, Stories: sim.HowMany(n, render.Percents)}
	}
	return f, nil
}

// openItems are the roadmap items with open stories on the backlog, in
// the order they will be done: by the rank of their last open story. A
// story that serves no existing item still takes its turn.
func openItems(ranked []priority.Ranked) []render.ItemForecast {
	index := map[string]int{}
	var out []render.ItemForecast
	for _, r := range ranked {
		item := r.Story.Item
		if item == nil {
			continue
		}
		i, ok := index[item.ID]
		if !ok {
			i = len(out)
			index[item.ID] = i
			out = append(out, render.ItemForecast{ID: item.ID, Title: item.Title})
		}
		out[i].Open++
		out[i].Through, out[i].Last = r.Rank, r.Story.ID
	}
	slices.SortFunc(out, func(a, b render.ItemForecast) int {
		return cmp.Or(cmp.Compare(a.Through, b.Through), names.Compare(a.ID, b.ID))
	})
	return out
}
