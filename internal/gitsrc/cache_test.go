package gitsrc_test

import (
	"bytes"
	"os"
	"strconv"
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
	if got := repo.ReadCache("x.cache", "k"); got != nil {
		t.Fatalf("ReadCache before any write = %q, want nil", got)
	}
	repo.WriteCache("x.cache", "k", []byte("data"))
	if got := repo.ReadCache("x.cache", "k"); string(got) != "data" {
		t.Errorf("ReadCache = %q, want data", got)
	}
	if got := repo.ReadCache("x.cache", "other key"); got != nil {
		t.Errorf("ReadCache under another key = %q, want nil", got)
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
		if got := repo.ReadCache("x.cache", "k"); got != nil {
			t.Errorf("%s: ReadCache = %q, want nil", name, got)
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
