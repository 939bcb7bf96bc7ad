package history

import (
	"slices"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
	"github.com/prodspec/prodspec/internal/spec"
)

// quickFacts is factsOf(spec.ParseFrontMatter(cfg, p, src)) for the
// stories and roadmap items whose front matter parse.FlatFrontMatter
// reads, without building a YAML tree or decoding a field history does
// not show: a cold walk reads some 20,000 front matters. ok is false for
// any other file, which the full parse then reads. FuzzQuickFacts holds
// the two to the same answer.
func quickFacts(cfg *config.Config, p string, src []byte) (f *Facts, ok bool) {
	if int64(len(src)) > cfg.MaxFileSize {
		return nil, false
	}
	kind, _ := spec.PathKind(cfg, p)
	table := spec.StoryFields
	switch kind {
	case spec.KindStory:
	case spec.KindRoadmap:
		table = spec.RoadmapFields
	default:
		return nil, false
	}
	pairs, ok := parse.FlatFrontMatter(src)
	if !ok {
		return nil, false
	}
	for _, p := range pairs {
		if p.Key == "kind" { // a kind the front matter declares: the full parse decides
			return nil, false
		}
	}
	v := fieldValues{keys: table.Keys(), written: table.Written(cfg), pairs: pairs}
	f = &Facts{Kind: kind, ID: v.text("id"), Title: v.text("title"), Status: cfg.Value("status", v.text("status"))}
	if kind == spec.KindStory {
		f.Roadmap = v.text("roadmap")
		return f, true
	}
	f.Horizon = cfg.Value("horizon", v.text("horizon"))
	f.Goals = v.list("goals")
	return f, true
}

// fieldValues looks up the values of a flat front matter by prodspec's
// key names, as the spec decoder matches keys to fields.
type fieldValues struct {
	keys    []string
	written []string
	pairs   []parse.FlatPair
}

// value is the value of the field key: absent (nil) when no line has its
// written key, or when an earlier field is written the same way and so
// takes the line, as the decoder's first match does.
func (v fieldValues) value(key string) *parse.FlatValue {
	i := slices.Index(v.keys, key)
	w := v.written[i]
	if slices.Index(v.written, w) != i {
		return nil
	}
	for j := range v.pairs {
		if v.pairs[j].Key == w {
			return &v.pairs[j].Value
		}
	}
	return nil
}

// text is a single-value field as the decoder reads it: a scalar's text,
// "" for a null, a list or a mapping.
func (v fieldValues) text(key string) string {
	if x := v.value(key); x != nil && x.Kind == parse.FlatScalar {
		return x.Text
	}
	return ""
}

// list is a list of IDs as the decoder reads it: a list's items, a
// scalar as a list of one, nil for anything else or an empty list.
func (v fieldValues) list(key string) []string {
	x := v.value(key)
	switch {
	case x == nil:
		return nil
	case x.Kind == parse.FlatScalar:
		return []string{x.Text}
	case x.Kind == parse.FlatList && len(x.Items) > 0:
		return x.Items
	}
	return nil
}
