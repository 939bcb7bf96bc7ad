package gitsrc

import (
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
)

// Blob reads a file's content; the caller owns the bytes (readObject's
// may be the pack cache's).
func (r *Repo) Blob(h Hash) ([]byte, error) {
	data, err := r.readObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, r.missing(err, "blob "+h.Short())
	}
	return slices.Clone(data), nil
}
