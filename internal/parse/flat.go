package parse

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// FlatKind is the shape of a value in a flat front matter.
type FlatKind uint8

const (
	FlatNull   FlatKind = iota // nothing, or null, Null, NULL
	FlatScalar                 // a plain scalar
	FlatList                   // a one-line flow list of plain scalars
	FlatMap                    // a one-line flow mapping of plain scalars
)

// FlatValue is one top-level value of a flat front matter. Text is a
// scalar's text; Items a list's scalars. A mapping keeps neither: its
// readers (the priority inputs) go through ParseFrontMatter.
type FlatValue struct {
	Kind  FlatKind
	Text  string
	Items []string
}

// FlatPair is one "key: value" line of a flat front matter.
type FlatPair struct {
	Key   string
	Value FlatValue
}

// maxFlatKey keeps keys far below the 1024 characters past which yaml.v3
// no longer reads a plain key.
const maxFlatKey = 64

// maxFlatKeys bounds the keys of a front matter or a flow mapping, which
// are checked for repeats one by one: a longer one takes the full parse,
// so that time stays linear in the input.
const maxFlatKeys = 64

// FlatFrontMatter reads the top level of a front matter in the narrow
// part of YAML that generated and tool-written specs use:
//
//	---
//	# a comment
//	id: S-1
//	title: 'Find a note: by tag'
//	status: "To Do"
//	labels: [area-1, team-1]
//	rice: {reach: 8800, effort: 5}
//	depends_on:
//	  - S-7
//	  - 'S-9'
//	due:
//	---
//
// The file opens with a "---" line and a "---" line closes the front
// matter; between them every line is blank, a comment starting in the
// first column, "key: value" with the key in the first column, or an item
// of a block list ("- value", every item of a list indented alike) right
// under a key with no value or under the item before. Every value is
// nothing, a plain scalar that starts with a letter or a digit and holds
// neither ":" nor "#", a quoted scalar on one line without escapes, or a
// one-line flow list or mapping of plain scalars without ",?[]{}". The
// front matter is printable ASCII; the rest of the file only needs to be
// text. No key repeats.
//
// It gives up (false) on anything else, and on an empty front matter. It
// is for readers of thousands of files that need a few values of each,
// history above all: when it does not give up, ParseFrontMatter finds no
// problem in the file and its mapping has the same keys, kinds and values
// in the same order, which FuzzFlatFrontMatter checks. It reads each byte
// of the front matter a bounded number of times.
func FlatFrontMatter(src []byte) ([]FlatPair, bool) {
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, false
	}
	end := bytes.Index(src[3:], []byte("\n---\n"))
	if end < 0 {
		if !bytes.HasSuffix(src, []byte("\n---")) {
			return nil, false
		}
		end = len(src) - 4
	} else {
		end += 3
	}
	// The front matter is src[4:end+1]; checkText's tests cover the body.
	fm := string(src[4 : end+1])
	if bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src[end:]) {
		return nil, false
	}
	var pairs []FlatPair
	list, indent := -1, -1 // the pair whose block list may follow, its items' indentation
	for rest := fm; rest != ""; {
		l, after, _ := strings.Cut(rest, "\n")
		rest = after
		switch {
		case l == "" || l[0] == '#' && isASCII(l):
			list = -1 // a block list is read only line after line
		case l[0] == ' ' || l[0] == '-':
			if list < 0 || !blockItem(&pairs[list].Value, &indent, l) {
				return nil, false
			}
		default:
			k, v, ok := flatKey(l)
			if !ok || len(pairs) == maxFlatKeys || slices.ContainsFunc(pairs, func(q FlatPair) bool { return q.Key == k }) {
				return nil, false
			}
			p := FlatPair{Key: k}
			if p.Value, ok = flatValue(v); !ok {
				return nil, false
			}
			pairs = append(pairs, p)
			list, indent = -1, -1
			if v == "" {
				list = len(pairs) - 1
			}
		}
	}
	return pairs, len(pairs) > 0
}

// flatValue reads the value of a "key: value" line.
func flatValue(v string) (x FlatValue, ok bool) {
	switch {
	case v == "":
		return FlatValue{Kind: FlatNull}, true
	case v[0] == '[':
		x.Items, ok = flatItems(v, ']', false)
		return FlatValue{Kind: FlatList, Items: x.Items}, ok
	case v[0] == '{':
		_, ok = flatItems(v, '}', true)
		return FlatValue{Kind: FlatMap}, ok
	}
	return blockScalar(v)
}

// blockItem reads l, an item of a block list ("  - a") under the key
// whose value is x, at the indentation of the list's items before it.
func blockItem(x *FlatValue, indent *int, l string) bool {
	item := strings.TrimLeft(l, " ")
	n := len(l) - len(item)
	if !strings.HasPrefix(item, "- ") || *indent >= 0 && n != *indent {
		return false
	}
	*indent = n
	v := strings.TrimLeft(item[2:], " ")
	if v == "" || strings.HasSuffix(v, " ") {
		return false
	}
	s, ok := blockScalar(v)
	if !ok || s.Kind != FlatScalar {
		return false
	}
	x.Kind = FlatList
	x.Items = append(x.Items, s.Text)
	return true
}

// blockScalar reads a scalar on its own: plain, or quoted on one line
// with no escapes (two single quotes in a row are one, and a double-
// quoted scalar may hold no backslash).
func blockScalar(v string) (FlatValue, bool) {
	q := v[0]
	if q != '\'' && q != '"' {
		return flatScalar(v, false)
	}
	if len(v) < 2 || v[len(v)-1] != q || !isASCII(v) {
		return FlatValue{}, false
	}
	inner := v[1 : len(v)-1]
	if q == '"' {
		if strings.ContainsAny(inner, "\"\\") {
			return FlatValue{}, false
		}
		return FlatValue{Kind: FlatScalar, Text: inner}, true
	}
	for i := 0; i < len(inner); i++ {
		if inner[i] == '\'' {
			if i+1 == len(inner) || inner[i+1] != '\'' {
				return FlatValue{}, false
			}
			i++
		}
	}
	return FlatValue{Kind: FlatScalar, Text: strings.ReplaceAll(inner, "''", "'")}, true
}

// flatKey splits "key: value" or "key:" at the colon; the value is what
// follows the blanks after it, and does not end in one.
func flatKey(l string) (key, value string, ok bool) {
	i := 0
	for i < len(l) && i <= maxFlatKey && isKeyByte(l[i], i == 0) {
		i++
	}
	if i == 0 || i > maxFlatKey || i == len(l) || l[i] != ':' {
		return "", "", false
	}
	key, value = l[:i], l[i+1:]
	if value == "" {
		return key, "", true
	}
	if value[0] != ' ' {
		return "", "", false
	}
	value = strings.TrimLeft(value, " ")
	if strings.HasSuffix(value, " ") {
		return "", "", false
	}
	return key, value, true
}

func isKeyByte(c byte, first bool) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || !first && ('0' <= c && c <= '9' || c == '-')
}

// flatScalar reads a plain scalar: one that starts with a letter or a
// digit and holds no ":" or "#" (nor, in a flow collection, ",?[]{}",
// each of which ends a plain scalar there for yaml.v3), so
// that it can be nothing else and ends only at the end of the line or
// item. null, Null and NULL are YAML's nulls.
func flatScalar(s string, inFlow bool) (FlatValue, bool) {
	if s == "" || !isAlnum(s[0]) {
		return FlatValue{}, false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' || c == ':' || c == '#' || inFlow && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}') {
			return FlatValue{}, false
		}
	}
	if s == "null" || s == "Null" || s == "NULL" {
		return FlatValue{Kind: FlatNull}, true
	}
	return FlatValue{Kind: FlatScalar, Text: s}, true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// flatItems reads a one-line flow list ("[a, b]") or mapping ("{a: 1}")
// of plain scalars, closed by the last byte of v; an empty one is "[]"
// or "{}". It returns a list's items; a null item, key or value gives up.
func flatItems(v string, closer byte, mapping bool) ([]string, bool) {
	if v[len(v)-1] != closer {
		return nil, false
	}
	inner := v[1 : len(v)-1]
	if inner == "" {
		return []string{}, true
	}
	var items, keys []string
	for inner != "" {
		item := inner
		var more bool
		item, inner, more = strings.Cut(inner, ",")
		if more && inner == "" {
			return nil, false // a trailing comma
		}
		item = strings.Trim(item, " ")
		if mapping {
			k, val, ok := flatKey(item)
			if !ok || val == "" || len(keys) == maxFlatKeys || slices.Contains(keys, k) {
				return nil, false
			}
			keys = append(keys, k)
			item = val
		}
		x, ok := flatScalar(item, true)
		if !ok || x.Kind != FlatScalar {
			return nil, false
		}
		items = append(items, x.Text)
	}
	return items, true
}

// isASCII reports whether s is printable ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}
