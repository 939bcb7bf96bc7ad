package spec

import (
	"github.com/prodspec/prodspec/internal/config"
	"github.com/prodspec/prodspec/internal/parse"
)

// ParseFile decodes one file's content found at path p (relative to the
// spec root), front matter and body, as Load would; nil when it is not a
// spec file. For reading a few files of a commit whose spec was loaded
// without bodies.
func ParseFile(cfg *config.Config, p string, src []byte) *File {
	if !Candidate(cfg, p) {
		return nil
	}
	return parseFile(cfg, &File{Path: p, Kind: kindOfPath(cfg, p)}, src, parse.Parse)
}
