package schema

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
)

// matchesDigits reports whether re matches some non-empty string of ASCII
// digits: whether an ID written as an unquoted number can match it. It
// runs re's program over every such string at once: a set of threads per
// step, each step one digit, until it reaches a match or no new set.
func matchesDigits(re *regexp.Regexp) bool {
	parsed, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return false
	}
	prog, err := syntax.Compile(parsed.Simplify())
	if err != nil {
		return false
	}
	// A state is the threads waiting for the next rune, and the rune
	// before them (-1 at the start of the string); matching is unanchored,
	// so threads start at the beginning or after some digits.
	type state struct {
		pcs    []uint32
		before rune
	}
	start := []uint32{uint32(prog.Start)}
	queue := []state{{start, -1}, {start, '0'}}
	seen := map[string]bool{}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		nonEmpty := s.before != -1
		if _, match := closure(prog, s.pcs, s.before, -1); match && nonEmpty {
			return true // the string ends here
		}
		waiting, match := closure(prog, s.pcs, s.before, '0')
		if match {
			return true // a digit follows the match
		}
		for d := '0'; d <= '9'; d++ {
			var next []uint32
			for _, pc := range waiting {
				in := &prog.Inst[pc]
				if in.Op == syntax.InstRuneAny || in.Op == syntax.InstRuneAnyNotNL || in.MatchRune(d) {
					next = append(next, in.Out)
				}
			}
			slices.Sort(next)
			next = slices.Compact(next)
			key := fmt.Sprint(next)
			if len(next) > 0 && !seen[key] {
				seen[key] = true
				queue = append(queue, state{next, '0'})
			}
		}
	}
	return false
}

// closure follows the threads at pcs through every instruction that
// consumes no rune, between the runes before and after (-1: none). It
// returns the threads that wait for a rune, and whether one matched.
func closure(prog *syntax.Prog, pcs []uint32, before, after rune) ([]uint32, bool) {
	var waiting []uint32
	visited := make([]bool, len(prog.Inst))
	stack := slices.Clone(pcs)
	match := false
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visited[pc] {
			continue
		}
		visited[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstMatch:
			match = true
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, in.Out)
		case syntax.InstEmptyWidth:
			if in.MatchEmptyWidth(before, after) {
				stack = append(stack, in.Out)
			}
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			waiting = append(waiting, pc)
		}
	}
	return waiting, match
}
