package cli

import (
	"os"
	"runtime/debug"
)

// The binary's soft memory limits: where the garbage collector starts
// working harder than GOGC alone asks. GOMEMLIMIT set in the environment
// wins.
const (
	// specMemoryLimit is every command's: a spec of 100,000 stories keeps
	// about 150 MB live, and without a limit the heap grew to twice that
	// before a collection (lint's peak RSS 385–490 MB; with the limit
	// 245 MB, for 5 % more time). Specs a tenth that size never reach it.
	specMemoryLimit = 230 << 20
	// historyMemoryLimit is the commands' that walk history (openRepo):
	// go-git's object cache and the trees being compared are garbage soon
	// after, and a cold walk of 2,000 commits over 10,000 stories peaked
	// at 206-246 MB under specMemoryLimit. Its RSS also counts the pages
	// of the mapped pack it touched (up to the pack's size, 17 MB on the
	// sharded repository): under this limit 186-195 MB, no slower. Lint
	// keeps the higher limit: at 100,000 stories 170 MiB cost it a third
	// more CPU.
	historyMemoryLimit = 160 << 20
)

// softLimits is whether limitMemory sets limits: Main turns it on, so
// that tests, which do not run Main, keep the runtime's default.
var softLimits bool

// limitMemory sets the soft memory limit to n bytes, unless GOMEMLIMIT
// names one.
func limitMemory(n int64) {
	if softLimits && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(n)
	}
}
