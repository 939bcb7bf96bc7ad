package cli

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/jsonschematest"
)

// TestGoReleaserConfig checks .goreleaser.yaml against GoReleaser's own
// schema (testdata/README.md), and that it builds what the README
// promises: static binaries for linux, darwin and windows on amd64 and
// arm64, stamped with the version, commit and date that `prodspec
// version` prints, in archives that carry the LICENSE, with checksums.
func TestGoReleaserConfig(t *testing.T) {
	cfg := jsonOf(t, "../../.goreleaser.yaml")
	data, err := os.ReadFile("testdata/goreleaser-v2.17.0.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	for _, e := range jsonschematest.Validate(schema, cfg) {
		t.Error(e)
	}
	// The check must catch a misspelt key.
	bad := jsonOf(t, "../../.goreleaser.yaml")
	bad.(map[string]any)["build"] = bad.(map[string]any)["builds"]
	if len(jsonschematest.Validate(schema, bad)) == 0 {
		t.Error("the schema check takes an unknown key")
	}

	var c struct {
		Builds []struct {
			Main, Binary string
			Env          []string
			Goos, Goarch []string
			Ldflags      []string
		}
		Archives []struct{ Files []string }
		Checksum struct {
			NameTemplate string `json:"name_template"`
		}
	}
	raw, _ := json.Marshal(cfg)
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Builds) != 1 || len(c.Archives) != 1 {
		t.Fatalf("%d builds, %d archives; want one of each", len(c.Builds), len(c.Archives))
	}
	b := c.Builds[0]
	if b.Main != "./cmd/prodspec" || !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("build %+v: want ./cmd/prodspec with CGO_ENABLED=0", b)
	}
	slices.Sort(b.Goos)
	slices.Sort(b.Goarch)
	if !slices.Equal(b.Goos, []string{"darwin", "linux", "windows"}) || !slices.Equal(b.Goarch, []string{"amd64", "arm64"}) {
		t.Errorf("targets %v × %v", b.Goos, b.Goarch)
	}
	ldflags := strings.Join(b.Ldflags, " ")
	for name, v := range map[string]*string{"stampVersion": &stampVersion, "stampCommit": &stampCommit, "stampDate": &stampDate} {
		_ = v // the variable the flag sets: renaming it breaks this test's build
		if !strings.Contains(ldflags, "-X github.com/prodspec/prodspec/internal/cli."+name+"={{") {
			t.Errorf("ldflags %q do not stamp %s", ldflags, name)
		}
	}
	if !slices.Contains(c.Archives[0].Files, "LICENSE") || c.Checksum.NameTemplate == "" {
		t.Errorf("archives carry %v, checksum %q: want the LICENSE and checksums", c.Archives[0].Files, c.Checksum.NameTemplate)
	}
}

// jsonOf reads a YAML file as encoding/json would decode its JSON.
func jsonOf(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPreCommitHooks: each hook in .pre-commit-hooks.yaml has what
// pre-commit requires, and its entry is a prodspec command line this
// prodspec takes.
func TestPreCommitHooks(t *testing.T) {
	var hooks []struct {
		ID, Name, Entry, Language string
		Files                     string
		PassFilenames             *bool `json:"pass_filenames"`
	}
	raw, _ := json.Marshal(jsonOf(t, "../../.pre-commit-hooks.yaml"))
	if err := json.Unmarshal(raw, &hooks); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, h := range hooks {
		ids[h.ID] = true
		args, ok := strings.CutPrefix(h.Entry, "prodspec ")
		if h.Name == "" || h.Language != "golang" || !ok {
			t.Errorf("hook %+v", h)
			continue
		}
		var out, errs strings.Builder
		code := Run(append(strings.Fields(args), "--help"), &Streams{Out: &out, Err: &errs, Getenv: func(string) string { return "" }})
		if code != 0 || errs.Len() > 0 {
			t.Errorf("hook %s: %q: exit %d: %s", h.ID, h.Entry, code, errs.String())
		}
	}
	if !ids["prodspec-lint"] || !ids["prodspec-fmt"] {
		t.Errorf("hooks %v; want prodspec-lint and prodspec-fmt", ids)
	}
}
