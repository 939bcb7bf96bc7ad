package cli

import (
	"bytes"
	"runtime/debug"
	"testing"
)

// TestBuildInfo: stamped values win; otherwise the module version and the
// vcs settings Go records for a build in a clone.
func TestBuildInfo(t *testing.T) {
	info := &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20260105090000-0123456789ab"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-01-05T09:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	got := fromBuildInfo(build{}, info).String()
	want := "prodspec v0.0.0-20260105090000-0123456789ab\ncommit 0123456789abcdef0123456789abcdef01234567 (with uncommitted changes)\ndate 2026-01-05T09:00:00Z\n"
	if got != want {
		t.Errorf("from build info:\n%s\nwant:\n%s", got, want)
	}
	stamped := build{Version: "1.2.0", Commit: "fedcba9876543210fedcba9876543210fedcba98", Date: "2026-02-01T10:00:00Z"}
	if got := fromBuildInfo(stamped, info); got.Version != "1.2.0" || got.Commit != stamped.Commit || got.Date != stamped.Date {
		t.Errorf("stamped values replaced: %+v", got)
	}
	if got, want := (build{Version: "(devel)"}).String(), "prodspec (devel)\ncommit unknown\ndate unknown\n"; got != want {
		t.Errorf("nothing known: %q, want %q", got, want)
	}
}

// TestVersionFlag: --version and the version command print the same.
func TestVersionFlag(t *testing.T) {
	var flag, cmd bytes.Buffer
	for _, c := range []struct {
		args []string
		out  *bytes.Buffer
	}{{[]string{"--version"}, &flag}, {[]string{"version"}, &cmd}} {
		if code := Run(c.args, &Streams{Out: c.out, Err: &bytes.Buffer{}, Getenv: func(string) string { return "" }}); code != 0 {
			t.Errorf("%v: exit %d", c.args, code)
		}
	}
	if flag.String() != cmd.String() || flag.String() != readBuild().String() {
		t.Errorf("--version %q, version %q", flag.String(), cmd.String())
	}
}
