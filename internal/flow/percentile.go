package flow

import (
	"slices"
	"time"
)

// Percentile is the nearest-rank percentile of values: the smallest value
// that at least p percent of the values are at or below, that is the
// ⌈p/100 × n⌉-th smallest. It is always one of the values, so a reader can
// find it in the data. False for no values.
func Percentile[T int | int64 | time.Duration](values []T, p int) (T, bool) {
	if len(values) == 0 {
		return 0, false
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return sorted[rank(len(sorted), p)-1], true
}

// rank is ⌈p/100 × n⌉, at least 1, in integers so that 85% of 20 is
// exactly 17.
func rank(n, p int) int {
	return max(1, (p*n+99)/100)
}
