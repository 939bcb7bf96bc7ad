package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/scaffold"
	"github.com/prodspec/prodspec/internal/spec"
)

type newOptions struct {
	*globalOptions
	item scaffold.Item
}

// NewCmdNew adds a story or roadmap item with a fresh ID.
func NewCmdNew(g *globalOptions) *cobra.Command {
	opts := &newOptions{globalOptions: g}
	cmd := &cobra.Command{
		Use:     "new story|roadmap --title TITLE",
		Example: examples(`prodspec new story -C examples/acme-notes --title "Export to PDF" --roadmap R-1`, "prodspec new roadmap -C examples/acme-notes --title Sync --goal G1 --horizon next"),
		Short:   "Add a story or roadmap item with a fresh ID",
		Long: "new writes a story or roadmap item with the next free ID (one past the highest\n" +
			"existing one) into the directory of the kind's first path pattern, and prints its path.\n" +
			"It never replaces an existing file.",
		Args:      usageArgs(cobra.ExactArgs(1)),
		ValidArgs: []string{"story", "roadmap"},
		RunE:      func(cmd *cobra.Command, args []string) error { return runNew(opts, cmd.ValidArgs, args[0]) },
	}
	f := cmd.Flags()
	f.StringVar(&opts.item.ID, "id", "", "the ID (default: the next free one)")
	f.StringVar(&opts.item.Title, "title", "", "the title (required)")
	f.StringVar(&opts.item.Roadmap, "roadmap", "", "story: the roadmap item it serves")
	f.StringSliceVar(&opts.item.Goals, "goal", nil, "roadmap item: a goal it serves (repeatable)")
	f.StringVar(&opts.item.Status, "status", "", "the status (default: the first status in the vocabulary)")
	f.StringVar(&opts.item.Horizon, "horizon", "", "roadmap item: now, next or later")
	f.StringVar(&opts.item.Owner, "owner", "", "the owner's email")
	_ = cmd.RegisterFlagCompletionFunc("roadmap", completeIDs(g, roadmapIDs))
	_ = cmd.RegisterFlagCompletionFunc("goal", completeIDs(g, goalIDs))
	_ = cmd.RegisterFlagCompletionFunc("horizon", cobra.FixedCompletions(spec.Horizons, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("status", func(cmd *cobra.Command, args []string, tc string) ([]cobra.Completion, cobra.ShellCompDirective) {
		kind := spec.KindStory
		if len(args) > 0 && args[0] == "roadmap" {
			kind = spec.KindRoadmap
		}
		return completeStatuses(g, kind)(cmd, args, tc)
	})
	return cmd
}

func runNew(opts *newOptions, kinds []string, kind string) error {
	it := opts.item
	if !slices.Contains(kinds, kind) {
		return unknownChoice("kind", kind, kinds)
	}
	if strings.TrimSpace(it.Title) == "" {
		return usageError("--title is required")
	}
	src, s, err := loadSpec(opts.globalOptions)
	if err != nil {
		return err
	}
	src.Close()
	cfg := s.Config
	it.Kind = kind
	var existing, statuses []string
	var patterns config.Globs
	re := cfg.StoryID()
	if kind == "story" {
		for _, st := range s.Stories {
			existing = append(existing, st.ID)
		}
		patterns, statuses = cfg.Story.Paths, cfg.Story.Statuses
	} else {
		for _, r := range s.Items {
			existing = append(existing, r.ID)
		}
		patterns, statuses, re = cfg.Roadmap.Paths, cfg.Roadmap.Statuses, cfg.RoadmapID()
	}
	if it.Status == "" && len(statuses) > 0 {
		it.Status = statuses[0]
	}
	if err := checkNewRefs(s, it, statuses); err != nil {
		return err
	}
	rel, err := createNew(opts.Dir, it, existing, re, patterns, opts.Err)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(opts.Out, rel)
	return err
}

// checkNewRefs refuses a status outside the kind's vocabulary and a
// roadmap item or goal that does not exist, with a "did you mean": new
// must not write a file that lint then rejects for a typo.
func checkNewRefs(s *spec.Spec, it scaffold.Item, statuses []string) error {
	var items, goals []string
	for _, r := range s.Items {
		items = append(items, r.ID)
	}
	for _, g := range s.Goals {
		goals = append(goals, g.ID)
	}
	var roadmap []string
	if it.Roadmap != "" {
		roadmap = []string{it.Roadmap}
	}
	return cmp.Or(
		checkIDs("status", []string{it.Status}, func(st string) bool { return slices.Contains(statuses, st) }, statuses),
		checkIDs("roadmap item", roadmap, func(id string) bool { return s.Item(id) != nil }, items),
		checkIDs("goal", it.Goals, func(id string) bool { return s.Goal(id) != nil }, goals),
	)
}

// newRetries bounds how often new takes the next ID when another process
// took the one it chose.
const newRetries = 100

// createNew writes the new item under dir and returns its path relative
// to dir. Without --id it takes the next free ID, and when another
// process creates that file first (a concurrent new), the next one after
// it, so that neither run fails nor replaces the other's file. A given
// --id that exists is a usage error.
func createNew(dir string, it scaffold.Item, existing []string, re *regexp.Regexp, patterns config.Globs, note io.Writer) (string, error) {
	chosen := it.ID != ""
	existing = slices.Clone(existing)
	for attempt := 0; ; attempt++ {
		if !chosen {
			id, err := scaffold.NextID(existing, re)
			if err != nil {
				return "", usageError("%v", err)
			}
			it.ID = id
		}
		rel, err := newPath(it.ID, patterns)
		if err != nil {
			return "", err
		}
		data, err := it.Markdown()
		if err != nil {
			return "", runtimeError(err)
		}
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := insideRoot(dir, path); err != nil {
			return "", err
		}
		err = createFileAtomic(path, data, note)
		if err == nil || chosen || !errors.Is(err, fs.ErrExist) || attempt == newRetries {
			return rel, err
		}
		existing = append(existing, it.ID)
	}
}

// newPath places a new file in the first path pattern's directory, and
// checks that the pattern then matches it, so the file is found again.
func newPath(id string, patterns config.Globs) (string, error) {
	if len(patterns) == 0 {
		return "", usageError("no path patterns configured for this kind")
	}
	if strings.ContainsAny(id, `/\`) || id == "." || id == ".." {
		return "", usageError("ID %q cannot be a file name", id)
	}
	rel := path.Join(scaffold.Dir(patterns[0]), id+".md")
	if strings.HasPrefix(rel, "../") {
		return "", usageError("path pattern %q leads out of the spec root", patterns[0])
	}
	if patterns.Match(rel) {
		return rel, nil
	}
	return "", usageError("cannot place a new file so that %q matches it; create it by hand", patterns[0])
}
