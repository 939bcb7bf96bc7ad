package history_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/history"
)

// TestItemTimelines follows a roadmap item and the goals through what a
// product manager does to them, including an ID change and a file that
// stops parsing for a while (mending it is no change: its values are
// those it had before).
func TestItemTimelines(t *testing.T) {
	g := build(t,
		commit{pm, "c1", map[string]string{
			"vision.md":      vision,
			"roadmap/R-1.md": item("R-1", "Capture", "G1", "proposed", "later", "Capture.\n"),
		}},
		commit{pm, "plan", map[string]string{"roadmap/R-1.md": item("R-1", "Capture", "G1", "planned", "next", "Capture.\n")}},
		commit{pm, "rescope", map[string]string{
			"roadmap/R-1.md": item("R-1", "Capture anywhere", "G2, G3", "planned", "next", "Capture, offline too.\n"),
			"vision.md":      "---\nkind: vision\ntitle: V\ngoals:\n  - {id: G1, title: Capture in a second}\n  - {id: G3, title: Never lose a note}\n  - {id: G4, title: Share}\n---\n",
		}},
		commit{pm, "break", map[string]string{"roadmap/R-1.md": "---\nid: R-1\ntitle: [\n---\n"}},
		commit{pm, "mend", map[string]string{"roadmap/R-1.md": item("R-1", "Capture anywhere", "G2, G3", "planned", "next", "Capture, offline too.\n")}},
		commit{pm, "renumber and start", map[string]string{
			"roadmap/R-1.md": "",
			"roadmap/R-7.md": item("R-7", "Capture anywhere", "G2, G3", "in-progress", "now", "Capture, offline too.\n"),
		}},
		commit{pm, "drop G4", map[string]string{"vision.md": "---\nkind: vision\ntitle: V\ngoals:\n  - {id: G1, title: Capture in a second}\n  - {id: G3, title: Never lose a note}\n---\n"}},
	)
	steps, err := history.Walk(g, config.Default(), nil, resolve(t, g, "HEAD"))
	check(t, err)
	msgs := map[string]string{}
	for _, s := range steps {
		msgs[s.Commit.Short()] = s.Commit.Message
	}
	var got []string
	for _, tl := range history.ItemTimelines(history.Revisions(steps)) {
		got = append(got, fmt.Sprintf("%s %s %q", tl.Kind, tl.ID, tl.Title))
		for _, r := range tl.Revisions {
			got = append(got, "  "+msgs[r.Commit]+": "+describe(r))
		}
	}
	want := []string{
		`roadmap R-7 "Capture anywhere"`,
		`  c1: added status >proposed horizon >later goals +G1`,
		`  plan: status proposed>planned horizon later>next`,
		`  rescope: title Capture>Capture anywhere goals +G2,G3 -G1 description scope=title,goals,description`,
		`  break: unreadable`,
		`  renumber and start: from R-1 status planned>in-progress horizon next>now`,
		`vision G1 "Capture in a second"`,
		`  c1: added`,
		`  rescope: title Capture fast>Capture in a second`,
		`vision G3 "Never lose a note"`,
		`  c1: added`,
		`  rescope: from G2`, // the same title under a new ID
		`vision G4 "Share"`,
		`  rescope: added`,
		`  drop G4: removed`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("timelines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func describe(r history.Revision) string {
	var parts []string
	add := func(cond bool, s string) {
		if cond {
			parts = append(parts, s)
		}
	}
	add(r.Added, "added")
	add(r.Removed, "removed")
	add(r.RenamedFrom != "", "from "+r.RenamedFrom)
	add(r.Unreadable != "", "unreadable")
	for _, e := range []struct {
		name string
		e    *history.Edit
	}{{"status", r.Status}, {"horizon", r.Horizon}, {"title", r.Retitled}} {
		if e.e != nil {
			parts = append(parts, e.name+" "+e.e.From+">"+e.e.To)
		}
	}
	if len(r.GoalsAdded)+len(r.GoalsRemoved) > 0 {
		g := "goals"
		if len(r.GoalsAdded) > 0 {
			g += " +" + strings.Join(r.GoalsAdded, ",")
		}
		if len(r.GoalsRemoved) > 0 {
			g += " -" + strings.Join(r.GoalsRemoved, ",")
		}
		parts = append(parts, g)
	}
	add(r.Body, "description")
	if s := r.Scope(); len(s) > 0 {
		parts = append(parts, "scope="+strings.Join(s, ","))
	}
	return strings.Join(parts, " ")
}
