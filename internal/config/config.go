// Package config holds .prodspec.yaml: its schema, its defaults, strict
// decoding (an unknown key is an error that names the key and its line) and
// discovery from the spec root up to the repository root.
package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// FileName is the name of the configuration file.
const FileName = ".prodspec.yaml"

// Config is the whole configuration. The yaml tags are the file's keys;
// every field has a default, so an empty or missing file is valid.
type Config struct {
	Vision      VisionConfig      `yaml:"vision"`
	Roadmap     RoadmapConfig     `yaml:"roadmap"`
	Story       StoryConfig       `yaml:"story"`
	Fields      FieldsConfig      `yaml:"fields"`
	Priority    PriorityConfig    `yaml:"priority"`
	Rules       map[string]string `yaml:"rules"`  // rule name -> error | warning | off
	Ignore      Globs             `yaml:"ignore"` // files and directories to skip
	MaxFileSize int64             `yaml:"max_file_size"`
	Roles       RolesConfig       `yaml:"roles"`
	Forecast    ForecastConfig    `yaml:"forecast"`

	// Path is the file this was read from, relative to the spec root
	// ("" when defaults are used). Not a key.
	Path string `yaml:"-"`

	goalID, roadmapID, storyID *regexp.Regexp
}

type VisionConfig struct {
	Paths  Globs  `yaml:"paths"`
	GoalID string `yaml:"goal_id"`
}

type RoadmapConfig struct {
	Paths    Globs    `yaml:"paths"`
	ID       string   `yaml:"id"`
	Statuses []string `yaml:"statuses"`
	Started  []string `yaml:"started"` // work has begun (or ended)
	Done     []string `yaml:"done"`
	Dropped  []string `yaml:"dropped"`
}

type StoryConfig struct {
	Paths      Globs    `yaml:"paths"`
	ID         string   `yaml:"id"`
	Statuses   []string `yaml:"statuses"`
	Accepted   string   `yaml:"accepted"`    // the status that means "accepted by the product owner"
	Open       []string `yaml:"open"`        // statuses on the backlog
	Draft      []string `yaml:"draft"`       // not yet expected to have acceptance criteria
	InProgress []string `yaml:"in_progress"` // cycle time starts here
	Rejected   []string `yaml:"rejected"`    // left out of progress percentages
}

// FieldsConfig lets a team keep its own front-matter key names.
type FieldsConfig struct {
	// Aliases maps a prodspec key to the key the team's files use,
	// e.g. depends_on: dependencies.
	Aliases map[string]string `yaml:"aliases"`
	// Extra keys are allowed and ignored instead of being unknown-field.
	Extra []string `yaml:"extra"`
	// Optional are references prodspec otherwise requires that the
	// team's files may leave out: roadmap (a team without a roadmap) or
	// goals. Written but empty, they are still untraced.
	Optional []string `yaml:"optional"`
	// Values maps the words a team's files use onto prodspec's, per
	// vocabulary key: e.g. moscow: {high: must, medium: should, low: could}.
	Values map[string]map[string]string `yaml:"values"`
}

type PriorityConfig struct {
	Model string `yaml:"model"` // a priority model's name (see Known)
}

// ForecastConfig is what forecast draws from, a team's setting once;
// forecast's flags of the same names override it.
type ForecastConfig struct {
	Weeks       int    `yaml:"weeks"`        // weeks of throughput before the commit analysed
	Per         string `yaml:"per"`          // day | week: the throughput period each trial draws
	Trials      int    `yaml:"trials"`       // Monte Carlo futures
	MinAccepted int    `yaml:"min_accepted"` // fewer stories accepted in the window: "not enough history"
}

// Periods are the values forecast.per may take.
var Periods = []string{"day", "week"}

type RolesConfig struct {
	ProductManagers []string `yaml:"product_managers"`
	ProductOwners   []string `yaml:"product_owners"`
}

// Default returns the configuration of a spec with no .prodspec.yaml.
func Default() *Config {
	c := &Config{
		Vision: VisionConfig{Paths: []string{"vision.md"}, GoalID: `^G[0-9]+$`},
		Roadmap: RoadmapConfig{
			Paths:    []string{"roadmap/**/*.md"},
			ID:       `^R-[0-9]+$`,
			Statuses: []string{"proposed", "planned", "in-progress", "done", "dropped"},
			Started:  []string{"in-progress", "done"},
			Done:     []string{"done"},
			Dropped:  []string{"dropped"},
		},
		Story: StoryConfig{
			Paths:      []string{"stories/**/*.md"},
			ID:         `^S-[0-9]+$`,
			Statuses:   []string{"draft", "ready", "in-progress", "done", "accepted", "rejected"},
			Accepted:   "accepted",
			Open:       []string{"draft", "ready", "in-progress"},
			Draft:      []string{"draft"},
			InProgress: []string{"in-progress"},
			Rejected:   []string{"rejected"},
		},
		Priority:    PriorityConfig{Model: "rice"},
		Forecast:    ForecastConfig{Weeks: 12, Per: "day", Trials: 10000, MinAccepted: 10},
		MaxFileSize: 1 << 20,
	}
	if err := c.compile(); err != nil {
		panic(err) // the defaults are constants
	}
	return c
}

// Severities are the values a rule's severity may take.
var Severities = []string{"error", "warning", "off"}

// GoalID, RoadmapID and StoryID are the compiled ID patterns.
func (c *Config) GoalID() *regexp.Regexp    { return c.goalID }
func (c *Config) RoadmapID() *regexp.Regexp { return c.roadmapID }
func (c *Config) StoryID() *regexp.Regexp   { return c.storyID }

// Optionals are the references fields.optional may name.
var Optionals = []string{"roadmap", "goals"}

// Vocabularies are the keys whose words fields.values may map.
var Vocabularies = []string{"status", "horizon", "moscow"}

// IsOptional reports whether the team made the key name optional.
func (c *Config) IsOptional(name string) bool { return slices.Contains(c.Fields.Optional, name) }

// Value maps a word a file wrote for the key name onto prodspec's.
func (c *Config) Value(name, word string) string {
	if v, ok := c.Fields.Values[name][word]; ok {
		return v
	}
	return word
}

// Field returns the key files use for the prodspec key name.
func (c *Config) Field(name string) string {
	if k, ok := c.Fields.Aliases[name]; ok {
		return k
	}
	return name
}

// IsIn reports whether email is one of emails (a role's list), case
// aside, as git authors and user.email are compared with the roles.
func IsIn(emails []string, email string) bool {
	return slices.ContainsFunc(emails, func(e string) bool { return strings.EqualFold(e, email) })
}

// IsAccepted, IsOpen, ... classify a story status.
func (c *Config) IsAccepted(status string) bool   { return status == c.Story.Accepted }
func (c *Config) IsOpen(status string) bool       { return slices.Contains(c.Story.Open, status) }
func (c *Config) IsDraft(status string) bool      { return slices.Contains(c.Story.Draft, status) }
func (c *Config) IsInProgress(status string) bool { return slices.Contains(c.Story.InProgress, status) }
func (c *Config) IsRejected(status string) bool   { return slices.Contains(c.Story.Rejected, status) }

// IsPastDraft says a story is expected to be written out: its status is
// in story.statuses and is neither a draft status nor a rejected one.
// An unknown status is not past draft: what it means cannot be told.
func (c *Config) IsPastDraft(status string) bool {
	return slices.Contains(c.Story.Statuses, status) && !c.IsDraft(status) && !c.IsRejected(status)
}

// IsNotStarted says no work has begun on a roadmap item: its status is
// in roadmap.statuses and is neither started (nor done) nor dropped.
func (c *Config) IsNotStarted(status string) bool {
	r := c.Roadmap
	return slices.Contains(r.Statuses, status) && !slices.Contains(r.Started, status) &&
		!slices.Contains(r.Done, status) && !slices.Contains(r.Dropped, status)
}

func (c *Config) compile() error {
	for _, p := range []struct {
		key string
		src string
		dst **regexp.Regexp
	}{
		{"vision.goal_id", c.Vision.GoalID, &c.goalID},
		{"roadmap.id", c.Roadmap.ID, &c.roadmapID},
		{"story.id", c.Story.ID, &c.storyID},
	} {
		re, err := regexp.Compile(p.src)
		if err != nil {
			return fmt.Errorf("%s: invalid pattern %q: %v", p.key, p.src, err)
		}
		*p.dst = re
	}
	return nil
}
