package gitsrc

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// prodspec keeps what it reads off commits in files of the git directory
// (.git/prodspec/NAME), because a commit never changes: a second run reads
// only the commits made since. What a commit gives depends on more than
// the commit, though: on the configuration, which the caller puts in the
// key, and on prodspec's own code, which a new build may read otherwise.
// So each file names the build that wrote it, and any other build ignores
// it. A missing, stale or unreadable cache costs time, never a different
// answer.

// cacheMagic opens every cache file, before the build and the key.
const cacheMagic = "prodspec cache 1\n"

// ReadCache returns the data that WriteCache stored as name under key,
// written by this very build of prodspec; ok is false when there is
// none. The data comes as a string, read straight into one (a decoder's
// strings are slices of it): copying a 3 MB history cache from bytes cost
// a warm walk as much again in first-touch page faults.
func (r *Repo) ReadCache(name, key string) (data string, ok bool) {
	path, head := r.CachePath(name), cacheHead(key)
	if path == "" || head == "" {
		return "", false
	}
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	var b strings.Builder
	if info, err := f.Stat(); err == nil {
		b.Grow(int(info.Size()))
	}
	if _, err := io.Copy(&b, f); err != nil || !strings.HasPrefix(b.String(), head) {
		return "", false
	}
	return b.String()[len(head):], true
}

// WriteCacheLater is WriteCache of what encode returns, encoded and
// written in the background while the command goes on (a cold walk's
// cache took 30 ms to encode); Close waits for it. What encode reads
// must not change meanwhile.
func (r *Repo) WriteCacheLater(name, key string, encode func() []byte) {
	r.writes.Go(func() { r.WriteCache(name, key, encode()) })
}

// WriteCache replaces the cache file name with data under key,
// atomically: a run that reads it meanwhile reads the old or the new one.
// Failure is ignored (see above).
func (r *Repo) WriteCache(name, key string, data []byte) {
	path, head := r.CachePath(name), cacheHead(key)
	if path == "" || head == "" {
		return
	}
	dir := filepath.Dir(path)
	if os.MkdirAll(dir, 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(dir, "."+name+"-*")
	if err != nil {
		return
	}
	_, err = tmp.Write([]byte(head))
	if err == nil {
		_, err = tmp.Write(data)
	}
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

// cacheHead is the first bytes of a cache file written under key by this
// build; "" when the build cannot be told apart from another.
func cacheHead(key string) string {
	b := build()
	if b == "" {
		return ""
	}
	return cacheMagic + strconv.Quote(b) + "\n" + strconv.Quote(key) + "\n"
}

// build names the running executable: its path, size and time of
// modification. Hashing it would be exact but costs a tenth of a second
// for 24 MB; a rebuilt binary has a new modification time, and the cache
// is local to the machine.
var build = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return exe + " " + strconv.FormatInt(fi.Size(), 10) + " " + strconv.FormatInt(fi.ModTime().UnixNano(), 10)
})
