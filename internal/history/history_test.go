package history_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/gittest"
	"github.com/prodspec/prodspec/internal/history"
	"github.com/prodspec/prodspec/internal/spec"
)

const (
	po  = "po@example.com"
	dev = "dev@example.com"
)

// repo builds a spec under product/ whose history has every case the
// walk must get right:
//
//	c1 v1.0.0  S-1 draft, S-2 accepted, S-4 ready
//	c2         S-1 in-progress (dev); README outside the spec changes too
//	c3         (only a file outside the spec changes)
//	c4 branch  S-5 added accepted (po)
//	c5 main    S-2 reopened (po); S-4 renamed to S-4-x.md
//	c6         merge of the branch
//	c7         S-1 accepted (po); S-4 deleted
//	c8 v1.1.0  S-4 re-added as ready
func repo(t *testing.T) *gitsrc.Repo {
	t.Helper()
	r, err := gittest.Init(t.TempDir())
	check(t, err)
	step := func(author, msg string, files map[string]string, merge string) {
		t.Helper()
		for name, content := range files {
			p := filepath.Join(r.Dir, "product", name)
			if content == "" {
				check(t, os.Remove(p))
				continue
			}
			check(t, r.Write("product/"+name, content))
		}
		_, err := r.Commit(msg, gittest.CommitOptions{Author: author, Merge: merge})
		check(t, err)
	}
	step(dev, "c1", map[string]string{
		"vision.md":         "---\nkind: vision\ntitle: V\ngoals: [{id: G1, title: G}]\n---\n",
		"roadmap/R-1.md":    "---\nid: R-1\ntitle: Item one\ngoals: [G1]\nstatus: planned\nhorizon: now\n---\n",
		"stories/S-1.md":    story("S-1", "draft"),
		"stories/S-2.md":    story("S-2", "accepted"),
		"stories/S-4.md":    story("S-4", "ready"),
		"stories/README.md": "not a spec file\n",
	}, "")
	check(t, r.Tag("v1.0.0", "first"))
	check(t, r.Write("README.md", "top\n"))
	step(dev, "c2", map[string]string{"stories/S-1.md": story("S-1", "in-progress")}, "")
	check(t, r.Write("README.md", "top 2\n"))
	step(dev, "c3", nil, "")
	check(t, r.Branch("feature", true))
	step(po, "c4", map[string]string{"stories/S-5.md": story("S-5", "accepted")}, "")
	check(t, r.Checkout("main"))
	step(po, "c5", map[string]string{"stories/S-2.md": story("S-2", "ready"), "stories/S-4.md": "", "stories/S-4-x.md": story("S-4", "ready")}, "")
	check(t, r.Write("product/stories/S-5.md", story("S-5", "accepted")))
	step(dev, "c6", nil, "feature")
	step(po, "c7", map[string]string{"stories/S-1.md": story("S-1", "accepted"), "stories/S-4-x.md": ""}, "")
	step(dev, "c8", map[string]string{"stories/S-4.md": story("S-4", "ready")}, "")
	check(t, r.Tag("v1.1.0", ""))
	g, err := gitsrc.Open(filepath.Join(r.Dir, "product"))
	check(t, err)
	t.Cleanup(func() { g.Close() }) // before the directory is removed: a cache may be being written
	return g
}

func story(id, status string) string {
	return fmt.Sprintf("---\nid: %s\ntitle: Story %s\nroadmap: R-1\nstatus: %s\n---\nAs a user.\n", id, id, status)
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func resolve(t *testing.T, g *gitsrc.Repo, rev string) *gitsrc.Commit {
	t.Helper()
	c, err := g.Resolve(rev)
	check(t, err)
	return c
}

func TestTransitions(t *testing.T) {
	g := repo(t)
	steps, err := history.Walk(g, config.Default(), nil, resolve(t, g, "HEAD"))
	check(t, err)
	var got []string
	for _, s := range steps {
		got = append(got, s.Commit.Message)
	}
	// c3 changed nothing in the spec and c6 merged without a change of
	// its own: neither is a step.
	if want := "c1 c2 c4 c5 c7 c8"; strings.Join(got, " ") != want {
		t.Errorf("steps = %s, want %s", strings.Join(got, " "), want)
	}
	var lines []string
	for _, tr := range history.Transitions(steps) {
		lines = append(lines, fmt.Sprintf("%s %s>%s %s", tr.ID, tr.From, tr.To, tr.Author))
	}
	want := []string{
		"S-1 >draft dev@example.com",
		"S-2 >accepted dev@example.com",
		"S-4 >ready dev@example.com",
		"S-1 draft>in-progress dev@example.com",
		"S-5 >accepted po@example.com",
		"S-2 accepted>ready po@example.com", // reopened; the rename of S-4 is no transition
		"S-1 in-progress>accepted po@example.com",
		"S-4 ready> po@example.com",  // deleted
		"S-4 >ready dev@example.com", // and re-added
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("transitions:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

func TestTimelinesCycleTime(t *testing.T) {
	g := repo(t)
	steps, err := history.Walk(g, config.Default(), nil, resolve(t, g, "HEAD"))
	check(t, err)
	tls := history.Timelines(history.Transitions(steps), config.Default())
	byID := map[string]history.Timeline{}
	for _, tl := range tls {
		byID[tl.ID] = tl
	}
	// S-1: in progress at c2, accepted at c7; commits are an hour apart.
	if ct := byID["S-1"].CycleTime; ct == nil || ct.Text != "5h" || ct.Seconds != 5*3600 {
		t.Errorf("S-1 cycle time = %+v, want 5h", ct)
	}
	if ct := byID["S-5"].CycleTime; ct != nil {
		t.Errorf("S-5 was never in progress, cycle time = %+v", ct)
	}
	if byID["S-2"].Status != "ready" || byID["S-2"].CycleTime != nil {
		t.Errorf("S-2 (reopened) = %+v", byID["S-2"])
	}
}

func TestReleaseNotes(t *testing.T) {
	g := repo(t)
	from, to := resolve(t, g, "v1.0.0"), resolve(t, g, "v1.1.0")
	steps, err := history.Walk(g, config.Default(), from, to)
	check(t, err)
	end := load(t, g, to)
	start, err := history.StartOf(g, end, from, to)
	check(t, err)
	notes := history.ReleaseNotes(start, end, history.Transitions(steps))
	var got []string
	for _, n := range notes {
		got = append(got, n.Story.ID+" "+n.Accepted.Commit+" "+n.Accepted.Author)
	}
	// S-1 accepted in range; S-5 added accepted on a merged branch; S-2
	// was accepted at v1.0.0 and reopened: not in the notes.
	c7 := resolve(t, g, "HEAD~1").Short()
	c4 := resolve(t, g, "feature").Short()
	want := "S-1 " + c7 + " po@example.com|S-5 " + c4 + " po@example.com"
	if strings.Join(got, "|") != want {
		t.Errorf("notes = %s, want %s", strings.Join(got, "|"), want)
	}
}

func load(t *testing.T, g *gitsrc.Repo, c *gitsrc.Commit) *spec.Spec {
	t.Helper()
	fsys, err := g.FS(c)
	check(t, err)
	s, err := spec.Load(fsys, config.Default())
	check(t, err)
	return s
}

func TestFormatDuration(t *testing.T) {
	for d, want := range map[int64]string{0: "0h", 59 * 60: "0h", 5 * 3600: "5h", 48 * 3600: "2d", 51 * 3600: "2d 3h"} {
		if got := history.FormatDuration(time.Duration(d) * time.Second); got != want {
			t.Errorf("FormatDuration(%ds) = %q, want %q", d, got, want)
		}
	}
}

// TestTimelineOf: one story's timeline is the one all of them have.
func TestTimelineOf(t *testing.T) {
	g := repo(t)
	steps, err := history.Walk(g, config.Default(), nil, resolve(t, g, "HEAD"))
	check(t, err)
	all := history.Timelines(history.Transitions(steps), config.Default())
	if len(all) < 4 {
		t.Fatalf("%d timelines, want one per story", len(all))
	}
	for _, want := range all {
		got, ok := history.TimelineOf(steps, want.ID, config.Default())
		if !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("TimelineOf(%s) = %+v, %v; want %+v", want.ID, got, ok, want)
		}
	}
	if _, ok := history.TimelineOf(steps, "S-99", config.Default()); ok {
		t.Error("TimelineOf found a story that never was")
	}
}
