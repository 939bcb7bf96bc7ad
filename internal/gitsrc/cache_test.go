package gitsrc_test

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/gitsrc"
)

// TestCache: what is written is read back under the same key only, and a
// file that another build (or anything else) wrote reads as no cache.
func TestCache(t *testing.T) {
	r, _ := history(t)
	repo, err := gitsrc.Open(r.Dir)
	check(t, err)
	defer repo.Close()
	if got, ok := repo.ReadCache("x.cache", "k"); ok {
		t.Fatalf("ReadCache before any write = %q, want none", got)
	}
	repo.WriteCache("x.cache", "k", []byte("data"))
	if got, ok := repo.ReadCache("x.cache", "k"); !ok || got != "data" {
		t.Errorf("ReadCache = %q, %v, want data", got, ok)
	}
	if got, ok := repo.ReadCache("x.cache", "other key"); ok {
		t.Errorf("ReadCache under another key = %q, want none", got)
	}
	path := repo.CachePath("x.cache")
	data, err := os.ReadFile(path)
	check(t, err)
	for name, bad := range map[string][]byte{
		"another build": anotherBuild(data),
		"truncated":     data[:len(data)/2],
		"empty":         nil,
	} {
		check(t, os.WriteFile(path, bad, 0o644))
		if got, ok := repo.ReadCache("x.cache", "k"); ok {
			t.Errorf("%s: ReadCache = %q, want none", name, got)
		}
	}
}

// anotherBuild is data as a build of another size would have written it:
// its second line names the executable.
func anotherBuild(data []byte) []byte {
	lines := bytes.SplitN(data, []byte("\n"), 3)
	build, err := strconv.Unquote(string(lines[1]))
	if err != nil {
		panic(err)
	}
	lines[1] = []byte(strconv.Quote(build + "0"))
	return bytes.Join(lines, []byte("\n"))
}

// TestCommitsCache: the commits a walk reads are kept in the git
// directory, and the next walk reads them from there as they were; a
// cache that is not whole is ignored.
// TestBigCache: a cache big enough to be mapped reads back as written,
// and what was read stays the same when a later run replaces the file
// (decoded strings point into it).
func TestBigCache(t *testing.T) {
	r, _ := history(t)
	repo, err := gitsrc.Open(r.Dir)
	check(t, err)
	defer repo.Close()
	big := bytes.Repeat([]byte("0123456789abcdef"), 8<<10) // 128 KiB
	repo.WriteCache("x.cache", "k", big)
	got, ok := repo.ReadCache("x.cache", "k")
	if !ok || got != string(big) {
		t.Fatalf("ReadCache of %d bytes = %d bytes, %v", len(big), len(got), ok)
	}
	repo.WriteCache("x.cache", "k", bytes.Repeat([]byte("z"), len(big)))
	if got != string(big) {
		t.Error("a string read from the cache changed when the cache was written again")
	}
	if again, _ := repo.ReadCache("x.cache", "k"); again != strings.Repeat("z", len(big)) {
		t.Error("ReadCache after a rewrite does not give the new data")
	}
}

func TestCommitsCache(t *testing.T) {
	r, _ := history(t)
	list := func() string {
		repo, err := gitsrc.Open(r.Dir)
		check(t, err)
		defer repo.Close()
		head, err := repo.Resolve("HEAD")
		check(t, err)
		cs, err := repo.Commits(nil, head)
		check(t, err)
		var b strings.Builder
		for _, c := range cs {
			fmt.Fprintf(&b, "%s %s %v %+v %+v %q\n", c.Hash, c.Tree, c.Parents, c.Author, c.Committer, c.Message)
		}
		return b.String()
	}
	cold := list()
	repo, err := gitsrc.Open(r.Dir)
	check(t, err)
	path := repo.CachePath("commits.cache")
	repo.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no commits cache after a walk: %v", err)
	}
	if warm := list(); warm != cold {
		t.Errorf("from the cache:\n%s\nfrom the repository:\n%s", warm, cold)
	}
	// A message changed in the cache shows: the walk read it from there.
	check(t, os.WriteFile(path, bytes.Replace(data, []byte("accept S-1"), []byte("ACCEPT S-1"), 1), 0o644))
	if got := list(); got != strings.Replace(cold, "accept S-1", "ACCEPT S-1", 1) {
		t.Errorf("with a doctored cache:\n%s", got)
	}
	check(t, os.WriteFile(path, data[:len(data)-1], 0o644))
	if got := list(); got != cold {
		t.Errorf("with a truncated cache:\n%s\nwant:\n%s", got, cold)
	}
	// HEAD's own commit is kept too: the next run resolves it from there.
	head := func() string {
		repo, err := gitsrc.Open(r.Dir)
		check(t, err)
		defer repo.Close()
		c, err := repo.Resolve("HEAD")
		check(t, err)
		return c.Message
	}
	msg := head()
	data, err = os.ReadFile(path)
	check(t, err)
	doctored := bytes.Replace(data, []byte(msg), []byte(strings.ToUpper(msg)), 1)
	check(t, os.WriteFile(path, doctored, 0o644))
	if got := head(); got != strings.ToUpper(msg) {
		t.Errorf("HEAD's message %q, want %q from the cache", got, strings.ToUpper(msg))
	}
}
