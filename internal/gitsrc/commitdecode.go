package gitsrc

import (
	"bytes"
	"encoding/hex"
	"strconv"
	"time"
)

// quickCommit decodes a commit laid out as git writes one: a tree line,
// parent lines, an author and a committer line, other headers, a blank
// line and the message. It gives up (ok false) on anything else, which
// go-git then decodes: a history walk decodes every commit, and go-git's
// decoder (a line reader and a state machine, built for every commit)
// was a third of a warm `history ID`. FuzzQuickCommit holds it to go-git
// on what it accepts.
func quickCommit(h Hash, data []byte) (c *Commit, ok bool) {
	c = &Commit{Hash: h, Parents: []Hash{}, Rev: h.Short()} // no parents: empty, as from go-git
	line, rest, ok := cutLine(data)
	if !ok || !hexHeader(line, "tree ", &c.Tree) {
		return nil, false
	}
	for {
		if line, rest, ok = cutLine(rest); !ok {
			return nil, false
		}
		var p Hash
		if !hexHeader(line, "parent ", &p) {
			break
		}
		c.Parents = append(c.Parents, p)
	}
	author, found := bytes.CutPrefix(line, []byte("author "))
	if !found {
		return nil, false
	}
	if line, rest, ok = cutLine(rest); !ok {
		return nil, false
	}
	committer, found := bytes.CutPrefix(line, []byte("committer "))
	if !found {
		return nil, false
	}
	c.Author, c.Committer = decodeSignature(author), decodeSignature(committer)
	// Other headers (gpgsig, mergetag, encoding and any other, with their
	// continuation lines) end at the first empty line; the message is
	// all that follows it, or nothing when there is none.
	for len(rest) > 0 {
		if line, rest, ok = cutLine(rest); !ok {
			return c, true // a last header without its newline: no message
		}
		if len(line) == 0 {
			c.Message = string(rest)
			break
		}
	}
	return c, true
}

// cutLine cuts the first line of b, without its newline; ok is false
// when b has no newline.
func cutLine(b []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return nil, nil, false
	}
	return b[:i], b[i+1:], true
}

// hexHeader reads a "name HASH" line, the hash in lower-case hex.
func hexHeader(line []byte, name string, h *Hash) bool {
	hx, found := bytes.CutPrefix(line, []byte(name))
	if !found || len(hx) != 2*len(h) || bytes.ContainsAny(hx, "ABCDEF") {
		return false
	}
	_, err := hex.Decode(h[:], hx)
	return err == nil
}

// decodeSignature reads "NAME <EMAIL> UNIXTIME ZONE" as go-git's
// Signature.Decode does, quirks included: what it cannot read it leaves
// zero, and a zone of -00MM is east of UTC.
func decodeSignature(b []byte) (s Signature) {
	open, close := bytes.LastIndexByte(b, '<'), bytes.LastIndexByte(b, '>')
	if open < 0 || close < 0 || close < open {
		return s
	}
	s.Name = string(bytes.Trim(b[:open], " "))
	s.Email = string(b[open+1 : close])
	if close+2 >= len(b) {
		return s
	}
	b = b[close+2:]
	space := bytes.IndexByte(b, ' ')
	if space < 0 {
		space = len(b)
	}
	ts, err := strconv.ParseInt(string(b[:space]), 10, 64)
	if err != nil {
		return s
	}
	s.When = time.Unix(ts, 0).In(time.UTC)
	zone := b[min(space+1, len(b)):]
	if len(zone) < 5 || space+1 >= len(b) {
		return s
	}
	hours, err1 := strconv.ParseInt(string(zone[:3]), 10, 64)
	mins, err2 := strconv.ParseInt(string(zone[3:5]), 10, 64)
	if err1 != nil || err2 != nil {
		return s
	}
	if hours < 0 {
		mins = -mins
	}
	s.When = s.When.In(time.FixedZone("", int(hours*60*60+mins*60)))
	return s
}
