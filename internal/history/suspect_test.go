package history_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/gittest"
	"github.com/prodspec/prodspec/internal/history"
)

const pm = "pm@example.com"

// commit is one commit of a built repository: files to write (content
// "" removes the file) under the repository root, by whom, with what
// message.
type commit struct {
	author, msg string
	files       map[string]string
}

// build commits each in turn, an hour apart from gittest.Epoch, and
// opens the result.
func build(t *testing.T, commits ...commit) *gitsrc.Repo {
	t.Helper()
	r, err := gittest.Init(t.TempDir())
	check(t, err)
	for _, c := range commits {
		for name, content := range c.files {
			if content == "" {
				check(t, os.Remove(filepath.Join(r.Dir, name)))
				continue
			}
			check(t, r.Write(name, content))
		}
		_, err := r.Commit(c.msg, gittest.CommitOptions{Author: c.author})
		check(t, err)
	}
	g, err := gitsrc.Open(r.Dir)
	check(t, err)
	t.Cleanup(func() { g.Close() }) // before the directory is removed: a cache may be being written
	return g
}

func item(id, title, goals, status, horizon, body string) string {
	return fmt.Sprintf("---\nid: %s\ntitle: %s\ngoals: [%s]\nstatus: %s\nhorizon: %s\n---\n%s", id, title, goals, status, horizon, body)
}

func storyOf(id, roadmap, status, body string) string {
	return fmt.Sprintf("---\nid: %s\ntitle: Story %s\nroadmap: %s\nstatus: %s\n---\n%s", id, id, roadmap, status, body)
}

const vision = "---\nkind: vision\ntitle: V\ngoals:\n  - {id: G1, title: Capture fast}\n  - {id: G2, title: Never lose a note}\n---\n"

// suspectLines walks all of HEAD's history and lists its suspects, the
// same from the spec loaded at HEAD and from the walk's end, as
// "S-1 R-1 title,goals since abc1234", the commit short hashes replaced
// by the messages of the commits.
func suspectLines(t *testing.T, g *gitsrc.Repo) []string {
	t.Helper()
	head := resolve(t, g, "HEAD")
	l, err := history.Read(g, config.Default(), nil, head)
	check(t, err)
	msgs := map[string]string{}
	for _, c := range l.Commits {
		msgs[c.Short()] = strings.SplitN(c.Message, "\n", 2)[0]
	}
	ss := history.Suspects(l, load(t, g, head))
	if all := history.AllSuspects(l, config.Default()); !reflect.DeepEqual(all, ss) {
		t.Errorf("from the walk's end:\n%v\nfrom the spec loaded at HEAD:\n%v", all, ss)
	}
	var out []string
	for _, s := range ss {
		line := fmt.Sprintf("%s %s %s %s in %s", s.ID, s.Path, s.Item, strings.Join(s.Scope(), ","), msgs[s.Last().Commit])
		if s.Since != nil {
			line += " since " + msgs[s.Since.Commit]
			if s.Since.Reviewed {
				line += " (reviewed)"
			}
		}
		out = append(out, line)
	}
	return out
}

func TestSuspects(t *testing.T) {
	base := commit{pm, "c1", map[string]string{
		"vision.md":         vision,
		"roadmap/R-1.md":    item("R-1", "Lock-screen capture", "G1", "planned", "next", "Capture from the lock screen.\n"),
		"roadmap/R-2.md":    item("R-2", "Sync", "G2", "planned", "later", "Sync every device.\n"),
		"stories/S-1.md":    storyOf("S-1", "R-1", "ready", "As a user.\n"),
		"stories/S-2.md":    storyOf("S-2", "R-1", "draft", "As a user.\n"),
		"stories/S-3.md":    storyOf("S-3", "R-1", "accepted", "As a user.\n"),
		"stories/S-4.md":    storyOf("S-4", "R-2", "ready", "As a user.\n"),
		"stories/README.md": "not a spec file\n",
	}}
	retitle := commit{pm, "retitle R-1", map[string]string{
		"roadmap/R-1.md": item("R-1", "Capture anywhere", "G1", "planned", "next", "Capture from the lock screen.\n"),
	}}
	for _, tc := range []struct {
		name    string
		commits []commit
		want    []string
	}{
		{
			name:    "a retitle after the stories last changed makes the open ones suspect",
			commits: []commit{base, retitle},
			want: []string{
				"S-1 stories/S-1.md R-1 title in retitle R-1 since c1",
				"S-2 stories/S-2.md R-1 title in retitle R-1 since c1",
			},
		},
		{
			name: "a later edit of the story clears it; one in the same commit as the change too",
			commits: []commit{base, retitle,
				{dev, "edit S-1", map[string]string{"stories/S-1.md": storyOf("S-1", "R-1", "ready", "As a commuter.\n")}},
				{pm, "goals of R-1, and S-2 with them", map[string]string{
					"roadmap/R-1.md": item("R-1", "Capture anywhere", "G1, G2", "planned", "next", "Capture from the lock screen.\n"),
					"stories/S-2.md": storyOf("S-2", "R-1", "draft", "As a commuter.\n"),
				}},
			},
			want: []string{"S-1 stories/S-1.md R-1 goals in goals of R-1, and S-2 with them since edit S-1"},
		},
		{
			name: "a Reviewed: trailer clears the stories it names, even in a commit that changes no spec file",
			commits: []commit{base, retitle,
				{pm, "Read the stories again\n\nThey still hold.\n\nReviewed: S-1,S-9\nSigned-off-by: pm <pm@example.com>\n", nil},
			},
			want: []string{"S-2 stories/S-2.md R-1 title in retitle R-1 since c1"},
		},
		{
			name: "a subject alone is no trailer",
			commits: []commit{base, retitle,
				{pm, "Reviewed: S-1, S-2", nil},
			},
			want: []string{
				"S-1 stories/S-1.md R-1 title in retitle R-1 since c1",
				"S-2 stories/S-2.md R-1 title in retitle R-1 since c1",
			},
		},
		{
			name: "an item retitled, then removed: its stories' broken reference is lint's, not a suspect",
			commits: []commit{base, retitle,
				{pm, "drop R-1", map[string]string{"roadmap/R-1.md": ""}},
			},
		},
		{
			name: "status and horizon say when, not what: no suspect",
			commits: []commit{base,
				{pm, "start R-1 now", map[string]string{"roadmap/R-1.md": item("R-1", "Lock-screen capture", "G1", "in-progress", "now", "Capture from the lock screen.\n")}},
			},
		},
		{
			name: "the description changes in words, not in a reflow",
			commits: []commit{base,
				{pm, "reflow", map[string]string{"roadmap/R-1.md": item("R-1", "Lock-screen capture", "G1", "planned", "next", "Capture from\nthe lock   screen.\n\n")}},
				{pm, "rescope R-2", map[string]string{"roadmap/R-2.md": item("R-2", "Sync", "G2", "planned", "later", "Sync every device, offline too.\n")}},
			},
			want: []string{"S-4 stories/S-4.md R-2 description in rescope R-2 since c1"},
		},
		{
			name: "a story file moved unchanged keeps its identity and stays suspect; an ID changed with its file is revisited",
			commits: []commit{base, retitle,
				{dev, "move S-1, renumber S-2", map[string]string{
					"stories/S-1.md": "", "stories/lock/S-1.md": storyOf("S-1", "R-1", "ready", "As a user.\n"),
					"stories/S-2.md": "", "stories/S-20.md": strings.Replace(storyOf("S-2", "R-1", "draft", "As a user.\n"), "id: S-2", "id: S-20", 1),
				}},
			},
			want: []string{"S-1 stories/lock/S-1.md R-1 title in retitle R-1 since c1"},
		},
		{
			name: "a roadmap item whose ID changed brings its past: the stories that follow it are suspect",
			commits: []commit{base, retitle,
				{pm, "renumber R-1 to R-10, and its stories with it; S-2 reviewed\n\nReviewed: S-2", map[string]string{
					"roadmap/R-1.md":  "",
					"roadmap/R-10.md": item("R-10", "Capture anywhere", "G1", "planned", "next", "Capture from the lock screen.\n"),
				}},
				{pm, "point S-1 at R-10", map[string]string{"stories/S-1.md": storyOf("S-1", "R-10", "ready", "As a user.\n")}},
				{pm, "retitle R-10", map[string]string{"roadmap/R-10.md": item("R-10", "Capture everywhere", "G1", "planned", "next", "Capture from the lock screen.\n")}},
			},
			want: []string{"S-1 stories/S-1.md R-10 title in retitle R-10 since point S-1 at R-10"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := suspectLines(t, build(t, tc.commits...))
			if !slices.Equal(got, tc.want) {
				t.Errorf("suspects:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// Over a range, as lint --base walks it, only the range's changes count.
func TestSuspectsInRange(t *testing.T) {
	g := build(t,
		commit{pm, "c1", map[string]string{
			"vision.md":      vision,
			"roadmap/R-1.md": item("R-1", "Capture", "G1", "planned", "next", "Body.\n"),
			"stories/S-1.md": storyOf("S-1", "R-1", "ready", "As a user.\n"),
		}},
		commit{pm, "retitle before the base", map[string]string{"roadmap/R-1.md": item("R-1", "Capture fast", "G1", "planned", "next", "Body.\n")}},
		commit{pm, "base: goals", map[string]string{"roadmap/R-1.md": item("R-1", "Capture fast", "G1, G2", "planned", "next", "Body.\n")}},
		commit{pm, "body", map[string]string{"roadmap/R-1.md": item("R-1", "Capture fast", "G1, G2", "planned", "next", "Body, changed.\n")}},
	)
	head := resolve(t, g, "HEAD")
	l, err := history.Read(g, config.Default(), resolve(t, g, "HEAD~1"), head)
	check(t, err)
	ss := history.Suspects(l, load(t, g, head))
	if len(ss) != 1 || ss[0].ID != "S-1" || strings.Join(ss[0].Scope(), ",") != "description" || ss[0].Since != nil {
		t.Fatalf("suspects = %+v, want S-1 for its description only, never revisited in the range", ss)
	}
	if got := history.LintSuspects(ss); len(got) != 1 || got[0].Commit != head.Short() || got[0].Author != pm || got[0].Item != "R-1" {
		t.Errorf("lint suspects = %+v", got)
	}
}

func TestReviewed(t *testing.T) {
	for _, c := range []struct{ msg, want string }{
		{"Retitle R-1\n\nReviewed: S-12, S-13\n", "S-12 S-13"},
		{"Retitle R-1\n\nreviewed:S-1 S-2\nREVIEWED: S-3\n", "S-1 S-2 S-3"},
		{"Retitle\n\nBody.\n\nSigned-off-by: a <a@b>\nReviewed: S-1,\n  S-2\r\n", "S-1 S-2"},
		{"Retitle\n\nSigned-off-by: a\n  continued\nReviewed: S-1\n", "S-1"},
		{"Reviewed: S-1\n", ""},                                      // the subject is never a trailer
		{"Retitle\n\nReviewed: S-1\nand some prose\n", ""},           // not every line a trailer
		{"Retitle\n\nReviewed: S-1\n\nA closing paragraph.\n", ""},   // not the last paragraph
		{"Retitle\n\n  Reviewed: S-1\n", ""},                         // a continuation of nothing
		{"Retitle\n\nReviewed-by: someone\nNot-Reviewed: S-1\n", ""}, // other keys
	} {
		if got := strings.Join(history.Reviewed(c.msg), " "); got != c.want {
			t.Errorf("Reviewed(%q) = %q, want %q", c.msg, got, c.want)
		}
	}
}
