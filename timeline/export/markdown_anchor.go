package export

import (
	"hash/maphash"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/timeline"
)

// relatedAnchors returns the GitHub-style anchor of the heading of every exported event
// that another exported event names as related: the targets of related links. The
// document's headings are its title, then per year a year heading and its events. It
// returns nil when there is no such link, so that an export without them does not pay.
func relatedAnchors(t *timeline.Timeline, title string, events []*timeline.Event) map[*timeline.Event]string {
	// Events come from t.Filter: as many as t has means all of them.
	all := len(events) == len(t.Events)
	var inExport map[*timeline.Event]bool
	targets := map[*timeline.Event]string{}
	for _, e := range events {
		for _, id := range e.Related {
			r := t.Event(id)
			if r == nil {
				continue
			}
			if all {
				targets[r] = ""
				continue
			}
			if inExport == nil {
				inExport = make(map[*timeline.Event]bool, len(events))
				for _, x := range events {
					inExport[x] = true
				}
			}
			if inExport[r] {
				targets[r] = ""
			}
		}
	}
	if len(targets) == 0 {
		return nil
	}
	s := newSlugger(len(events))
	var text []byte
	s.slug([]byte(title))
	year, started := 0, false
	for _, e := range events {
		if !started || e.Date.Year() != year {
			year, started = e.Date.Year(), true
			text = strconv.AppendInt(text[:0], int64(year), 10)
			s.slug(text)
		}
		text = appendHeading(text[:0], e)
		slug := s.slug(text)
		if _, ok := targets[e]; ok {
			targets[e] = string(slug)
		}
	}
	return targets
}

// appendHeading appends an event's heading text, as HeadingText returns it.
func appendHeading(b []byte, e *timeline.Event) []byte {
	b = timeline.AppendSpan(b, e)
	if title := line(e.Title); title != "" {
		b = append(b, " — "...)
		b = append(b, title...)
	}
	return b
}

// appendSlug appends the GitHub anchor of a heading's text, before numbering: lower-cased,
// every character other than a letter, mark, decimal or letter number (Ⅻ), connector,
// alphabetic symbol (Ⓐ), hyphen or space removed, spaces turned into hyphens
// (github-slugger).
func appendSlug(b, text []byte) []byte {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
				b = append(b, c)
			case c == ' ':
				b = append(b, '-')
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		if r = unicode.ToLower(r); unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic) {
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// slugger numbers anchors as GitHub does (github-slugger): a heading whose anchor was
// taken gets "-1", "-2" and so on after it, the count kept per original anchor. Every
// heading of an export passes here, so anchors are kept as 64-bit hashes, not strings.
type slugger struct {
	seed  maphash.Seed
	count map[uint64]int // anchor hash -> times its text was repeated; present means taken
	buf   []byte
}

func newSlugger(n int) *slugger {
	return &slugger{seed: maphash.MakeSeed(), count: make(map[uint64]int, n+16)}
}

// slug returns the anchor of a heading with the given text, valid until the next call.
func (s *slugger) slug(text []byte) []byte {
	b := appendSlug(s.buf[:0], text)
	base := len(b)
	hb := maphash.Bytes(s.seed, b)
	h := hb
	for {
		if _, taken := s.count[h]; !taken {
			break
		}
		s.count[hb]++
		b = append(b[:base], '-')
		b = strconv.AppendInt(b, int64(s.count[hb]), 10)
		h = maphash.Bytes(s.seed, b)
	}
	s.count[h] = 0
	s.buf = b
	return b
}
