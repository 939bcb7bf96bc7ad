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

	"github.com/prodspec/prodspec/internal/config"
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
// Keys are written as cfg's fields.aliases name them: a team whose files
// say assignee gets assignee, not an owner key lint then calls unknown.
func (it Item) Markdown(cfg *config.Config) ([]byte, error) {
	fm := &yaml.Node{Kind: yaml.MappingNode}
	add := func(k, v string) {
		if v != "" {
			fm.Content = append(fm.Content, scalar(cfg.Field(k)), scalar(v))
		}
	}
	add("id", it.ID)
	// Always written: an editor opens on the template with the title to
	// fill in, and lint reports it while it is empty.
	fm.Content = append(fm.Content, scalar(cfg.Field("title")), scalar(it.Title))
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
		fm.Content = append(fm.Content, scalar(cfg.Field("goals")), goals)
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

// File is a file `prodspec init` writes, its path relative to the spec
// root.
type File struct{ Path, Content string }

// Starter is the spec `prodspec init` writes in the default layout: the
// commented default configuration, a vision, one roadmap item and one
// story, the last two made as `prodspec new` makes them, so that both
// agree on default statuses and templates. owner (git's user.email) is
// written as every file's owner; "" leaves the key out.
func Starter(owner string) ([]File, error) {
	cfg := config.Default()
	vision := "---\nkind: vision\ntitle: My Product\n"
	if owner != "" {
		v, err := yaml.Marshal(map[string]string{"owner": owner})
		if err != nil {
			return nil, err
		}
		vision += string(v)
	}
	vision += "goals:\n  - id: G1\n    title: The outcome the product exists for\n---\n" +
		"Who the product is for, the problem it solves, and what success looks like.\n"
	item, err := Item{Kind: "roadmap", ID: "R-1", Title: "The first thing to build", Goals: []string{"G1"},
		Status: cfg.Roadmap.Statuses[0], Horizon: "now", Owner: owner}.Markdown(cfg)
	if err != nil {
		return nil, err
	}
	story, err := Item{Kind: "story", ID: "S-1", Title: "The first user story", Roadmap: "R-1",
		Status: cfg.Story.Statuses[0], Owner: owner}.Markdown(cfg)
	if err != nil {
		return nil, err
	}
	return []File{
		{config.FileName, ConfigFile},
		{"vision.md", vision},
		{"roadmap/R-1.md", string(item)},
		{"stories/S-1.md", string(story)},
	}, nil
}

// ConfigFile is the configuration `prodspec init` writes: every key at
// its default, with what it means. The README quotes it, and a test
// checks that it reads back as config.Default().
const ConfigFile = `# prodspec configuration: every key is optional; these are the defaults.
vision:
  paths: [vision.md]
  goal_id: '^G[0-9]+$'
roadmap:
  paths: ['roadmap/**/*.md']
  id: '^R-[0-9]+$'
  statuses: [proposed, planned, in-progress, done, dropped]
  started: [in-progress, done]   # work has begun
  done: [done]
  dropped: [dropped]
story:
  paths: ['stories/**/*.md']
  id: '^S-[0-9]+$'
  statuses: [draft, ready, in-progress, done, accepted, rejected]
  accepted: accepted             # the status a product owner gives
  open: [draft, ready, in-progress]  # on the backlog
  draft: [draft]                 # not yet expected to have acceptance criteria
  in_progress: [in-progress]     # cycle time starts here
  rejected: [rejected]           # left out of progress percentages
fields:
  aliases: {}    # prodspec key -> the key your files use, e.g. depends_on: dependencies
  extra: []      # your own keys, allowed and ignored
  optional: []   # roadmap (stories) or goals (roadmap items) your files may leave out
  values: {}     # your words -> prodspec's, per status | horizon | moscow,
                 # e.g. moscow: {high: must, medium: should, low: could}
priority:
  model: rice    # rice | wsjf | moscow
rules: {}        # rule name -> error | warning | off
ignore: []       # globs relative to the spec root: ** for any directories, {a,b} for either
max_file_size: 1048576
roles:
  product_managers: []   # git author emails
  product_owners: []
forecast:                # forecast's defaults; its flags of the same names override them
  weeks: 12              # weeks of throughput before the commit analysed
  per: day               # day | week: the throughput period each trial draws
  trials: 10000          # Monte Carlo futures
  min_accepted: 10       # fewer stories accepted in the window: "not enough history"
`
