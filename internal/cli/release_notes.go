package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/spec"
)

type releaseNotesOptions struct {
	reportOptions
	Prepend string
}

// NewCmdReleaseNotes lists the stories accepted between two refs.
func NewCmdReleaseNotes(g *globalOptions) *cobra.Command {
	opts := &releaseNotesOptions{reportOptions: reportOptions{globalOptions: g}}
	cmd := &cobra.Command{
		Use:     "release-notes [FROM[..TO]]",
		Example: examples("prodspec release-notes -C examples/acme-notes HEAD~1..HEAD", "prodspec release-notes -C examples/acme-notes HEAD~1 -f json"),
		Short:   "List the stories accepted between two git refs",
		Long: "release-notes lists the stories whose status is the accepted status at TO and\n" +
			"was not at FROM (or that did not exist at FROM), grouped by roadmap item.\n" +
			"TO defaults to HEAD. With no argument and HEAD on a version tag, the notes are\n" +
			"for that release, from the previous version tag; otherwise FROM is the greatest\n" +
			"version tag reachable from HEAD. FROM...TO starts from the merge base of the two.\n" +
			"Every ref is read with the work tree's configuration.",
		Args:              usageArgs(cobra.MaximumNArgs(1)),
		ValidArgsFunction: completeFirstArg(completeRefs(g)),
		RunE:              func(cmd *cobra.Command, args []string) error { return runReleaseNotes(opts, args) },
	}
	opts.bind(cmd, render.ReleaseNotesFormats.Names())
	cmd.Flags().StringVar(&opts.Prepend, "prepend", "", "put the notes at the top of changelog `file` (md; replacing an earlier section for the same version)")
	return cmd
}

func runReleaseNotes(opts *releaseNotesOptions, args []string) error {
	switch {
	case opts.Prepend != "" && opts.Format != "md":
		return usageError("--prepend writes markdown into the changelog, not --format %s", opts.Format)
	case opts.Prepend != "" && opts.Output != "":
		return usageError("--prepend and --output both name the file to write: give one")
	}
	src, repo, err := openRepo(opts.globalOptions)
	if err != nil {
		return err
	}
	defer src.Close()
	from, to, err := releaseRange(repo, args)
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
	notes, unreadableAtStart, err := history.Range(repo, end, from, to, opts.Format == "json")
	if err != nil {
		return err
	}
	rn := notesReport(opts.Err, end, from, to, notes, unreadableAtStart)
	if opts.Prepend != "" {
		return prependNotes(opts.Prepend, rn, opts.Err)
	}
	return writeReport(&opts.reportOptions, render.ReleaseNotesFormats, rn)
}

// notesReport is what the release-notes formats show. What the notes
// cannot vouch for is said on stderr too: stories accepted with unchecked
// criteria, and spec files of either end that could not be read.
func notesReport(stderr io.Writer, end *spec.Spec, from, to *gitsrc.Commit, notes []history.Note, unreadableAtStart []history.UnreadableFile) render.ReleaseNotes {
	for _, n := range notes {
		if k := len(n.Unchecked); k > 0 {
			fmt.Fprintf(stderr, "prodspec: %s is accepted at %s with %s; listed and marked (unmet-acceptance)\n",
				n.Story.ID, to.Rev, count(k, "unchecked acceptance criterion", "unchecked acceptance criteria"))
		}
	}
	rn := render.ReleaseNotes{Spec: end, From: from.Rev, To: to.Rev, Date: to.Committer.When, Notes: notes}
	for _, f := range unreadableAtStart {
		rn.Unreadable = append(rn.Unreadable, render.Unreadable{File: f.Path, Ref: from.Rev, Error: f.Err})
	}
	for _, f := range end.Unreadable() {
		rn.Unreadable = append(rn.Unreadable, render.Unreadable{File: f.Path, Ref: to.Rev, Error: f.Why()})
	}
	if k := len(rn.Unreadable); k > 0 {
		fmt.Fprintf(stderr, "prodspec: %s could not be read; the notes list the unreadable files\n", count(k, "spec file", "spec files"))
	}
	return rn
}

// releaseRange is the range the notes cover: FROM[..TO] as given, else
// with HEAD on a version tag that release (the previous version tag up
// to it, as git-cliff --latest does), else the latest tag up to HEAD.
// HEAD is named by its version tag when it has one.
func releaseRange(repo *gitsrc.Repo, args []string) (from, to *gitsrc.Commit, err error) {
	head, err := repo.Resolve("HEAD")
	if err != nil {
		return nil, nil, err
	}
	version, err := repo.VersionAt(head)
	if err != nil {
		return nil, nil, err
	}
	var arg string
	switch {
	case len(args) == 1:
		arg = args[0]
	case version != "":
		prev, err := repo.PreviousVersion(head, version)
		if err != nil {
			return nil, nil, err
		}
		if prev == "" {
			return nil, nil, usageError("HEAD is %s and no earlier version tag is reachable from it: name the range, as in prodspec release-notes FROM..%s", version, version)
		}
		arg = prev + ".." + version
	default:
		if arg, err = repo.LatestTag(head); err != nil {
			return nil, nil, err
		}
		if arg == "" {
			return nil, nil, usageError("no tag is reachable from HEAD: name the range, as in prodspec release-notes FROM..TO")
		}
	}
	if from, to, err = repo.Range(arg, "HEAD"); err != nil {
		return nil, nil, err
	}
	if to.Rev == "HEAD" && version != "" {
		to.Rev = version
	}
	return from, to, nil
}

// prependNotes puts the notes at the top of a changelog, atomically; a
// missing changelog is created. The user named the file to change, so it
// need not be one prodspec wrote.
func prependNotes(path string, rn render.ReleaseNotes, note io.Writer) error {
	var section bytes.Buffer
	if err := render.ReleaseNotesMarkdown(&section, rn); err != nil {
		return err
	}
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return runtimeError(err)
	}
	return writeFileAtomic(path, render.Prepend(old, section.Bytes()), true, note)
}
