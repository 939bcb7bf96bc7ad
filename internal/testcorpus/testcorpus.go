// Package testcorpus holds real-world and conformance inputs for parser
// tests and fuzz seeds, every case of the YAML test suite and Backlog.md's
// own task files (see README.md for their origin and licences), and the
// checks the fuzz tests make with them. Only tests import it, so none of it
// is part of the prodspec binary.
package testcorpus

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"testing"
	"time"
	"unicode/utf8"
)

// File is one input. Name is "/"-separated and says where it came from.
type File struct {
	Name string
	Data []byte
}

//go:embed yaml-test-suite/*.yaml
var yamlSuite embed.FS

//go:embed backlog-md
var backlog embed.FS

// YAMLSuite returns every YAML test suite case wrapped as the front matter
// of a file: "---\n" + the YAML + "\n---\nbody\n". A case with a "---"
// line of its own ends the front matter there, which is a test too.
func YAMLSuite() []File {
	files := markdown(yamlSuite, ".yaml", "")
	for i, f := range files {
		files[i].Data = Wrap(f.Data)
	}
	return files
}

// Wrap makes yaml the front matter of a small markdown file.
func Wrap(yaml []byte) []byte {
	return []byte("---\n" + string(yaml) + "\n---\nbody\n")
}

// Backlog returns the Backlog.md files kept in the repository and, when
// the shared corpora sit beside the repository, every file there too.
func Backlog() []File {
	files := markdown(backlog, ".md", "")
	if dir := sharedBacklog(); dir != "" {
		files = append(files, markdown(os.DirFS(dir), ".md", "shared/")...)
	}
	return files
}

// Seeds returns every input: the wrapped YAML suite and the Backlog.md files.
func Seeds() []File {
	return append(YAMLSuite(), Backlog()...)
}

// markdown reads the files of fsys whose names end in ext, in path order,
// naming them prefix + path. The corpora are fixed, so an error here is a
// broken checkout.
func markdown(fsys fs.FS, ext, prefix string) []File {
	var out []File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ext {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		out = append(out, File{Name: prefix + p, Data: data})
		return err
	})
	if err != nil {
		panic("testcorpus: " + err.Error())
	}
	return out
}

// sharedBacklog is the Backlog.md folder of the shared corpora beside the
// repository, or "" when there is none. Tests run in their package's
// directory, so the repository root is the nearest parent with a go.mod.
func sharedBacklog() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			shared := filepath.Join(dir, "..", "shared", "corpora", "backlog-md", "backlog")
			if info, err := os.Stat(shared); err == nil && info.IsDir() {
				return shared
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// CheckPos returns an error unless line and col are a position in src:
// line 1 up to the line after the last newline, column 1 up to one past
// the last character of that line (columns count characters).
func CheckPos(src []byte, line, col int) error {
	lines := bytes.Split(src, []byte("\n"))
	if line < 1 || line > len(lines) {
		return fmt.Errorf("line %d outside 1..%d", line, len(lines))
	}
	if n := utf8.RuneCount(lines[line-1]); col < 1 || col > n+1 {
		return fmt.Errorf("%d:%d: column outside 1..%d", line, col, n+1)
	}
	return nil
}

// Within runs f and fails t if f panics or has not returned after d: an
// input a parser hangs on is a bug to report, not a test that never ends.
// f may call t.Error but not t.Fatal (it runs on another goroutine).
func Within(t testing.TB, d time.Duration, f func()) {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
			}
			close(done)
		}()
		f()
	}()
	select {
	case msg := <-done:
		if msg != "" {
			t.Fatal(msg)
		}
	case <-time.After(d):
		t.Fatalf("still running after %v", d)
	}
}

// BacklogFS is the Backlog.md files kept here, in their folders as the
// project has them under backlog/ (tasks, completed, drafts, archive/…):
// a real spec layout to adopt by configuration, and the same on every
// machine.
func BacklogFS() fs.FS {
	sub, err := fs.Sub(backlog, "backlog-md")
	if err != nil {
		panic(err) // the directory is embedded
	}
	return sub
}
