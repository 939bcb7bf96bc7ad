package priority

import (
	"slices"

	"github.com/prodspec/prodspec/internal/spec"
)

// Model is a backlog scoring model: what it is called, the front-matter
// inputs it reads and how it scores a story. Everything that names or
// shows a model (--model, priority.model, the backlog's columns and JSON,
// the diff of priority inputs) follows the registry, Models.
type Model struct {
	// Name is how --model and priority.model name the model, and the
	// story front-matter key it reads (a field of spec.StoryFields).
	// Never rename one: it is in every team's configuration.
	Name string
	// Title is the name as people write it: "RICE".
	Title string
	// Doc is one sentence on what the model ranks by.
	Doc string
	// Formula is how the score is computed, for report headers.
	Formula string
	// Values are a story's inputs in the order of Inputs, nil when the
	// story has none: float64s from a mapping of numbers, or the word
	// written for a one-word model (MoSCoW).
	Values func(*spec.Story) []any
	// Score is a story's score, unrounded, and whether the story has the
	// model's inputs at all.
	Score func(*spec.Story) (float64, bool)
}

// Models returns every model in a stable order, the order --model lists
// them in.
func Models() []*Model { return slices.Clone(models) }

var models = []*Model{rice, wsjf, moscow}

// Lookup returns the model called name, nil when there is none.
func Lookup(name string) *Model {
	for _, m := range models {
		if m.Name == name {
			return m
		}
	}
	return nil
}

// Names are the names of the models, in registry order.
func Names() []string {
	out := make([]string, len(models))
	for i, m := range models {
		out[i] = m.Name
	}
	return out
}

// Field is the front-matter field m reads.
func (m *Model) Field() *spec.Field { return spec.StoryFields.Field(m.Name) }

// Inputs are the names of m's inputs: the keys of its mapping of numbers,
// or its own key for a one-word model.
func (m *Model) Inputs() []string {
	if f := m.Field(); f.Shape == spec.ShapeInputs {
		return f.Sub.Keys()
	}
	return []string{m.Name}
}

// Numeric reports whether m's inputs are numbers.
func (m *Model) Numeric() bool { return m.Field().Shape == spec.ShapeInputs }

// The models, as --model and priority.model name them.
const (
	RICE   = "rice"
	WSJF   = "wsjf"
	MoSCoW = "moscow"
)

var rice = &Model{
	Name:    RICE,
	Title:   "RICE",
	Doc:     "Reach × impact × confidence ÷ effort, from a story's rice inputs.",
	Formula: "reach × impact × confidence ÷ effort",
	Values: func(st *spec.Story) []any {
		if r := st.RICE; r != nil {
			return []any{r.Reach, r.Impact, r.Confidence, r.Effort}
		}
		return nil
	},
	Score: func(st *spec.Story) (float64, bool) {
		if r := st.RICE; r != nil {
			return r.Reach * r.Impact * r.Confidence / r.Effort, true
		}
		return 0, false
	},
}

var wsjf = &Model{
	Name:    WSJF,
	Title:   "WSJF",
	Doc:     "Weighted shortest job first: (business value + time criticality + risk reduction) ÷ job size, from a story's wsjf inputs.",
	Formula: "(business value + time criticality + risk reduction) ÷ job size",
	Values: func(st *spec.Story) []any {
		if w := st.WSJF; w != nil {
			return []any{w.BusinessValue, w.TimeCriticality, w.RiskReduction, w.JobSize}
		}
		return nil
	},
	Score: func(st *spec.Story) (float64, bool) {
		if w := st.WSJF; w != nil {
			return (w.BusinessValue + w.TimeCriticality + w.RiskReduction) / w.JobSize, true
		}
		return 0, false
	},
}

var moscow = &Model{
	Name:    MoSCoW,
	Title:   "MoSCoW",
	Doc:     "Must, should, could, won't: a story's moscow word.",
	Formula: "must 4, should 3, could 2, wont 1",
	Values: func(st *spec.Story) []any {
		if st.MoSCoW != "" {
			return []any{st.MoSCoW}
		}
		return nil
	},
	Score: func(st *spec.Story) (float64, bool) {
		if i := slices.Index(spec.MoSCoW, st.MoSCoW); i >= 0 {
			return float64(len(spec.MoSCoW) - i), true
		}
		return 0, false
	},
}
