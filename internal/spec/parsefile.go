package spec

import (
	"bytes"
	"strings"

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

// DeclaredID is the ID the story or roadmap item file at p declares, read
// off its front matter's top-level id line without parsing the YAML: for
// readers of thousands of old versions that need the ID and nothing else
// (package ids). ok is false when that line cannot tell it so simply (no
// such line or two, a value other than a plain word, a kind line, no
// front matter, a path that does not say the kind): ParseFrontMatter can.
// When ok and ParseFrontMatter reads the file without problems, both give
// the same ID (FuzzDeclaredID).
func DeclaredID(cfg *config.Config, p string, src []byte) (id string, ok bool) {
	if k, _ := pathKind(cfg, p); k != KindStory && k != KindRoadmap {
		return "", false
	}
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return "", false
	}
	key := []byte(cfg.Field("id") + ":")
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		switch {
		case parse.IsFence(line):
			return id, id != ""
		case bytes.HasPrefix(line, []byte("kind:")):
			return "", false // the front matter may say another kind
		case bytes.HasPrefix(line, key):
			v := string(bytes.Trim(line[len(key):], " "))
			if id != "" || !plainWord(v) {
				return "", false
			}
			id = v
		}
	}
	return "", false // no closing fence
}

// plainWord reports whether v is a YAML plain scalar that is a string
// and reads as itself: a letter, then letters, digits, ".", "_" and "-",
// and none of the words YAML reads as a boolean or null.
func plainWord(v string) bool {
	if v == "" || !isLetter(v[0]) {
		return false
	}
	for i := 1; i < len(v); i++ {
		if c := v[i]; !isLetter(c) && (c < '0' || c > '9') && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	switch strings.ToLower(v) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return false
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
