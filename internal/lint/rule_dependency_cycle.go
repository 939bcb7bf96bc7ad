package lint

import (
	"slices"
	"strings"

	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

var dependencyCycle = &Rule{
	Name:    "dependency-cycle",
	Doc:     "Stories' depends_on form a cycle; the cycle is named.",
	Default: Error,
	Run:     runDependencyCycle,
}

// runDependencyCycle finds the strongly connected components of the
// depends_on graph (Tarjan) and names one cycle through each, reported once
// at the dependency of its lowest story ID.
func runDependencyCycle(p *Pass) {
	for _, comp := range cycles(p.Spec) {
		first := comp[0]
		path := cyclePath(p.Spec, first, comp)
		ids := make([]string, len(path))
		for i, st := range path {
			ids[i] = st.ID
		}
		next := path[1%len(path)]
		pos := first.Fields.Pos("depends_on")
		for _, r := range first.DependsOn {
			if r.ID == next.ID {
				pos = r.Pos
				break
			}
		}
		p.Reportf(first.File, pos, "dependency cycle: %s -> %s", strings.Join(ids, " -> "), first.ID)
	}
}

// cycles returns the components that contain a cycle, each sorted by ID,
// in ID order of their first story.
func cycles(s *spec.Spec) [][]*spec.Story {
	index := map[*spec.Story]int{}
	low := map[*spec.Story]int{}
	onStack := map[*spec.Story]bool{}
	var stack []*spec.Story
	var out [][]*spec.Story
	var visit func(v *spec.Story)
	visit = func(v *spec.Story) {
		index[v], low[v] = len(index), len(index)
		stack = append(stack, v)
		onStack[v] = true
		for _, w := range deps(s, v) {
			if _, seen := index[w]; !seen {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if onStack[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] != index[v] {
			return
		}
		var comp []*spec.Story
		for {
			w := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[w] = false
			comp = append(comp, w)
			if w == v {
				break
			}
		}
		if len(comp) > 1 || slices.Contains(deps(s, v), v) {
			slices.SortFunc(comp, byID)
			out = append(out, comp)
		}
	}
	for _, st := range s.Stories {
		if _, seen := index[st]; !seen && s.Story(st.ID) == st {
			visit(st)
		}
	}
	slices.SortFunc(out, func(a, b []*spec.Story) int { return byID(a[0], b[0]) })
	return out
}

// deps are the stories st depends on that exist.
func deps(s *spec.Spec, st *spec.Story) []*spec.Story {
	var out []*spec.Story
	for _, r := range st.DependsOn {
		if d := s.Story(r.ID); d != nil {
			out = append(out, d)
		}
	}
	return out
}

// cyclePath walks from start back to start inside comp, always taking the
// lowest-ID next step, so the named cycle is stable.
func cyclePath(s *spec.Spec, start *spec.Story, comp []*spec.Story) []*spec.Story {
	in := map[*spec.Story]bool{}
	for _, c := range comp {
		in[c] = true
	}
	// Breadth-first search for the shortest way back to start.
	prev := map[*spec.Story]*spec.Story{}
	queue := []*spec.Story{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		next := deps(s, v)
		slices.SortFunc(next, byID)
		for _, w := range next {
			if w == start {
				var path []*spec.Story
				for u := v; u != start; u = prev[u] {
					path = append(path, u)
				}
				path = append(path, start)
				slices.Reverse(path)
				return path
			}
			if _, seen := prev[w]; !seen && in[w] {
				prev[w] = v
				queue = append(queue, w)
			}
		}
	}
	return []*spec.Story{start}
}

func byID(a, b *spec.Story) int { return names.Compare(a.ID, b.ID) }
