package timeline

import (
	"errors"
	"iter"
	"regexp"
	"slices"
	"strings"
)

// Annotations is what a reader wrote about a timeline's events: marks, with labels, and
// notes. tlx keeps them in a notebook outside the timeline (internal/notebook), and a
// filter carries them to matching (see Filter.WithAnnotations) so that the timeline never
// owns them: the "marked" kind of filter selects marked events, a filter's text finds
// words in the notes too, and an export writes the reader's marks and notes beside the
// events they are about.
type Annotations interface {
	// Marks yields the id of each marked event, in any order, with its labels (none for a
	// plain mark). The caller does not change the labels.
	Marks() iter.Seq2[string, []string]
	// Mark reports whether the event id is marked, and its labels.
	Mark(id string) (marked bool, labels []string)
	// Note returns the reader's note on the event id, or "".
	Note(id string) string
	// Notes yields the id of each event with a note, in any order, with the note.
	Notes() iter.Seq2[string, string]
	// Labels returns the labels a mark may carry here, for messages that suggest one.
	Labels() []string
}

// AnyMark is the value of a marked part that selects every marked event, whatever its
// labels: marked:any, or --marked alone on the command line.
const AnyMark = "any"

// ErrNoAnnotations is returned when a filter has a marked part but carries no notebook:
// the caller must supply one with Filter.WithAnnotations. A label the notebook does not
// know is an *UnknownValueError of the marked kind.
var ErrNoAnnotations = errors.New("the marked filter needs the reader's notebook")

// labelRE is the form of a label: a lower-case word, dashes inside.
var labelRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ValidLabel reports whether label can name a mark's label: a lower-case word of ASCII
// letters, digits and dashes, at most 24 bytes, such as "key" or "follow-up", and not
// AnyMark, which a filter reads as "any label".
func ValidLabel(label string) bool {
	return len(label) <= 24 && label != AnyMark && labelRE.MatchString(label)
}

// WithAnnotations returns f carrying a, which its marked part matches and an export
// reads. The annotations are not part of the filter's value: Equal, String and Narrows
// ignore them, and With and Without keep them. After a changes (the reader marked an
// event), filter afresh rather than Refine the events of the old annotations.
func (f Filter) WithAnnotations(a Annotations) Filter {
	f.ann = a
	return f
}

// Annotations returns the annotations f carries, or nil.
func (f Filter) Annotations() Annotations { return f.ann }

// parseMarked reads a value of a marked part: a label or AnyMark, in lower case.
func parseMarked(v string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(v))
	if l != AnyMark && !ValidLabel(l) {
		return v, errors.New(`a mark's label is a lower-case word such as key, check or dubious, or "any" for any mark`)
	}
	return l, nil
}

// markedMatch is a marked part resolved against a timeline: by event position, whether
// the event is marked with one of the part's labels.
type markedMatch []bool

func (m markedMatch) match(e *Event) bool { return m[e.idx] }

func (m markedMatch) matchAll(es []*Event, bad []uint32, bit uint32) {
	for i, e := range es {
		if !m[e.idx] {
			bad[i] |= bit
		}
	}
}

// marked resolves a marked part: the events the annotations mark with any of values,
// or with any label at all when values hold AnyMark. A label the notebook does not know
// is an error that suggests the nearest; marks on events t does not have are orphans,
// which no filter selects.
func (c *compiler) marked(values []string) (matcher, error) {
	if c.ann == nil {
		return nil, ErrNoAnnotations
	}
	anyMark := slices.Contains(values, AnyMark)
	known := c.ann.Labels()
	var errs []error
	for _, v := range values {
		if v != AnyMark && !slices.Contains(known, v) {
			vals := make([]Value, len(known))
			for i, l := range known {
				vals[i] = Value{Key: l, Name: l}
			}
			errs = append(errs, unknown(MarkedFilter, v, vals))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	set := make(markedMatch, len(c.t.Events))
	for id, labels := range c.ann.Marks() {
		i := c.t.Index(id)
		if i < 0 {
			continue
		}
		if anyMark || slices.ContainsFunc(labels, func(l string) bool { return slices.Contains(values, l) }) {
			set[i] = true
		}
	}
	return set, nil
}

// markedNarrows: any mark is every label; fewer labels select fewer events.
func markedNarrows(prev, next []string) bool {
	if slices.Contains(prev, AnyMark) {
		return true
	}
	return !slices.Contains(next, AnyMark) && subset(prev, next)
}

// markedWords describes a marked part: "marked", or "marked key or check".
func markedWords(_ *Timeline, _ Filter, values []string) (Words, bool) {
	if slices.Contains(values, AnyMark) {
		return Words{Kind: "marked", Label: "marked"}, true
	}
	return Words{Kind: "marked", Label: "marked", Values: slices.Clone(values)}, true
}

// markedSlugs names an export of marked events: tlx-marked-key.md.
func markedSlugs(_ Filter, values []string) []string {
	if slices.Contains(values, AnyMark) {
		return []string{"marked"}
	}
	return append([]string{"marked"}, values...)
}

// noteTerms finds, for the text part of a filter that carries annotations, which of its
// terms each note holds: an event whose text lacks some terms still matches when its note
// holds the rest. Notes are few beside events, so they are searched once per filter, and
// an event is looked up only when a bit says it has a note that holds a term.
type noteTerms struct {
	has  []uint64         // bit i: event i's note holds at least one term
	bits map[int32]uint64 // event position -> bit j set when its note holds term j
}

// notes returns the note terms of m's terms over the annotations' notes, or nil when no
// note holds any, or there are more terms than bits.
func (c *compiler) notes(m *textMatch) *noteTerms {
	if c.ann == nil || len(m.terms) > 64 {
		return nil
	}
	var nt *noteTerms
	for id, note := range c.ann.Notes() {
		i := c.t.Index(id)
		if i < 0 || note == "" {
			continue
		}
		low := strings.ToLower(note)
		var bits uint64
		for j, t := range m.terms {
			if t.in(low) {
				bits |= 1 << j
			}
		}
		if bits == 0 {
			continue
		}
		if nt == nil {
			nt = &noteTerms{has: make([]uint64, (len(c.t.Events)+63)/64), bits: map[int32]uint64{}}
		}
		nt.has[i/64] |= 1 << (i % 64)
		nt.bits[int32(i)] = bits
	}
	return nt
}

// match reports whether every term is in the event's text or in its note.
func (nt *noteTerms) match(m *textMatch, e *Event) bool {
	if nt.has[e.idx/64]&(1<<(e.idx%64)) == 0 {
		return false
	}
	bits := nt.bits[e.idx]
	for j := range m.terms {
		if bits&(1<<j) == 0 && !m.holds(j, e) {
			return false
		}
	}
	return true
}
