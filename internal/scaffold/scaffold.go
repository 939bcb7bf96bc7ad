// Package scaffold makes new spec files: the starter files of `prodspec
// init` and the fresh-ID story or roadmap item of `prodspec new`.
package scaffold

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodspec/prodspec/internal/names"
)

var trailingNumber = regexp.MustCompile(`^(.*?)([0-9]+)$`)

// NextID returns an ID one past the highest numbered existing ID that
// matches re, keeping that ID's prefix; with no such ID it starts at 1 with
// the pattern's literal prefix ("S-" for ^S-[0-9]+$).
func NextID(existing []string, re *regexp.Regexp) (string, error) {
	prefix, next, width := "", 0, 0
	for _, id := range existing {
		m := trailingNumber.FindStringSubmatch(id)
		if m == nil || !re.MatchString(id) {
			continue
		}
		n, err := strconv.Atoi(m[2])
		if err != nil {
			continue
		}
		if n+1 > next || n+1 == next && names.Compare(m[1], prefix) < 0 {
			prefix, next, width = m[1], n+1, len(m[2])
		}
	}
	if next == 0 {
		lit, _ := regexp.MustCompile(strings.TrimPrefix(re.String(), "^")).LiteralPrefix()
		prefix, next = lit, 1
	}
	id := fmt.Sprintf("%s%0*d", prefix, width, next)
	if !re.MatchString(id) {
		return "", fmt.Errorf("cannot make a new ID matching %s; give one with --id", re)
	}
	return id, nil
}

// Dir is the directory a path pattern's files live in: its segments up to
// the first one with a wildcard or a choice ("stories/**/*.md" ->
// "stories", "{stories,backlog}/*.md" -> "").
func Dir(pattern string) string {
	var dir []string
	segs := strings.Split(pattern, "/")
	for _, s := range segs[:len(segs)-1] {
		if strings.ContainsAny(s, "*?[{\\") {
			break
		}
		dir = append(dir, s)
	}
	return path.Join(dir...)
}

// Item is what `prodspec new` writes; keys in canonical order.
type Item struct {
	Kind    string // "story" or "roadmap"
	ID      string
	Title   string
	Roadmap string   // story
	Goals   []string // roadmap item
	Status  string
	Horizon string // roadmap item
	Owner   string
}

// Markdown renders the new file: front matter and a body to fill in.
func (it Item) Markdown() ([]byte, error) {
	fm := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k, v string) {
		if v != "" {
			fm.Content = append(fm.Content, scalar(k), scalar(v))
		}
	}
	add("id", it.ID)
	add("title", it.Title)
	var body string
	if it.Kind == "story" {
		add("roadmap", it.Roadmap)
		add("status", it.Status)
		add("owner", it.Owner)
		body = storyBody
	} else {
		goals := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
		for _, g := range it.Goals {
			goals.Content = append(goals.Content, scalar(g))
		}
		fm.Content = append(fm.Content, scalar("goals"), goals)
		add("status", it.Status)
		add("horizon", it.Horizon)
		add("owner", it.Owner)
		body = "Why this matters.\n\n## Scope\n\n## Non-goals\n"
	}
	out, err := yaml.Marshal(fm)
	if err != nil {
		return nil, err
	}
	return []byte("---\n" + string(out) + "---\n" + body), nil
}

func scalar(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }

// The placeholders a new story's body carries until someone writes the
// story: lint's template-placeholder rule looks for exactly these, so a
// story past draft that still has one is caught, and nothing else in
// angle brackets (a <kbd>, a List<T>) is taken for one.
const (
	PlaceholderRole      = "<role>"
	PlaceholderWant      = "<capability>"
	PlaceholderBenefit   = "<benefit>"
	PlaceholderCriterion = "<an observable outcome>"
)

// Placeholders lists them in the order the body has them.
var Placeholders = []string{PlaceholderRole, PlaceholderWant, PlaceholderBenefit, PlaceholderCriterion}

// storyBody is the body of a new story, `init`'s and `new`'s alike.
const storyBody = "As a " + PlaceholderRole + ", I want " + PlaceholderWant + ", so that " + PlaceholderBenefit + ".\n\n" +
	"## Acceptance criteria\n\n- [ ] " + PlaceholderCriterion + "\n"

// Starter is the spec `prodspec init` writes: a vision, one roadmap item
// and one story that lint clean, in the default layout.
var Starter = []struct{ Path, Content string }{
	{"vision.md", `---
kind: vision
title: My Product
owner: pm@example.com
goals:
  - id: G1
    title: The outcome the product exists for
---
Who the product is for, the problem it solves, and what success looks like.
`},
	{"roadmap/R-1.md", `---
id: R-1
title: The first thing to build
goals: [G1]
status: planned
horizon: now
---
Why this matters, scope, non-goals.
`},
	{"stories/S-1.md", `---
id: S-1
title: The first user story
roadmap: R-1
status: draft
---
` + storyBody},
}
