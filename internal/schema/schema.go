// Package schema describes spec front matter as JSON Schema (draft
// 2020-12), for editors and other tools. It follows the configuration:
// ID patterns, status vocabularies and key aliases.
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
	var props object
	var required []string
	switch kind {
	case spec.KindVision:
		props = object{
			"title": str("The product's name or vision statement."),
			"owner": str("The product manager who owns the vision."),
			"goals": object{"type": "array", "items": goal(cfg), "description": "The goals roadmap items serve."},
		}
		required = []string{"title", "goals"}
	case spec.KindRoadmap:
		props = object{
			"id":      pattern(cfg.Roadmap.ID, "The roadmap item's ID."),
			"title":   str("What the item delivers."),
			"goals":   idList(cfg.Vision.GoalID, "The vision goals this item serves.", 1),
			"status":  enum(cfg.Roadmap.Statuses, "Where the item stands."),
			"horizon": enum(spec.Horizons, "When it is planned."),
			"target":  str("A target date or quarter, e.g. 2026-Q1."),
			"owner":   str("The product manager who owns the item."),
		}
		required = []string{"id", "title", "goals", "status"}
	case spec.KindStory:
		props = object{
			"id":         pattern(cfg.Story.ID, "The story's ID."),
			"title":      str("A short name for the story."),
			"roadmap":    pattern(cfg.Roadmap.ID, "The roadmap item this story serves."),
			"status":     enum(cfg.Story.Statuses, "Where the story stands; "+cfg.Story.Accepted+" means accepted by the product owner."),
			"owner":      str("The product owner responsible for the story."),
			"estimate":   object{"type": "number", "minimum": 0, "description": "Size in points."},
			"depends_on": idList(cfg.Story.ID, "Stories that must be done first.", 0),
			"labels":     object{"type": "array", "items": object{"type": "string"}},
			"rice":       inputs(spec.RICEInputs.Keys(), "effort", "RICE inputs: reach × impact × confidence / effort."),
			"wsjf":       inputs(spec.WSJFInputs.Keys(), "job_size", "WSJF inputs: (business value + time criticality + risk reduction) / job size."),
			"moscow":     enum(spec.MoSCoW, "MoSCoW priority."),
		}
		required = []string{"id", "title", "roadmap", "status"}
	}
	props["kind"] = object{"const": string(kind)}
	aliased := object{}
	for k, v := range props {
		aliased[cfg.Field(k)] = v
	}
	for i, k := range required {
		required[i] = cfg.Field(k)
	}
	s := object{
		"$schema":    "https://json-schema.org/draft/2020-12/schema",
		"$id":        "https://github.com/prodspec/prodspec/schema/" + string(kind) + ".json",
		"title":      "prodspec " + string(kind) + " front matter",
		"type":       "object",
		"properties": aliased,
		"required":   required,
	}
	if len(cfg.Fields.Extra) == 0 {
		s["additionalProperties"] = false
	}
	return s
}

func str(desc string) object { return object{"type": "string", "description": desc} }

func pattern(re, desc string) object {
	return object{"type": "string", "pattern": re, "description": desc}
}

func enum(vals []string, desc string) object {
	return object{"type": "string", "enum": vals, "description": desc}
}

func idList(re, desc string, minItems int) object {
	return object{"type": "array", "items": object{"type": "string", "pattern": re}, "minItems": minItems, "description": desc}
}

func goal(cfg *config.Config) object {
	return object{
		"type": "object",
		"properties": object{
			"id":    pattern(cfg.Vision.GoalID, "The goal's ID."),
			"title": str("What the goal achieves."),
		},
		"required":             []string{"id", "title"},
		"additionalProperties": false,
	}
}

// inputs is a priority model's inputs: all required, non-negative numbers,
// the divisor positive; confidence also as a percentage string.
func inputs(keys []string, divisor, desc string) object {
	props := object{}
	for _, k := range keys {
		n := object{"type": "number", "minimum": 0}
		switch k {
		case divisor:
			n = object{"type": "number", "exclusiveMinimum": 0}
		case "confidence":
			n = object{"oneOf": []object{
				{"type": "number", "minimum": 0, "maximum": 1},
				{"type": "string", "pattern": `^[0-9]+(\.[0-9]+)?%$`},
			}}
		}
		props[k] = n
	}
	return object{"type": "object", "properties": props, "required": keys, "additionalProperties": false, "description": desc}
}

// All returns the schemas of every kind, keyed by kind.
func All(cfg *config.Config) object {
	return object{
		string(spec.KindVision):  For(spec.KindVision, cfg),
		string(spec.KindRoadmap): For(spec.KindRoadmap, cfg),
		string(spec.KindStory):   For(spec.KindStory, cfg),
	}
}
