package timeline

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The query text of a filter, the one form shared by the explorer, saved views and
// scripts:
//
//	query  = { item }                  items separated by white space
//	item   = key ":" values | word | phrase
//	values = value { "," value }        any of them
//	value  = bare | phrase
//	phrase = '"' { char | '\"' | '\\' } '"'
//
// A key is the name of a kind of filter (actor, theme, status, location, publisher, from,
// to, search) in any case. A bare value runs to the next white space, comma or double
// quote. Words and phrases outside any key are text, as are the values of search:, and an
// event must contain every one of them. Inside a value, white space runs count as one
// space.

// ErrQuery is wrapped by every error about the syntax of a query.
var ErrQuery = errors.New("invalid query")

// String returns f as query text, its parts in FilterKind order, such that ParseQuery
// reads back a filter equal to f: actor:iran,us from:2024-06 to:2024-09 "golf course".
// Values that a query could not hold bare are quoted. A filter with a malformed value
// (see Check) prints, but does not parse.
func (f Filter) String() string {
	var b strings.Builder
	for _, p := range f.parts {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		if p.Kind == TextFilter {
			b.WriteString(textQuery(p.Values))
			continue
		}
		b.WriteString(p.Kind.Name())
		b.WriteByte(':')
		for i, v := range p.Values {
			if i > 0 {
				b.WriteByte(',')
			}
			writeValue(&b, v, false)
		}
	}
	return b.String()
}

// textQuery writes the terms of a text part as a person would type them.
func textQuery(terms []string) string {
	var b strings.Builder
	for i, v := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		writeValue(&b, v, true)
	}
	return b.String()
}

// writeValue writes v bare when the query would read it back whole, else in quotes. A
// text term with a colon is quoted too, lest it read as key:value.
func writeValue(b *strings.Builder, v string, text bool) {
	bare := v != ""
	for _, r := range v {
		if unicode.IsSpace(r) || r == '"' || r == ',' && !text || r == ':' && text {
			bare = false
			break
		}
	}
	if bare {
		b.WriteString(v)
		return
	}
	b.WriteByte('"')
	for i := 0; i < len(v); i++ {
		if v[i] == '"' || v[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(v[i])
	}
	b.WriteByte('"')
}

// ParseQuery reads query text into a Filter: actor:routh theme:cyber from:2024-06
// to:2024-09 "golf course". A key may appear once, but for search; key:a,b means any of a
// and b. It reports unknown keys (with the nearest), unclosed quotes, missing values and
// malformed dates, each with its column; names are checked against a timeline when the
// filter is used.
func ParseQuery(s string) (Filter, error) {
	var f Filter
	var text []string
	var seen [numKinds]bool
	for i := 0; ; {
		i = skipSpace(s, i)
		if i >= len(s) {
			break
		}
		if s[i] == '"' {
			v, j, err := readQuoted(s, i)
			if err != nil {
				return Filter{}, err
			}
			text = append(text, v)
			i = j
			continue
		}
		key, j, isKey := readQueryKey(s, i)
		if !isKey {
			j = i
			for j < len(s) && s[j] != '"' {
				r, size := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += size
			}
			text = append(text, s[i:j])
			i = j
			continue
		}
		k, ok := FilterKindNamed(key)
		if !ok {
			names := make([]string, numKinds)
			for k := range numKinds {
				names[k] = k.Name()
			}
			hint := fmt.Sprintf("the keys are %s; put text with a colon in quotes", strings.Join(names, ", "))
			if s := Suggest(key, names); s != "" {
				hint = fmt.Sprintf("did you mean %q? Put text with a colon in quotes", s)
			}
			return Filter{}, fmt.Errorf("%w: unknown key %q at column %d; %s", ErrQuery, key, i+1, hint)
		}
		vals, end, err := readValues(s, j)
		if err != nil {
			return Filter{}, err
		}
		if end < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[end:]); !unicode.IsSpace(r) {
				return Filter{}, fmt.Errorf("%w: unexpected %q at column %d; put a space between items", ErrQuery, r, end+1)
			}
		}
		spec := k.spec()
		var norm []string
		for _, v := range vals {
			n, err := spec.normalize(v)
			if err != nil {
				return Filter{}, &ValueError{Kind: k, Value: v, Err: err}
			}
			if n != "" {
				norm = append(norm, n)
			}
		}
		switch {
		case len(norm) == 0:
			return Filter{}, fmt.Errorf("%w: %s: at column %d has no value; write it as %s:value", ErrQuery, key, i+1, k.Name())
		case k == TextFilter:
			text = append(text, norm...)
		case seen[k]:
			return Filter{}, fmt.Errorf("%w: %s: appears twice, at column %d; write %s:a,b for any of several", ErrQuery, k.Name(), i+1, k.Name())
		case spec.single && len(norm) > 1:
			return Filter{}, fmt.Errorf("%w: %s: takes one value, at column %d", ErrQuery, k.Name(), i+1)
		default:
			seen[k] = true
			f = f.With(k, norm...)
		}
		i = end
	}
	f = f.With(TextFilter, text...)
	if err := f.Check(); err != nil {
		return Filter{}, err
	}
	return f, nil
}

func skipSpace(s string, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	return i
}

// readQueryKey reads a key and its colon at s[i:]: a letter, then letters, digits, '-' or '_'.
// It returns the key, where its values start, and whether there is one.
func readQueryKey(s string, i int) (string, int, bool) {
	j := i
	for j < len(s) {
		c := s[j]
		letter := c|0x20 >= 'a' && c|0x20 <= 'z'
		if !letter && (j == i || (c < '0' || c > '9') && c != '-' && c != '_') {
			break
		}
		j++
	}
	if j == i || j >= len(s) || s[j] != ':' {
		return "", i, false
	}
	return s[i:j], j + 1, true
}

// readValues reads value {"," value} at s[i:], where a value is bare or quoted, and
// returns them and where they end. Empty values between commas are dropped.
func readValues(s string, i int) ([]string, int, error) {
	var vals []string
	for {
		if i < len(s) && s[i] == '"' {
			v, j, err := readQuoted(s, i)
			if err != nil {
				return nil, 0, err
			}
			vals = append(vals, v)
			i = j
		} else {
			j := i
			for j < len(s) && s[j] != ',' && s[j] != '"' {
				r, size := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) {
					break
				}
				j += size
			}
			if j > i {
				vals = append(vals, s[i:j])
			}
			i = j
		}
		if i < len(s) && s[i] == ',' {
			i++
			continue
		}
		return vals, i, nil
	}
}

// readQuoted reads the phrase in double quotes that starts at s[i], with \" and \\ for a
// quote and a backslash, and returns it and where it ends.
func readQuoted(s string, i int) (string, int, error) {
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '"':
			return b.String(), j + 1, nil
		case c == '\\' && j+1 < len(s) && (s[j+1] == '"' || s[j+1] == '\\'):
			b.WriteByte(s[j+1])
			j++
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, fmt.Errorf("%w: the quote at column %d is never closed", ErrQuery, i+1)
}

// splitText splits text as a person types it into terms: words, or phrases in double
// quotes (an unclosed quote runs to the end), case kept.
func splitText(text string) []string {
	var terms []string
	for i, part := range strings.Split(text, `"`) {
		if i%2 == 1 { // inside quotes
			if p := strings.Join(strings.Fields(part), " "); p != "" {
				terms = append(terms, p)
			}
			continue
		}
		terms = append(terms, strings.Fields(part)...)
	}
	return terms
}

// SearchTerms splits free text into the lower-cased terms that must all match: words, or
// phrases in double quotes.
func SearchTerms(text string) []string {
	terms := splitText(text)
	for i, t := range terms {
		terms[i] = strings.ToLower(t)
	}
	return terms
}

// Words is one part of a filter in readers' words, as the explorer's chips and the export
// header show it.
type Words struct {
	Kind   string   // the chip's label: "actor", "dates", "search"
	Label  string   // the header's label, agreeing in number: "actor", "actors", "dated"
	Values []string // names for ids, dates in words, text as typed
	Quoted bool     // the values are text, to show in quotes
}

// Words describes f's parts in readers' words, in FilterKind order, with names taken from
// t (nil: the values as given). From and to make one part: "dated June 2024 to
// September 2024".
func (f Filter) Words(t *Timeline) []Words {
	var out []Words
	for _, p := range f.parts {
		if w, ok := p.Kind.spec().describe(t, f, p.Values); ok {
			out = append(out, w)
		}
	}
	return out
}

// FileName returns a file name for an export of what f selects, made of its values:
// tlx-iran-cyber-2024.md for ext ".md". Only ASCII letters and digits and dashes are kept,
// so that the name is safe in any file system, and it is at most 60 characters before ext.
func (f Filter) FileName(ext string) string {
	var b strings.Builder
	b.WriteString("tlx")
	full := false
	for _, p := range f.parts {
		for _, w := range p.Kind.spec().slugs(f, p.Values) {
			slug := slugify(w)
			if slug == "" || full {
				continue
			}
			if b.Len()+1+len(slug) > 60 {
				full = true
				continue
			}
			b.WriteByte('-')
			b.WriteString(slug)
		}
	}
	if b.Len() == len("tlx") {
		b.WriteString("-timeline")
	}
	return b.String() + ext
}

// slugify keeps letters and digits, lower-cased, and turns anything else into single
// dashes, so that a name is safe in any file system.
func slugify(s string) string {
	if len(s) > 256 { // a name keeps 60 bytes at most: a long value need not be read whole
		s = s[:256]
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}
