package notebook

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// header opens every notebook tlx writes.
const header = `# tlx notebook: a reader's marks, notes and saved views for one timeline.
# tlx rewrites this file on every change, keeping what other tlx windows saved meanwhile.
# You may edit it and keep it in git; comments other than these lines are not kept.
`

// encode writes s as a notebook file.
func encode(w io.Writer, s *State) error {
	var b bytes.Buffer
	b.WriteString(header)
	fmt.Fprintf(&b, "version = %d\n", Version)
	if s.about != (About{}) {
		b.WriteString("\n[timeline]\n")
		if s.about.Title != "" {
			b.WriteString("title = " + tomlString(s.about.Title) + "\n")
		}
		if s.about.File != "" {
			b.WriteString("file = " + tomlString(s.about.File) + "\n")
		}
	}
	for _, v := range s.views {
		b.WriteString("\n[views." + tomlKey(v.Name) + "]\n")
		b.WriteString("query = " + tomlString(v.Query) + "\n")
	}
	for _, id := range s.ids {
		e := s.entries[id]
		b.WriteString("\n[events." + tomlKey(id) + "]\n")
		if e.Title != "" {
			b.WriteString("title = " + tomlString(e.Title) + "\n")
		}
		if e.Marked {
			b.WriteString("marked = true\n")
		}
		if len(e.Labels) > 0 {
			b.WriteString("labels = [")
			for i, l := range e.Labels {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(strconv.Quote(l)) // labels are plain words
			}
			b.WriteString("]\n")
		}
		if e.Note != "" {
			b.WriteString("note = " + tomlText(e.Note) + "\n")
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// bareKey matches keys TOML takes without quotes.
var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// tomlKey writes k as a TOML key: bare when it can be, else quoted.
func tomlKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return basicString(k)
}

// tomlString writes a one-line string: 'literal' when it has no quote to escape, which
// keeps a query's "phrases" readable, else "basic".
func tomlString(s string) string {
	if !strings.ContainsAny(s, "'\n\r") && !hasControl(s) {
		return "'" + s + "'"
	}
	return basicString(s)
}

// tomlText writes a note over several lines, the text starting on the line after the
// opening quotes and the closing quotes on a line of their own: the decoder drops the
// newline after the opening, and normNote the one before the closing.
func tomlText(s string) string {
	if !strings.Contains(s, "'''") && !hasControl(s) && !strings.Contains(s, "\r") {
		return "'''\n" + s + "\n'''"
	}
	var b strings.Builder
	b.WriteString(`"""` + "\n")
	quotes := 0
	for _, r := range s {
		if r == '"' {
			quotes++
			if quotes == 3 { // never three in a row, which would close the string
				b.WriteString(`\"`)
				quotes = 0
				continue
			}
		} else {
			quotes = 0
		}
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteString("\n" + `"""`)
	return b.String()
}

// basicString writes s as a "basic" TOML string with escapes.
func basicString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hasControl reports whether s has a character a literal string cannot hold.
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return true
		}
	}
	return false
}
