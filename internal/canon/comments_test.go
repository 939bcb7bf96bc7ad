package canon

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

// commentsByKey lists, for each top-level key of a front matter, the
// comments yaml.v3 reads as belonging to it (on the key, its value and
// everything below), and under "" those of the document itself.
func commentsByKey(t *testing.T, src []byte) map[string][]string {
	t.Helper()
	parts, err := parse.Split(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	// Read as fmt reads it: yaml.v3 takes a comment on a CRLF line
	// before the end for one set apart by a blank line.
	fm := bytes.ReplaceAll(parts.FrontMatter, []byte("\r\n"), []byte("\n"))
	var doc yaml.Node
	if err := yaml.Unmarshal(fm, &doc); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	out := map[string][]string{}
	if doc.Kind == 0 {
		return out
	}
	add := func(key string, n *yaml.Node) {
		var walk func(*yaml.Node)
		walk = func(n *yaml.Node) {
			for _, c := range []string{n.HeadComment, n.LineComment, n.FootComment} {
				for _, l := range strings.Split(c, "\n") {
					if l = strings.TrimSpace(l); l != "" {
						out[key] = append(out[key], l)
					}
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(n)
	}
	attachComments(&doc, fm)
	root := doc.Content[0]
	add("", &yaml.Node{HeadComment: doc.HeadComment + "\n" + root.HeadComment,
		LineComment: doc.LineComment + "\n" + root.LineComment, FootComment: doc.FootComment + "\n" + root.FootComment})
	for i := 0; i+1 < len(root.Content); i += 2 {
		add(root.Content[i].Value, root.Content[i])
		add(root.Content[i].Value, root.Content[i+1])
	}
	for _, v := range out {
		slices.Sort(v)
	}
	return out
}

// entries of a story's front matter, each as it may be written.
var commentEntries = [][]string{
	{"id: S-1", "id: S-1 # #id-line"},
	{"title: T", "title: # #title-key-line\n  T"},
	{"status: ready", "status: ready # #status-line"},
	{"labels: [a, b]", "labels:\n  - a\n  - b", "labels: # #labels-key-line\n  - a\n  - b", "labels:\n  - a # #labels-a-line\n  - b", "labels:\n  # #labels-a-head\n  - a\n  - b", "labels: [a, b] # #labels-flow-line"},
	{"rice: {reach: 1, effort: 2}", "rice:\n  effort: 2\n  reach: 1", "rice: # #rice-key-line\n  effort: 2\n  reach: 1", "rice:\n  effort: 2 # #rice-effort-line\n  reach: 1", "rice:\n  # #rice-effort-head\n  effort: 2\n  reach: 1", "rice:\n  effort: 2\n  reach: 1\n  # #rice-foot"},
	{"custom: x", "custom:\n  a: 1 # #custom-a-line"},
	{"roadmap: R-1"},
}

// TestFormatKeepsComments: whatever the order of the keys and wherever a
// comment is written (above a key, after it on its line, below it, in
// its value), fmt writes it on the same key.
func TestFormatKeepsComments(t *testing.T) {
	r := rand.New(rand.NewSource(14))
	for n := 0; n < 1000; n++ {
		perm := r.Perm(len(commentEntries))
		var b strings.Builder
		b.WriteString("---\n")
		if r.Intn(4) == 0 {
			b.WriteString("# #doc-head\n\n")
		}
		for _, i := range perm {
			e := commentEntries[i]
			key := strings.SplitN(e[0], ":", 2)[0]
			switch r.Intn(5) {
			case 0:
				fmt.Fprintf(&b, "# #%s-head\n", key)
			case 1:
				fmt.Fprintf(&b, "\n# #%s-head\n", key)
			}
			b.WriteString(e[r.Intn(len(e))] + "\n")
			if r.Intn(5) == 0 {
				fmt.Fprintf(&b, "# #%s-foot\n\n", key)
			}
		}
		if r.Intn(4) == 0 {
			b.WriteString("\n# #doc-foot\n")
		}
		b.WriteString("---\nBody.\n")
		src := []byte(b.String())
		got, err := Format(src, spec.KindStory, config.Default())
		if err != nil {
			t.Fatalf("%s\n%v", src, err)
		}
		want := commentsByKey(t, src)
		if have := commentsByKey(t, got); fmt.Sprint(have) != fmt.Sprint(want) {
			t.Fatalf("source:\n%s\nformatted:\n%s\ncomments: %v\nwant: %v", src, got, have, want)
		}
		again, err := Format(got, spec.KindStory, config.Default())
		if err != nil || string(again) != string(got) {
			t.Fatalf("not idempotent:\n%s\n->\n%s", got, again)
		}
	}
}

// TestFormatCommentCases pins where fmt writes the comments that used to
// be lost or land on a neighbouring key.
func TestFormatCommentCases(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"document head comment",
			"# about this story\n\nstatus: ready\nid: S-1\n",
			"# about this story\n\nid: S-1\nstatus: ready\n"},
		{"document foot comment",
			"status: ready\nid: S-1\n\n# the end\n",
			"id: S-1\nstatus: ready\n\n# the end\n"},
		{"line comment on the key of a list made flow",
			"labels: # for search\n  - a\nid: S-1\n",
			"id: S-1\nlabels: [a] # for search\n"},
		{"comment inside a list keeps it in block style",
			"labels:\n  - a # first\n  - b\nid: S-1\n",
			"id: S-1\nlabels:\n  - a # first\n  - b\n"},
		{"comment inside priority inputs keeps them in block style",
			"rice:\n  effort: 3 # days\n  reach: 800\nid: S-1\n",
			"id: S-1\nrice:\n  reach: 800\n  effort: 3 # days\n"},
		{"foot comment under a flow value",
			"rice: {reach: 1, effort: 2}\n# rice foot\n\nstatus: ready\nid: S-1\n",
			"id: S-1\nstatus: ready\nrice: {reach: 1, effort: 2}\n# rice foot\n"},
		{"foot comment under a line comment",
			"status: ready # PO\n# status foot\n\ntitle: T\nid: S-1\n",
			"id: S-1\ntitle: T\nstatus: ready # PO\n# status foot\n"},
		{"head comment with a blank line, moved",
			"status: ready\ntitle: T\n\n# one\n\n# two\nid: S-1\n",
			"# one\n# two\nid: S-1\ntitle: T\nstatus: ready\n"},
		{"head comment with a blank line, after another key",
			"status: ready\n\n# one\n\n# two\ntitle: T\nid: S-1\n",
			"id: S-1\n\n# one\n\n# two\ntitle: T\nstatus: ready\n"},
		{"line comment of flow goals made block",
			"goals: [{title: A, id: G1}] # two of them\ntitle: V\nkind: vision\n",
			"kind: vision\ntitle: V\ngoals: # two of them\n  - id: G1\n    title: A\n"},
		{"comment under a goal, next goal reordered",
			"goals:\n  - id: G1\n    title: A\n  # about G1\n\n  - title: B\n    id: G2\nkind: vision\n",
			"kind: vision\ngoals:\n  - id: G1\n    title: A\n    # about G1\n  - id: G2\n    title: B\n"},
	} {
		src := "---\n" + c.src + "---\nBody.\n"
		kind := spec.KindStory
		if strings.Contains(src, "kind: vision") {
			kind = spec.KindVision
		}
		got, err := Format([]byte(src), kind, config.Default())
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if want := "---\n" + c.want + "---\nBody.\n"; string(got) != want {
			t.Errorf("%s:\n%s\nwant:\n%s", c.name, got, want)
		}
		if again, _ := Format(got, kind, config.Default()); string(again) != string(got) {
			t.Errorf("%s: not idempotent:\n%s", c.name, again)
		}
		if have, want := commentsByKey(t, got), commentsByKey(t, []byte(src)); fmt.Sprint(have) != fmt.Sprint(want) {
			t.Errorf("%s: comments %v, want %v", c.name, have, want)
		}
	}
}
