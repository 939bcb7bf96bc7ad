package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set at link time by release builds (.goreleaser.yaml):
//
//	-X github.com/prodspec/prodspec/internal/cli.stampVersion=1.2.0
//
// and stampCommit, stampDate. Other builds take them from Go's build info.
var stampVersion, stampCommit, stampDate string

// NewCmdVersion prints the version, commit and date; --version on the
// root prints the same.
func NewCmdVersion(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print prodspec's version, commit and date",
		Example: "  prodspec version\n  prodspec --version",
		Args:    usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprint(g.Out, readBuild().String())
			return err
		},
	}
}

// build is what a binary knows of its making.
type build struct {
	Version  string // "1.2.0", "v1.2.0" (go install …@v1.2.0), a pseudo-version, or "(devel)"
	Commit   string // the full hash, "" when unknown
	Date     string // the commit's time, RFC 3339, "" when unknown
	Modified bool   // built from a work tree with uncommitted changes
}

// String is three lines: "prodspec VERSION", "commit HASH", "date TIME".
func (b build) String() string {
	commit, date := b.Commit, b.Date
	if commit == "" {
		commit = "unknown"
	} else if b.Modified {
		commit += " (with uncommitted changes)"
	}
	if date == "" {
		date = "unknown"
	}
	return fmt.Sprintf("prodspec %s\ncommit %s\ndate %s\n", b.Version, commit, date)
}

// readBuild takes what release builds stamp, and the rest from the build
// info: the module version (go install …@VERSION) and, for a build in a
// clone (go build, go install ./cmd/prodspec), vcs.revision and vcs.time.
func readBuild() build {
	b := build{Version: stampVersion, Commit: stampCommit, Date: stampDate}
	if info, ok := debug.ReadBuildInfo(); ok {
		b = fromBuildInfo(b, info)
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	return b
}

// fromBuildInfo fills what b lacks from info.
func fromBuildInfo(b build, info *debug.BuildInfo) build {
	if b.Version == "" {
		b.Version = info.Main.Version
	}
	stamped := b.Commit != "" // then vcs.modified is not about that commit
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && b.Commit == "":
			b.Commit = s.Value
		case s.Key == "vcs.time" && b.Date == "":
			b.Date = s.Value
		case s.Key == "vcs.modified" && !stamped:
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// version is prodspec's version for reports (SARIF's driver): the
// version, and for a development build the commit too, so two builds of
// different commits do not claim to be the same tool.
func version() string {
	b := readBuild()
	if b.Version == "(devel)" && b.Commit != "" {
		return b.Version + " " + b.Commit
	}
	return b.Version
}
