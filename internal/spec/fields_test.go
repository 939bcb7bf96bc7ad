package spec

import (
	"regexp"
	"testing"
)

var fieldKey = regexp.MustCompile(`^[a-z]+(_[a-z]+)*$`)

// TestFieldTables: each row of the field tables says everything its shape
// needs and nothing it does not, so a new field is complete when this
// passes.
func TestFieldTables(t *testing.T) {
	tables := []*Table{VisionFields, GoalFields, RoadmapFields, StoryFields, RICEInputs, WSJFInputs}
	for _, tab := range tables {
		inputs := tab == RICEInputs || tab == WSJFInputs // decoded with their mapping
		seen := map[string]bool{}
		traces := 0
		for _, f := range tab.Fields {
			name := tab.Name + "." + f.Key
			if !fieldKey.MatchString(f.Key) || seen[f.Key] {
				t.Errorf("%s: key not snake_case or not unique", name)
			}
			seen[f.Key] = true
			switch {
			case inputs && (f.set != nil || f.Shape < ShapeNonNegative || f.Shape > ShapeFraction):
				t.Errorf("%s: an input is a number, stored with its mapping", name)
			case !inputs && (f.set == nil) != (f.Shape == ShapeKind):
				t.Errorf("%s: every field but kind has set", name)
			}
			hasOf := f.Shape == ShapeID || f.Shape == ShapeRef || f.Shape == ShapeIDs
			if (f.Of != 0) != hasOf {
				t.Errorf("%s: Of %v for shape %v", name, f.Of, f.Shape)
			}
			if (f.Vocab != nil) != (f.Shape == ShapeVocab) {
				t.Errorf("%s: Vocab is for ShapeVocab alone", name)
			}
			if (f.Sub != nil) != (f.Shape == ShapeInputs || f.Shape == ShapeGoals) {
				t.Errorf("%s: Sub is for ShapeInputs and ShapeGoals alone", name)
			}
			if f.Traces {
				traces++
				if f.Shape != ShapeRef && f.Shape != ShapeIDs {
					t.Errorf("%s: only a reference traces an item", name)
				}
			}
			if f.Shape == ShapeID && (!f.Required || tab.Fields[0].Shape != ShapeID && tab.Fields[1].Shape != ShapeID) {
				t.Errorf("%s: an ID is required and comes first (after kind), before the fields whose messages name it", name)
			}
		}
		if traces > 1 || (traces == 1) != (tab.untraced != "") {
			t.Errorf("%s: %d tracing fields, untraced rule %q", tab.Name, traces, tab.untraced)
		}
		if len(tab.Keys()) != len(tab.Fields) {
			t.Errorf("%s: Keys %v", tab.Name, tab.Keys())
		}
	}
	for _, k := range []Kind{KindVision, KindRoadmap, KindStory} {
		if tab := FieldsOf(k); tab == nil || tab.Fields[0].Shape != ShapeKind {
			t.Errorf("%s: no table, or kind is not its first key", k)
		}
	}
}
