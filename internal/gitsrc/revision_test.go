package gitsrc_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"

	"github.com/prodspec/prodspec/internal/gitsrc"
)

// blobWithPrefix stores a blob whose hash starts with the hex digits
// prefix (four take some 65,000 tries) and returns its hash.
func blobWithPrefix(t *testing.T, st storer.EncodedObjectStorer, prefix string, skip plumbing.Hash) plumbing.Hash {
	t.Helper()
	for i := 0; ; i++ {
		content := []byte("blob " + strconv.Itoa(i) + "\n")
		h := plumbing.ComputeHash(plumbing.BlobObject, content)
		if h == skip || !strings.HasPrefix(h.String(), prefix) {
			continue
		}
		obj := st.NewEncodedObject()
		obj.SetType(plumbing.BlobObject)
		w, err := obj.Writer()
		check(t, err)
		_, err = w.Write(content)
		check(t, err)
		check(t, w.Close())
		_, err = st.SetEncodedObject(obj)
		check(t, err)
		return h
	}
}

// A short hash that two objects start with is ambiguous (exit 2), unless
// one of them is a commit: a revision wants one, as for git log.
func TestResolveAmbiguousShortHash(t *testing.T) {
	r, hashes := history(t)
	a := blobWithPrefix(t, r.Git.Storer, "", plumbing.ZeroHash)
	prefix := a.String()[:4]
	blobWithPrefix(t, r.Git.Storer, prefix, a)
	c2 := hashes["c2"][:4]
	blobWithPrefix(t, r.Git.Storer, c2, plumbing.ZeroHash)

	repo, err := gitsrc.Open(r.Dir)
	check(t, err)
	defer repo.Close()
	_, err = repo.Resolve(prefix)
	var unknown *gitsrc.UnknownRevError
	if !errors.As(err, &unknown) || unknown.Ambiguous < 2 {
		t.Fatalf("Resolve(%s) = %v, want ambiguous", prefix, err)
	}
	if !strings.Contains(err.Error(), `short hash "`+prefix+`" is ambiguous`) {
		t.Errorf("error %q does not say the short hash is ambiguous", err)
	}
	c, err := repo.Resolve(c2)
	check(t, err)
	if c.Hash.String() != hashes["c2"] {
		t.Errorf("Resolve(%s) = %s, want the commit %s", c2, c.Hash, hashes["c2"])
	}
}
