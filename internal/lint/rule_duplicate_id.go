package lint

import (
	"strings"

	"github.com/prodspec/prodspec/internal/spec"
)

var duplicateID = &Rule{
	Name:    "duplicate-id",
	Doc:     "Two goals, roadmap items or stories share an ID, or there is more than one vision; every place is reported.",
	Default: Error,
	Run:     runDuplicateID,
}

// site is one place an ID is defined.
type site struct {
	file *spec.File
	pos  spec.Pos
}

func runDuplicateID(p *Pass) {
	s := p.Spec
	goals, items, stories := map[string][]site{}, map[string][]site{}, map[string][]site{}
	var goalOrder, itemOrder, storyOrder []string
	add := func(m map[string][]site, order *[]string, id string, st site) {
		if id == "" {
			return
		}
		if _, ok := m[id]; !ok {
			*order = append(*order, id)
		}
		m[id] = append(m[id], st)
	}
	for _, g := range s.Goals {
		add(goals, &goalOrder, g.ID, site{g.File, g.Pos})
	}
	for _, it := range s.Items {
		add(items, &itemOrder, it.ID, site{it.File, it.Fields.Pos("id")})
	}
	for _, st := range s.Stories {
		add(stories, &storyOrder, st.ID, site{st.File, st.Fields.Pos("id")})
	}
	reportDups(p, "goal", goals, goalOrder)
	reportDups(p, "roadmap item", items, itemOrder)
	reportDups(p, "story", stories, storyOrder)

	var visions []*spec.File
	for _, f := range s.Files {
		if f.Vision != nil {
			visions = append(visions, f)
		}
	}
	for _, f := range visions[min(1, len(visions)):] {
		p.Reportf(f, spec.Pos{Line: 1, Col: 1}, "more than one vision: %s is the vision", visions[0].Path)
	}
}

func reportDups(p *Pass, kind string, m map[string][]site, order []string) {
	for _, id := range order {
		sites := m[id]
		if len(sites) < 2 {
			continue
		}
		for i, st := range sites {
			var others []string
			for j, o := range sites {
				if j != i {
					others = append(others, o.file.Path+":"+o.pos.String())
				}
			}
			p.Reportf(st.file, st.pos, "%s ID %q is also defined at %s", kind, id, strings.Join(others, ", "))
		}
	}
}
