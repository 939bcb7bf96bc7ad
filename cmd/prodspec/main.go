// Command prodspec lints and reports on a product spec kept in git.
package main

import (
	"os"

	"github.com/prodspec/prodspec/internal/cli"
)

func main() { os.Exit(cli.Main()) }
