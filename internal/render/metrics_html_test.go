package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/flow"
	"github.com/prodspec/prodspec/internal/report"
)

// TestMetricsHTMLOfNothing: a page of a window with no stories at all is
// whole, with no NaN or infinity, and every chart has a name.
func TestMetricsHTMLOfNothing(t *testing.T) {
	for name, r := range map[string]*flow.Report{
		"no days":    {From: day(100, 12), Now: day(99, 12), Statuses: []string{"ready", "accepted"}},
		"no stories": {From: day(100, 12), Now: day(100, 13), Statuses: []string{"ready", "accepted"}, Days: []flow.Count{{Day: 100, ByStatus: []int{0, 0}}}},
	} {
		var buf bytes.Buffer
		m := Metrics{At: At{Ref: "HEAD", Commit: strings.Repeat("a", 40), Date: day(100, 13)}, Report: r,
			Charts: &Charts{Categories: []report.Category{report.Open, report.Accepted}, Burnups: []Burnup{{ID: "R-1", Accepted: []int{0}, Scope: []int{0}}}}}
		if err := MetricsHTML(&buf, m); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if notANumber.MatchString(out) {
			t.Errorf("%s: NaN or Inf in the page:\n%s", name, out)
		}
		if n, named := strings.Count(out, "<svg"), strings.Count(out, `role="img" aria-label="`); n != 4 || named != n {
			t.Errorf("%s: %d charts, %d named; want 4, all named", name, n, named)
		}
		if !IsGenerated(buf.Bytes()) {
			t.Errorf("%s: the page is not recognised as prodspec's", name)
		}
	}
}
