//go:build unix

// Command abtime times commands in turn, the way BENCHMARKS.md measures:
// on a shared machine whose speed drifts, running A, B, C, A, B, C, ...
// compares them under the same conditions, where A×n then B×n does not.
//
//	go run ./scripts/abtime [-n RUNS] [-prep 'SHELL'] -- CMD ARGS... :: CMD ARGS... :: ...
//
// Each command runs RUNS times after one warm-up round, -prep (a shell
// line, e.g. removing caches) before every run. It prints each command's
// median wall time and median CPU time (user and system, children
// included), and both as a ratio to the last command's.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

func main() {
	runs := flag.Int("n", 9, "timed runs of each command")
	prep := flag.String("prep", "", "shell line run before every run, untimed")
	flag.Parse()
	cmds := split(flag.Args())
	if len(cmds) == 0 || *runs < 1 {
		fmt.Fprintln(os.Stderr, "usage: abtime [-n RUNS] [-prep SHELL] -- CMD ARGS... :: CMD ARGS...")
		os.Exit(2)
	}
	wall := make([][]time.Duration, len(cmds))
	cpu := make([][]time.Duration, len(cmds))
	for r := range *runs + 1 {
		for i, c := range cmds {
			if *prep != "" {
				if err := exec.Command("sh", "-c", *prep).Run(); err != nil {
					fail(fmt.Errorf("-prep: %w", err))
				}
			}
			w, u, err := run(c)
			if err != nil {
				fail(fmt.Errorf("%s: %w", strings.Join(c, " "), err))
			}
			if r > 0 { // round 0 warms the page cache
				wall[i], cpu[i] = append(wall[i], w), append(cpu[i], u)
			}
		}
	}
	lastWall, lastCPU := median(wall[len(cmds)-1]), median(cpu[len(cmds)-1])
	for i, c := range cmds {
		w, u := median(wall[i]), median(cpu[i])
		fmt.Printf("wall %6.0f ms %5.2fx   cpu %6.0f ms %5.2fx   %s\n",
			ms(w), ms(w)/ms(lastWall), ms(u), ms(u)/ms(lastCPU), strings.Join(c, " "))
	}
}

// split cuts the arguments into commands at each "::".
func split(args []string) [][]string {
	var cmds [][]string
	for len(args) > 0 {
		i := slices.Index(args, "::")
		if i < 0 {
			i = len(args)
		}
		if i > 0 {
			cmds = append(cmds, args[:i])
		}
		args = args[min(i+1, len(args)):]
	}
	return cmds
}

// run runs c with its output discarded; a command that fails is an error
// (a benchmark of an error message measures nothing).
func run(c []string) (wall, cpu time.Duration, err error) {
	cmd := exec.Command(c[0], c[1:]...)
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return 0, 0, err
	}
	wall = time.Since(start)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	return wall, time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Sorted(slices.Values(ds))
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "abtime:", err)
	os.Exit(1)
}
