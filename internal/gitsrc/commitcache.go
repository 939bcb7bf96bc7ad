package gitsrc

import (
	"bytes"
	"slices"
	"sync"
)

// The commits a walk reads are kept, raw, in .git/prodspec/commits.cache
// (see ReadCache): a commit never changes, and finding and inflating each
// of the 2,000 commits of the generated repository in its pack took a
// quarter of a warm `history ID`. The raw object is kept, not our reading
// of it, so that a commit from the cache is decoded exactly as one from
// the pack. A commit depends on nothing else: the cache has no key.
//
//	cache = uvarint(#commits) (hash string(object))*, in hash order
const commitsCacheName = "commits.cache"

// commitCache is the commits read so far: from the cache file, loaded on
// first use, and from the repository since.
type commitCache struct {
	load  sync.Once
	mu    sync.Mutex
	raw   map[Hash]string
	added bool // something to write back
}

// cachedCommit is the raw commit h, if the cache holds it.
func (r *Repo) cachedCommit(h Hash) (string, bool) {
	c := &r.commits
	c.load.Do(func() {
		data, _ := r.ReadCache(commitsCacheName, "")
		c.raw = decodeCommits(data)
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	data, ok := c.raw[h]
	return data, ok
}

// keepCommit adds the raw commit h, unless the cache holds it.
func (r *Repo) keepCommit(h Hash, data []byte) {
	c := &r.commits
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.raw[h]; !ok {
		c.raw[h], c.added = string(data), true
	}
}

// saveCommits writes the cache back when commits were added to it.
func (r *Repo) saveCommits() {
	c := &r.commits
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.added {
		r.WriteCache(commitsCacheName, "", encodeCommits(c.raw))
		c.added = false
	}
}

func encodeCommits(raw map[Hash]string) []byte {
	hashes := make([]Hash, 0, len(raw))
	for h := range raw {
		hashes = append(hashes, h)
	}
	slices.SortFunc(hashes, func(a, b Hash) int { return bytes.Compare(a[:], b[:]) })
	var e Encoder
	e.Uint(len(hashes))
	for _, h := range hashes {
		e.Hash(h)
		e.String(raw[h])
	}
	return e.B
}

// decodeCommits reads a cache; empty when it is not a whole one.
func decodeCommits(data string) map[Hash]string {
	d := NewDecoder(data)
	n := d.Count(len(Hash{}) + 1)
	raw := make(map[Hash]string, n)
	for range n {
		raw[d.Hash()] = d.String()
	}
	if !d.Done() {
		return map[Hash]string{}
	}
	return raw
}
