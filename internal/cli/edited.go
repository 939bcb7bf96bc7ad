package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/edit"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/render"
	"github.com/prodspec/prodspec/internal/source"
	"github.com/prodspec/prodspec/internal/spec"
)

// What set, check and mv share: finding the file of an ID, reading it,
// checking the edited spec with lint, and writing it back only if
// nobody changed it meanwhile.

// itemFile is the file of the story or roadmap item id. A goal lives in
// the vision's list, which set and check do not edit.
func itemFile(s *spec.Spec, id string) (*spec.File, error) {
	if st := s.Story(id); st != nil {
		return st.File, nil
	}
	if it := s.Item(id); it != nil {
		return it.File, nil
	}
	if g := s.Goal(id); g != nil {
		return nil, usageError("%s is a goal of %s, not a story or roadmap item", id, g.File.Path)
	}
	for _, f := range s.Unreadable() {
		if strings.TrimSuffix(path.Base(f.Path), path.Ext(f.Path)) == id {
			return nil, usageError("%s:%s (see prodspec lint); %s cannot be read from it", f.Path, f.Why(), id)
		}
	}
	var ids []string
	for _, st := range s.Stories {
		ids = append(ids, st.ID)
	}
	for _, it := range s.Items {
		ids = append(ids, it.ID)
	}
	return nil, usageError("no story or roadmap item %q%s", id, names.DidYouMean(id, ids))
}

// editedFile is one spec file read for editing: where it is, what it
// held, and what it will hold.
type editedFile struct {
	spec *spec.File
	root string // the spec root
	path string // on disk
	old  []byte
	doc  *edit.Doc
}

// openEdited reads f from the work tree under dir and opens it for editing.
func openEdited(dir string, cfg *config.Config, f *spec.File) (*editedFile, error) {
	path := filepath.Join(dir, filepath.FromSlash(f.Path))
	old, err := os.ReadFile(path)
	if err != nil {
		return nil, runtimeError(err)
	}
	doc, err := edit.Open(old, f.Kind, cfg)
	if err != nil {
		return nil, editError(f.Path, err)
	}
	return &editedFile{spec: f, root: dir, path: path, old: old, doc: doc}, nil
}

// editError says which file a refused edit was in: the file's own
// problem is the user's to fix (exit 2), an unsafe edit is prodspec's
// limit (exit 3).
func editError(path string, err error) error {
	var fe *edit.FileError
	var unsafe *edit.UnsafeError
	switch {
	case errors.As(err, &fe):
		return usageError("%s:%s: %s (see prodspec lint); not changing it", path, fe.Pos, fe.Msg)
	case errors.As(err, &unsafe):
		return runtimeError(fmt.Errorf("%s: %w", path, err))
	}
	return usageError("%s: %v", path, err)
}

// checkProposed lints the spec as it would be with files written and
// refuses when that brings a new error into them, listing the findings.
// skip names rules the caller answers for itself. It returns the new
// findings that are not refused (warnings, and skip's), to be told.
func checkProposed(src *source.Source, s *spec.Spec, files map[string][]byte, skip ...string) ([]lint.Diagnostic, error) {
	res, err := lintProposed(src, s, files)
	if err != nil {
		return nil, err
	}
	return refuseErrors(res.Diagnostics, len(files), skip)
}

// refuseErrors is checkProposed's verdict on the new findings diags.
func refuseErrors(diags []lint.Diagnostic, files int, skip []string) ([]lint.Diagnostic, error) {
	var refused, told []lint.Diagnostic
	for _, d := range diags {
		if d.Severity == lint.Error && !slices.Contains(skip, d.Rule) {
			refused = append(refused, d)
		} else {
			told = append(told, d)
		}
	}
	if len(refused) == 0 {
		return told, nil
	}
	var b strings.Builder
	render.LintText(&b, lint.NewResult(refused, files))
	return nil, usageError("nothing written: lint would report\n%s", strings.TrimSuffix(b.String(), "\n"))
}

// tell writes findings as lint does, to w (stderr: they are notes).
func tell(w io.Writer, diags []lint.Diagnostic) {
	if len(diags) > 0 {
		render.LintText(w, lint.NewResult(diags, 0))
	}
}
