package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/scaffold"
)

// TestNewTakesTheNextIDWhenTaken: when another process has created the
// file of the ID new chose (here S-2, which new did not see when it read
// the spec), new takes the next free ID instead of failing.
func TestNewTakesTheNextIDWhenTaken(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "stories"), 0o755); err != nil {
		t.Fatal(err)
	}
	taken := filepath.Join(dir, "stories", "S-2.md")
	if err := os.WriteFile(taken, []byte("theirs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	it := scaffold.Item{Kind: "story", Title: "Mine"}
	k := newKind{cfg: config.Default(), patterns: config.Globs{"stories/*.md"}, id: regexp.MustCompile(`^S-[0-9]+$`)}
	it.ID = "S-2" // what new chose from the spec it read
	rel, err := createNew(dir, it, false, []string{"S-1", "S-2"}, k, io.Discard)
	if err != nil || rel != "stories/S-3.md" {
		t.Fatalf("createNew = %q, %v; want stories/S-3.md", rel, err)
	}
	if data, _ := os.ReadFile(taken); string(data) != "theirs\n" {
		t.Errorf("the other process's file was changed: %q", data)
	}

	// A given --id is not changed: its file existing is a usage error.
	it.ID = "S-2"
	if _, err := createNew(dir, it, true, nil, k, io.Discard); exitCode(err) != ExitUsage {
		t.Errorf("--id S-2 over an existing file: %v, want exit 2", err)
	}
}

// TestConcurrentNew runs new several times at once on one spec: every run
// succeeds, each with its own ID, and no file is replaced.
func TestConcurrentNew(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if code := Run([]string{"init", "-C", dir}, &Streams{Out: &out, Err: &out, Getenv: func(string) string { return "" }}); code != 0 {
		t.Fatalf("init: %d %s", code, out.String())
	}
	const n = 6
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, n)
	errs := make([]bytes.Buffer, n)
	codes := make([]int, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = Run([]string{"new", "story", "-C", dir, "--title", fmt.Sprint("Story ", i), "--roadmap", "R-1"},
				&Streams{Out: &outs[i], Err: &errs[i], Getenv: func(string) string { return "" }})
		}()
	}
	wg.Wait()
	var paths []string
	for i := range n {
		if codes[i] != 0 {
			t.Errorf("run %d: exit %d: %s", i, codes[i], errs[i].String())
		}
		paths = append(paths, strings.TrimSpace(outs[i].String()))
	}
	slices.Sort(paths)
	if len(slices.Compact(slices.Clone(paths))) != n {
		t.Errorf("runs share a path: %q", paths)
	}
	for i := range n {
		data, err := os.ReadFile(filepath.Join(dir, "stories", fmt.Sprintf("S-%d.md", i+2)))
		if err != nil || !bytes.Contains(data, []byte("title: Story ")) {
			t.Errorf("S-%d: %v %q", i+2, err, data)
		}
	}
}
