package gitsrc

import (
	"reflect"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// FuzzQuickCommit holds quickCommit to go-git's decoder: what it
// decodes, go-git decodes the same, zones included.
//
//	go test -run '^$' -fuzz FuzzQuickCommit -fuzztime 1m ./internal/gitsrc
func FuzzQuickCommit(f *testing.F) {
	for _, s := range []string{
		"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A U Thor <a@example.com> 1700000000 +0100\ncommitter C <c@example.com> 1700000001 -0530\n\nsubject\n\nbody\n",
		"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent 0000000000000000000000000000000000000001\nauthor <> 0 -0030\ncommitter x <y> 5\nencoding ISO-8859-1\ngpgsig -----BEGIN\n line\n \n -----END\n\nmsg",
		"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <b>\ncommitter c <d> x +0000\nmergetag object 1\n type commit\n",
		"tree 4B825DC642CB6EB9A060E54BF8D69288FBEE4904\nauthor a <b> 1 +0000\ncommitter c <d> 1 +0000\n\n",
		"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ncommitter c <d> 1 +0000\nauthor a <b> 1 +0000\n\n",
		"tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a > <b 1 +0000\ncommitter >c<\n\n",
	} {
		f.Add([]byte(s))
	}
	h := Hash{1, 2, 3}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := quickCommit(h, data)
		if !ok {
			return
		}
		var c object.Commit
		if err := c.Decode(memoryObject(plumbing.CommitObject, data)); err != nil {
			t.Fatalf("quickCommit decodes what go-git refuses (%v):\n%q", err, data)
		}
		c.Hash = plumbing.Hash(h)
		want := newCommit(&c, h.Short())
		for _, s := range []*Signature{&got.Author, &got.Committer, &want.Author, &want.Committer} {
			name, off := s.When.Zone()
			if name != "" && name != "UTC" {
				t.Fatalf("zone %q", name)
			}
			s.When = s.When.In(time0(off)) // compare instants and offsets, not *Location pointers
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nquickCommit %+v\ngo-git      %+v", data, got, want)
		}
	})
}

var zones = map[int]*time.Location{}

// time0 is one Location per offset, so that DeepEqual compares offsets.
func time0(off int) *time.Location {
	if zones[off] == nil {
		zones[off] = time.FixedZone("z", off)
	}
	return zones[off]
}

// TestQuickCommitTakes: the usual commits take the quick path; a header
// out of place or upper-case hex is left to go-git.
func TestQuickCommitTakes(t *testing.T) {
	const tree = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
	for data, want := range map[string]bool{
		tree + "author a <b> 1 +0000\ncommitter c <d> 1 +0000\n\nm\n":                                             true,
		tree + "parent 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <b> 1 +0000\ncommitter c <d> 1 +0000\n": true,
		tree + "author a <b> 1 +0000\ncommitter c <d> 1 +0000\ngpgsig x\n y\n\nm":                                 true,
		tree + "committer c <d> 1 +0000\nauthor a <b> 1 +0000\n\n":                                                false,
		"tree 4B825DC642CB6EB9A060E54BF8D69288FBEE4904\nauthor a <b> 1 +0000\ncommitter c <d> 1 +0000\n\n":        false,
		tree + "author a <b> 1 +0000\ncommitter c <d> 1 +0000":                                                    false,
	} {
		if _, ok := quickCommit(Hash{}, []byte(data)); ok != want {
			t.Errorf("%q: quick %v, want %v", data, ok, want)
		}
	}
}
