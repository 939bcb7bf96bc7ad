package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
)

func TestNextID(t *testing.T) {
	for _, c := range []struct {
		existing []string
		pattern  string
		want     string
	}{
		{nil, `^S-[0-9]+$`, "S-1"},
		{[]string{"S-1", "S-10", "S-9"}, `^S-[0-9]+$`, "S-11"},
		{[]string{"S-009"}, `^S-[0-9]+$`, "S-010"},
		{[]string{"BACK-7", "junk", "BACK-12"}, `^BACK-[0-9]+$`, "BACK-13"},
		{nil, `^R-[0-9]+$`, "R-1"},
	} {
		got, err := NextID(c.existing, regexp.MustCompile(c.pattern))
		if err != nil || got != c.want {
			t.Errorf("NextID(%v, %s) = %q, %v; want %q", c.existing, c.pattern, got, err, c.want)
		}
	}
	if _, err := NextID(nil, regexp.MustCompile(`^[a-z]+$`)); err == nil {
		t.Error("want an error for a pattern with no number")
	}
}

func TestDir(t *testing.T) {
	for pat, want := range map[string]string{"stories/**/*.md": "stories", "backlog/tasks/*.md": "backlog/tasks", "*.md": "", "a/b/c.md": "a/b", "work/{stories,backlog}/*.md": "work"} {
		if got := Dir(pat); got != want {
			t.Errorf("Dir(%q) = %q, want %q", pat, got, want)
		}
	}
}

// TestConfigFileIsTheDefaults: the configuration init writes, and the
// README quotes, says exactly what prodspec does without one.
func TestConfigFileIsTheDefaults(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, config.FileName), []byte(ConfigFile), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := config.Load(dir, dir, "", config.Known{})
	if err != nil {
		t.Fatal(err)
	}
	// Printed, as an empty list and none mean the same here.
	keys := func(c *config.Config) string {
		return fmt.Sprintf("%+v", []any{c.Vision, c.Roadmap, c.Story, c.Fields, c.Priority, c.Rules, c.Ignore, c.MaxFileSize, c.Roles})
	}
	if got, want := keys(got), keys(config.Default()); got != want {
		t.Errorf("ConfigFile reads as\n%s\nwant the defaults\n%s", got, want)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```yaml\n"+ConfigFile+"```\n") {
		t.Error("README.md does not quote scaffold.ConfigFile as the defaults")
	}
}
