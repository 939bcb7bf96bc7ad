package canon

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestFastPathGenerated checks the fast path as FuzzFastCanonical does, on
// front matter put together from the pieces people write: known keys,
// aliases and unknown ones in any order, scalars in every style, flow and
// block collections, and comments and blank lines anywhere, with sloppy
// spacing now and then. Byte mutations reach few such files.
func TestFastPathGenerated(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 100
	}
	g := &fmGen{rng: rand.New(rand.NewPCG(15, 1))}
	cfgs := configs()
	checks, fast := 0, 0
	for range n {
		src := []byte(g.file())
		for _, cfg := range cfgs {
			for _, kind := range allKinds {
				checkFast(t, src, kind, cfg)
				out, err := format(src, kind, cfg)
				if err != nil {
					continue
				}
				checks++
				if isCanonical(out, kind, cfg) {
					fast++
				}
				checkFast(t, out, kind, cfg)
			}
		}
		if t.Failed() {
			return
		}
	}
	t.Logf("the fast path took %d of %d formatted files", fast, checks)
	// A test that never reaches the fast path proves nothing.
	if fast < checks/5 {
		t.Errorf("the fast path took %d of %d formatted files", fast, checks)
	}
}

// fmGen writes random front matter.
type fmGen struct{ rng *rand.Rand }

var (
	genKeys = []string{"id", "title", "roadmap", "status", "owner", "estimate", "depends_on", "labels", "rice", "wsjf",
		"moscow", "kind", "custom", "x", "goals", "horizon", "target", "dependencies", "assignee", "priority", "null", "true"}
	genSubKeys = []string{"reach", "impact", "confidence", "effort", "business_value", "job_size", "k", "z"}
	genScalars = []string{"a", "S-1", "'b'", `"c"`, "''", `""`, "'it''s'", "1", "0.5", "80%", "~", "null", "true", "-1", "a b",
		"a, b", "x[1]", "é", "...x", "'...'", "2026-01-02", "'a # b'", "story", "roadmap", "vision", "a:b", "/p", "(x)"}
	genFlowScalars = []string{"a", "S-1", "'b'", `"c"`, "1", "80%", "'x, y'", "~", "é"}
)

func (g *fmGen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

// some is n distinct picks of xs, fewer when a pick repeats.
func (g *fmGen) some(xs []string, n int) []string {
	seen := map[string]bool{}
	var out []string
	for range n {
		if x := xs[g.rng.IntN(len(xs))]; !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func (g *fmGen) comment() string { return g.pick("", "", "", " # c", " #c", "  # c", " # a # b") }

// above is what may stand above an entry: mostly nothing.
func (g *fmGen) above(margin string) string {
	if g.rng.IntN(6) > 0 {
		return ""
	}
	return g.pick("# h\n", "#\n", "\n", margin+"# i\n")
}

func (g *fmGen) file() string {
	var b strings.Builder
	b.WriteString("---\n")
	for _, k := range g.some(genKeys, g.rng.IntN(8)+1) {
		b.WriteString(g.above("  ") + k + g.value())
	}
	if g.rng.IntN(5) == 0 {
		b.WriteString(g.pick("# f\n", "\n# f\n"))
	}
	b.WriteString("---\nbody\n")
	return b.String()
}

// value is what follows a top-level key, from its colon.
func (g *fmGen) value() string {
	switch g.rng.IntN(8) {
	case 0, 1, 2:
		return ": " + g.pick(genScalars...) + g.comment() + "\n"
	case 3:
		return ": [" + strings.Join(g.some(genFlowScalars, g.rng.IntN(3)), g.pick(", ", ",")) + "]" + g.comment() + "\n"
	case 4:
		var items []string
		for _, k := range g.some(genSubKeys, g.rng.IntN(4)) {
			items = append(items, k+": "+g.pick(genFlowScalars...))
		}
		return ": {" + strings.Join(items, ", ") + "}" + g.comment() + "\n"
	case 5:
		return ":" + g.pick("", "", " # k") + "\n" + g.blockList(g.pick("  ", "  ", "", "    "))
	case 6:
		return ":" + g.pick("", "", " # k") + "\n" + g.blockMap()
	}
	return ":" + g.pick("", " # n") + "\n"
}

func (g *fmGen) blockList(indent string) string {
	var b strings.Builder
	for range g.rng.IntN(3) + 1 {
		b.WriteString(g.above(indent) + indent + "- " + g.pick(genScalars...) + g.comment() + "\n")
	}
	return b.String()
}

func (g *fmGen) blockMap() string {
	var b strings.Builder
	for _, k := range g.some(genSubKeys, g.rng.IntN(4)+1) {
		b.WriteString(g.above("  ") + "  " + k)
		if g.rng.IntN(5) == 0 {
			b.WriteString(":\n" + g.blockList(g.pick("    ", "  ")))
			continue
		}
		b.WriteString(": " + g.pick(genScalars...) + g.comment() + "\n")
	}
	return b.String()
}
