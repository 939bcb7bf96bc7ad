package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/edit"
	"github.com/prodspec/prodspec/internal/ids"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

// NewCmdMv renames an ID with every reference to it.
func NewCmdMv(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "mv OLD [NEW]",
		Short: "Rename a story, roadmap item or goal ID, with every reference to it",
		Long: "mv renames the ID OLD to NEW everywhere in the work tree: the item's id, its file when\n" +
			"the file is named by its ID (in the same directory), and every reference to it (roadmap,\n" +
			"goals, depends_on, and any other reference field), keeping comments, key order and line\n" +
			"endings. Without NEW it takes a fresh ID, one no branch, tag or past commit used. It\n" +
			"refuses a NEW that is in use, or was, on any branch, tag or in history, and a rename\n" +
			"that lint would report. It prints every file it changes; commit them (git sees a\n" +
			"renamed file as a rename).",
		Example: examples("prodspec mv -C examples/acme-notes S-33 S-40",
			"prodspec mv -C examples/acme-notes R-8"),
		Args:              usageArgs(cobra.RangeArgs(1, 2)),
		ValidArgsFunction: completeFirstArg(completeIDs(g, storyIDs, roadmapIDs, goalIDs)),
		RunE: func(cmd *cobra.Command, args []string) error {
			newID := ""
			if len(args) == 2 {
				newID = args[1]
			}
			return runMv(g, args[0], newID)
		},
	}
}

// moved is one file mv changes.
type moved struct {
	*editedFile
	to      string // the new path relative to the spec root, when renamed
	results []edit.Result
}

func runMv(g *globalOptions, oldID, newID string) error {
	src, s, err := loadSpec(g)
	if err != nil {
		return err
	}
	defer src.Close()
	kind, home, err := definition(s, oldID)
	if err != nil {
		return err
	}
	if newID, err = pickNewID(g, src, s, kind, oldID, newID); err != nil {
		return err
	}
	files, err := renameAll(g.Dir, s, kind, home, oldID, newID)
	if err != nil {
		return err
	}
	told, err := checkRename(src, s, files, oldID, newID)
	if err != nil {
		return err
	}
	if err := writeMoved(g, files, oldID, newID); err != nil {
		return err
	}
	tell(g.Err, told)
	return nil
}

// definition finds what OLD identifies and the file that defines it;
// an ID two files define is ambiguous (lint's duplicate-id).
func definition(s *spec.Spec, id string) (spec.IDKind, *spec.File, error) {
	var homes []*spec.File
	var kind spec.IDKind
	var all []string
	for _, st := range s.Stories {
		all = append(all, st.ID)
		if st.ID == id {
			homes, kind = append(homes, st.File), spec.StoryID
		}
	}
	for _, it := range s.Items {
		all = append(all, it.ID)
		if it.ID == id {
			homes, kind = append(homes, it.File), spec.RoadmapID
		}
	}
	for _, gl := range s.Goals {
		all = append(all, gl.ID)
		if gl.ID == id {
			homes, kind = append(homes, gl.File), spec.GoalID
		}
	}
	switch len(homes) {
	case 0:
		return 0, nil, usageError("no story, roadmap item or goal %q%s", id, names.DidYouMean(id, all))
	case 1:
		return kind, homes[0], nil
	}
	var paths []string
	for _, f := range homes {
		paths = append(paths, f.Path)
	}
	return 0, nil, usageError("%s is the ID of %d items (%s): give one of them another ID by hand first", id, len(homes), strings.Join(paths, ", "))
}

// pickNewID checks NEW against every ID the spec uses or used, anywhere
// in git, or takes the next free one when NEW is "".
func pickNewID(g *globalOptions, src *source.Source, s *spec.Spec, kind spec.IDKind, oldID, newID string) (string, error) {
	used, err := ids.Used(src, s)
	if err != nil {
		return "", err
	}
	if note := used.Note; note != "" {
		fmt.Fprintf(g.Err, "prodspec: %s\n", note)
	}
	re := kind.Pattern(s.Config)
	if newID == "" {
		id, err := used.Next(re)
		if err != nil {
			return "", usageError("cannot pick a new ID: %v; name it: prodspec mv %s NEW", err, oldID)
		}
		return id, nil
	}
	if newID == oldID {
		return "", usageError("%s is already its ID", newID)
	}
	if !re.MatchString(newID) {
		return "", usageError("%q is not a %s ID: it does not match %s", newID, kind.Noun(), re)
	}
	if where, ok := used.Lookup(newID); ok {
		return "", usageError("%s is in use, or was: %s; pick another, or leave NEW out for a fresh one", newID, where)
	}
	return newID, nil
}

// renameAll edits, in memory, every spec file that names OLD, and picks
// the new name of the file that defines it when it is named by its ID.
func renameAll(dir string, s *spec.Spec, kind spec.IDKind, home *spec.File, oldID, newID string) ([]*moved, error) {
	var out []*moved
	for _, f := range s.Files {
		if f.Vision == nil && f.Item == nil && f.Story == nil {
			continue // unreadable: lint names it; there is nothing to rename in it
		}
		// Most files do not mention OLD at all: only the rest are parsed.
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			return nil, runtimeError(err)
		}
		if !bytes.Contains(data, []byte(oldID)) {
			continue
		}
		ef, err := openEdited(dir, s.Config, f)
		if err != nil {
			return nil, err
		}
		res, err := ef.doc.RenameID(kind, oldID, newID)
		if err != nil {
			return nil, editError(f.Path, err)
		}
		if len(res) == 0 {
			continue
		}
		m := &moved{editedFile: ef, results: res}
		if f == home && path.Base(f.Path) == oldID+path.Ext(f.Path) && kind != spec.GoalID {
			if m.to, err = renamedPath(dir, s.Config, f, newID); err != nil {
				return nil, err
			}
		}
		out = append(out, m)
	}
	// The renamed file last: a run stopped midway leaves OLD defined, and
	// the same mv finishes the rename.
	slices.SortStableFunc(out, func(a, b *moved) int { return strings.Compare(a.to, b.to) })
	return out, nil
}

// renamedPath is f's path with newID for its name, if the kind's path
// patterns still take it and no file is there.
func renamedPath(dir string, cfg *config.Config, f *spec.File, newID string) (string, error) {
	to := path.Join(path.Dir(f.Path), newID+path.Ext(f.Path))
	globs := cfg.Story.Paths
	if f.Kind == spec.KindRoadmap {
		globs = cfg.Roadmap.Paths
	}
	if strings.ContainsAny(newID, `/\`) || !globs.Match(to) {
		return "", nil // keep the name: renamed, the file would no longer be found
	}
	if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(to))); !errors.Is(err, fs.ErrNotExist) {
		return "", usageError("%s already exists; not renaming %s onto it", to, f.Path)
	}
	return to, nil
}

// checkRename lints the spec as the rename leaves it, and refuses new
// errors in the files it changes. A finding the renamed item already
// had, under its old ID and path, is not new.
func checkRename(src *source.Source, s *spec.Spec, files []*moved, oldID, newID string) ([]lint.Diagnostic, error) {
	proposed := map[string][]byte{}
	oldPath := map[string]string{}
	for _, m := range files {
		p := m.spec.Path
		if m.to != "" {
			proposed[p], p = nil, m.to
		}
		proposed[p], oldPath[p] = m.doc.Bytes(), m.spec.Path
	}
	res, err := lintProposed(src, s, proposed)
	if err != nil {
		return nil, err
	}
	before := map[string]bool{}
	for _, d := range lint.Run(s, lint.Options{}).Diagnostics {
		before[d.Rule+"\x00"+d.File+"\x00"+d.Message] = true
	}
	var kept []lint.Diagnostic
	for _, d := range res.Diagnostics {
		if !before[d.Rule+"\x00"+oldPath[d.File]+"\x00"+strings.ReplaceAll(d.Message, newID, oldID)] {
			kept = append(kept, d)
		}
	}
	return refuseErrors(kept, len(proposed), nil)
}

// writeMoved writes the changed files, references first and the renamed
// item last, each atomically and only if unchanged since read. If a write
// fails midway, the files before it are written and the rest are not:
// running the same mv again finishes the rename.
func writeMoved(g *globalOptions, files []*moved, oldID, newID string) error {
	for i, m := range files {
		if err := writeOne(g, m); err != nil {
			if i == 0 {
				return err
			}
			var done []string
			for _, w := range files[:i] {
				done = append(done, w.spec.Path)
			}
			return fmt.Errorf("%w\nprodspec: the rename is half done: written %s; run prodspec mv %s %s again to finish it",
				err, strings.Join(done, ", "), oldID, newID)
		}
		name := m.spec.Path
		if m.to != "" {
			name += " → " + m.to
		}
		for _, r := range m.results {
			fmt.Fprintf(g.Out, "%s: %s: %s → %s\n", name, r.Key, r.Old, r.New)
		}
	}
	return nil
}

// writeOne writes one file of a rename; the renamed file is made under
// its new name (never replacing one) before its old name goes.
func writeOne(g *globalOptions, m *moved) error {
	if m.to == "" {
		return writeEdited(m.editedFile, g.Err)
	}
	to := filepath.Join(g.Dir, filepath.FromSlash(m.to))
	if err := insideRoot(g.Dir, to); err != nil {
		return err
	}
	if now, err := os.ReadFile(m.path); err != nil || !bytes.Equal(now, m.old) {
		return usageError("%s changed on disk since prodspec read it; not renaming it: re-run the command", m.spec.Path)
	}
	if err := createFileAtomic(to, m.doc.Bytes(), g.Err); err != nil {
		return err
	}
	return runtimeError(os.Remove(m.path))
}
