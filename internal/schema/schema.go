// Package schema describes spec front matter as JSON Schema (draft
// 2020-12), for editors and other tools. It is written from the tables of
// fields the decoder reads by (spec.FieldsOf), and follows the
// configuration: ID patterns, status vocabularies, key aliases and extra
// keys.
package schema

import (
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/spec"
)

// object is a JSON Schema; encoding/json writes map keys sorted, so the
// output is deterministic.
type object = map[string]any

// For returns the schema of one kind's front matter.
func For(kind spec.Kind, cfg *config.Config) object {
	s := mapping(spec.FieldsOf(kind), kind, cfg)
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["$id"] = "https://github.com/prodspec/prodspec/schema/" + string(kind) + ".json"
	s["title"] = "prodspec " + string(kind) + " front matter"
	return s
}

// mapping is the schema of a mapping of the fields of t, under the keys
// files write. A key the configuration lists in fields.extra is allowed
// (the decoder ignores it anywhere); any other unknown key is not.
func mapping(t *spec.Table, kind spec.Kind, cfg *config.Config) object {
	props := object{}
	required := []string{}
	for i := range t.Fields {
		f := &t.Fields[i]
		key := cfg.Field(f.Key)
		props[key] = field(f, kind, cfg)
		if f.RequiredIn(cfg) {
			required = append(required, key)
		}
	}
	for _, k := range cfg.Fields.Extra {
		if _, ok := props[k]; !ok {
			props[k] = object{"description": "Not prodspec's: allowed by fields.extra, and ignored."}
		}
	}
	return object{"type": "object", "properties": props, "required": required, "additionalProperties": false}
}

// field is the schema of one field's value.
func field(f *spec.Field, kind spec.Kind, cfg *config.Config) object {
	var s object
	switch f.Shape {
	case spec.ShapeKind:
		return object{"const": string(kind)}
	case spec.ShapeText:
		s = object{"type": "string"}
	case spec.ShapeID, spec.ShapeRef:
		s = id(f.Of, cfg)
	case spec.ShapeIDs:
		s = listOrOne(id(f.Of, cfg))
		s["minItems"] = f.MinItems()
	case spec.ShapeLabels, spec.ShapeNames:
		s = listOrOne(object{"type": "string"})
	case spec.ShapeVocab:
		s = object{"type": "string", "enum": f.Words(cfg)}
	case spec.ShapeNonNegative:
		s = object{"type": "number", "minimum": 0}
	case spec.ShapeDivisor:
		s = object{"type": "number", "exclusiveMinimum": 0}
	case spec.ShapeFraction:
		s = object{"oneOf": []object{
			{"type": "number", "minimum": 0, "maximum": 1},
			{"type": "string", "pattern": `^[0-9]+(\.[0-9]+)?%$`},
		}}
	case spec.ShapeInputs:
		s = mapping(f.Sub, kind, cfg)
	case spec.ShapeGoals:
		s = object{"type": "array", "items": mapping(f.Sub, kind, cfg)}
	}
	if doc := f.DocFor(cfg); doc != "" {
		s["description"] = doc
	}
	return s
}

// id is the schema of one ID of kind k. prodspec reads an ID as the text
// written, so where the configured pattern takes an ID of digits alone,
// an unquoted number (an integer to JSON) is one too.
func id(k spec.IDKind, cfg *config.Config) object {
	re := k.Pattern(cfg)
	if matchesDigits(re) {
		return object{"type": []string{"string", "integer"}, "pattern": re.String(), "minimum": 0}
	}
	return object{"type": "string", "pattern": re.String()}
}

// listOrOne is the schema of a list of items, where one item written
// alone is a list of one. pattern and minimum apply to a string or number
// item, items and minItems to the list.
func listOrOne(item object) object {
	s := object{"items": item}
	for k, v := range item {
		if k != "type" {
			s[k] = v
		}
	}
	switch t := item["type"].(type) {
	case string:
		s["type"] = []string{t, "array"}
	case []string:
		s["type"] = append(append([]string(nil), t...), "array")
	}
	return s
}

// All returns the schemas of every kind, keyed by kind.
func All(cfg *config.Config) object {
	return object{
		string(spec.KindVision):  For(spec.KindVision, cfg),
		string(spec.KindRoadmap): For(spec.KindRoadmap, cfg),
		string(spec.KindStory):   For(spec.KindStory, cfg),
	}
}
