package cli

import (
	"cmp"
	"fmt"
	"time"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/report"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

// flowInput is what metrics and forecast read from git: the spec at HEAD
// (or --at), its stories' paths through the statuses from the history
// walk up to that commit, and "now", the commit's date, never the wall
// clock, so the same repository gives the same report on any day.
type flowInput struct {
	src     *source.Source
	at      render.At
	spec    *spec.Spec
	stories []flow.Story
}

// loadFlow walks the history up to HEAD (or --at). The caller closes
// in.src.
func loadFlow(g *globalOptions) (*flowInput, error) {
	src, _, err := openRepo(g)
	if err != nil {
		return nil, err
	}
	in, err := readFlow(g, src)
	if err != nil {
		src.Close()
		return nil, err
	}
	return in, nil
}

func readFlow(g *globalOptions, src *source.Source) (*flowInput, error) {
	repo, err := src.Repo()
	if err != nil {
		return nil, err
	}
	head, err := repo.Resolve(cmp.Or(g.At, "HEAD"))
	if err != nil {
		return nil, err
	}
	steps, err := history.Walk(repo, src.Config, nil, head)
	if err != nil {
		return nil, err
	}
	// Front matter is all a metric needs: no markdown body is parsed.
	sp, err := src.FrontMatterAt(head)
	if err == nil {
		sp, err = src.NonEmpty(sp, head.Rev)
	}
	if err != nil {
		return nil, err
	}
	if bad := history.Unreadable(steps); len(bad) > 0 {
		fmt.Fprintf(g.Err, "prodspec: %s could not be read at %s, so a story in one may be missing: %s\n",
			count(len(bad), "spec file", "spec files"), head.Rev, unreadableList(bad, head.Rev))
	}
	tls := history.Timelines(history.Transitions(steps), src.Config)
	return &flowInput{
		src:     src,
		at:      render.At{Ref: head.Rev, Commit: head.Hash.String(), Date: head.Committer.When.UTC()},
		spec:    sp,
		stories: flow.FromHistory(tls, sp),
	}, nil
}

// now is the date of the commit the report is as of.
func (in *flowInput) now() time.Time { return in.at.Date }

// parseDay reads a DATE flag: 2006-01-02, midnight UTC.
func parseDay(flag, value string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, usageError("--%s %q: want a date, YYYY-MM-DD", flag, value)
	}
	return t, nil
}

// charts are what the html pictures draw besides the metrics of the
// stories: a burn-up per roadmap item of the spec that has some of them
// (in the spec's order), each with its dates from the forecast of the
// whole backlog, made as prodspec forecast makes it with the configured defaults.
func (in *flowInput) charts(g *globalOptions, stories []flow.Story, from, now time.Time) (*render.Charts, error) {
	cfg := in.spec.Config
	c := &render.Charts{}
	for _, st := range cfg.Story.Statuses {
		c.Categories = append(c.Categories, report.CategoryOf(cfg, st))
	}
	f, err := newForecast(in, defaultForecast(g, cfg))
	if err != nil {
		return nil, err
	}
	c.Forecast = f
	dates := map[string]*render.ItemForecast{}
	for i := range f.Items {
		dates[f.Items[i].ID] = &f.Items[i]
	}
	byItem := map[string][]flow.Story{}
	for _, st := range stories {
		byItem[st.Roadmap] = append(byItem[st.Roadmap], st)
	}
	for _, it := range in.spec.Items {
		part := byItem[it.ID]
		if len(part) == 0 {
			continue
		}
		b := render.NewBurnup(it.ID, it.Title, flow.CumulativeFlow(part, cfg, from, now), c.Categories)
		b.Forecast = dates[it.ID]
		c.Burnups = append(c.Burnups, b)
		delete(byItem, it.ID) // an ID twice in the spec (a lint error) draws once
	}
	return c, nil
}
