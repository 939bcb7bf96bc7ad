package priority

import (
	"cmp"
	"slices"

	"github.com/prodspec/prodspec/internal/names"
	"github.com/prodspec/prodspec/internal/spec"
)

// Options choose the backlog and the part of it to return.
type Options struct {
	// Statuses are the statuses of the stories ranked; empty means the
	// configured open statuses (story.open).
	Statuses []string

	// Roadmap, Goals and Limit choose which ranked stories are returned.
	// They do not re-rank: a story keeps its place in the whole backlog,
	// so ranks can be compared between views.
	Roadmap []string // only stories of these roadmap items
	Goals   []string // only stories whose roadmap item serves one of these goals
	Limit   int      // at most this many; 0 means all
}

// Ranked is one story's place on the backlog.
type Ranked struct {
	Rank      int // 1-based place in the whole backlog
	Story     *spec.Story
	Score     float64 // see Score; 0 when not Scored
	Scored    bool
	WaitingOn []string // IDs of the open stories it depends on, in natural order
	Missing   []string // IDs it depends on that name no story (a lint error), in natural order
	Blocks    []string // IDs of the open stories that depend on it, in natural order
}

// Rank orders the stories with the chosen statuses by their score under
// model, highest first; stories without the model's inputs come after all
// scored ones; ties break by roadmap horizon (now, next, later, none), then
// by ID in natural order, then by file path. A story never ranks above an
// open story on the backlog that it depends on: such a dependency is moved
// up to just before the first story that needs it, so the valuable story
// stays as high as its dependencies allow and everything else keeps score
// order. In a dependency cycle (a lint error) the edge that closes the
// cycle is ignored.
func Rank(s *spec.Spec, model string, opts Options) ([]Ranked, error) {
	if err := CheckModel(model); err != nil {
		return nil, err
	}
	m := Lookup(model)
	statuses := opts.Statuses
	if len(statuses) == 0 {
		statuses = s.Config.Story.Open
	}
	var entries []*entry
	index := map[*spec.Story]*entry{}
	for _, st := range s.Stories {
		if slices.Contains(statuses, st.Status) {
			e := newEntry(st, m)
			entries = append(entries, e)
			index[st] = e
		}
	}
	slices.SortFunc(entries, compare)
	blockers := func(e *entry) []*entry {
		var out []*entry
		for _, r := range e.st.DependsOn {
			if d := index[s.Story(r.ID)]; d != nil && d != e && s.Config.IsOpen(d.st.Status) && !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
		slices.SortFunc(out, compare)
		return out
	}
	blocks := blocked(s)
	var ranked []Ranked
	for i, e := range order(entries, blockers) {
		r := Ranked{Rank: i + 1, Story: e.st, Score: e.score, Scored: e.scored, Blocks: blocks[e.st]}
		r.WaitingOn, r.Missing = dependencies(s, e.st)
		if opts.Keep(r.Story) {
			ranked = append(ranked, r)
		}
	}
	if opts.Limit > 0 && len(ranked) > opts.Limit {
		ranked = ranked[:opts.Limit]
	}
	return ranked, nil
}

// entry is a story with its sort key.
type entry struct {
	st      *spec.Story
	score   float64
	scored  bool
	horizon int // index in spec.Horizons; len(spec.Horizons) when unknown
	state   int // for order: 0 new, 1 being placed, 2 placed
}

func newEntry(st *spec.Story, m *Model) *entry {
	e := &entry{st: st, horizon: len(spec.Horizons)}
	e.score, e.scored = m.rounded(st)
	if st.Item != nil {
		if i := slices.Index(spec.Horizons, st.Item.Horizon); i >= 0 {
			e.horizon = i
		}
	}
	return e
}

// compare is the backlog order before dependencies: scored first, higher
// score first, nearer horizon first, then natural ID order and path.
func compare(a, b *entry) int {
	return cmp.Or(
		boolFirst(a.scored, b.scored),
		cmp.Compare(b.score, a.score),
		cmp.Compare(a.horizon, b.horizon),
		names.Compare(a.st.ID, b.st.ID),
		cmp.Compare(a.st.File.Path, b.st.File.Path),
	)
}

func boolFirst(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// order walks entries in score order and places each one after the
// entries it is blocked by, which are placed first (in score order among
// themselves). An entry met again while it is being placed closes a cycle
// and is skipped there.
func order(entries []*entry, blockers func(*entry) []*entry) []*entry {
	out := make([]*entry, 0, len(entries))
	var place func(e *entry)
	place = func(e *entry) {
		if e.state != 0 {
			return
		}
		e.state = 1
		for _, b := range blockers(e) {
			place(b)
		}
		e.state = 2
		out = append(out, e)
	}
	for _, e := range entries {
		place(e)
	}
	return out
}

// dependencies returns the open stories st depends on, wherever they are,
// and the IDs it depends on that name no story: a story whose dependency
// is a typo must not look free to start.
func dependencies(s *spec.Spec, st *spec.Story) (waiting, missing []string) {
	for _, r := range st.DependsOn {
		d := s.Story(r.ID)
		switch {
		case d == nil && r.ID != "" && !slices.Contains(missing, r.ID):
			missing = append(missing, r.ID)
		case d != nil && s.Config.IsOpen(d.Status) && !slices.Contains(waiting, d.ID):
			waiting = append(waiting, d.ID)
		}
	}
	slices.SortFunc(waiting, names.Compare)
	slices.SortFunc(missing, names.Compare)
	return waiting, missing
}

// blocked maps each story to the open stories that depend on it, which is
// what explains a low score ranked high.
func blocked(s *spec.Spec) map[*spec.Story][]string {
	out := map[*spec.Story][]string{}
	for _, st := range s.Stories {
		if !s.Config.IsOpen(st.Status) {
			continue
		}
		for _, r := range st.DependsOn {
			if d := s.Story(r.ID); d != nil && !slices.Contains(out[d], st.ID) {
				out[d] = append(out[d], st.ID)
			}
		}
	}
	for _, ids := range out {
		slices.SortFunc(ids, names.Compare)
	}
	return out
}

// Keep says whether st is in the slice the roadmap and goal filters
// choose (both when both are given); metrics slice stories by it too.
func (o Options) Keep(st *spec.Story) bool {
	if len(o.Roadmap) > 0 && !slices.Contains(o.Roadmap, st.Roadmap.ID) {
		return false
	}
	if len(o.Goals) > 0 {
		if st.Item == nil {
			return false
		}
		return slices.ContainsFunc(st.Item.Goals, func(r spec.Ref) bool { return slices.Contains(o.Goals, r.ID) })
	}
	return true
}
