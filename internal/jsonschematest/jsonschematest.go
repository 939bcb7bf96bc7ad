// Package jsonschematest checks a JSON value against a JSON Schema, with
// the keywords the schemas prodspec's tests meet use: the SARIF 2.1.0
// schema (draft 4), GitLab's Code Quality report and GoReleaser's
// configuration, and prodspec's own front-matter schemas (draft
// 2020-12). It is test code: prodspec takes no schema library as a
// dependency for its tests, and only tests import it.
//
// Keywords: $ref (to #/definitions/… or #/$defs/…), type, enum, const,
// required, properties, additionalProperties, items, minItems, minimum,
// maximum, exclusiveMinimum and exclusiveMaximum (2020-12 numbers),
// pattern, anyOf, oneOf, and the uri and uri-reference (RFC 3986's
// grammar) formats. Others
// are ignored, so a value is valid as far as these keywords go.
package jsonschematest

import (
	"fmt"
	"math"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
)

// Validate returns how v fails schema, nothing when it satisfies it. Both
// are as encoding/json decodes JSON into an any: maps, slices, float64.
func Validate(schema map[string]any, v any) []string {
	c := &checker{root: schema}
	c.check(v, schema, "$")
	return c.errs
}

type checker struct {
	root map[string]any
	errs []string
}

func (c *checker) failf(at, format string, args ...any) {
	c.errs = append(c.errs, at+": "+fmt.Sprintf(format, args...))
}

func (c *checker) check(v any, s map[string]any, at string) {
	if ref, ok := s["$ref"].(string); ok {
		c.check(v, c.resolve(ref), at)
		return
	}
	if t, ok := s["type"]; ok && !hasType(v, t) {
		c.failf(at, "%v is not of type %v", v, t)
		return
	}
	if enum, ok := s["enum"].([]any); ok && !slices.ContainsFunc(enum, func(e any) bool { return reflect.DeepEqual(e, v) }) {
		c.failf(at, "%v is not one of %v", v, enum)
	}
	if want, ok := s["const"]; ok && !reflect.DeepEqual(want, v) {
		c.failf(at, "%v is not %v", v, want)
	}
	if n, ok := v.(float64); ok {
		c.checkNumber(n, s, at)
	}
	if str, ok := v.(string); ok {
		c.checkFormat(str, s["format"], at)
		if p, ok := s["pattern"].(string); ok {
			re, err := regexp.Compile(p)
			if err != nil {
				c.failf(at, "pattern %q: %v", p, err)
			} else if !re.MatchString(str) {
				c.failf(at, "%q does not match %s", str, p)
			}
		}
	}
	if arr, ok := v.([]any); ok {
		if m, ok := s["minItems"].(float64); ok && float64(len(arr)) < m {
			c.failf(at, "%d items < minItems %v", len(arr), m)
		}
		if items, ok := s["items"].(map[string]any); ok {
			for i, e := range arr {
				c.check(e, items, fmt.Sprintf("%s[%d]", at, i))
			}
		}
	}
	if obj, ok := v.(map[string]any); ok {
		c.checkObject(obj, s, at)
	}
	if alts, ok := s["anyOf"].([]any); ok && c.passing(v, alts, at) == 0 {
		c.failf(at, "no alternative of anyOf matches")
	}
	if alts, ok := s["oneOf"].([]any); ok && c.passing(v, alts, at) != 1 {
		c.failf(at, "not exactly one alternative of oneOf matches")
	}
}

// resolve finds a schema within the root one.
func (c *checker) resolve(ref string) map[string]any {
	for _, prefix := range []string{"#/definitions/", "#/$defs/"} {
		if name, ok := strings.CutPrefix(ref, prefix); ok {
			defs, _ := c.root[strings.Trim(prefix[1:], "/")].(map[string]any)
			if def, ok := defs[name].(map[string]any); ok {
				return def
			}
		}
	}
	panic("jsonschematest: cannot resolve $ref " + ref)
}

func (c *checker) checkNumber(n float64, s map[string]any, at string) {
	if m, ok := s["minimum"].(float64); ok && n < m {
		c.failf(at, "%v < minimum %v", n, m)
	}
	if m, ok := s["maximum"].(float64); ok && n > m {
		c.failf(at, "%v > maximum %v", n, m)
	}
	if m, ok := s["exclusiveMinimum"].(float64); ok && n <= m {
		c.failf(at, "%v <= exclusiveMinimum %v", n, m)
	}
	if m, ok := s["exclusiveMaximum"].(float64); ok && n >= m {
		c.failf(at, "%v >= exclusiveMaximum %v", n, m)
	}
}

// passing counts the schemas in alts that v satisfies.
func (c *checker) passing(v any, alts []any, at string) int {
	n := 0
	for _, alt := range alts {
		sub := &checker{root: c.root}
		sub.check(v, alt.(map[string]any), at)
		if len(sub.errs) == 0 {
			n++
		}
	}
	return n
}

func (c *checker) checkObject(obj map[string]any, s map[string]any, at string) {
	props, _ := s["properties"].(map[string]any)
	for _, r := range asSlice(s["required"]) {
		if _, ok := obj[r.(string)]; !ok {
			c.failf(at, "required property %q missing", r)
		}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	extra := s["additionalProperties"]
	for _, k := range keys {
		ps, _ := props[k].(map[string]any)
		switch {
		case ps != nil:
			c.check(obj[k], ps, at+"."+k)
		case extra == false:
			c.failf(at, "property %q is not allowed", k)
		case extra != nil && extra != true:
			c.check(obj[k], extra.(map[string]any), at+"."+k)
		}
	}
}

func (c *checker) checkFormat(s string, format any, at string) {
	switch format {
	case "uri":
		if u, err := url.Parse(s); err != nil || !u.IsAbs() {
			c.failf(at, "%q is not an absolute URI", s)
		}
	case "uri-reference":
		if !uriReference.MatchString(s) {
			c.failf(at, "%q is not a URI reference (RFC 3986)", s)
		}
	}
}

// uriReference is RFC 3986's URI-reference (section 4.1): a URI, or a
// relative reference whose first segment has no ":" (it would read as a
// scheme). Only unreserved, reserved and percent-encoded characters
// (section 2) may occur; a space, a "%" not followed by two hex digits,
// a control or non-ASCII character may not. Host syntax is not checked.
var uriReference = func() *regexp.Regexp {
	const (
		pct       = `%[0-9A-Fa-f]{2}`
		pcharNC   = `(?:[A-Za-z0-9\-._~!$&'()*+,;=@]|` + pct + `)` // segment-nz-nc
		pchar     = `(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|` + pct + `)`
		authority = `(?:[A-Za-z0-9\-._~!$&'()*+,;=:@\[\]]|` + pct + `)*`
		segments  = `(?:/` + pchar + `*)*`
		tail      = `(?:\?(?:` + pchar + `|[/?])*)?(?:#(?:` + pchar + `|[/?])*)?`
		scheme    = `[A-Za-z][A-Za-z0-9+.\-]*:`
		hier      = `(?://` + authority + segments + `|/(?:` + pchar + `+` + segments + `)?|` + pchar + `+` + segments + `|)`
		relative  = `(?://` + authority + segments + `|/(?:` + pchar + `+` + segments + `)?|` + pcharNC + `+` + segments + `|)`
	)
	return regexp.MustCompile(`^(?:` + scheme + hier + `|` + relative + `)` + tail + `$`)
}()

func hasType(v any, t any) bool {
	for _, name := range asSlice(t) {
		switch x := v.(type) {
		case nil:
			if name == "null" {
				return true
			}
		case bool:
			if name == "boolean" {
				return true
			}
		case float64:
			if name == "number" || name == "integer" && x == math.Trunc(x) {
				return true
			}
		case string:
			if name == "string" {
				return true
			}
		case []any:
			if name == "array" {
				return true
			}
		case map[string]any:
			if name == "object" {
				return true
			}
		}
	}
	return false
}

func asSlice(v any) []any {
	if s, ok := v.([]any); ok {
		return s
	}
	if v == nil {
		return nil
	}
	return []any{v}
}
