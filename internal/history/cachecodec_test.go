package history

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/gittest"
	"github.com/prodspec/prodspec/internal/spec"
)

func sampleCache() *walkCache {
	h := func(b byte) (x gitsrc.Hash) {
		x[0], x[19] = b, b
		return x
	}
	return &walkCache{
		diffs: map[gitsrc.Hash]commitDiff{
			h(1): {Tree: h(2), ParentTree: h(3), Changes: []gitsrc.FileChange{{Path: "stories/S-1.md", Old: h(4), New: h(5)}, {Path: "vision.md", New: h(6)}}},
			h(7): {},
		},
		facts: map[blobKey]*Facts{
			{h(5), "stories/S-1.md"}: {Kind: spec.KindStory, ID: "S-1", Title: "Ünïcode", Status: "ready", Roadmap: "R-1"},
			{h(8), "roadmap/R-1.md"}: {Kind: spec.KindRoadmap, ID: "R-1", Goals: []string{"G1", "G2"}, Horizon: "now", Body: 1<<63 + 5},
			{h(6), "vision.md"}:      {Kind: spec.KindVision, VisionGoals: []GoalFacts{{"G1", "One"}}},
			{h(9), "stories/x.md"}:   {Kind: spec.KindStory, Err: "3:1: invalid YAML"},
			{h(4), "notes.md"}:       nil,
		},
		pairings: map[[sha256.Size]byte][]Rename{
			{1}: {{From: "task-1", To: "BACK-1"}, {From: "task-2", To: "BACK-2"}},
			{2}: nil, // compared, nothing alike
		},
		files: map[treePath]gitsrc.Hash{
			{h(5), "stories/a.md"}: h(2),
			{h(5), "stories/b.md"}: {}, // no file there
			{h(6), "stories/a.md"}: h(9),
		},
	}
}

// TestCacheCodec: what is encoded decodes to the same, the same cache is
// the same bytes, and every shorter or longer data is refused.
func TestCacheCodec(t *testing.T) {
	want := sampleCache()
	data := encodeCache(want)
	got := &walkCache{}
	if !decodeCache(string(data), got) {
		t.Fatal("decodeCache refused what encodeCache wrote")
	}
	if !reflect.DeepEqual(got.diffs, want.diffs) || !reflect.DeepEqual(got.facts, want.facts) || !reflect.DeepEqual(got.pairings, want.pairings) || !reflect.DeepEqual(got.files, want.files) {
		t.Errorf("decoded:\n%+v\n%+v\n%v\n%v\nwant:\n%+v\n%+v\n%v\n%v", got.diffs, got.facts, got.pairings, got.files, want.diffs, want.facts, want.pairings, want.files)
	}
	if again := encodeCache(got); string(again) != string(data) {
		t.Error("the same cache encoded to other bytes")
	}
	for n := range len(data) {
		if decodeCache(string(data[:n]), &walkCache{}) {
			t.Fatalf("decodeCache took %d of %d bytes", n, len(data))
		}
	}
	if decodeCache(string(data)+"\x00", &walkCache{}) {
		t.Error("decodeCache took trailing bytes")
	}
}

// FuzzCacheCodec: no data, however broken, panics the decoder or makes
// it allocate more than the data could hold.
//
//	go test -run '^$' -fuzz FuzzCacheCodec -fuzztime 1m ./internal/history
func FuzzCacheCodec(f *testing.F) {
	f.Add(encodeCache(sampleCache()))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		c := &walkCache{}
		if decodeCache(string(data), c) {
			if again := encodeCache(c); string(again) != string(data) && len(c.diffs)+len(c.facts)+len(c.pairings)+len(c.files) > 0 {
				// Decoding is exact for what encodeCache writes; other
				// data that decodes must at least re-encode and decode.
				c2 := &walkCache{}
				if !decodeCache(string(again), c2) || !reflect.DeepEqual(c2.facts, c.facts) || !reflect.DeepEqual(c2.pairings, c.pairings) || !reflect.DeepEqual(c2.files, c.files) {
					t.Error("re-encoded cache does not decode to the same")
				}
			}
		}
	})
}

// TestCachedPairings: the cache keeps what pairRenames found for a
// commit that changes an ID, and a walk that reads it finds the same.
func TestCachedPairings(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	body := "\nImport every notebook with its tags, and keep their dates.\n\n- [ ] Notebooks\n- [ ] Tags\n"
	commit := func(msg string) {
		if _, err := r.Commit(msg, gittest.CommitOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Write("product/stories/task-1.md", "---\nid: task-1\ntitle: Import\nroadmap: R-1\nstatus: draft\n---\n"+body); err != nil {
		t.Fatal(err)
	}
	commit("add task-1")
	if err := os.Remove(filepath.Join(r.Dir, "product/stories/task-1.md")); err != nil {
		t.Fatal(err)
	}
	if err := r.Write("product/stories/S-1.md", "---\nid: S-1\ntitle: Import\nroadmap: R-1\nstatus: draft\n---\n"+body); err != nil {
		t.Fatal(err)
	}
	commit("task-1 is S-1")
	cold, warm, c := walkTwice(t, r)
	want := []Rename{{From: "task-1", To: "S-1"}}
	if len(cold.Steps) != 2 || !reflect.DeepEqual(cold.Steps[1].Renames, want) {
		t.Fatalf("steps %+v, want the second to rename task-1 to S-1", cold.Steps)
	}
	if len(c.pairings) != 1 {
		t.Fatalf("%d pairings cached, want 1", len(c.pairings))
	}
	if !reflect.DeepEqual(warm, cold) {
		t.Error("the walk with cached pairings differs")
	}
}

// TestCachedFiles: the cache keeps the files addCodefiners looked up in
// a spec tree, and a walk that reads them finds the same.
func TestCachedFiles(t *testing.T) {
	r, err := gittest.Init(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for i, files := range []map[string]string{
		{"product/stories/a.md": "---\nid: S-1\ntitle: Import\nroadmap: R-1\nstatus: draft\n---\n",
			"product/stories/b.md": "---\nid: S-1\ntitle: Export\nroadmap: R-1\nstatus: draft\n---\n"},
		{"product/stories/b.md": "---\nid: S-1\ntitle: Export\nroadmap: R-1\nstatus: ready\n---\n"},
	} {
		for p, src := range files {
			if err := r.Write(p, src); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := r.Commit(fmt.Sprint("commit ", i), gittest.CommitOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	cold, warm, c := walkTwice(t, r)
	if len(cold.Steps) != 2 || len(cold.Steps[1].Deltas) != 2 || !cold.Steps[1].Deltas[0].Context {
		t.Fatalf("steps %+v, want the second to list a.md as context", cold.Steps)
	}
	if len(c.files) != 2 {
		t.Fatalf("%d files cached, want a.md in both trees of the second commit", len(c.files))
	}
	if !reflect.DeepEqual(warm, cold) {
		t.Error("the walk with cached files differs")
	}
}

// walkTwice walks r's history with no cache, then again with the cache
// the first walk wrote, which it returns.
func walkTwice(t *testing.T, r *gittest.Repo) (cold, warm *Log, c *walkCache) {
	t.Helper()
	walk := func() (*Log, *walkCache) {
		g, err := gitsrc.Open(filepath.Join(r.Dir, "product"))
		if err != nil {
			t.Fatal(err)
		}
		defer g.Close()
		head, err := g.Resolve("HEAD")
		if err != nil {
			t.Fatal(err)
		}
		l, err := Read(g, config.Default(), nil, head)
		if err != nil {
			t.Fatal(err)
		}
		g.Close() // the cache is written
		return l, openCache(g, config.Default()).ready()
	}
	cold, c = walk()
	warm, _ = walk()
	return cold, warm, c
}
