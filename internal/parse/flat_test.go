package parse

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/testcorpus"
)

// flatSeeds are files just inside and just outside what FlatFrontMatter
// reads.
var flatSeeds = []string{
	"---\nid: S-1\ntitle: Find a note by tag 1\nroadmap: R-1\nstatus: ready\nowner: ana@example.com\nestimate: 1\n" +
		"labels: [area-1, team-1]\nrice: {reach: 8800, impact: 1, confidence: 0.8, effort: 5}\n---\nAs a user.\n",
	"---\nid: R-1\ntitle: Roadmap item 1\ngoals: [G2]\nstatus: planned\nhorizon: next\n---\n## Why\n",
	"---\n# c\n\nid: S-1\ndue:\nx: null\ny: Null\nl: []\nm: {}\nn: [a b, 2026-01-02]\n---",
	"---\nid: S-1\n---\n", "---\n---\n", "---\n\n---\n", "---\nid: S-1\n", "---\r\nid: S-1\r\n---\r\n",
	"\ufeff---\nid: S-1\n---\n", "--- \nid: S-1\n---\n", "---\nid: S-1\n--- \n", "---\nid: S-1\nid: S-2\n---\n",
	"---\nid: S-1 \n---\n", "---\nid:  S-1\n---\n", "---\nid:\tS-1\n---\n", "---\nid:S-1\n---\n", "---\n id: S-1\n---\n",
	"---\nid: S-1 # c\n---\n", "---\nt: a: b\n---\n", "---\nt: a [b] {c}, d\n---\n", "---\nt: 'a'\n---\n",
	"---\nl: [a, ]\n---\n", "---\nl: [a,,b]\n---\n", "---\nl: [null]\n---\n", "---\nl: [a]]\n---\n", "---\nl: [a] b\n---\n",
	"---\nm: {a: 1, a: 2}\n---\n", "---\nm: {a:1}\n---\n", "---\nm: {a: }\n---\n", "---\nm: {a: b: c}\n---\n",
	"---\n<<<<<<< HEAD\nid: S-1\n---\n", "---\nid: S-1\n...\n---\n", "---\nid: S-1\n---\nbody \xff\n", "---\nid: S-1\n---\n\x00",
	"---\nt: é\n---\n", "---\n#\xc2\x85x: y\n---\n", "---\nkind: story\n---\n", "---\n" + strings.Repeat("k", 65) + ": v\n---\n",
	"---\na-b_c: -1\n_: +1\nk: 0x1F\n---\n", "---\nk: a\n---\nx\n---\ny: z\n",
	// hand-written: quotes, block lists
	"---\nid: BACK-1\ntitle: 'Fix: it''s # not a comment'\nstatus: \"To Do\"\nn: 'null'\nlabels:\n  - a\n  - 'b c'\nx:\n- \"d\"\n- e\ny: []\n---\n",
	"---\nl:\n  - a\n   - b\n---\n", "---\nl:\n  -\n---\n", "---\nl:\n\n  - a\n---\n", "---\nl:\n  - a\n# c\n  - b\n---\n",
	"---\nl: null\n  - a\n---\n", "---\nl:\n  - a: b\n---\n", "---\nl:\n  - - a\n---\n", "---\nl:\n  - a \n---\n",
	"---\nt: 'a' b\n---\n", "---\nt: \"a\\\"\"\n---\n", "---\nt: 'a\n---\n", "---\nt: 'a''\n---\n", "---\nt: ''''\n---\n",
	"---\nt: \"\"\n---\n", "---\nt: 'é'\n---\n", "---\nt:\n  a\n---\n", "---\nt: x\n  - a\n---\n",
}

// FuzzFlatFrontMatter holds FlatFrontMatter to ParseFrontMatter: when it
// reads a file, ParseFrontMatter finds no problem there and its mapping
// has the same keys in the same order, each value of the same kind, with
// the same scalar text and list items.
//
//	go test -run '^$' -fuzz FuzzFlatFrontMatter -fuzztime 3m ./internal/parse
func FuzzFlatFrontMatter(f *testing.F) {
	for _, s := range flatSeeds {
		f.Add([]byte(s))
	}
	for _, s := range seeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		testcorpus.Within(t, 10*time.Second, func() {
			pairs, ok := FlatFrontMatter(src)
			if !ok {
				return
			}
			doc := ParseFrontMatter(src)
			if len(doc.Problems) > 0 || doc.FrontMatter == nil {
				t.Fatalf("FlatFrontMatter read a file ParseFrontMatter finds wrong: %v", doc.Problems)
			}
			if err := sameFlat(pairs, doc.FrontMatter); err != "" {
				t.Errorf("%s\nParseFrontMatter:\n%s", err, dump(doc.FrontMatter))
			}
		})
	})
}

func TestFlatFrontMatter(t *testing.T) {
	read := 0
	for _, s := range flatSeeds {
		pairs, ok := FlatFrontMatter([]byte(s))
		if !ok {
			continue
		}
		read++
		doc := ParseFrontMatter([]byte(s))
		if len(doc.Problems) > 0 || doc.FrontMatter == nil {
			t.Fatalf("%q: ParseFrontMatter finds %v", s, doc.Problems)
		}
		if err := sameFlat(pairs, doc.FrontMatter); err != "" {
			t.Errorf("%q: %s", s, err)
		}
	}
	if read != 12 {
		t.Errorf("FlatFrontMatter read %d seeds, want 6", read)
	}
}

// sameFlat says how pairs differ from the mapping m, "" when they agree.
func sameFlat(pairs []FlatPair, m *yaml.Node) string {
	if m.Kind != yaml.MappingNode || len(m.Content) != 2*len(pairs) {
		return "not the same number of keys"
	}
	for i, p := range pairs {
		k, v := m.Content[2*i], m.Content[2*i+1]
		if k.Kind != yaml.ScalarNode || k.Value != p.Key {
			return "key " + p.Key + " is " + k.Value
		}
		var kind FlatKind
		switch {
		case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
			kind = FlatNull
		case v.Kind == yaml.ScalarNode:
			kind = FlatScalar
		case v.Kind == yaml.SequenceNode:
			kind = FlatList
		case v.Kind == yaml.MappingNode:
			kind = FlatMap
		default:
			return p.Key + ": an alias"
		}
		if kind != p.Value.Kind || kind == FlatScalar && v.Value != p.Value.Text {
			return p.Key + ": another value"
		}
		if kind == FlatList {
			if len(v.Content) != len(p.Value.Items) {
				return p.Key + ": another number of items"
			}
			for j, c := range v.Content {
				if c.Kind != yaml.ScalarNode || c.Tag == "!!null" || c.Value != p.Value.Items[j] {
					return p.Key + ": another item"
				}
			}
		}
	}
	return ""
}

// TestFlatFrontMatterKeyBound: past maxFlatKeys keys (checked for repeats
// one by one) the full parse reads the file, so that time stays linear.
func TestFlatFrontMatterKeyBound(t *testing.T) {
	for _, n := range []int{maxFlatKeys, maxFlatKeys + 1} {
		var b strings.Builder
		b.WriteString("---\n")
		for i := range n {
			fmt.Fprintf(&b, "k%d: v\n", i)
		}
		b.WriteString("---\n")
		if _, ok := FlatFrontMatter([]byte(b.String())); ok != (n <= maxFlatKeys) {
			t.Errorf("%d keys: read %v", n, ok)
		}
	}
}
