// Package priority ranks the backlog: the RICE, WSJF and MoSCoW scoring
// models, dependency-aware ordering and the backlog filters. It computes
// values only; render formats them.
package priority

import (
	"fmt"
	"math"
	"strings"

	"github.com/prodspec/prodspec/internal/spec"
)

// CheckModel returns an error naming the models when model is not one.
func CheckModel(model string) error {
	if Lookup(model) == nil {
		return fmt.Errorf("unknown priority model %q: want %s", model, strings.Join(Names(), ", "))
	}
	return nil
}

// Score is st's score under model, rounded to two decimals, and whether
// st has the model's inputs at all. Rounding first makes two scores that
// print the same compare equal, so the tie-breaks a reader sees are the
// ones applied.
//
// The spec decoder guarantees the inputs are finite, non-negative and that
// the divisors are positive; absurdly large inputs can still overflow, so
// the result is clamped to a finite number that JSON can carry.
func Score(st *spec.Story, model string) (float64, bool) {
	if m := Lookup(model); m != nil {
		return m.rounded(st)
	}
	return 0, false
}

func (m *Model) rounded(st *spec.Story) (float64, bool) {
	if f, ok := m.Score(st); ok {
		return round2(f), true
	}
	return 0, false
}

func round2(f float64) float64 {
	switch {
	case math.IsNaN(f): // Inf × 0: a zero factor, so the score is 0
		return 0
	case math.IsInf(f, 0):
		return math.MaxFloat64
	}
	r := math.Round(f*100) / 100
	if math.IsInf(r, 0) { // f*100 overflowed: the score is too large to round
		return f
	}
	return r
}
