// Package names compares identifiers: natural order for IDs ("S-2" before
// "S-10"), "did you mean" suggestions for misspelt keys and values, and
// lists of them in prose.
package names

import "strings"

// Compare orders strings naturally: runs of digits compare by value, the
// rest byte by byte. Equal-valued numbers with different zero padding fall
// back to plain comparison so the order is total.
func Compare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			ei, ej := digitsEnd(a, i), digitsEnd(b, j)
			na, nb := strings.TrimLeft(a[i:ei], "0"), strings.TrimLeft(b[j:ej], "0")
			if len(na) != len(nb) {
				return cmpInt(len(na), len(nb))
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			i, j = ei, ej
			continue
		}
		if a[i] != b[j] {
			return cmpInt(int(a[i]), int(b[j]))
		}
		i++
		j++
	}
	if c := cmpInt(len(a)-i, len(b)-j); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Closest returns the candidate nearest to name when it is near enough to be
// a plausible typo, else "".
func Closest(name string, candidates []string) string {
	return closest(name, candidates, nil)
}

// closest is Closest over the candidates keep accepts (all with keep
// nil). Lint calls it once per finding with every key or ID as
// candidates, so it lowercases name once, skips a candidate whose length
// alone puts it too far, and reuses its rows.
func closest(name string, candidates []string, keep func(string) bool) string {
	lname := lower(name)
	best, bestDist := "", len(name)/3+2
	var rows []int
	for _, c := range candidates {
		// The distance is at least the difference in length.
		lc := lower(c)
		if d := len(lc) - len(lname); d >= bestDist || -d >= bestDist || keep != nil && !keep(c) {
			continue
		}
		if len(rows) < 2*(len(lc)+1) {
			rows = make([]int, 2*(len(lc)+1))
		}
		// A candidate to be rewritten whole is no typo: "pdf" is not "md".
		if d := distance(lname, lc, rows); d < bestDist && d < len(lc) {
			best, bestDist = c, d
		}
	}
	return best
}

// lower is s lowercased where distance's ASCII folding would not do: a
// string with a non-ASCII byte; others are kept as they are, unallocated.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// fold lowercases an ASCII letter.
func fold(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// DidYouMean is Closest as a message suffix: ` (did you mean "x"?)` or "".
func DidYouMean(name string, candidates []string) string {
	return suggestion(Closest(name, candidates))
}

func suggestion(c string) string {
	if c == "" {
		return ""
	}
	return ` (did you mean "` + c + `"?)`
}

// distance is the Levenshtein distance over bytes, ASCII letters of
// either case equal, in rows (at least 2*(len(b)+1) long).
func distance(a, b string, rows []int) int {
	prev, cur := rows[:len(b)+1], rows[len(b)+1:2*(len(b)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if fold(a[i-1]) == fold(b[j-1]) {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// DidYouMeanID is DidYouMean for an ID among IDs: a candidate that
// differs only in its digits ("R-7" and "R-1") is another item, not a
// typo of it, and is not suggested; "r-1", "R1" or "R_1" for "R-1" is.
func DidYouMeanID(id string, ids []string) string {
	return suggestion(closest(id, ids, func(c string) bool {
		return !sameButDigits(c, id) || strings.EqualFold(c, id)
	}))
}

// sameButDigits reports whether a and b are the same once their digits
// are left out.
func sameButDigits(a, b string) bool {
	i, j := 0, 0
	for {
		for i < len(a) && isDigit(a[i]) {
			i++
		}
		for j < len(b) && isDigit(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		if a[i] != b[j] {
			return false
		}
		i++
		j++
	}
}

// List writes words as prose, joined by conj: "a", "a and b",
// "a, b and c".
func List(words []string, conj string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + conj + " " + words[len(words)-1]
}
