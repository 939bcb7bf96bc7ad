package canon

import (
	"testing"

	"github.com/prodspec/prodspec/internal/config"
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

func TestFormatRejectsBrokenFrontMatter(t *testing.T) {
	for _, src := range []string{"---\nid: [\n---\n", "---\nid: S-1\n", "no front matter\n", "---\n- a\n---\n"} {
		if _, err := Format([]byte(src), spec.KindStory, config.Default()); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}
