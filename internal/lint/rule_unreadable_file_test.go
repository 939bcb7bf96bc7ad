package lint_test

import "testing"

func TestUnreadableFile(t *testing.T) {
	testRule(t, "unreadable-file", []ruleTest{
		{
			name: "a NUL byte makes a binary file",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\x00\n---\n",
			},
			want: []string{`stories/S-1.md:2:8: error: binary file: NUL byte found`},
		},
		{
			name: "a byte that is not UTF-8, at its line and column",
			files: map[string]string{
				"stories/S-30.md": "---\nid: S-30\ntitle: Caf\xe9 notes\nroadmap: R-1\nstatus: draft\n---\n",
			},
			want: []string{`stories/S-30.md:3:11: error: file is not valid UTF-8 (byte 0xe9)`},
		},
		{
			name: "a file over max_file_size",
			config: `max_file_size: 64
`,
			files: map[string]string{
				"roadmap/R-1.md": itemR1,
			},
			want: []string{`roadmap/R-1.md:1:1: error: file is 85 bytes, over the 64-byte limit (max_file_size)`},
		},
		{
			name: "symlinks that lead out of the spec root",
			symlinks: map[string]string{
				"stories/S-1.md": "../../secrets.md",
				"stories/S-2.md": "/etc/passwd",
			},
			want: []string{
				`stories/S-1.md:1:1: error: symlink to "../../secrets.md" leads out of the spec root`,
				`stories/S-2.md:1:1: error: symlink to "/etc/passwd" leads out of the spec root`,
			},
		},
		{
			name: "a symlink to nothing",
			symlinks: map[string]string{
				"stories/S-1.md": "S-404.md",
			},
			want: []string{`stories/S-1.md:1:1: error: broken symlink to "S-404.md"`},
		},
		{
			name: "a symlink inside the spec root is read through",
			files: map[string]string{
				"vision.md":             vision,
				"roadmap/R-1.md":        itemR1,
				"shared/capture-S-1.md": storyS1,
			},
			symlinks: map[string]string{
				"stories/S-1.md": "../shared/capture-S-1.md",
			},
		},
		{
			name: "a file at max_file_size exactly",
			config: `max_file_size: 85
`,
			files: map[string]string{
				"roadmap/R-1.md": itemR1,
			},
		},
		{
			name: "UTF-8 text in any script is fine",
			files: map[string]string{
				"stories/S-1.md": "---\nid: S-1\ntitle: Café — メモ 📝\nroadmap: R-1\nstatus: draft\n---\n",
			},
		},
		{
			name: "binary, oversized or symlinked files that are not spec files are not read",
			config: `max_file_size: 64
`,
			files: map[string]string{
				"docs/logo.md":     "\x89PNG\x00\x00",
				"docs/latin1.md":   "caf\xe9\n",
				"docs/big.md":      "A long page with no front matter, longer than sixty-four bytes.\n",
				"stories/logo.png": "\x89PNG\x00\x00",
			},
			symlinks: map[string]string{
				"docs/outside.md": "../../outside.md",
			},
		},
	})
}
