package gitsrc

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unsafe"
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
// none. The data comes as a string, and a decoder's strings are slices
// of it. A big cache file is mapped, not read: copying the 3 MB history
// cache into new memory cost a warm `history ID` 18 ms of first-touch
// page faults, where the mapped file's pages are already in the page
// cache (BENCHMARKS.md, stop 26).
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
	info, err := f.Stat()
	if err != nil {
		return "", false
	}
	if data, err = readCacheFile(f, info.Size()); err != nil || !strings.HasPrefix(data, head) {
		return "", false
	}
	return data[len(head):], true
}

// mapCacheFrom is the size from which a cache file is mapped rather than
// read: small ones (a test's) are not worth a mapping each.
const mapCacheFrom = 64 << 10

// readCacheFile returns f's size bytes as a string. A mapped file is
// never unmapped, since any string decoded from it may live as long as
// the process; WriteCache replaces a cache file by renaming a new one
// over it, never by writing into it, so the mapped bytes never change.
func readCacheFile(f *os.File, size int64) (string, error) {
	if size >= mapCacheFrom {
		if m := mapFile(f, size); m != nil {
			return unsafe.String(&m[0], len(m)), nil
		}
	}
	var b strings.Builder
	b.Grow(int(size))
	_, err := io.Copy(&b, f)
	return b.String(), err
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
