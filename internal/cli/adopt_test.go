package cli

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/priority"
	"github.com/prodspec/prodspec/internal/spec"
	"github.com/prodspec/prodspec/internal/testcorpus"
)

// TestAdoptBacklogMD lints 576 of Backlog.md's real task files, in the
// project's own folders, with the configuration of adopt_backlog_md.txtar
// (one home for it), and pins what it finds. Each rule that fires was
// read finding by finding; all are real defects of the files:
//
//   - broken-reference: dependencies still written task-N after the
//     project renamed its prefix to BACK- (the message names the story
//     meant), and one on a task that is not there;
//   - unmet-acceptance: tasks Done with acceptance criteria unchecked;
//   - front-matter: "assignee: @name" is not YAML ("@" cannot start a
//     plain value);
//   - duplicate-id: IDs given out again after their task was archived;
//   - missing-acceptance: tasks Done with no acceptance criteria.
//
// Any other rule firing, or these counts moving, is a change to read.
func TestAdoptBacklogMD(t *testing.T) {
	cfg := adoptConfig(t)
	fsys := fstest.MapFS{}
	err := fs.WalkDir(testcorpus.BacklogFS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(testcorpus.BacklogFS(), p)
		fsys["backlog/"+p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	s, err := spec.Load(fsys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	res := lint.Run(s, lint.Options{})
	got := map[string]int{}
	for _, d := range res.Diagnostics {
		got[d.Rule]++
	}
	want := map[string]int{"broken-reference": 80, "unmet-acceptance": 36, "front-matter": 21, "duplicate-id": 18, "missing-acceptance": 6}
	if fmt.Sprint(got) != fmt.Sprint(want) || res.Files != 576 {
		var lines []string
		for _, d := range res.Diagnostics {
			lines = append(lines, fmt.Sprintf("%s:%d: %s [%s]", d.File, d.Line, d.Message, d.Rule))
		}
		t.Errorf("%d files, findings by rule %v, want 576 files and %v:\n%s", res.Files, got, want, strings.Join(lines, "\n"))
	}
	// Most broken references are the old prefix, and say which story they
	// meant; the rest name tasks not among the files kept here.
	suggested := 0
	for _, d := range res.Diagnostics {
		if d.Rule == "broken-reference" && strings.Contains(d.Message, "(did you mean \"BACK-") {
			suggested++
		}
	}
	if suggested != 63 {
		t.Errorf("%d broken references name the story meant under the new prefix, want 63", suggested)
	}
}

// adoptConfig is the .prodspec.yaml of adopt_backlog_md.txtar.
func adoptConfig(t *testing.T) *config.Config {
	t.Helper()
	data, err := os.ReadFile("../../testdata/script/adopt_backlog_md.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range txtar.Parse(data).Files {
		if f.Name == config.FileName {
			cfg, err := config.Parse(f.Data, f.Name, config.Known{Rules: lint.Names(), Models: priority.Names()})
			if err != nil {
				t.Fatal(err)
			}
			return cfg
		}
	}
	t.Fatal("adopt_backlog_md.txtar has no " + config.FileName)
	return nil
}
