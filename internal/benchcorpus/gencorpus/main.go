// Command gencorpus writes a generated spec to a directory, for timing the
// whole prodspec process (see BENCHMARKS.md). It is a development tool, not
// part of prodspec:
//
//	go run ./internal/benchcorpus/gencorpus -stories 10000 /tmp/spec10k
//	go run ./internal/benchcorpus/gencorpus -stories 10000 -style handwritten /tmp/hand10k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/prodspec/prodspec/internal/benchcorpus"
)

func main() {
	n := flag.Int("stories", 10000, "number of stories")
	styleName := flag.String("style", "generated", "front matter as a tool writes it (generated) or as people do (handwritten)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gencorpus [-stories N] [-style generated|handwritten] DIR")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	style, err := benchcorpus.ParseStyle(*styleName)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
	dir := flag.Arg(0)
	// Refuse to mix a new corpus into old files: timings would be wrong.
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(os.Stderr, "gencorpus: %s is not empty\n", dir)
		os.Exit(1)
	}
	if err := benchcorpus.Write(dir, *n, style); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
