package cli

import (
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
	"github.com/prodspec/prodspec/internal/ids"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/scaffold"
	"github.com/prodspec/prodspec/internal/source"
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
		Use:   "new story|roadmap [--title TITLE]",
		Short: "Add a story or roadmap item with an ID no branch, tag or past commit used",
		Long: "new writes a story or roadmap item into the directory of the kind's first path\n" +
			"pattern and prints its path. Its ID is one past the highest that the work tree,\n" +
			"any branch, remote-tracking branch or tag, or any past commit ever used, so two\n" +
			"branches never get the same one and a deleted story's ID is not given out again.\n" +
			"The new file is linted before it is written: a status, roadmap item or goal that\n" +
			"lint would reject is refused. Without --title on a terminal, new opens $VISUAL or\n" +
			"$EDITOR on the filled template, as git commit does; an empty file aborts.\n" +
			"It never replaces an existing file.",
		Example: "  prodspec new story -C examples/acme-notes --title 'Export to PDF' --roadmap R-1\n" +
			"  prodspec new roadmap -C examples/acme-notes --title 'Sharing' --goal G1 --horizon next",
		Args:      usageArgs(cobra.ExactArgs(1)),
		ValidArgs: []string{"story", "roadmap"},
		RunE:      func(cmd *cobra.Command, args []string) error { return runNew(opts, args[0]) },
	}
	f := cmd.Flags()
	f.StringVar(&opts.item.ID, "id", "", "the ID (default: a fresh one)")
	f.StringVar(&opts.item.Title, "title", "", "the title (required unless on a terminal, where an editor opens)")
	f.StringVar(&opts.item.Roadmap, "roadmap", "", "story: the roadmap item it serves")
	f.StringSliceVar(&opts.item.Goals, "goal", nil, "roadmap item: a goal it serves (repeatable)")
	f.StringVar(&opts.item.Status, "status", "", "the status (default: the first status in the vocabulary)")
	f.StringVar(&opts.item.Horizon, "horizon", "", "roadmap item: now, next or later")
	f.StringVar(&opts.item.Owner, "owner", "", "the owner's email (default: git's user.email)")
	return cmd
}

// newKind is what new needs of a kind from the configuration.
type newKind struct {
	cfg      *config.Config
	patterns config.Globs
	statuses []string
	id       *regexp.Regexp
}

func kindOf(cfg *config.Config, kind string) newKind {
	if kind == "story" {
		return newKind{cfg, cfg.Story.Paths, cfg.Story.Statuses, cfg.StoryID()}
	}
	return newKind{cfg, cfg.Roadmap.Paths, cfg.Roadmap.Statuses, cfg.RoadmapID()}
}

func runNew(opts *newOptions, kind string) error {
	it := opts.item
	if kind != "story" && kind != "roadmap" {
		return usageError("unknown kind %q: want story or roadmap", kind)
	}
	if err := kindFlags(kind, it); err != nil {
		return err
	}
	edit := strings.TrimSpace(it.Title) == ""
	if edit && !opts.terminal(opts.Out) {
		return usageError("--title is required (on a terminal, new opens $VISUAL or $EDITOR instead)")
	}
	src, s, err := loadSpec(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	k := kindOf(s.Config, kind)
	it.Kind = kind
	if it.Status == "" && len(k.statuses) > 0 {
		it.Status = k.statuses[0]
	}
	if it.Owner == "" {
		it.Owner = gitEmail(opts.globalOptions)
	}
	used, err := ids.Used(src, s)
	if err != nil {
		return err
	}
	if used.Note != "" {
		fmt.Fprintln(opts.Err, "prodspec: note: "+used.Note)
	}
	if it.ID != "" {
		if where, ok := used.Lookup(it.ID); ok {
			return usageError("%s is taken: %s uses it; leave --id out for a fresh ID", it.ID, where)
		}
	} else if it.ID, err = used.Next(k.id); err != nil {
		return usageError("%v", err)
	}
	var rel string
	if edit {
		rel, err = editNew(opts, src, s, it, k, used)
	} else {
		rel, err = writeNew(opts, src, s, it, k, used)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(opts.Out, rel)
	return err
}

// kindFlags refuses the flags of the other kind, which new would drop.
func kindFlags(kind string, it scaffold.Item) error {
	switch {
	case kind == "story" && len(it.Goals) > 0:
		return usageError("--goal is for roadmap items; a story serves its --roadmap item")
	case kind == "story" && it.Horizon != "":
		return usageError("--horizon is for roadmap items")
	case kind == "roadmap" && it.Roadmap != "":
		return usageError("--roadmap is for stories; a roadmap item serves its --goal goals")
	}
	return nil
}

// writeNew lints the new file as it would be in the spec and writes it
// unless lint finds an error in it.
func writeNew(opts *newOptions, src *source.Source, s *spec.Spec, it scaffold.Item, k newKind, used *ids.Set) (string, error) {
	data, err := it.Markdown(k.cfg)
	if err != nil {
		return "", runtimeError(err)
	}
	rel, err := newPath(it.ID, k.patterns)
	if err != nil {
		return "", err
	}
	res, err := lintProposed(src, s, map[string][]byte{rel: data})
	if err != nil {
		return "", err
	}
	if err := reportProposed(opts.Err, res, rel); err != nil {
		return "", err
	}
	chosen := opts.item.ID != ""
	return createNew(opts.Dir, it, chosen, used.Taken(), k, opts.Err)
}

// reportProposed prints lint's findings in a file about to be written,
// and refuses it when one is an error.
func reportProposed(w io.Writer, res *lint.Result, rel string) error {
	if len(res.Diagnostics) == 0 {
		return nil
	}
	if err := render.LintText(w, res); err != nil {
		return runtimeError(err)
	}
	if res.Errors > 0 {
		return usageError("%s not written: fix the errors above", rel)
	}
	return nil
}

// newRetries bounds how often new takes the next ID when another process
// took the one it chose.
const newRetries = 100

// createNew writes the new item under dir and returns its path relative
// to dir. Without a chosen ID, when another process creates the file
// first (a concurrent new), it takes the next free ID after it, so that
// neither run fails nor replaces the other's file. A chosen ID whose file
// exists is a usage error.
func createNew(dir string, it scaffold.Item, chosen bool, taken []string, k newKind, note io.Writer) (string, error) {
	taken = slices.Clone(taken)
	for attempt := 0; ; attempt++ {
		if attempt > 0 {
			id, err := scaffold.NextID(taken, k.id)
			if err != nil {
				return "", usageError("%v", err)
			}
			it.ID = id
		}
		data, err := it.Markdown(k.cfg)
		if err != nil {
			return "", runtimeError(err)
		}
		rel, err := writeNewFile(dir, it.ID, data, k.patterns, note)
		if err == nil || chosen || !errors.Is(err, fs.ErrExist) || attempt == newRetries {
			return rel, err
		}
		taken = append(taken, it.ID)
	}
}

// writeNewFile creates the file of a new item with ID id; it never
// replaces one (fs.ErrExist).
func writeNewFile(dir, id string, data []byte, patterns config.Globs, note io.Writer) (string, error) {
	rel, err := newPath(id, patterns)
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := insideRoot(dir, p); err != nil {
		return "", err
	}
	return rel, createFileAtomic(p, data, note)
}

// newPath places a new file in the first path pattern's directory, and
// checks that the pattern then matches it, so the file is found again.
func newPath(id string, patterns config.Globs) (string, error) {
	if len(patterns) == 0 {
		return "", usageError("no path patterns configured for this kind")
	}
	if strings.ContainsAny(id, `/\`) || id == "." || id == ".." || id == "" {
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
