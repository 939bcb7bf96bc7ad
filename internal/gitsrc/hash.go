package gitsrc

import "encoding/hex"

// Hash names a git object: the SHA-1 of its content. It is gitsrc's own
// type so that go-git's stay inside this package.
type Hash [20]byte

// String is the hash in full, 40 hex digits.
func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Short abbreviates the hash as git does by default, to 7 hex digits.
func (h Hash) Short() string { return hex.EncodeToString(h[:4])[:7] }

// IsZero reports whether h is the zero hash, which names no object: a
// file or tree absent on one side of a change.
func (h Hash) IsZero() bool { return h == Hash{} }
