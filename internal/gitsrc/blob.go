package gitsrc

import (
	"bytes"
	"io"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// Blob reads a file's content.
func (r *Repo) Blob(h Hash) ([]byte, error) {
	var data []byte
	err := r.with(func(g *git.Repository) error {
		b, err := g.BlobObject(plumbing.Hash(h))
		if err != nil {
			return r.missing(err, "blob "+h.Short())
		}
		rd, err := b.Reader()
		if err != nil {
			return err
		}
		defer rd.Close()
		buf := bytes.NewBuffer(make([]byte, 0, b.Size))
		_, err = io.Copy(buf, rd)
		data = buf.Bytes()
		return err
	})
	return data, err
}
