package cli

import (
	"flag"
	"path/filepath"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/prodspec/prodspec/internal/gittest"
)

// cmdGitRepo makes git history in a script with go-git, at fixed authors
// and times (each commit an hour after the one before), so hashes are
// stable and no git binary is needed. It works on the repository in the
// current directory, which must be a subdirectory of $WORK (whose .tmp,
// and any golden file kept there, would otherwise be committed too):
//
//	gitrepo init
//	gitrepo commit [-author EMAIL] [-merge REV] [-date 2006-01-02T15:04] MESSAGE   (stages everything)
//	gitrepo commit [-author EMAIL] [-date 2006-01-02T15:04] -F FILE                (the message from a file, for trailers)
//	gitrepo tag NAME [MESSAGE]                          (annotated with a message)
//	gitrepo branch NAME | checkout NAME
//	gitrepo worktree DIR BRANCH                         (a linked work tree)
//	gitrepo shallow DIR                                 (a clone at depth 1)
//	gitrepo user EMAIL                                  (git config user.email)
func cmdGitRepo(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: gitrepo init|commit|tag|branch|checkout|worktree|shallow ...")
	}
	dir := ts.MkAbs(".")
	if dir == ts.MkAbs("$WORK") {
		ts.Fatalf("gitrepo: make the repository in a subdirectory of $WORK")
	}
	if args[0] == "init" {
		_, err := gittest.Init(dir)
		ts.Check(err)
		return
	}
	if args[0] == "shallow" && len(args) == 2 {
		ts.Check(gittest.ShallowClone(dir, ts.MkAbs(args[1])))
		return
	}
	r, err := gittest.Open(dir)
	ts.Check(err)
	switch cmd, rest := args[0], args[1:]; {
	case cmd == "commit":
		fs := flag.NewFlagSet("commit", flag.ContinueOnError)
		var o gittest.CommitOptions
		fs.StringVar(&o.Author, "author", "", "")
		fs.StringVar(&o.Merge, "merge", "", "")
		msgFile := fs.String("F", "", "")
		date := fs.String("date", "", "")
		ts.Check(fs.Parse(rest))
		if *date != "" {
			o.When, err = time.Parse("2006-01-02T15:04", *date)
			ts.Check(err)
		}
		msg := fs.Arg(0)
		if *msgFile != "" && fs.NArg() == 0 {
			msg = ts.ReadFile(*msgFile)
		} else if fs.NArg() != 1 || *msgFile != "" {
			ts.Fatalf("usage: gitrepo commit [-author EMAIL] [-merge REV] [-date 2006-01-02T15:04] MESSAGE | -F FILE")
		}
		_, err := r.Commit(msg, o)
		ts.Check(err)
	case cmd == "tag" && (len(rest) == 1 || len(rest) == 2):
		msg := ""
		if len(rest) == 2 {
			msg = rest[1]
		}
		ts.Check(r.Tag(rest[0], msg))
	case cmd == "branch" && len(rest) == 1:
		ts.Check(r.Branch(rest[0], false))
	case cmd == "checkout" && len(rest) == 1:
		ts.Check(r.Checkout(rest[0]))
	case cmd == "user" && len(rest) == 1:
		ts.Check(r.SetUserEmail(rest[0]))
	case cmd == "worktree" && len(rest) == 2:
		ts.Check(r.Worktree(filepath.Clean(ts.MkAbs(rest[0])), rest[1]))
	default:
		ts.Fatalf("gitrepo: unknown or malformed command %q", args)
	}
}
