package lint_test

import "testing"

func TestStatusConflict(t *testing.T) {
	testRule(t, "status-conflict", []ruleTest{
		{
			name: "a done item with open stories, at its status, naming them",
			files: map[string]string{
				"roadmap/R-2.md": `---
id: R-2
title: Offline-first sync
goals: [G2]
status: done
horizon: now
---
`,
				"stories/S-16.md": "---\nid: S-16\ntitle: Sync status\nroadmap: R-2\nstatus: in-progress\n---\n",
				"stories/S-17.md": "---\nid: S-17\ntitle: Sync icon\nroadmap: R-2\nstatus: draft\n---\n",
				"stories/S-18.md": "---\nid: S-18\ntitle: Sync log\nroadmap: R-2\nstatus: accepted\n---\n",
			},
			want: []string{`roadmap/R-2.md:5:9: warning: roadmap item "R-2" is done but has open stories: S-16, S-17`},
		},
		{
			name: "accepted and in-progress stories under a dropped item, at each story's status",
			files: map[string]string{
				"roadmap/R-3.md":  "---\nid: R-3\ntitle: Web clipper\ngoals: [G1]\nstatus: dropped\n---\n",
				"stories/S-17.md": "---\nid: S-17\ntitle: Clip a page\nroadmap: R-3\nstatus: accepted\n---\n",
				"stories/S-18.md": "---\nid: S-18\ntitle: Clip a selection\nroadmap: R-3\nstatus: in-progress\n---\n",
			},
			want: []string{
				`stories/S-17.md:5:9: warning: story "S-17" is accepted but its roadmap item "R-3" is dropped`,
				`stories/S-18.md:5:9: warning: story "S-18" is in-progress but its roadmap item "R-3" is dropped`,
			},
		},
		{
			name: "the team's done, dropped and open statuses",
			config: `roadmap:
  statuses: [open, shipped, cancelled]
  started: [shipped]
  done: [shipped]
  dropped: [cancelled]
story:
  statuses: [todo, doing, signed-off]
  accepted: signed-off
  open: [todo, doing]
  draft: [todo]
  in_progress: [doing]
  rejected: []
`,
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: A\ngoals: [G1]\nstatus: shipped\n---\n",
				"roadmap/R-2.md": "---\nid: R-2\ntitle: B\ngoals: [G1]\nstatus: cancelled\n---\n",
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: todo\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-2\nstatus: signed-off\n---\n",
			},
			want: []string{
				`roadmap/R-1.md:5:9: warning: roadmap item "R-1" is shipped but has open stories: S-1`,
				`stories/S-2.md:5:9: warning: story "S-2" is signed-off but its roadmap item "R-2" is cancelled`,
			},
		},
		{
			name: "proposed and planned items with accepted stories, at the item's status, naming them",
			files: map[string]string{
				"roadmap/R-1.md": itemR1,
				"roadmap/R-2.md": "---\nid: R-2\ntitle: Sync\ngoals: [G2]\nstatus: proposed\n---\n",
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: accepted\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-1\nstatus: ready\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: C\nroadmap: R-1\nstatus: accepted\n---\n",
				"stories/S-4.md": "---\nid: S-4\ntitle: D\nroadmap: R-2\nstatus: accepted\n---\n",
			},
			want: []string{
				`roadmap/R-1.md:5:9: warning: roadmap item "R-1" is planned but has accepted stories: S-1, S-3`,
				`roadmap/R-2.md:5:9: warning: roadmap item "R-2" is proposed but has accepted stories: S-4`,
			},
		},
		{
			name: "not started is what the team's statuses leave out of started, done and dropped",
			config: `roadmap:
  statuses: [idea, committed, building, shipped, cancelled]
  started: [building, shipped]
  done: [shipped]
  dropped: [cancelled]
story:
  statuses: [todo, signed-off]
  accepted: signed-off
  open: [todo]
  draft: [todo]
  in_progress: []
  rejected: []
`,
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: A\ngoals: [G1]\nstatus: committed\n---\n",
				"roadmap/R-2.md": "---\nid: R-2\ntitle: B\ngoals: [G1]\nstatus: building\n---\n",
				"roadmap/R-3.md": "---\nid: R-3\ntitle: C\ngoals: [G1]\nstatus: bogus\n---\n",
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: signed-off\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-2\nstatus: signed-off\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: C\nroadmap: R-3\nstatus: signed-off\n---\n",
			},
			want: []string{`roadmap/R-1.md:5:9: warning: roadmap item "R-1" is committed but has accepted stories: S-1`},
		},
		{
			name: "a done item whose stories are all closed",
			files: map[string]string{
				"roadmap/R-2.md": "---\nid: R-2\ntitle: Sync\ngoals: [G2]\nstatus: done\n---\n",
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-2\nstatus: done\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-2\nstatus: accepted\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: C\nroadmap: R-2\nstatus: rejected\n---\n",
			},
		},
		{
			name: "open stories under an item still in progress",
			files: map[string]string{
				"roadmap/R-1.md": "---\nid: R-1\ntitle: Capture\ngoals: [G1]\nstatus: in-progress\n---\n",
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: in-progress\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-1\nstatus: accepted\n---\n",
			},
		},
		{
			name: "stories not started, done or rejected under a dropped item",
			files: map[string]string{
				"roadmap/R-3.md": "---\nid: R-3\ntitle: Clipper\ngoals: [G1]\nstatus: dropped\n---\n",
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-3\nstatus: draft\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-3\nstatus: ready\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: C\nroadmap: R-3\nstatus: done\n---\n",
				"stories/S-4.md": "---\nid: S-4\ntitle: D\nroadmap: R-3\nstatus: rejected\n---\n",
			},
		},
		{
			name: "a planned item with stories not yet accepted; an item in progress or done with accepted ones",
			files: map[string]string{
				"roadmap/R-1.md": itemR1,
				"roadmap/R-2.md": "---\nid: R-2\ntitle: B\ngoals: [G1]\nstatus: in-progress\n---\n",
				"roadmap/R-3.md": "---\nid: R-3\ntitle: C\ngoals: [G1]\nstatus: done\n---\n",
				"stories/S-1.md": "---\nid: S-1\ntitle: A\nroadmap: R-1\nstatus: done\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: B\nroadmap: R-1\nstatus: in-progress\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: C\nroadmap: R-2\nstatus: accepted\n---\n",
				"stories/S-4.md": "---\nid: S-4\ntitle: D\nroadmap: R-3\nstatus: accepted\n---\n",
			},
		},
		{
			name: "a done item with no stories",
			files: map[string]string{
				"roadmap/R-2.md": "---\nid: R-2\ntitle: Sync\ngoals: [G2]\nstatus: done\n---\n",
			},
		},
	})
}
