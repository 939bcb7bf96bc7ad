package gittest

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/packfile"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/memory"
)

// GenConfig sizes a generated spec history.
type GenConfig struct {
	Stories int  // stories at HEAD; nine in ten exist in the first commit
	Commits int  // commits on main, the first one included
	Loose   bool // leave every object loose instead of in one pack
	// Sharded puts the stories in folders of a hundred by number
	// (stories/S-012xx/S-1234.md), as large backlogs do.
	Sharded bool
}

// GenInfo says what Generate made.
type GenInfo struct {
	Prefix  string // the spec root inside the work tree
	Objects int
	Commits int
	// SpecCommits is the number of commits that changed the spec;
	// the others only touch files outside it.
	SpecCommits int
}

// Release tags of a generated repository: From is annotated, on the
// commit halfway through; To is lightweight, on HEAD.
const (
	GenFrom = "v1.0.0"
	GenTo   = "v2.0.0"
)

// Generate writes a repository of a spec's history into dir (which must
// not hold one yet), the same bytes for the same configuration:
//
//   - product/vision.md with ten goals, product/roadmap/R-N.md (one item
//     per twenty stories), product/stories/S-N.md (about forty lines
//     each: front matter with id, title, roadmap, status, estimate and
//     RICE, a user-story sentence, a paragraph, acceptance criteria and
//     notes); README.md and src/ outside the spec;
//   - a first commit with nine in ten stories, then commits that move a
//     few stories along draft → ready → in-progress → accepted, edit
//     their text, add a story now and then, and (every fortieth) touch
//     only README.md or src/, so that the walk has commits to skip;
//   - fixed authors and times, one hour apart.
//
// Objects are written with go-git's plumbing, not through a work tree
// (staging 10,000 files 2,000 times would take hours), first into
// memory and then into one pack file with deltas, as `git gc` leaves a
// real repository (or loose, with cfg.Loose). The work tree is left
// empty but for its directories: prodspec reads commits, not files.
func Generate(dir string, cfg GenConfig) (*GenInfo, error) {
	g := &generator{
		sharded: cfg.Sharded,
		mem:     memory.NewStorage(),
		rng:     rand.New(rand.NewPCG(2026, 1)),
		when:    Epoch,
		blobs:   map[string]plumbing.Hash{},
	}
	info, err := g.run(cfg)
	if err != nil {
		return nil, err
	}
	r, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		return nil, err
	}
	if cfg.Loose {
		for _, h := range g.order {
			obj, err := g.mem.EncodedObject(plumbing.AnyObject, h)
			if err != nil {
				return nil, err
			}
			if _, err := r.Storer.SetEncodedObject(obj); err != nil {
				return nil, err
			}
		}
	} else if err := g.pack(r.Storer); err != nil {
		return nil, err
	}
	refs := []*plumbing.Reference{
		plumbing.NewHashReference(plumbing.NewBranchReferenceName("main"), g.head),
		plumbing.NewHashReference(plumbing.NewTagReferenceName(GenFrom), g.tag),
		plumbing.NewHashReference(plumbing.NewTagReferenceName(GenTo), g.head),
	}
	for _, ref := range refs {
		if err := r.Storer.SetReference(ref); err != nil {
			return nil, err
		}
	}
	for _, d := range []string{"product", "src"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	info.Objects = len(g.order)
	return info, nil
}

// pack writes every object into one pack file with deltas (a window of
// ten, git's default), which go-git indexes as it is written.
func (g *generator) pack(s storer.Storer) (err error) {
	pw, ok := s.(storer.PackfileWriter)
	if !ok {
		return fmt.Errorf("storage %T cannot write pack files", s)
	}
	w, err := pw.PackfileWriter()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = packfile.NewEncoder(w, g.mem, false).Encode(g.order, 10)
	return err
}

type generator struct {
	sharded bool
	mem     *memory.Storage
	rng     *rand.Rand
	when    time.Time
	order   []plumbing.Hash // every object, in the order written
	blobs   map[string]plumbing.Hash

	stories  []*genStory // by number - 1
	items    []genItem
	storyDir []object.TreeEntry // sorted by name
	src      []string           // contents of src/, by file number
	readme   int                // README.md's revision
	// The two big trees' hashes, zero when they must be encoded again.
	storyTree, itemTree plumbing.Hash

	head, tag plumbing.Hash
}

type genStory struct {
	n, item, estimate, reach, impact, effort int
	status                                   int // index in genStatuses
	rev                                      int // text edits so far
	owner                                    string
}

type genItem struct{ status int }

var (
	genStatuses     = []string{"draft", "ready", "in-progress", "accepted"}
	genItemStatuses = []string{"planned", "in-progress", "done"}
	genAuthors      = []string{"po@example.com", "pm@example.com", "ana@example.com", "bo@example.com", "chen@example.com", "dara@example.com"}
	genPersonas     = []string{"field worker", "team lead", "new user", "admin", "commuter", "researcher", "support agent"}
	genWants        = []string{"export my notes", "find a note by tag", "share a notebook", "restore a deleted note",
		"capture from the lock screen", "sync offline edits", "pin a note", "merge two notes"}
	genBenefits = []string{"I never lose an idea", "I save a few seconds each day", "my team sees the same thing",
		"I can trust the app", "I can work without a connection"}
)

func (g *generator) run(cfg GenConfig) (*GenInfo, error) {
	if cfg.Stories < 20 || cfg.Commits < 4 {
		return nil, fmt.Errorf("generate: need at least 20 stories and 4 commits")
	}
	initial := cfg.Stories - cfg.Stories/10
	added := cfg.Stories - initial
	for i := range cfg.Stories / 20 {
		g.items = append(g.items, genItem{status: i % 2})
	}
	g.src = []string{"package main\n\nfunc main() {}\n", "package main\n\n// util 0\n"}
	for range initial {
		g.addStory(g.rng.IntN(3))
	}
	info := &GenInfo{Prefix: "product", Commits: cfg.Commits}
	var parent plumbing.Hash
	for i := range cfg.Commits {
		author := genAuthors[i%len(genAuthors)]
		msg := fmt.Sprintf("commit %d", i)
		switch {
		case i == 0:
			msg = "import the spec"
			info.SpecCommits++
		case i%40 == 0: // outside the spec only
			if i%80 == 0 {
				g.readme++
			} else {
				g.editSrc(i)
			}
			msg = fmt.Sprintf("commit %d: code only", i)
		default:
			info.SpecCommits++
			for range 1 + g.rng.IntN(4) {
				g.editStory(g.stories[g.rng.IntN(len(g.stories))])
			}
			if len(g.stories)-initial < added*(i+1)/cfg.Commits {
				g.addStory(0)
			}
			if i%100 == 50 {
				it := &g.items[g.rng.IntN(len(g.items))]
				it.status = min(it.status+1, len(genItemStatuses)-1)
				g.itemTree = plumbing.ZeroHash
			}
			if i%3 == 0 {
				g.editSrc(i)
			}
		}
		h, err := g.commit(parent, author, msg)
		if err != nil {
			return nil, err
		}
		parent = h
		if i == cfg.Commits/2 {
			if g.tag, err = g.annotate(h, GenFrom); err != nil {
				return nil, err
			}
		}
	}
	g.head = parent
	return info, nil
}

func (g *generator) addStory(status int) {
	n := len(g.stories) + 1
	st := &genStory{n: n, item: 1 + (n-1)%len(g.items), status: status, estimate: 1 + g.rng.IntN(8),
		reach: 100 * (1 + g.rng.IntN(100)), impact: 1 + g.rng.IntN(3), effort: 1 + g.rng.IntN(8),
		owner: genAuthors[2+g.rng.IntN(len(genAuthors)-2)]}
	g.stories = append(g.stories, st)
	name := fmt.Sprintf("S-%d.md", n)
	i, _ := slices.BinarySearchFunc(g.storyDir, name, func(e object.TreeEntry, n string) int { return strings.Compare(e.Name, n) })
	g.storyDir = slices.Insert(g.storyDir, i, object.TreeEntry{Name: name, Mode: filemode.Regular})
	g.storyDir[i].Hash = g.blob(st.content())
	g.storyTree = plumbing.ZeroHash
}

// editStory moves a story to its next status or, one time in three and
// once it is accepted, edits its text.
func (g *generator) editStory(st *genStory) {
	if st.status < len(genStatuses)-1 && g.rng.IntN(3) > 0 {
		st.status++
	} else {
		st.rev++
		if g.rng.IntN(2) == 0 {
			st.estimate = 1 + g.rng.IntN(8)
		}
	}
	name := fmt.Sprintf("S-%d.md", st.n)
	i, _ := slices.BinarySearchFunc(g.storyDir, name, func(e object.TreeEntry, n string) int { return strings.Compare(e.Name, n) })
	g.storyDir[i].Hash = g.blob(st.content())
	g.storyTree = plumbing.ZeroHash
}

func (g *generator) editSrc(i int) {
	f := 1 + i%(len(g.src)-1)
	g.src[f] += fmt.Sprintf("// change %d\n", i)
}

func (st *genStory) content() string {
	var b strings.Builder
	n := st.n
	fmt.Fprintf(&b, "---\nid: S-%d\ntitle: %s %d\nroadmap: R-%d\nstatus: %s\nowner: %s\nestimate: %d\n",
		n, strings.ToUpper(genWants[n%len(genWants)][:1])+genWants[n%len(genWants)][1:], n, st.item, genStatuses[st.status], st.owner, st.estimate)
	fmt.Fprintf(&b, "labels: [area-%d, team-%d]\nrice: {reach: %d, impact: %d, confidence: 0.8, effort: %d}\n---\n",
		n%12, n%5, st.reach, st.impact, st.effort)
	fmt.Fprintf(&b, "As a %s, I want to %s, so that %s.\n\n", genPersonas[n%len(genPersonas)], genWants[n%len(genWants)], genBenefits[n%len(genBenefits)])
	for l := range 6 {
		fmt.Fprintf(&b, "Context line %d of story %d: who asked for it, what they do today and why it hurts.\n", l+1, n)
	}
	b.WriteString("\n## Acceptance criteria\n\n")
	done := " "
	if genStatuses[st.status] == "accepted" {
		done = "x"
	}
	for c := range 6 {
		fmt.Fprintf(&b, "- [%s] Criterion %d of S-%d holds for every note in the notebook\n", done, c+1, n)
	}
	b.WriteString("\n## Notes\n\n")
	for l := range 8 {
		fmt.Fprintf(&b, "- Note %d (revision %d): a detail agreed with the team.\n", l+1, st.rev+l)
	}
	return b.String()
}

func (g *generator) vision() string {
	var b strings.Builder
	b.WriteString("---\nkind: vision\ntitle: Bench Notes\nowner: po@example.com\ngoals:\n")
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&b, "  - id: G%d\n    title: Goal number %d\n", i, i)
	}
	b.WriteString("---\n# Bench Notes\n\nA generated product to measure prodspec's git commands.\n")
	return b.String()
}

func (it genItem) content(n int) string {
	horizons := []string{"now", "next", "later"}
	return fmt.Sprintf("---\nid: R-%d\ntitle: Roadmap item %d\ngoals: [G%d]\nstatus: %s\nhorizon: %s\nowner: pm@example.com\n---\n"+
		"## Why it matters\n\nItem %d groups twenty stories toward goal G%d.\n\n## Scope\n\n- One thing\n- Another thing\n",
		n, n, 1+n%10, genItemStatuses[it.status], horizons[n%3], n, 1+n%10)
}

// put stores an object, remembering its hash once.
func (g *generator) put(obj plumbing.EncodedObject) plumbing.Hash {
	h := obj.Hash()
	if err := g.mem.HasEncodedObject(h); err == nil {
		return h
	}
	g.mem.SetEncodedObject(obj)
	g.order = append(g.order, h)
	return h
}

func (g *generator) blob(s string) plumbing.Hash {
	if h, ok := g.blobs[s]; ok {
		return h
	}
	obj := g.mem.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, _ := obj.Writer()
	w.Write([]byte(s))
	w.Close()
	h := g.put(obj)
	g.blobs[s] = h
	return h
}

// storiesTree is the stories directory: flat, or in folders of a
// hundred stories by number.
func (g *generator) storiesTree() plumbing.Hash {
	if !g.sharded {
		return g.tree(g.storyDir)
	}
	shards := map[string][]object.TreeEntry{}
	for _, e := range g.storyDir {
		var n int
		fmt.Sscanf(e.Name, "S-%d.md", &n)
		name := fmt.Sprintf("S-%03dxx", n/100)
		shards[name] = append(shards[name], e) // storyDir is sorted: so is each shard
	}
	var dirs []object.TreeEntry
	for _, name := range slices.Sorted(maps.Keys(shards)) {
		dirs = append(dirs, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: g.tree(shards[name])})
	}
	return g.tree(dirs)
}

// tree encodes sorted entries by hand: object.Tree.Encode formats each
// entry with fmt, which is slow for 10,000 entries 2,000 times.
func (g *generator) tree(es []object.TreeEntry) plumbing.Hash {
	var buf []byte
	for _, e := range es {
		buf = fmt.Appendf(buf, "%o %s\x00", uint32(e.Mode), e.Name)
		buf = append(buf, e.Hash[:]...)
	}
	obj := g.mem.NewEncodedObject()
	obj.SetType(plumbing.TreeObject)
	w, _ := obj.Writer()
	w.Write(buf)
	w.Close()
	return g.put(obj)
}

func (g *generator) commit(parent plumbing.Hash, author, msg string) (plumbing.Hash, error) {
	if g.itemTree.IsZero() {
		items := make([]object.TreeEntry, len(g.items))
		for i, it := range g.items {
			items[i] = object.TreeEntry{Name: fmt.Sprintf("R-%d.md", i+1), Mode: filemode.Regular, Hash: g.blob(it.content(i + 1))}
		}
		slices.SortFunc(items, func(a, b object.TreeEntry) int { return strings.Compare(a.Name, b.Name) })
		g.itemTree = g.tree(items)
	}
	if g.storyTree.IsZero() {
		g.storyTree = g.storiesTree()
	}
	product := g.tree([]object.TreeEntry{
		{Name: "roadmap", Mode: filemode.Dir, Hash: g.itemTree},
		{Name: "stories", Mode: filemode.Dir, Hash: g.storyTree},
		{Name: "vision.md", Mode: filemode.Regular, Hash: g.blob(g.vision())},
	})
	var src []object.TreeEntry
	for i, s := range g.src {
		src = append(src, object.TreeEntry{Name: fmt.Sprintf("file%d.go", i), Mode: filemode.Regular, Hash: g.blob(s)})
	}
	root := g.tree([]object.TreeEntry{
		{Name: "README.md", Mode: filemode.Regular, Hash: g.blob(fmt.Sprintf("# Bench Notes\n\nRevision %d.\n", g.readme))},
		{Name: "product", Mode: filemode.Dir, Hash: product},
		{Name: "src", Mode: filemode.Dir, Hash: g.tree(src)},
	})
	name, _, _ := strings.Cut(author, "@")
	sig := object.Signature{Name: name, Email: author, When: g.when}
	g.when = g.when.Add(time.Hour)
	c := &object.Commit{Author: sig, Committer: sig, Message: msg + "\n", TreeHash: root}
	if !parent.IsZero() {
		c.ParentHashes = []plumbing.Hash{parent}
	}
	obj := g.mem.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.put(obj), nil
}

func (g *generator) annotate(target plumbing.Hash, name string) (plumbing.Hash, error) {
	t := &object.Tag{Name: name, Message: "release " + name + "\n", TargetType: plumbing.CommitObject, Target: target,
		Tagger: object.Signature{Name: "release", Email: "release@example.com", When: g.when}}
	obj := g.mem.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.put(obj), nil
}
