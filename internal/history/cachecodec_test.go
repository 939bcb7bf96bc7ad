package history

import (
	"reflect"
	"testing"

	"github.com/prodspec/prodspec/internal/gitsrc"
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
	}
}

// TestCacheCodec: what is encoded decodes to the same, the same cache is
// the same bytes, and every shorter or longer data is refused.
func TestCacheCodec(t *testing.T) {
	want := sampleCache()
	data := encodeCache(want)
	got := &walkCache{diffs: map[gitsrc.Hash]commitDiff{}, facts: map[blobKey]*Facts{}}
	if !decodeCache(data, got) {
		t.Fatal("decodeCache refused what encodeCache wrote")
	}
	if !reflect.DeepEqual(got.diffs, want.diffs) || !reflect.DeepEqual(got.facts, want.facts) {
		t.Errorf("decoded:\n%+v\n%+v\nwant:\n%+v\n%+v", got.diffs, got.facts, want.diffs, want.facts)
	}
	if again := encodeCache(got); string(again) != string(data) {
		t.Error("the same cache encoded to other bytes")
	}
	for n := range len(data) {
		c := &walkCache{diffs: map[gitsrc.Hash]commitDiff{}, facts: map[blobKey]*Facts{}}
		if decodeCache(data[:n], c) {
			t.Fatalf("decodeCache took %d of %d bytes", n, len(data))
		}
	}
	c := &walkCache{diffs: map[gitsrc.Hash]commitDiff{}, facts: map[blobKey]*Facts{}}
	if decodeCache(append(data, 0), c) {
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
		c := &walkCache{diffs: map[gitsrc.Hash]commitDiff{}, facts: map[blobKey]*Facts{}}
		if decodeCache(data, c) {
			if again := encodeCache(c); string(again) != string(data) && len(c.diffs)+len(c.facts) > 0 {
				// Decoding is exact for what encodeCache writes; other
				// data that decodes must at least re-encode and decode.
				c2 := &walkCache{diffs: map[gitsrc.Hash]commitDiff{}, facts: map[blobKey]*Facts{}}
				if !decodeCache(again, c2) || !reflect.DeepEqual(c2.facts, c.facts) {
					t.Error("re-encoded cache does not decode to the same")
				}
			}
		}
	})
}
