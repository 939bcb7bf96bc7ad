package gitsrc

import "github.com/go-git/go-git/v5/plumbing"

// Blob reads a file's content.
func (r *Repo) Blob(h Hash) ([]byte, error) {
	data, err := r.readObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, r.missing(err, "blob "+h.Short())
	}
	return data, nil
}
