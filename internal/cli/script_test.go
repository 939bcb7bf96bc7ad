package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run prodspec in-process as a command.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"prodspec": func() { os.Exit(Main()) },
	})
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
	return map[string]func(ts *testscript.TestScript, neg bool, args []string){}
}
