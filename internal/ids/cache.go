package ids

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
)

// The IDs a commit added or changed never change: a commit is immutable
// and so is what the configuration makes of its files. So they are kept
// in the git directory (.git/prodspec/ids.json) and each run reads only
// the commits made since: on a 2,000-commit history that is the
// difference between seconds and a tenth of one. Only the reachable
// commits' entries are used and kept, so a commit dropped by a rebase
// counts no more than it would without the cache, and every machine
// gives the same answer. A cache that cannot be read or written costs
// time, never a different answer.

const cacheVersion = 2 // 2: an old version's ID from its id line (spec.DeclaredID)

type cacheFile struct {
	Version int
	// Key is what the IDs read from a commit depend on besides the
	// commit: the spec root's place and the configuration's paths.
	Key     string
	Commits map[string][]seen // commit hash -> the IDs it added or changed
}

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

// readCache returns the cached IDs per commit, or an empty map when there
// is no cache for key.
func readCache(repo *gitsrc.Repo, key string) map[string][]seen {
	path := repo.CachePath("ids.json")
	if path == "" {
		return map[string][]seen{}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return map[string][]seen{}
	}
	var c cacheFile
	if json.Unmarshal(data, &c) != nil || c.Version != cacheVersion || c.Key != key || c.Commits == nil {
		return map[string][]seen{}
	}
	return c.Commits
}

// writeCache replaces the cache with commits, atomically (a concurrent
// run reads the old or the new one); failure is ignored, see above.
func writeCache(repo *gitsrc.Repo, key string, commits map[string][]seen) {
	path := repo.CachePath("ids.json")
	if path == "" {
		return
	}
	data, err := json.Marshal(cacheFile{Version: cacheVersion, Key: key, Commits: commits})
	if err != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ids-*.json")
	if err != nil {
		return
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644) // as readable as the objects it is made from
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}
