package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

// examples is a command's Example section: command lines that work on
// the example spec in this repository, indented as cobra prints them.
// The README quotes every one (TestEveryCommandHasExamples).
func examples(lines ...string) string {
	return "  " + strings.Join(lines, "\n  ")
}

// addCobraCommands adds cobra's help and completion commands now rather
// than when the command runs, so that they get examples like every other
// command, and man pages and the tests see them.
func addCobraCommands(root *cobra.Command) {
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	shells := map[string]string{
		"bash":       "prodspec completion bash > ~/.local/share/bash-completion/completions/prodspec",
		"zsh":        `prodspec completion zsh > "${fpath[1]}/_prodspec"`,
		"fish":       "prodspec completion fish > ~/.config/fish/completions/prodspec.fish",
		"powershell": "prodspec completion powershell | Out-String | Invoke-Expression",
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Example = examples("prodspec help lint")
		case "completion":
			c.Example = examples(shells["bash"], shells["zsh"])
			for _, sh := range c.Commands() {
				sh.Example = examples(shells[sh.Name()])
			}
		}
	}
}
