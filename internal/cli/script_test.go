package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run prodspec in-process as a command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"prodspec": func() { os.Exit(Main()) },
		// prodspec-tty is prodspec on a terminal, for colour and tables.
		"prodspec-tty": func() { os.Exit(mainWith(func(io.Writer) bool { return true })) },
		"fake-editor":  fakeEditor,
	})
}

// fakeEditor is an editor for scripts: its Nth run keeps what it was
// shown as $FAKE_EDITOR/shown-N and saves $FAKE_EDITOR/N in its place;
// without that file it fails, as an editor that crashed would.
//
//	env VISUAL=fake-editor FAKE_EDITOR=$WORK/edits
func fakeEditor() {
	dir, file := os.Getenv("FAKE_EDITOR"), os.Args[len(os.Args)-1]
	n := 1
	for ; ; n++ {
		if _, err := os.Stat(filepath.Join(dir, "shown-"+strconv.Itoa(n))); err != nil {
			break
		}
	}
	shown, err := os.ReadFile(file)
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "shown-"+strconv.Itoa(n)), shown, 0o644)
	}
	var saved []byte
	if err == nil {
		saved, err = os.ReadFile(filepath.Join(dir, strconv.Itoa(n)))
	}
	if err == nil {
		err = os.WriteFile(file, saved, 0o644)
	}
	if err != nil {
		os.Stderr.WriteString("fake-editor: " + err.Error() + "\n")
		os.Exit(1)
	}
	os.Exit(0)
}

// TestScripts runs testdata/script/*.txtar. Set PRODSPEC_UPDATE=1 to
// rewrite the golden files in the archives from the actual output.
// $EXAMPLES is the examples directory, so scripts can report on the
// example specs the README quotes.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", examples)
			return nil
		},
		Dir:                 "../../testdata/script",
		UpdateScripts:       os.Getenv("PRODSPEC_UPDATE") != "",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds:                scriptCmds(),
	})
}

// scriptCmds are the custom commands scripts may use.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"exits":    cmdExits,
		"unescape": cmdUnescape,
		"gitrepo":  cmdGitRepo,
		"cpdir":    cmdCpDir,
	}
}

// cmdExits runs a program like exec and checks its exact exit code, which
// "! exec" cannot tell apart (1 findings, 2 usage, 3 runtime):
//
//	exits 2 prodspec lint --bogus
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits code program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	var ee *exec.ExitError
	if err := ts.Exec(args[1], args[2:]...); errors.As(err, &ee) {
		got = ee.ExitCode()
	} else {
		ts.Check(err)
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// cmdCpDir copies a directory tree into a directory, as cp -r would,
// without a cp binary:
//
//	cpdir $EXAMPLES/acme-notes repo
func cmdCpDir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cpdir src dst")
	}
	ts.Check(os.CopyFS(ts.MkAbs(args[1]), os.DirFS(ts.MkAbs(args[0]))))
}

// cmdUnescape rewrites each file, turning the escapes \xHH, \r, \t and \\
// into the bytes they stand for, so an archive can hold a binary, non-UTF-8
// or CRLF file as readable text:
//
//	unescape spec/stories/S-1.md
func cmdUnescape(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: unescape file...")
	}
	for _, name := range args {
		data, err := os.ReadFile(ts.MkAbs(name))
		ts.Check(err)
		out, err := unescape(data)
		if err != nil {
			ts.Fatalf("%s: %v", name, err)
		}
		ts.Check(os.WriteFile(ts.MkAbs(name), out, 0o644))
	}
}

func unescape(data []byte) ([]byte, error) {
	var out bytes.Buffer
	for i := 0; i < len(data); i++ {
		if data[i] != '\\' || i+1 == len(data) {
			out.WriteByte(data[i])
			continue
		}
		i++
		switch data[i] {
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case '\\':
			out.WriteByte('\\')
		case 'x':
			if i+2 >= len(data) {
				return nil, strconv.ErrSyntax
			}
			b, err := strconv.ParseUint(string(data[i+1:i+3]), 16, 8)
			if err != nil {
				return nil, err
			}
			out.WriteByte(byte(b))
			i += 2
		default:
			out.WriteByte('\\')
			out.WriteByte(data[i])
		}
	}
	return out.Bytes(), nil
}
