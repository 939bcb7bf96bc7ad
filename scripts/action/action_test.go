// Package action_test runs the GitHub Action's scripts (action.yml at the
// repository root runs them) with bash, without GitHub: prodspec is this
// test binary, and gh and curl are fakes on the PATH that answer from
// files and record what they were asked. It needs bash, and skips
// without it.
package action_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/cli"
	"github.com/prodspec/prodspec/internal/gittest"
)

// TestMain runs prodspec when the scripts call it: the PATH holds a link
// named prodspec to this binary.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "prodspec" {
		os.Exit(cli.Run(os.Args[1:], &cli.Streams{Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv}))
	}
	os.Exit(m.Run())
}

// fakeGH answers `gh api --paginate …/comments` with $FAKE_COMMENTS (the
// lines gh's --jq would print) and records every call in $FAKE_LOG, with
// the body of a comment it is asked to write.
const fakeGH = `#!/usr/bin/env bash
printf 'gh %s\n' "$*" >>"$FAKE_LOG"
for a in "$@"; do
  case $a in
  body=@*) printf -- '--- body\n' >>"$FAKE_LOG"; cat "${a#body=@}" >>"$FAKE_LOG" ;;
  --paginate) cat "$FAKE_COMMENTS" ;;
  esac
done
`

// fakeCurl serves URLs from $FAKE_RELEASES by their last path element,
// failing as curl -f does when there is no such file.
const fakeCurl = `#!/usr/bin/env bash
printf 'curl %s\n' "$*" >>"$FAKE_LOG"
while [ $# -gt 0 ]; do
  case $1 in
  -o) out=$2; shift ;;
  http*) url=$1 ;;
  esac
  shift
done
[ -f "$FAKE_RELEASES/${url##*/}" ] || exit 22
cp "$FAKE_RELEASES/${url##*/}" "$out"
`

// env is a run's world: its directories and the variables action.yml sets.
type env struct {
	t    *testing.T
	dir  string // the job's working directory: the checked-out repository
	tmp  string // RUNNER_TEMP
	vars map[string]string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	root := t.TempDir()
	e := &env{t: t, dir: filepath.Join(root, "repo"), tmp: filepath.Join(root, "tmp"), vars: map[string]string{}}
	bin := filepath.Join(root, "bin")
	for _, d := range []string{e.dir, e.tmp, bin} {
		check(t, os.MkdirAll(d, 0o755))
	}
	self, err := os.Executable()
	check(t, err)
	check(t, os.Symlink(self, filepath.Join(bin, "prodspec")))
	check(t, os.WriteFile(filepath.Join(bin, "gh"), []byte(fakeGH), 0o755))
	check(t, os.WriteFile(filepath.Join(bin, "curl"), []byte(fakeCurl), 0o755))
	// The go command builds prodspec from source (install.sh).
	goBin := ""
	if gotool, err := exec.LookPath("go"); err == nil {
		goBin = filepath.Dir(gotool)
	}
	e.vars = map[string]string{
		"PATH":                strings.Join(slices.DeleteFunc([]string{bin, goBin, filepath.Dir(bash), "/usr/bin", "/bin"}, func(d string) bool { return d == "" }), string(os.PathListSeparator)),
		"RUNNER_TEMP":         e.tmp,
		"GITHUB_OUTPUT":       filepath.Join(root, "output"),
		"GITHUB_STEP_SUMMARY": filepath.Join(root, "summary.md"),
		"GITHUB_PATH":         filepath.Join(root, "path"),
		"FAKE_LOG":            filepath.Join(root, "calls.log"),
		"FAKE_COMMENTS":       filepath.Join(root, "comments.txt"),
		"FAKE_RELEASES":       filepath.Join(root, "releases"),
		"LANG":                "C.UTF-8",
	}
	for _, k := range []string{"HOME", "GOCACHE", "GOPATH", "GOMODCACHE", "GOFLAGS", "GOPROXY", "GOTOOLCHAIN"} {
		if v, ok := os.LookupEnv(k); ok {
			e.vars[k] = v
		}
	}
	return e
}

// run runs one of the scripts in the repository and returns its exit
// code and what it printed.
func (e *env) run(script string, vars ...string) (int, string) {
	e.t.Helper()
	path, err := filepath.Abs(script)
	check(e.t, err)
	cmd := exec.Command("bash", path)
	cmd.Dir = e.dir
	for k, v := range e.vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, vars...)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if err != nil && !asExit(err, &ee) {
		e.t.Fatal(err)
	}
	code := 0
	if ee != nil {
		code = ee.ExitCode()
	}
	return code, string(out)
}

func asExit(err error, ee **exec.ExitError) bool {
	e, ok := err.(*exec.ExitError)
	*ee = e
	return ok
}

// outputs are the step outputs the script set.
func (e *env) outputs() map[string]string {
	data, _ := os.ReadFile(e.vars["GITHUB_OUTPUT"])
	out := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

func (e *env) read(name string) string {
	data, _ := os.ReadFile(e.vars[name])
	return string(data)
}

const vision = "---\nkind: vision\ntitle: Acme Notes\ngoals:\n  - id: G1\n    title: Never lose a note\n---\n"
const roadmap = "---\nid: R-1\ntitle: Offline sync\ngoals: [G1]\nstatus: planned\nhorizon: next\n---\n"

func story(id, roadmap, status string) string {
	return fmt.Sprintf("---\nid: %s\ntitle: Story %s\nroadmap: %s\nstatus: %s\n---\n", id, id, roadmap, status)
}

// repo makes the checked-out repository: a branch base with a clean
// spec, and HEAD on top adding what files says.
func (e *env) repo(files map[string]string) {
	e.t.Helper()
	r, err := gittest.Init(e.dir)
	check(e.t, err)
	check(e.t, r.Write("spec/vision.md", vision))
	check(e.t, r.Write("spec/roadmap/R-1.md", roadmap))
	check(e.t, r.Write("spec/stories/S-1.md", story("S-1", "R-1", "draft")))
	_, err = r.Commit("spec", gittest.CommitOptions{Author: "pm@acme.example"})
	check(e.t, err)
	check(e.t, r.Branch("base", false))
	for name, content := range files {
		check(e.t, r.Write(name, content))
	}
	_, err = r.Commit("change", gittest.CommitOptions{Author: "dev@acme.example"})
	check(e.t, err)
}

// pullRequest are the variables action.yml sets on a pull_request event
// from the repository itself.
var pullRequest = []string{
	"INPUT_DIR=spec", "INPUT_BASE=base", "EVENT_NAME=pull_request", "PR_NUMBER=7",
	"REPOSITORY=acme/notes", "HEAD_REPO=acme/notes", "ACTOR=dev",
}

// TestLintFailsOnNewErrors: a pull request that adds an error fails (the
// output the last step reads), with annotations and the job summary; the
// script itself exits 0 so that the upload and the comment still run.
func TestLintFailsOnNewErrors(t *testing.T) {
	e := newEnv(t)
	e.repo(map[string]string{"spec/stories/S-2.md": story("S-2", "R-9", "draft")})
	code, out := e.run("lint.sh", append(pullRequest, "INPUT_SARIF=true", "INPUT_COMMENT=true")...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(out, "::error file=spec/stories/S-2.md,line=4,col=10,title=prodspec broken-reference::") {
		t.Errorf("no annotation for the new error:\n%s", out)
	}
	o := e.outputs()
	if o["failed"] != "true" || o["upload"] != "true" || o["comment"] != "true" {
		t.Errorf("outputs %v", o)
	}
	if sarif, err := os.ReadFile(o["sarif"]); err != nil || !bytes.Contains(sarif, []byte(`"ruleId": "broken-reference"`)) {
		t.Errorf("sarif %s: %v", o["sarif"], err)
	}
	if s := e.read("GITHUB_STEP_SUMMARY"); !strings.Contains(s, "| spec/stories/S-2.md:4:10 | error | `broken-reference` |") {
		t.Errorf("job summary:\n%s", s)
	}
}

// TestLintOldErrors: an error the base already had does not fail the
// pull request; a configuration error fails the step itself (exit 2).
func TestLintOldErrors(t *testing.T) {
	e := newEnv(t)
	e.repo(map[string]string{"spec/stories/S-1.md": story("S-1", "R-1", "ready")}) // a new warning only
	code, out := e.run("lint.sh", pullRequest...)
	if code != 0 || e.outputs()["failed"] != "false" {
		t.Errorf("exit %d, outputs %v:\n%s", code, e.outputs(), out)
	}
	code, _ = e.run("lint.sh", append(pullRequest, "INPUT_STRICT=true")...)
	if code != 0 || e.outputs()["failed"] != "true" {
		t.Errorf("strict: exit %d, outputs %v", code, e.outputs())
	}
	code, out = e.run("lint.sh", append(pullRequest, "INPUT_BASE=no-such-ref")...)
	if code != 2 || !strings.Contains(out, `no-such-ref`) {
		t.Errorf("unknown base: exit %d, want 2:\n%s", code, out)
	}
}

// TestForkDetection: a pull request from a fork, or from Dependabot, has a
// read-only token: no upload and no comment, a notice that says so, and
// errors still fail. A push, or a pull request from the repository
// itself, may write.
func TestForkDetection(t *testing.T) {
	e := newEnv(t)
	e.repo(map[string]string{"spec/stories/S-2.md": story("S-2", "R-9", "draft")})
	for _, c := range []struct {
		name     string
		vars     []string
		readOnly bool
		comment  string
	}{
		{"fork", []string{"HEAD_REPO=someone/notes"}, true, "false"},
		{"dependabot", []string{"ACTOR=dependabot[bot]"}, true, "false"},
		{"same repository", nil, false, "true"},
		{"pull_request_target", []string{"EVENT_NAME=pull_request_target", "HEAD_REPO=someone/notes"}, false, "true"},
		{"push", []string{"EVENT_NAME=push", "PR_NUMBER=", "HEAD_REPO=", "INPUT_BASE="}, false, "false"},
	} {
		os.Remove(e.vars["GITHUB_OUTPUT"])
		vars := append(append(append([]string{}, pullRequest...), "INPUT_SARIF=true", "INPUT_COMMENT=true"), c.vars...)
		code, out := e.run("lint.sh", vars...)
		o := e.outputs()
		notice := strings.Contains(out, "::notice title=prodspec::This pull request's token is read-only")
		if code != 0 || o["failed"] != "true" || notice != c.readOnly ||
			o["upload"] != fmt.Sprint(!c.readOnly) || o["comment"] != c.comment {
			t.Errorf("%s: exit %d, outputs %v, notice %v:\n%s", c.name, code, o, notice, out)
		}
	}
}

// comments are the lines the fake gh prints for a pull request's
// comments: id, author, body as JSON.
func (e *env) comments(lines ...string) {
	check(e.t, os.WriteFile(e.vars["FAKE_COMMENTS"], []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

const marker = `<!-- prodspec-action:pull-request-comment -->`

// TestCommentLookup: the comment to edit is the first of the action's own
// comments that carries the marker; another author's comment is never
// edited, even one that quotes the marker, nor the action's comments
// without it. With none, a new comment is made.
func TestCommentLookup(t *testing.T) {
	e := newEnv(t)
	e.repo(map[string]string{"spec/stories/S-2.md": story("S-2", "R-9", "draft")})
	if code, out := e.run("lint.sh", pullRequest...); code != 0 {
		t.Fatalf("lint.sh: exit %d\n%s", code, out)
	}
	quoted := fmt.Sprintf(`"> %s\nlooks odd"`, marker)
	mine := fmt.Sprintf(`"%s\n## old summary"`, marker)
	e.comments(
		"11\tsomeone\t"+quoted,
		"12\tother-bot[bot]\t"+mine,
		"13\tgithub-actions[bot]\t\"Deployed to staging\"",
		"42\tgithub-actions[bot]\t"+mine,
		"99\tgithub-actions[bot]\t"+mine,
	)
	code, out := e.run("comment.sh", pullRequest...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	calls := e.read("FAKE_LOG")
	if !strings.Contains(calls, "gh api --method PATCH repos/acme/notes/issues/comments/42 -F body=@") ||
		strings.Count(calls, "--method") != 1 {
		t.Errorf("want one edit, of comment 42:\n%s", calls)
	}
	_, body, _ := strings.Cut(calls, "--- body\n")
	for _, want := range []string{
		marker + "\n<!-- generated by prodspec -->\n## Product changes: ",
		"- **S-2** Story S-2 — added, status draft",
		"### Findings this pull request introduces\n\n**1 error, 0 warnings** in 4 files.\n\n| Location | Severity | Rule | Message |\n|---|---|---|---|\n| spec/stories/S-2.md:4:10 | error | `broken-reference` | roadmap item \"R-9\" does not exist |\n",
		"### Role violations\n\nNone.\n",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the comment lacks %q:\n%s", want, body)
		}
	}

	// Nobody's comment carries the marker: a new one.
	check(t, os.Remove(e.vars["FAKE_LOG"]))
	e.comments("11\tsomeone\t"+quoted, "12\tother-bot[bot]\t"+mine)
	if code, out := e.run("comment.sh", pullRequest...); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if calls := e.read("FAKE_LOG"); !strings.Contains(calls, "gh api --method POST repos/acme/notes/issues/7/comments -F body=@") {
		t.Errorf("want a new comment:\n%s", calls)
	}
	// A token that comments as another login edits that login's comment.
	check(t, os.Remove(e.vars["FAKE_LOG"]))
	e.run("comment.sh", append(pullRequest, "COMMENT_AUTHOR=other-bot[bot]")...)
	if calls := e.read("FAKE_LOG"); !strings.Contains(calls, "issues/comments/12 ") {
		t.Errorf("want comment 12 edited:\n%s", calls)
	}
}

// TestCommentRoleViolations: with roles configured, a story accepted by
// someone who is not a product owner is listed under role violations, not
// among the other findings.
func TestCommentRoleViolations(t *testing.T) {
	e := newEnv(t)
	accepted := story("S-1", "R-1", "accepted") + "## Acceptance criteria\n\n- [x] Done\n"
	e.repo(map[string]string{
		"spec/.prodspec.yaml": "roles:\n  product_owners: [po@acme.example]\n",
		"spec/stories/S-1.md": accepted,
		"spec/stories/S-2.md": story("S-2", "R-9", "draft"),
	})
	if code, out := e.run("lint.sh", pullRequest...); code != 0 || e.outputs()["failed"] != "true" {
		t.Fatalf("lint.sh: exit %d, outputs %v\n%s", code, e.outputs(), out)
	}
	e.comments()
	if code, out := e.run("comment.sh", pullRequest...); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	_, body, _ := strings.Cut(e.read("FAKE_LOG"), "--- body\n")
	_, roles, ok := strings.Cut(body, "### Role violations\n")
	findings, _, _ := strings.Cut(body, "### Role violations\n")
	if !ok || !strings.Contains(roles, "| `role-violation` |") || !strings.Contains(roles, "dev@acme.example") ||
		strings.Contains(findings, "| `role-violation` |") || !strings.Contains(findings, "| `broken-reference` |") {
		t.Errorf("role violations not apart from the other findings:\n%s", body)
	}
}

// TestCommentCap: a pull request with many findings still makes a comment
// GitHub accepts (at most 65,536 characters), saying how many rows it
// left out.
func TestCommentCap(t *testing.T) {
	e := newEnv(t)
	files := map[string]string{}
	for i := range 400 {
		id := fmt.Sprintf("S-%d", 100+i)
		files["spec/stories/"+id+".md"] = story(id, "R-"+strings.Repeat("9", 100), "draft")
	}
	e.repo(files)
	e.run("lint.sh", pullRequest...)
	e.comments()
	if code, out := e.run("comment.sh", pullRequest...); code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	_, body, _ := strings.Cut(e.read("FAKE_LOG"), "--- body\n")
	if n := len([]rune(body)); n > 65536 || !strings.Contains(body, " more not shown here; the job summary lists them.") {
		t.Errorf("%d characters; tail:\n%s", n, body[max(0, len(body)-300):])
	}
}

// release writes a fake release of version for linux/amd64: an archive
// holding a prodspec that prints its version, and checksums.txt, whose
// sum for it is wrong when corrupt.
func (e *env) release(version string, corrupt bool) {
	dir := e.vars["FAKE_RELEASES"]
	check(e.t, os.MkdirAll(dir, 0o755))
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, f := range []struct{ name, body string }{
		{"LICENSE", "Apache License"},
		{"prodspec", "#!/bin/sh\necho prodspec " + version + "\n"},
	} {
		check(e.t, tw.WriteHeader(&tar.Header{Name: f.name, Mode: 0o755, Size: int64(len(f.body))}))
		_, err := tw.Write([]byte(f.body))
		check(e.t, err)
	}
	check(e.t, tw.Close())
	check(e.t, gz.Close())
	name := "prodspec_" + version + "_linux_amd64.tar.gz"
	check(e.t, os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644))
	sum := sha256.Sum256(buf.Bytes())
	if corrupt {
		sum[0] ^= 1
	}
	sums := fmt.Sprintf("%x  %s\n%x  prodspec_%s_darwin_arm64.tar.gz\n", sum, name, sha256.Sum256(nil), version)
	check(e.t, os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(sums), 0o644))
}

// TestInstallRelease: a version input downloads that release's archive,
// checks it against checksums.txt and puts prodspec on the PATH; a
// checksum that does not match installs nothing.
func TestInstallRelease(t *testing.T) {
	e := newEnv(t)
	vars := []string{"INPUT_VERSION=v1.2.0", "RUNNER_OS=Linux", "RUNNER_ARCH=X64", "ACTION_REPOSITORY=acme/prodspec"}
	e.release("1.2.0", false)
	code, out := e.run("install.sh", vars...)
	bin := filepath.Join(e.tmp, "prodspec-bin")
	if code != 0 || !strings.Contains(out, "prodspec 1.2.0") || strings.TrimSpace(e.read("GITHUB_PATH")) != bin {
		t.Errorf("exit %d, PATH %q:\n%s", code, e.read("GITHUB_PATH"), out)
	}
	if calls := e.read("FAKE_LOG"); !strings.Contains(calls, "https://github.com/acme/prodspec/releases/download/v1.2.0/prodspec_1.2.0_linux_amd64.tar.gz") {
		t.Errorf("downloads:\n%s", calls)
	}

	check(t, os.RemoveAll(bin))
	e.release("1.2.0", true)
	code, out = e.run("install.sh", vars...)
	if code != 1 || !strings.Contains(out, "::error title=prodspec::prodspec_1.2.0_linux_amd64.tar.gz: sha256 ") {
		t.Errorf("corrupt archive: exit %d:\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(bin, "prodspec")); err == nil {
		t.Error("a corrupt archive was installed")
	}

	code, out = e.run("install.sh", "INPUT_VERSION=1.3.0", "RUNNER_OS=Linux", "RUNNER_ARCH=X64")
	if code == 0 {
		t.Errorf("a version with no release: exit 0:\n%s", out)
	}
}

// TestInstallFromSource: without a version, prodspec is built from the
// action's own source, its version the action's ref.
func TestInstallFromSource(t *testing.T) {
	if testing.Short() {
		t.Skip("builds prodspec")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	e := newEnv(t)
	src, err := filepath.Abs("../..")
	check(t, err)
	code, out := e.run("install.sh", "ACTION_PATH="+src, "ACTION_REF=v9.9.9-test", "RUNNER_OS=Linux")
	if code != 0 || !strings.HasPrefix(strings.TrimSpace(out), "prodspec v9.9.9-test\n") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
