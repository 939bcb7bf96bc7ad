package lint

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

var brokenReference = &Rule{
	Name:    "broken-reference",
	Doc:     "A reference to a goal, roadmap item or story that does not exist.",
	Default: Error,
	Run:     runBrokenReference,
}

func runBrokenReference(p *Pass) {
	s := p.Spec
	var goals, items []string
	for _, g := range s.Goals {
		goals = append(goals, g.ID)
	}
	for _, it := range s.Items {
		items = append(items, it.ID)
		for _, r := range it.Goals {
			if s.Goal(r.ID) == nil {
				p.Reportf(it.File, r.Pos, "goal %q does not exist%s", r.ID, names.DidYouMeanID(r.ID, goals))
			}
		}
	}
	renamed := byNumber(s)
	for _, st := range s.Stories {
		if st.Roadmap.ID != "" && st.Item == nil {
			p.Reportf(st.File, st.Roadmap.Pos, "roadmap item %q does not exist%s", st.Roadmap.ID, names.DidYouMeanID(st.Roadmap.ID, items))
		}
		for _, r := range st.DependsOn {
			if s.Story(r.ID) == nil {
				p.Reportf(st.File, r.Pos, "story %q does not exist%s", r.ID, renamed.suggest(r.ID))
			}
		}
	}
}

// storyNumbers finds a story by the part of its ID after the prefix: a
// team that renamed its prefix (Backlog.md's task-N to BACK-N) leaves
// references under the old one, and the finding should say which story
// such a reference meant.
type storyNumbers map[string][]string

func byNumber(s *spec.Spec) storyNumbers {
	m := storyNumbers{}
	for _, st := range s.Stories {
		if n := idNumber(st.ID); n != "" && s.Story(st.ID) == st {
			m[n] = append(m[n], st.ID)
		}
	}
	return m
}

// suggest is ` (did you mean "BACK-12"?)` when exactly one story has
// id's number under another prefix, else "".
func (m storyNumbers) suggest(id string) string {
	if ids := m[idNumber(id)]; len(ids) == 1 && idNumber(id) != "" {
		return fmt.Sprintf(" (did you mean %q?)", ids[0])
	}
	return ""
}

// idNumber is what follows an ID's letter prefix and separator: "12.1" of
// "task-12.1"; "" when the ID has no such prefix.
func idNumber(id string) string {
	i := strings.IndexFunc(id, func(r rune) bool { return !unicode.IsLetter(r) })
	if i <= 0 || i == len(id)-1 || id[i] != '-' && id[i] != '_' {
		return ""
	}
	return strings.ToLower(id[i+1:])
}
