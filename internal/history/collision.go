package history

import (
	"slices"

	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// Collisions finds the IDs that two branches both added since their
// merge base, each for its own story or roadmap item, which merging
// them would leave defined twice: ours is the spec being linted (the
// work tree or a commit), atRef the spec at ref (named refName by the
// user), base their merge base and atBase loads the spec there.
//
// An ID is added by a side when it names a story or roadmap item there
// and nothing at the merge base. Both sides' items are the same one, not
// a collision, when they have the same kind, path and title: a story
// cherry-picked from one branch to the other, even if one side has since
// changed its status or criteria. Anything else (another path, another
// title) is two items sharing an ID.
//
// Only the files ref changed since base are read at first: an ID ours
// has that none of them newly declares cannot collide, which is the
// usual answer, found without loading the spec at base. That load, and
// the walk of base..ref that names the commit which added the other
// item, are made only for the few IDs left.
func Collisions(repo *gitsrc.Repo, ours, atRef *spec.Spec, base, ref *gitsrc.Commit, refName string, atBase func() (*spec.Spec, error)) ([]lint.Collision, error) {
	theirs, err := newOn(repo, atRef, base, ref)
	if err != nil {
		return nil, err
	}
	var out []lint.Collision
	for _, o := range items(ours) {
		t, ok := theirs[o.id]
		if !ok || o.Kind == t.Kind && o.Path == t.Path && o.title == t.title {
			continue
		}
		out = append(out, lint.Collision{ID: o.id, Kind: o.Kind, File: o.Path, Pos: o.pos, Ref: refName,
			OtherKind: t.Kind, Other: t.Path, Title: t.title, Commit: ref.Short(), Subject: ref.Subject()})
	}
	if len(out) == 0 {
		return nil, nil
	}
	// An ID the merge base has was not added by either side: it moved
	// to another file on ref.
	b, err := atBase()
	if err != nil {
		return nil, err
	}
	out = slices.DeleteFunc(out, func(c lint.Collision) bool {
		return b.Story(c.ID) != nil || b.Item(c.ID) != nil || b.Goal(c.ID) != nil
	})
	return out, nameCommits(repo, ours.Config, base, ref, out)
}

// nameCommits walks base..ref to name, in each collision, the commit
// that added the other item (ref itself when none shows it).
func nameCommits(repo *gitsrc.Repo, cfg *config.Config, base, ref *gitsrc.Commit, cs []lint.Collision) error {
	if len(cs) == 0 {
		return nil
	}
	steps, err := Walk(repo, cfg, base, ref)
	if err != nil {
		return err
	}
	for i, c := range cs {
		if step := addedIn(steps, c.ID, c.Other); step != nil {
			cs[i].Commit, cs[i].Subject = step.Commit.Short(), step.Commit.Subject()
		}
	}
	return nil
}

// item is a story or roadmap item with what a collision shows of it.
type item struct {
	*spec.File
	id, title string
	pos       spec.Pos // of its id
}

// items lists the stories and roadmap items of s that have an ID.
func items(s *spec.Spec) []item {
	var out []item
	for _, f := range s.Files {
		if it, ok := itemOf(f); ok {
			out = append(out, it)
		}
	}
	return out
}

func itemOf(f *spec.File) (item, bool) {
	var it item
	switch {
	case f.Story != nil:
		it = item{f, f.Story.ID, f.Story.Title, f.Story.Fields.Pos("id")}
	case f.Item != nil:
		it = item{f, f.Item.ID, f.Item.Title, f.Item.Fields.Pos("id")}
	}
	return it, it.id != ""
}

// newOn lists by ID the items of atRef in the files ref changed since
// base whose ID that file did not have at base: the IDs ref may have
// added (a story whose ID ref changed among them). The first file of an
// ID defined twice stands for it.
func newOn(repo *gitsrc.Repo, atRef *spec.Spec, base, ref *gitsrc.Commit) (map[string]item, error) {
	start, err := StartOf(repo, atRef, base, ref)
	if err != nil {
		return nil, err
	}
	out := map[string]item{}
	for _, it := range items(atRef) {
		was, changed := start.changed[it.Path]
		if !changed || was != nil && was.ID == it.id {
			continue
		}
		if _, ok := out[it.id]; !ok {
			out[it.id] = it
		}
	}
	return out, nil
}

// addedIn is the last step that put id into the file at path: the
// commit that added the item as ref has it. Nil when no commit's own
// change shows it; the caller then names ref itself.
func addedIn(steps []Step, id, path string) *Step {
	var found *Step
	for i, s := range steps {
		for _, d := range s.Deltas {
			if d.Path == path && !d.Context && d.After != nil && d.After.ID == id && (d.Before == nil || d.Before.ID != id) {
				found = &steps[i]
			}
		}
	}
	return found
}
