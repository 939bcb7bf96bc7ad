package render

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// ManPage is one command's manual page, made from the command tree.
type ManPage struct {
	Name      string // "prodspec lint"
	Short     string
	Synopsis  string // "prodspec lint [flags]"
	Long      string
	Options   []ManOption
	Inherited []ManOption // flags of every command
	Examples  string
	SeeAlso   []string // other pages' names: "prodspec", "prodspec lint"
}

// ManOption is a flag as its manual page describes it.
type ManOption struct {
	Short, Long string // "f", "format"; Short may be ""
	Arg         string // the value's name, "" for a boolean
	Usage       string
	Default     string // "" when there is none worth saying
}

// manMarker is a man page's first line: a roff comment that tells
// --force-less rewrites that prodspec wrote the file.
const manMarker = `.\" ` + Marker

var manMarkerRe = regexp.MustCompile(`\A\.\\" ` + Marker + `\r?\n`)

func isManPage(data []byte) bool { return manMarkerRe.Match(head(data)) }

// ManFile is the file name of a page: "prodspec-lint.1".
func ManFile(name string) string { return strings.ReplaceAll(name, " ", "-") + ".1" }

// ManRoff writes a page in roff with the man macros, section 1. It has no
// date, so the same tree gives the same bytes.
func ManRoff(w io.Writer, p ManPage) error {
	var b strings.Builder
	title := strings.ToUpper(strings.ReplaceAll(p.Name, " ", "-"))
	fmt.Fprintf(&b, "%s\n.TH %q 1 \"\" \"prodspec\" \"prodspec manual\"\n", manMarker, title)
	fmt.Fprintf(&b, ".SH NAME\n%s \\- %s\n", roff(strings.ReplaceAll(p.Name, " ", "-")), roff(p.Short))
	fmt.Fprintf(&b, ".SH SYNOPSIS\n.B %s\n", roff(p.Synopsis))
	if p.Long != "" {
		b.WriteString(".SH DESCRIPTION\n")
		writeParagraphs(&b, p.Long)
	}
	writeOptions(&b, "OPTIONS", p.Options)
	writeOptions(&b, "OPTIONS INHERITED FROM PARENT COMMANDS", p.Inherited)
	if p.Examples != "" {
		fmt.Fprintf(&b, ".SH EXAMPLES\n.PP\n.RS\n.nf\n%s\n.fi\n.RE\n", roffLines(strings.TrimRight(p.Examples, "\n")))
	}
	if len(p.SeeAlso) > 0 {
		b.WriteString(".SH SEE ALSO\n")
		for i, name := range p.SeeAlso {
			sep := ","
			if i == len(p.SeeAlso)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, ".BR %s (1)%s\n", roff(strings.ReplaceAll(name, " ", "-")), sep)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeParagraphs writes text as filled paragraphs, one per blank-line
// separated block.
func writeParagraphs(b *strings.Builder, text string) {
	for _, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		fmt.Fprintf(b, ".PP\n%s\n", roffLines(para))
	}
}

func writeOptions(b *strings.Builder, heading string, opts []ManOption) {
	if len(opts) == 0 {
		return
	}
	fmt.Fprintf(b, ".SH %s\n", heading)
	for _, o := range opts {
		b.WriteString(".TP\n")
		if o.Short != "" {
			fmt.Fprintf(b, "\\fB\\-%s\\fP, ", roff(o.Short))
		}
		fmt.Fprintf(b, "\\fB\\-\\-%s\\fP", roff(o.Long))
		if o.Arg != "" {
			fmt.Fprintf(b, " \\fI%s\\fP", roff(o.Arg))
		}
		b.WriteString("\n" + roffLines(o.Usage))
		if o.Default != "" {
			fmt.Fprintf(b, " (default %s)", roff(o.Default))
		}
		b.WriteString("\n")
	}
}

// roff escapes text for roff: a backslash is \e and a hyphen \- (a
// minus, so that options can be searched for and copied).
func roff(s string) string {
	return strings.NewReplacer(`\`, `\e`, "-", `\-`).Replace(oneLine(s))
}

// roffLines escapes each line, and protects a line that starts with "."
// or "'", which roff would read as a request.
func roffLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = roff(l)
		if strings.HasPrefix(l, ".") || strings.HasPrefix(l, "'") {
			l = `\&` + l
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
