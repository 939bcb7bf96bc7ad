package history

import (
	"github.com/prodspec/prodspec/internal/gitsrc"
	"github.com/prodspec/prodspec/internal/lint"
	"github.com/prodspec/prodspec/internal/spec"
)

// Collisions finds the IDs that two branches both added since their
// merge base, each for its own story or roadmap item, which merging
// them would leave defined twice: ours is the spec being linted (the
// work tree or a commit), atRef the spec at ref (named refName by the
// user), atBase the spec at base, their merge base.
//
// An ID is added by a side when it names a story or roadmap item there
// and names nothing at the merge base. Both sides' items are the same
// one, not a collision, when they have the same kind, path and title: a
// story cherry-picked from one branch to the other, even if one side
// has since changed its status or criteria. Anything else (another
// path, another title) is two items sharing an ID.
//
// For each collision the commits from base to ref are walked to name
// the one that added the other item.
func Collisions(repo *gitsrc.Repo, ours, atBase, atRef *spec.Spec, base, ref *gitsrc.Commit, refName string) ([]lint.Collision, error) {
	theirs := map[string]addedItem{}
	for _, t := range addedSince(atRef, atBase) {
		if _, ok := theirs[t.id]; !ok {
			theirs[t.id] = t
		}
	}
	var out []lint.Collision
	for _, o := range addedSince(ours, atBase) {
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
	steps, err := Walk(repo, ours.Config, base, ref)
	if err != nil {
		return nil, err
	}
	for i, c := range out {
		if step := addedIn(steps, c.ID, c.Other); step != nil {
			out[i].Commit, out[i].Subject = step.Commit.Short(), step.Commit.Subject()
		}
	}
	return out, nil
}

// addedItem is a story or roadmap item with what a collision shows of it.
type addedItem struct {
	*spec.File
	id, title string
	pos       spec.Pos // of its id
}

// addedSince lists the stories and roadmap items of s whose ID names
// nothing in base.
func addedSince(s, base *spec.Spec) []addedItem {
	var out []addedItem
	for _, f := range s.Files {
		var a addedItem
		switch {
		case f.Story != nil:
			a = addedItem{f, f.Story.ID, f.Story.Title, f.Story.Fields.Pos("id")}
		case f.Item != nil:
			a = addedItem{f, f.Item.ID, f.Item.Title, f.Item.Fields.Pos("id")}
		default:
			continue
		}
		if a.id != "" && base.Story(a.id) == nil && base.Item(a.id) == nil && base.Goal(a.id) == nil {
			out = append(out, a)
		}
	}
	return out
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
