package lint_test

import "testing"

func TestDependencyCycle(t *testing.T) {
	testRule(t, "dependency-cycle", []ruleTest{
		{
			name: "two stories that wait on each other, at the lower ID's dependency",
			files: map[string]string{
				"stories/S-20.md": "---\nid: S-20\ntitle: Sync preferences\nroadmap: R-1\nstatus: draft\ndepends_on: [S-1, S-21]\n---\n",
				"stories/S-21.md": "---\nid: S-21\ntitle: Store preferences\nroadmap: R-1\nstatus: draft\ndepends_on: [S-20]\n---\n",
				"stories/S-1.md":  storyS1,
			},
			want: []string{`stories/S-20.md:6:19: error: dependency cycle: S-20 -> S-21 -> S-20`},
		},
		{
			name: "a story that depends on itself",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: Self\nroadmap: R-1\nstatus: draft\ndepends_on: S-1\n---\n",
			},
			want: []string{`stories/S-1.md:6:13: error: dependency cycle: S-1 -> S-1`},
		},
		{
			name: "a longer cycle is named in order, starting at the lowest ID in natural order",
			files: map[string]string{
				"stories/S-9.md":  "---\nid: S-9\ntitle: Nine\nroadmap: R-1\nstatus: draft\ndepends_on: [S-10]\n---\n",
				"stories/S-10.md": "---\nid: S-10\ntitle: Ten\nroadmap: R-1\nstatus: draft\ndepends_on: [S-11]\n---\n",
				"stories/S-11.md": "---\nid: S-11\ntitle: Eleven\nroadmap: R-1\nstatus: draft\ndepends_on: [S-9]\n---\n",
			},
			want: []string{`stories/S-9.md:6:14: error: dependency cycle: S-9 -> S-10 -> S-11 -> S-9`},
		},
		{
			name: "two cycles, one finding each; the shortest way round is named",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: One\nroadmap: R-1\nstatus: draft\ndepends_on: [S-2]\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: Two\nroadmap: R-1\nstatus: draft\ndepends_on: [S-3, S-1]\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: Three\nroadmap: R-1\nstatus: draft\ndepends_on: [S-1]\n---\n",
				"stories/S-7.md": "---\nid: S-7\ntitle: Seven\nroadmap: R-1\nstatus: draft\ndepends_on: [S-8]\n---\n",
				"stories/S-8.md": "---\nid: S-8\ntitle: Eight\nroadmap: R-1\nstatus: draft\ndepends_on: [S-7]\n---\n",
			},
			want: []string{
				`stories/S-1.md:6:14: error: dependency cycle: S-1 -> S-2 -> S-1`,
				`stories/S-7.md:6:14: error: dependency cycle: S-7 -> S-8 -> S-7`,
			},
		},
		{
			name: "of two equally short ways round, the one through lower IDs",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: One\nroadmap: R-1\nstatus: draft\ndepends_on: [S-3, S-2]\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: Two\nroadmap: R-1\nstatus: draft\ndepends_on: [S-1]\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: Three\nroadmap: R-1\nstatus: draft\ndepends_on: [S-1]\n---\n",
			},
			want: []string{`stories/S-1.md:6:19: error: dependency cycle: S-1 -> S-2 -> S-1`},
		},
		{
			name: "a chain and a diamond",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: One\nroadmap: R-1\nstatus: draft\ndepends_on: [S-2, S-3]\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: Two\nroadmap: R-1\nstatus: draft\ndepends_on: [S-4]\n---\n",
				"stories/S-3.md": "---\nid: S-3\ntitle: Three\nroadmap: R-1\nstatus: draft\ndepends_on: [S-4]\n---\n",
				"stories/S-4.md": "---\nid: S-4\ntitle: Four\nroadmap: R-1\nstatus: draft\n---\n",
			},
		},
		{
			name: "a dependency on a story that does not exist is broken-reference",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: One\nroadmap: R-1\nstatus: draft\ndepends_on: [S-404]\n---\n",
			},
		},
		{
			name: "a story listing the same dependency twice",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: One\nroadmap: R-1\nstatus: draft\ndepends_on: [S-2, S-2]\n---\n",
				"stories/S-2.md": "---\nid: S-2\ntitle: Two\nroadmap: R-1\nstatus: draft\n---\n",
			},
		},
	})
}
