package canon

import (
	"errors"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

func TestFormatStory(t *testing.T) {
	src := "---\n" +
		"status: ready   # set by the PO\n" +
		"labels:\n  - mobile\n  - capture\n" +
		"rice:\n    effort: 3\n    reach: 800\n    impact: 2\n    confidence: 80%\n" +
		"title: \"Capture: fast\"\n" +
		"custom: kept\n" +
		"id: S-010\n" +
		"roadmap: R-1\n" +
		"---\n" +
		"Body stays   as it is.\n"
	want := "---\n" +
		"id: S-010\n" +
		"title: \"Capture: fast\"\n" +
		"roadmap: R-1\n" +
		"status: ready # set by the PO\n" +
		"labels: [mobile, capture]\n" +
		"rice: {reach: 800, impact: 2, confidence: 80%, effort: 3}\n" +
		"custom: kept\n" +
		"---\n" +
		"Body stays   as it is.\n"
	got, err := Format([]byte(src), spec.KindStory, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	again, err := Format(got, spec.KindStory, config.Default())
	if err != nil || string(again) != want {
		t.Fatalf("not idempotent:\n%s (%v)", again, err)
	}
}

// TestFormatDeclaredKind: a file in stories/ whose front matter says it
// is a roadmap item is ordered as one, as lint reads it (fmt passes the
// kind its path gives).
func TestFormatDeclaredKind(t *testing.T) {
	src := "---\nhorizon: now\ngoals: [G1]\ntitle: T\nkind: roadmap\nid: R-1\nstatus: planned\n---\n"
	got, err := Format([]byte(src), spec.KindStory, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	want, err := Format([]byte(src), spec.KindRoadmap, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Fatalf("as a story path:\n%s\nas a roadmap path:\n%s", got, want)
	}
}

func TestFormatKeepsCRLFAndBOM(t *testing.T) {
	src := "\ufeff---\r\ntitle: T\r\nid: R-1\r\ngoals:\r\n- G1\r\n---\r\nbody\r\n"
	want := "\ufeff---\r\nid: R-1\r\ntitle: T\r\ngoals: [G1]\r\n---\r\nbody\r\n"
	got, err := Format([]byte(src), spec.KindRoadmap, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestFormatVisionGoals(t *testing.T) {
	src := "---\ngoals:\n  - title: Fast\n    id: G1\ntitle: V\nkind: vision\n---\n"
	want := "---\nkind: vision\ntitle: V\ngoals:\n  - id: G1\n    title: Fast\n---\n"
	got, err := Format([]byte(src), spec.KindVision, config.Default())
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestFormatRejectsBrokenFrontMatter: a file lint rejects for its front
// matter is not formatted, and the error names lint's position and
// message (file lines, not the YAML's: see testdata/script/fmt_yaml_error.txtar).
func TestFormatRejectsBrokenFrontMatter(t *testing.T) {
	for _, c := range []struct {
		src  string
		want parse.Pos
		msg  string
	}{
		{"---\nid: [\n---\n", parse.Pos{Line: 3, Col: 1}, "invalid YAML: did not find expected node content"},
		{"---\nid: S-1\ntitle: T\nroadmap: R-1\nstatus: a: b\n---\n", parse.Pos{Line: 5, Col: 1}, "invalid YAML: mapping values are not allowed in this context"},
		{"---\nid: S-1\n", parse.Start, `unterminated front matter: no closing "---" line`},
		{"no front matter\n", parse.Start, `no front matter: the file must start with a "---" line`},
		{"---\n- a\n---\n", parse.Pos{Line: 2, Col: 1}, "front matter must be a mapping of keys to values, not a list"},
		{"---\nid: S-1\nid: S-2\nx: &a 1\n---\n", parse.Pos{Line: 3, Col: 1}, `duplicate key "id" (first at line 2)`},
		{"---\nid: S-1\n<<<<<<< HEAD\nstatus: ready\n=======\nstatus: done\n>>>>>>> b\n---\n", parse.Pos{Line: 3, Col: 1},
			"unresolved merge conflict (<<<<<<< marker); resolve it before linting"},
	} {
		_, err := Format([]byte(c.src), spec.KindStory, config.Default())
		var skip *SkipError
		if !errors.As(err, &skip) {
			t.Errorf("%q: error %v, want a SkipError", c.src, err)
			continue
		}
		if skip.Pos != c.want || skip.Msg != c.msg {
			t.Errorf("%q: %v, want %v: %s", c.src, skip, c.want, c.msg)
		}
		if probs := parse.Parse([]byte(c.src)).Problems; len(probs) == 0 || probs[0].Pos != skip.Pos || probs[0].Msg != skip.Msg {
			t.Errorf("%q: %v, but lint reports %v", c.src, skip, probs)
		}
	}
}

// TestFormatSizeCap: a file over max_file_size is skipped with lint's
// message, and so is one that formatting would grow past it.
func TestFormatSizeCap(t *testing.T) {
	cfg := config.Default()
	over := "---\nid: S-1\ntitle: T\n---\n"
	cfg.MaxFileSize = int64(len(over)) - 1
	_, err := Format([]byte(over), spec.KindStory, cfg)
	var skip *SkipError
	if !errors.As(err, &skip) || skip.Pos != parse.Start ||
		skip.Msg != "file is 25 bytes, over the 24-byte limit (max_file_size)" {
		t.Errorf("over the cap: %v, want lint's max_file_size message at 1:1", err)
	}
	grows := "---\nid: S-1\nlabels: [a,b]\n---\n" // [a, b]: one byte more
	cfg.MaxFileSize = int64(len(grows))
	if out, err := Format([]byte(grows), spec.KindStory, cfg); err == nil || errors.As(err, &skip) ||
		err.Error() != "formatted, the file would be 31 bytes, over the 30-byte limit (max_file_size)" {
		t.Errorf("grown past the cap: %q, %v; want an error that is no lint finding", out, err)
	}
	cfg.MaxFileSize++
	if out, err := Format([]byte(grows), spec.KindStory, cfg); err != nil || len(out) != len(grows)+1 {
		t.Errorf("at the cap: %q, %v", out, err)
	}
}

// TestFormatKeepsNulls: a list item or priority input written as nothing
// is a null; in flow style yaml.v3 would write it as an empty quoted string,
// so such a list or mapping stays in block style.
func TestFormatKeepsNulls(t *testing.T) {
	src := "---\nid: S-1\nrice:\n  reach:\n  effort: 3\nlabels:\n  -\n  - a\n---\n"
	want := "---\nid: S-1\nlabels:\n  -\n  - a\nrice:\n  reach:\n  effort: 3\n---\n"
	got, err := Format([]byte(src), spec.KindStory, config.Default())
	if err != nil || string(got) != want {
		t.Fatalf("got:\n%s\nwant:\n%s (%v)", got, want, err)
	}
}
