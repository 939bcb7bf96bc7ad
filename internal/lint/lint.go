// Package lint checks a loaded spec. Each rule is a small value in one
// ordered registry; rules report Diagnostics through a Pass and never format
// them.
package lint

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/prodspec/prodspec/internal/spec"
)

// Severity of a finding; Off disables a rule.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Off     Severity = "off"
)

// Diagnostic is one finding. File is relative to the spec root; Line and
// Column are 1-based and point at the offending key or value.
type Diagnostic struct {
	Rule     string
	Severity Severity
	File     string
	Line     int
	Column   int
	Message  string
}

// Rule is one check. Doc is a one-sentence description (used in SARIF and
// the README); Run reports through the pass.
type Rule struct {
	Name    string
	Doc     string
	Default Severity
	Run     func(*Pass)
}

// Pass is what a rule sees: the spec and, when lint compares against a
// base ref, the changes made by each commit since it.
type Pass struct {
	Spec       *spec.Spec
	Changes    []Change
	Collisions []Collision
	Suspects   []Suspect // stories made suspect since --base (suspect-link)

	rule *Rule
	sev  Severity // the configured severity, "" for the rule's default
	out  *[]Diagnostic
}

// Report records a finding of the current rule. A zero severity is the
// rule's default; a configured severity overrides both.
func (p *Pass) Report(d Diagnostic) {
	d.Rule = p.rule.Name
	switch {
	case p.sev != "":
		d.Severity = p.sev
	case d.Severity == "":
		d.Severity = p.rule.Default
	}
	*p.out = append(*p.out, d)
}

// Reportf reports a finding at a position in a file.
func (p *Pass) Reportf(f *spec.File, pos spec.Pos, format string, args ...any) {
	p.Report(Diagnostic{File: f.Path, Line: pos.Line, Column: pos.Col, Message: fmt.Sprintf(format, args...)})
}

// Result is the outcome of a lint run.
type Result struct {
	Diagnostics []Diagnostic
	Files       int // spec files checked
	Errors      int
	Warnings    int
}

// Options are the inputs of a run besides the spec.
type Options struct {
	Changes    []Change    // commits since --base, for role-violation
	Collisions []Collision // IDs --base also added, for id-collision
	Suspects   []Suspect   // stories made suspect since --base, for suspect-link
}

// Run applies every enabled rule to s and returns the findings sorted by
// file, line, column and rule, without duplicates.
func Run(s *spec.Spec, opts Options) *Result {
	var diags []Diagnostic
	for _, r := range Rules() {
		sev := Severity(s.Config.Rules[r.Name])
		if sev == Off {
			continue
		}
		r.Run(&Pass{Spec: s, Changes: opts.Changes, Collisions: opts.Collisions, Suspects: opts.Suspects, rule: r, sev: sev, out: &diags})
	}
	return NewResult(diags, len(s.Files))
}

// NewResult sorts, deduplicates and counts diags.
func NewResult(diags []Diagnostic, files int) *Result {
	slices.SortFunc(diags, Compare)
	diags = slices.Compact(diags)
	res := &Result{Diagnostics: diags, Files: files}
	for _, d := range diags {
		switch d.Severity {
		case Error:
			res.Errors++
		case Warning:
			res.Warnings++
		}
	}
	return res
}

// Since keeps the findings of r that base did not already have. Findings
// are matched by rule, file and message, not position, so an edit above
// an old finding does not bring it back; when r has more of a finding
// than base, the last ones in order are the new ones.
func (r *Result) Since(base *Result) *Result {
	type key struct{ rule, file, msg string }
	had := map[key]int{}
	for _, d := range base.Diagnostics {
		had[key{d.Rule, d.File, d.Message}]++
	}
	var kept []Diagnostic
	for _, d := range r.Diagnostics {
		k := key{d.Rule, d.File, d.Message}
		if had[k] > 0 {
			had[k]--
			continue
		}
		kept = append(kept, d)
	}
	return NewResult(kept, r.Files)
}

// Compare orders diagnostics by file, line, column, rule, then message.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Severity, b.Severity),
	)
}

// Names returns the rule names in registry order.
func Names() []string {
	var names []string
	for _, r := range Rules() {
		names = append(names, r.Name)
	}
	return names
}

// Lookup returns the rule with the given name, or nil.
func Lookup(name string) *Rule {
	for _, r := range Rules() {
		if r.Name == name {
			return r
		}
	}
	return nil
}

// fileProblems is the Run of a rule whose findings the loader records on
// each file: the rule reports them as they are.
func fileProblems(name string) func(*Pass) {
	return func(p *Pass) {
		for _, f := range p.Spec.Files {
			for _, pr := range f.Problems {
				if pr.Rule == name {
					p.Reportf(f, pr.Pos, "%s", pr.Msg)
				}
			}
		}
	}
}
