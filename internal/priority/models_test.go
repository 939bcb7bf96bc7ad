package priority

import (
	"regexp"
	"strings"
	"testing"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
)

var modelName = regexp.MustCompile(`^[a-z]+$`)

// TestModels: model names are the --model and priority.model contract, so
// they are unique and well-formed; each model is documented, reads a
// story field that exists, and gives one value per input.
func TestModels(t *testing.T) {
	s := load(t, map[string]string{
		"S-1": "roadmap: R-1\nstatus: ready\nrice: {reach: 5000, impact: 2, confidence: 80%, effort: 3}\nwsjf: {business_value: 8, time_criticality: 5, risk_reduction: 3, job_size: 5}\nmoscow: must",
		"S-2": "roadmap: R-1\nstatus: ready",
	})
	seen := map[string]bool{}
	for _, m := range Models() {
		if !modelName.MatchString(m.Name) || seen[m.Name] {
			t.Errorf("model %q: name not lowercase letters or not unique", m.Name)
		}
		seen[m.Name] = true
		if Lookup(m.Name) != m {
			t.Errorf("Lookup(%q) does not find it", m.Name)
		}
		if m.Title == "" || m.Formula == "" || !strings.HasSuffix(m.Doc, ".") {
			t.Errorf("model %s: Title %q, Formula %q, Doc %q: want all, Doc a sentence", m.Name, m.Title, m.Formula, m.Doc)
		}
		f := m.Field()
		if f == nil || f.Shape != spec.ShapeInputs && f.Shape != spec.ShapeVocab {
			t.Errorf("model %s: reads no story field of numbers or words: %+v", m.Name, f)
			continue
		}
		vals := m.Values(s.Story("S-1"))
		if len(vals) != len(m.Inputs()) {
			t.Errorf("model %s: %d values for inputs %v", m.Name, len(vals), m.Inputs())
		}
		for _, v := range vals {
			if _, isNum := v.(float64); isNum != m.Numeric() {
				t.Errorf("model %s: value %#v, numeric %v", m.Name, v, m.Numeric())
			}
		}
		if _, ok := m.Score(s.Story("S-1")); !ok {
			t.Errorf("model %s: a story with its inputs is not scored", m.Name)
		}
		if m.Values(s.Story("S-2")) != nil {
			t.Errorf("model %s: values for a story without its inputs", m.Name)
		}
		if _, ok := m.Score(s.Story("S-2")); ok {
			t.Errorf("model %s: a story without its inputs is scored", m.Name)
		}
	}
	if Lookup(config.Default().Priority.Model) == nil {
		t.Errorf("the default priority.model %q is not a model", config.Default().Priority.Model)
	}
	if Lookup("kano") != nil || CheckModel("kano") == nil {
		t.Error("an unknown model is found")
	}
}
