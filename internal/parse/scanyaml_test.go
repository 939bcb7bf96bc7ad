package parse

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// scanLines are lines scanYAML reads, or nearly does: values of each
// kind, list items and nested keys at several indentations, comments,
// and what it must leave to yaml.v3 (block scalars, anchors, "?" keys,
// document markers).
var scanLines = []string{
	"a: 1", "b: x", "a:", "b:", "c:  # n", "k: 'q''r'", "k: \"d\"", "k: 'x' # c", "k: [x, 'y']", "k: {a: 'b'} # c",
	"- x", "- 'y'", "- \"z\" # c", "- [a]", "-  w", "- ", "-", "- - x", "- a: b",
	"  - x", "  - 'y'", "  -  z # c", "   - x", "    - x", " - x",
	"  a: 1", "  b: 'x'", "  c:", "  d: [x]", "  e: # c", "   a: 1", " a: 1", "    a: 1", "    b:",
	"# c", "  # c", "    # c", "", "  ", "#", "x", "  x", "---", "...", "a: b #c", "a: b#c", "a: 'b'#c",
	"? a", ": b", "a: |", "  text", "a: >", "&x a: 1", "a: &x 1", "a: *x", "a: !t 1", "  - a: b", "  ? x",
}

// TestScanYAMLLines is FuzzScanYAML's check on front matters put together
// at random from scanLines, which finds wrong nesting sooner than the
// fuzzer's byte mutations do.
func TestScanYAMLLines(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range 100_000 {
		var b strings.Builder
		for range 1 + r.Intn(8) {
			b.WriteString(scanLines[r.Intn(len(scanLines))] + "\n")
		}
		fm := []byte(b.String())
		got, ok := scanYAML(fm)
		if !ok {
			continue
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(fm, &doc); err != nil || doc.Kind == 0 {
			t.Fatalf("scanYAML read %q, yaml.v3 does not: %v", fm, err)
		}
		if want := doc.Content[0]; !reflect.DeepEqual(uncommented(got), uncommented(want)) {
			t.Fatalf("%q:\nscanYAML:\n%s\nyaml.v3:\n%s", fm, dump(got), dump(want))
		}
	}
}
