package history_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/history"
)

// TestReadCache: a walk that reads its commits and blobs from the cache
// finds exactly what a walk without one does, after new commits and
// under another configuration too; and a cache that cannot be read only
// costs the time.
func TestReadCache(t *testing.T) {
	cache := repo(t).CachePath("history.cache")
	root := filepath.Dir(filepath.Dir(filepath.Dir(cache))) // root/.git/prodspec/history.cache
	read := func(cfg *config.Config, rev string) *history.Log {
		t.Helper()
		// A repository per read, as each run of prodspec opens one: the
		// cache is written at the latest when it is closed.
		g, err := gitsrc.Open(filepath.Join(root, "product"))
		check(t, err)
		defer g.Close()
		l, err := history.Read(g, cfg, nil, resolve(t, g, rev))
		check(t, err)
		return l
	}
	cold := func(cfg *config.Config, rev string) *history.Log {
		t.Helper()
		if err := os.Remove(cache); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return read(cfg, rev)
	}
	same := func(what string, got, want *history.Log) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the walk with the cache differs from the walk without", what)
		}
	}
	def := config.Default()
	want := cold(def, "HEAD")
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("no cache after a walk: %v", err)
	}
	same("warm", read(def, "HEAD"), want)

	// A cache written for a shorter walk: the rest is read and added.
	wantPart := cold(def, "v1.0.0")
	same("part, warm", read(def, "v1.0.0"), wantPart)
	same("then all", read(def, "HEAD"), want)

	// Another configuration: no stories at all, nothing from the cache.
	none := config.Default()
	none.Story.Paths = config.Globs{"nothing/*.md"}
	wantNone := cold(none, "HEAD")
	cold(def, "HEAD")
	same("other configuration", read(none, "HEAD"), wantNone)
	same("and back", read(def, "HEAD"), want)
	if reflect.DeepEqual(wantNone, want) {
		t.Fatal("the two configurations should find different steps")
	}

	check(t, os.WriteFile(cache, []byte("not a cache"), 0o644))
	same("unreadable", read(def, "HEAD"), want)
}
