package timeline

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// sheetDate makes the Date of a year, month and day, as TimelineJS gives them (in JSON or
// in a sheet): the precision is that of the fields given. A date that cannot be is
// reported in the shared words; place is told which field to blame first.
func (d *Draft) sheetDate(ref Ref, what string, parts [3]int, given [3]bool, place func(field string)) Date {
	y, m, day := parts[0], parts[1], parts[2]
	fail := func(field, value, reason, hint string) Date {
		place(field)
		d.badDates = append(d.badDates, badDate{ref, &DateError{Value: value, Reason: reason, Hint: hint}})
		d.Give(ref, GivenWrong)
		return Date{}
	}
	switch {
	case !given[0] && given[1]:
		return fail("year", fmt.Sprintf("month %d", m), "a date needs a year", "give "+what+" a year")
	case !given[0]:
		return fail("year", fmt.Sprintf("day %d", day), "a date needs a year", "give "+what+" a year")
	case !given[1] && given[2]:
		return fail("month", fmt.Sprintf("%d, day %d", y, day), "a day needs a month", "give "+what+" a month, or leave out the day")
	}
	b := make([]byte, 0, 10)
	if y < 0 || y > 9999 {
		b = strconv.AppendInt(b, int64(y), 10)
	} else {
		b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	}
	two := func(n int) {
		b = append(b, '-')
		if n >= 0 && n < 10 {
			b = append(b, '0')
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	if given[1] {
		two(m)
	}
	if given[2] {
		two(day)
	}
	dt := d.DateText(ref, string(b))
	if dt.IsZero() { // the field to blame
		switch {
		case given[1] && (m < 1 || m > 12):
			place("month")
		case given[2]:
			place("day")
		default:
			place("year")
		}
	}
	return dt
}

// slideFields are what a TimelineJS slide, of JSON or of a sheet, says of an event.
type slideFields struct {
	id, headline, text, group string
	media, credit, caption    string
	date, end                 Date
	fromMedia                 bool // the event's source is the slide's media
}

// slideReader turns slides into the events of a draft: ids for slides without one,
// registries from the actors and themes tlx's writer marked.
type slideReader struct {
	d      *Draft
	ids    map[string]int
	actors map[string]int // id -> index in d.Actors
	themes map[string]int
	names  map[string]string // theme name -> id, for groups
	made   []int             // events whose id was made from the headline
	// unnamed names an event whose headline gives no id: "event-3", "row-5".
	unnamed func(k int) string
}

func newSlideReader(d *Draft, n int) *slideReader {
	d.Events = make([]Event, n)
	return &slideReader{d: d, ids: map[string]int{}, actors: map[string]int{}, themes: map[string]int{}, names: map[string]string{},
		unnamed: func(k int) string { return "event-" + strconv.Itoa(k+1) }}
}

func (r *slideReader) broken(k int) {
	if r.d.Broken == nil {
		r.d.Broken = make([]bool, len(r.d.Events))
	}
	r.d.Broken[k] = true
	r.d.Events[k].Pos = k + 1
}

// event makes event k of the draft from s and returns it.
func (r *slideReader) event(k int, s *slideFields) *Event {
	e := &r.d.Events[k]
	e.Pos = k + 1
	e.Title = HTMLLine(s.headline)
	e.Date, e.End = On(s.date), s.end
	f := readSlideText(s.text)
	// What the date fields cannot say, tlx's writer marked: a window, a qualifier.
	if !f.date.IsZero() {
		e.Date = f.date
	}
	if !f.end.IsZero() {
		e.End = f.end
	}
	e.ID = s.id
	if e.ID == "" {
		e.ID = f.id
	}
	if e.ID == "" {
		r.made = append(r.made, k)
	} else {
		r.ids[e.ID]++
	}
	e.Summary, e.Status, e.Location, e.Related = f.summary, f.status, f.location, f.related
	for _, a := range f.actors {
		e.Actors = append(e.Actors, a.id)
		if _, ok := r.actors[a.id]; !ok {
			r.actors[a.id] = len(r.d.Actors)
			r.d.Actors = append(r.d.Actors, Actor{ID: a.id, Name: a.name})
		}
	}
	for _, th := range f.themes {
		e.Themes = append(e.Themes, th.id)
		r.theme(th.id, th.name)
	}
	if group := HTMLLine(s.group); group != "" && len(f.themes) == 0 {
		// A group is a theme's name; its id is made from it, as an author would write it.
		id := slug(group)
		if id == "" {
			id = group
		}
		if known, ok := r.names[strings.ToLower(group)]; ok {
			id = known
		}
		e.Themes = []string{id}
		r.theme(id, group)
	}
	e.Sources = f.sources
	if len(e.Sources) == 0 && (s.media != "" || s.credit != "") {
		src := Source{Publisher: HTMLLine(s.credit), Title: HTMLLine(s.caption)}
		if u, err := url.Parse(strings.TrimSpace(s.media)); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			src.URL = strings.TrimSpace(s.media)
			if src.Publisher == "" {
				src.Publisher = strings.TrimPrefix(u.Hostname(), "www.")
			}
		}
		if src.Publisher != "" || src.URL != "" {
			e.Sources, s.fromMedia = []Source{src}, true
		}
	}
	return e
}

func (r *slideReader) theme(id, name string) {
	if _, ok := r.themes[id]; ok {
		return
	}
	r.themes[id] = len(r.d.Themes)
	r.d.Themes = append(r.d.Themes, Theme{ID: id, Name: name})
	r.names[strings.ToLower(name)] = id
}

// finish gives the slides without an id one made from their headline, unique in the file.
func (r *slideReader) finish() {
	for _, k := range r.made {
		e := &r.d.Events[k]
		base := slug(e.Title)
		if base == "" {
			base = r.unnamed(k)
		}
		id := base
		for n := 2; r.ids[id] > 0; n++ {
			id = base + "-" + strconv.Itoa(n)
		}
		r.ids[id]++
		e.ID = id
	}
	// A file without tlx's marks has no registries: events name what they like.
	if len(r.d.Actors) == 0 {
		r.d.Actors = nil
	}
	if len(r.d.Themes) == 0 {
		r.d.Themes = nil
	}
}

// slug makes an id from a title: lower-case letters and digits, words joined by hyphens,
// at most 60 characters.
func slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}
