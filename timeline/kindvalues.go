package timeline

import (
	"slices"
	"strings"
)

// normalize returns a value of the kind in canonical form.
func (s *kindSpec) normalize(v string) (string, error) {
	v = collapse(v)
	if s.parse == nil || v == "" {
		return v, nil
	}
	return s.parse(v)
}

// collapse trims v and turns every run of white space inside it into one space.
func collapse(v string) string {
	if simpleValue(v) {
		return v
	}
	return strings.Join(strings.Fields(v), " ")
}

// simpleValue reports whether v is ASCII without white space at its ends or two spaces in
// a row: nothing for collapse to do.
func simpleValue(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= 0x80 || c >= '\t' && c <= '\r' {
			return false
		}
		if c == ' ' && (i == 0 || i == len(v)-1 || v[i-1] == ' ') {
			return false
		}
	}
	return true
}

func canonicalDate(v string) (string, error) {
	d, err := ParseDate(v)
	if err != nil {
		return v, err
	}
	return d.String(), nil
}

// partDate reads the date of a from or to part.
func partDate(k FilterKind, values []string) (Date, error) {
	d, err := ParseDate(values[len(values)-1])
	if err != nil {
		return Date{}, &ValueError{Kind: k, Value: values[len(values)-1], Err: err}
	}
	return d, nil
}

// subset reports whether every value of next is among those of prev, ignoring case: any
// of fewer values selects fewer events.
func subset(prev, next []string) bool {
	for _, n := range next {
		if !slices.ContainsFunc(prev, func(p string) bool { return strings.EqualFold(strings.TrimSpace(p), strings.TrimSpace(n)) }) {
			return false
		}
	}
	return true
}

// nameWords describes a part of named values: "actors Iran or Russia".
func nameWords(k FilterKind, name func(t *Timeline, v string) string) func(*Timeline, Filter, []string) (Words, bool) {
	return func(t *Timeline, _ Filter, values []string) (Words, bool) {
		s := k.spec()
		w := Words{Kind: s.chip, Label: s.one, Values: make([]string, len(values))}
		if len(values) > 1 {
			w.Label = s.many
		}
		for i, v := range values {
			w.Values[i] = v
			if t != nil {
				w.Values[i] = name(t, v)
			}
		}
		return w, true
	}
}

func valueSlugs(_ Filter, values []string) []string { return values }

// yearValues lists the years of t's span, which the date kinds count events in.
func yearValues(t *Timeline) []Value {
	if len(t.Events) == 0 {
		return nil
	}
	out := make([]Value, 0, t.lastYear-t.firstYear+1)
	for y := t.firstYear; y <= t.lastYear; y++ {
		s := Date{Year: y, Prec: Year}.String()
		out = append(out, Value{Key: s, Name: s})
	}
	return out
}

func yearIndex(t *Timeline, v string) (int, bool) {
	d, err := ParseDate(v)
	if err != nil || d.Prec != Year || len(t.Events) == 0 || d.Year < t.firstYear || d.Year > t.lastYear {
		return 0, false
	}
	return d.Year - t.firstYear, true
}
