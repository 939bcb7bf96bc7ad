package gitsrc

import (
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
)

// Blob reads a file's content; the caller owns the bytes (readObject's
// may be the pack cache's).
func (r *Repo) Blob(h Hash) ([]byte, error) {
	data, err := r.SharedBlob(h)
	return slices.Clone(data), err
}

// SharedBlob is Blob without the copy, for a reader that only reads the
// bytes and keeps none of them: they may be the object cache's, which
// other readers share. A history walk parses thousands of blobs, and
// copying each was an eighth of the bytes it allocated.
func (r *Repo) SharedBlob(h Hash) ([]byte, error) {
	data, err := r.readObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, r.missing(err, "blob "+h.Short())
	}
	return data, nil
}
