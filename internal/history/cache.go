package history

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
)

// Which spec files a commit changed depends only on the commit, the spec
// root and the configured paths; what a file says (its Facts) only on its
// blob, its path and the configuration. Neither ever changes, so a walk
// keeps both in the git directory (.git/prodspec/history.cache, see
// gitsrc.ReadCache), and the next walk reads, diffs and parses only the
// commits made since: on the generated 2,000-commit repository with its
// stories in folders, `history` takes a quarter of the time (BENCHMARKS.md).
// The cache keeps every commit and blob any walk read; it is only ever
// time saved, and may be deleted at will.

const cacheName = "history.cache"

// walkCache is what earlier walks found, and what this one adds. It is
// read in the background while the walk lists its commits: its maps are
// there once ready returns.
type walkCache struct {
	repo   *gitsrc.Repo
	key    string
	loaded chan struct{}
	diffs  map[gitsrc.Hash]commitDiff
	facts  map[blobKey]*Facts
	// pairings are pairRenames' answers, by pairingKey.
	pairings map[[sha256.Size]byte][]Rename
	// files are the blobs addCodefiners looked up by path in a spec tree
	// (zero: no file there). On Backlog.md, where many IDs are defined
	// twice, those lookups were a third of a warm `history ID`.
	files map[treePath]gitsrc.Hash
	added bool // something to write back
}

// treePath is a path in a spec tree.
type treePath struct {
	Tree gitsrc.Hash
	Path string
}

// commitDiff is diffCommit's finding for one commit: its candidate spec
// changes (none when the spec is unchanged), and the spec trees compared.
type commitDiff struct {
	Tree, ParentTree gitsrc.Hash
	Changes          []gitsrc.FileChange
}

// openCache reads the cache for repo's spec root and cfg; an empty one
// when there is none (or it cannot be read).
func openCache(repo *gitsrc.Repo, cfg *config.Config) *walkCache {
	data, _ := json.Marshal(struct {
		Prefix string
		Config *config.Config
	}{repo.Prefix, cfg})
	sum := sha256.Sum256(data)
	c := &walkCache{repo: repo, key: hex.EncodeToString(sum[:]), loaded: make(chan struct{})}
	c.clear()
	go func() {
		defer close(c.loaded)
		if data, ok := repo.ReadCache(cacheName, c.key); ok && !decodeCache(data, c) {
			c.clear()
		}
	}()
	return c
}

// clear empties the cache.
func (c *walkCache) clear() {
	c.diffs, c.facts, c.pairings, c.files = map[gitsrc.Hash]commitDiff{}, map[blobKey]*Facts{}, map[[sha256.Size]byte][]Rename{}, map[treePath]gitsrc.Hash{}
}

// ready waits until the cache is read, and returns it.
func (c *walkCache) ready() *walkCache {
	<-c.loaded
	return c
}

func (c *walkCache) addDiff(h gitsrc.Hash, d commitDiff) {
	c.diffs[h], c.added = d, true
}

func (c *walkCache) addFacts(k blobKey, f *Facts) {
	c.facts[k], c.added = f, true
}

func (c *walkCache) addPairing(k [sha256.Size]byte, rs []Rename) {
	c.pairings[k], c.added = rs, true
}

func (c *walkCache) addFile(k treePath, h gitsrc.Hash) {
	c.files[k], c.added = h, true
}

// save writes the cache back when this walk added to it: in the
// background, while the command reports, so nothing may change the cache
// or the Facts in it after.
func (c *walkCache) save() {
	if c.ready().added {
		c.repo.WriteCacheLater(cacheName, c.key, func() []byte { return encodeCache(c) })
	}
}
