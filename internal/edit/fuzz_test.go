package edit

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/canon"
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
	"github.com/prodspec/prodspec/internal/testcorpus"
)

// fuzzChanges are the changes the seeds make, one per seed file in turn;
// "-key" stands for --unset key.
var fuzzChanges = []string{
	"status=done", "labels+=x", "rice.reach=800", "estimate=3", "title=A new title", "labels=a,b",
	"depends_on-=S-1", "owner=@po", "labels-=enhancement", "-labels", "moscow=must", "priority=high",
	"id=010", "-status", "wsjf.job_size=5", "dependencies+=task-1", "assignee=@a,@b", "-rice.effort",
}

// FuzzSet checks set on the spec corpus (Backlog.md's tasks, the YAML
// test suite as front matter, the examples): after a change the file
// still parses, only the named value differs (the body and every other
// value are as they were), and fmt then set gives what set then fmt
// gives.
//
//	go test -run '^$' -fuzz FuzzSet -fuzztime 3m ./internal/edit
func FuzzSet(f *testing.F) {
	for i, s := range append(testcorpus.Seeds(), examples(f)...) {
		f.Add(s.Data, fuzzChanges[i%len(fuzzChanges)])
	}
	f.Fuzz(func(t *testing.T, src []byte, change string) {
		if len(src) > 8192 {
			return
		}
		c, ok := fuzzChange(change)
		if !ok {
			return
		}
		testcorpus.Within(t, 10*time.Second, func() {
			out, ok := fuzzApply(t, src, c)
			if !ok {
				return
			}
			checkOnlyNamed(t, src, out, c)
			a, b := fmtThenSet(t, src, c), setThenFmt(t, out)
			if a == nil || b == nil || bytes.Equal(a, b) {
				return
			}
			if bytes.ContainsAny(src, "#|>") && bytes.Equal(layoutFree(a), layoutFree(b)) {
				// Where blank lines and comments go next to comments,
				// empty values and block scalars is yaml.v3's: it writes
				// a blank line after a folded scalar, makes a comment
				// after an empty value a foot comment (a blank line
				// before it, or on the next key's line), and not once
				// the value is set. set leaves them where they are;
				// checkOnlyNamed holds it to that.
				return
			}
			if bytes.Equal(bytes.ReplaceAll(a, []byte("'"), []byte(`"`)), bytes.ReplaceAll(b, []byte("'"), []byte(`"`))) {
				// Quotes only: set quotes a new value as the values
				// around it are quoted, and fmt quotes a plain value it
				// must quote (":0") with single quotes, so the two see
				// different neighbours.
				return
			}
			t.Errorf("%v on\n%s\nfmt then set:\n%s\nset then fmt:\n%s", c, src, a, b)
		})
	})
}

// layoutFree is b without blank lines and comments (roughly: a " #"
// inside a quoted value goes too, the same way in both texts compared).
func layoutFree(b []byte) []byte {
	return blankLine.ReplaceAll(comment.ReplaceAll(b, nil), nil)
}

var (
	comment   = regexp.MustCompile(`(?m)(^|[ \t])#.*$`)
	blankLine = regexp.MustCompile(`(?m)^[ \t]*\r?\n`)
)

func fuzzChange(s string) (Change, bool) {
	if key, ok := strings.CutPrefix(s, "-"); ok {
		c, err := ParseChange(key + "=x")
		return Change{Key: c.Key, Op: Unset}, err == nil && c.Op == Set
	}
	c, err := ParseChange(s)
	return c, err == nil
}

// fuzzApply makes c on src; ok is false when the file or the change is
// refused, which is an answer, not a failure.
func fuzzApply(t *testing.T, src []byte, c Change) ([]byte, bool) {
	d, err := Open(src, spec.KindStory, fuzzConfig)
	if err != nil || len(d.root.Content) == 0 {
		// set finds the file it edits by its id: one without keys is
		// never edited (and fmt leaves an empty front matter alone).
		return nil, false
	}
	if _, err := d.Apply(c); err != nil {
		var unsafe *UnsafeError
		if errors.As(err, &unsafe) && strings.Contains(err.Error(), "internal error") {
			t.Errorf("%v on\n%s\n%v", c, src, err)
		}
		return nil, false
	}
	return d.Bytes(), true
}

var fuzzConfig = func() *config.Config {
	cfg := config.Default()
	cfg.Fields.Aliases = map[string]string{"depends_on": "dependencies", "owner": "assignee", "moscow": "priority"}
	return cfg
}()

// checkOnlyNamed compares src and out by reading them again, apart from
// the engine: the bytes around the front matter are the same, and the
// front matter holds the same values but at c's key.
func checkOnlyNamed(t *testing.T, src, out []byte, c Change) {
	a, _ := parse.Split(src)
	b, _ := parse.Split(out)
	if !bytes.Equal(a.Body, b.Body) || !bytes.Equal(src[:a.FMOffset], out[:b.FMOffset]) {
		t.Errorf("%v on\n%s\nchanged more than the front matter:\n%s", c, src, out)
		return
	}
	before, after := parse.ParseFrontMatter(src), parse.ParseFrontMatter(out)
	if len(after.Problems) > 0 {
		t.Errorf("%v on\n%s\ngave a file lint rejects:\n%s\n%v", c, src, out, after.Problems)
		return
	}
	path := strings.Split(c.Key, ".")
	for i, k := range path {
		path[i] = fuzzConfig.Field(k)
	}
	old, depth := get(before.FrontMatter, path)
	now, _ := get(after.FrontMatter, path)
	// What the change may touch: the key, or the first key of the path
	// it had to make.
	cut(before.FrontMatter, path[:min(depth+1, len(path))])
	cut(after.FrontMatter, path[:min(depth+1, len(path))])
	if !equalValues(before.FrontMatter, after.FrontMatter) {
		t.Errorf("%v on\n%s\nchanged other values:\n%s", c, src, out)
	}
	if c.Op == Unset && now != nil {
		t.Errorf("%v on\n%s\nleft the key:\n%s", c, src, out)
	}
	if c.Op == Set && now != nil && now.Kind == yaml.ScalarNode && now.Value != c.Value {
		t.Errorf("%v on\n%s\nset %q:\n%s", c, src, now.Value, out)
	}
	if c.Op == Add && old != nil && old.Kind == yaml.SequenceNode && len(now.Content) != len(old.Content)+len(items(c.Value)) {
		t.Errorf("%v on\n%s\nadded the wrong number of items:\n%s", c, src, out)
	}
}

// get is the node at path in the tree n, and how many keys of the path
// exist.
func get(n *yaml.Node, path []string) (*yaml.Node, int) {
	for i, k := range path {
		_, v := pair(n, k)
		if v == nil {
			return nil, i
		}
		n = v
	}
	return n, len(path)
}

// cut takes the pair at path out of the tree n.
func cut(n *yaml.Node, path []string) {
	m, _ := get(n, path[:len(path)-1])
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for j := 0; j+1 < len(m.Content); j += 2 {
		if m.Content[j].Value == path[len(path)-1] {
			m.Content = slices.Delete(m.Content, j, j+2)
			return
		}
	}
}

// equalValues compares two trees as YAML values, in the order written.
func equalValues(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || len(a.Content) != len(b.Content) {
		return false
	}
	if a.Kind == yaml.ScalarNode && (a.Value != b.Value || a.ShortTag() != b.ShortTag()) {
		return false
	}
	for i := range a.Content {
		if !equalValues(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

func fmtThenSet(t *testing.T, src []byte, c Change) []byte {
	f, err := canon.Format(src, spec.KindStory, fuzzConfig)
	if err != nil {
		return nil
	}
	out, ok := fuzzApply(t, f, c)
	if !ok {
		return nil
	}
	return out
}

func setThenFmt(t *testing.T, out []byte) []byte {
	f, err := canon.Format(out, spec.KindStory, fuzzConfig)
	if err != nil {
		t.Errorf("fmt refuses what set wrote:\n%s\n%v", out, err)
		return nil
	}
	return f
}

// examples are the spec files of the repository's examples.
func examples(f *testing.F) []testcorpus.File {
	var out []testcorpus.File
	root := filepath.Join("..", "..", "examples")
	err := filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Ext(p) != ".md" {
			return err
		}
		data, err := os.ReadFile(p)
		out = append(out, testcorpus.File{Name: p, Data: data})
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	return out
}
