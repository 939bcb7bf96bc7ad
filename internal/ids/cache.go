package ids

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
)

// The IDs a commit added or changed never change: a commit is immutable
// and so is what the configuration makes of its files. So they are kept
// in the git directory (.git/prodspec/ids.cache, see gitsrc.ReadCache)
// and each run reads only the commits made since: on a 2,000-commit
// history that is the difference between seconds and a tenth of one.
// Only the reachable commits' entries are used and kept, so a commit
// dropped by a rebase counts no more than it would without the cache,
// and every machine gives the same answer.

const cacheName = "ids.cache"

// cacheKey names the configuration the cached IDs were read with.
func cacheKey(prefix string, cfg *config.Config) string {
	data, _ := json.Marshal(struct {
		Prefix                 string
		Vision, Roadmap, Story config.Globs
		Ignore                 config.Globs
		MaxFileSize            int64
		Fields                 config.FieldsConfig
	}{prefix, cfg.Vision.Paths, cfg.Roadmap.Paths, cfg.Story.Paths, cfg.Ignore, cfg.MaxFileSize, cfg.Fields})
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// readCache returns the cached IDs per commit (commit hash -> the IDs it
// added or changed), or an empty map when there is no cache for key.
func readCache(repo *gitsrc.Repo, key string) map[string][]seen {
	var commits map[string][]seen
	data, _ := repo.ReadCache(cacheName, key)
	if json.Unmarshal([]byte(data), &commits) != nil || commits == nil {
		return map[string][]seen{}
	}
	return commits
}

// writeCache replaces the cache with commits.
func writeCache(repo *gitsrc.Repo, key string, commits map[string][]seen) {
	if data, err := json.Marshal(commits); err == nil {
		repo.WriteCache(cacheName, key, data)
	}
}
