package timeline

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// The reader of TimelineJS's JSON: {"title": slide, "events": [slide], "eras": [era]}.
// A slide's unique_id is the event's id (else one is made from its headline), its
// start_date and end_date its date and end at the precision of the fields present,
// text.headline its title; text.text, HTML, is taken to plain text as its summary, and
// the parts that tlx's writer marks (status, actors, themes, location, related events,
// sources) are read back into their fields. Without marked sources, media is the source:
// its url, its credit as publisher (else the address's host) and its caption as title.
// group is a theme. Times of day, eras, backgrounds, display dates and the other media
// fields have no place in a tlx timeline and are left out.

var (
	tljsTopKeys   = []string{"title", "events", "eras", "scale"}
	tljsSlideKeys = []string{"start_date", "end_date", "text", "media", "group", "display_date", "unique_id", "background", "autolink", "type"}
	tljsDateKeys  = []string{"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}
	tljsTextKeys  = []string{"headline", "text"}
	tljsMediaKeys = []string{"url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"}
)

func timelineJS(name string, top map[string]any) *Draft {
	c := newJSONConv(name)
	d := c.d
	c.item(Ref{}, "", 0, "")
	c.unknownKeys(top, tljsTopKeys, "")
	if v, ok := top["title"]; ok && v != nil {
		if m, ok := c.object("title", v, "title", `write "title": {"text": {"headline": "..."}}`); ok {
			c.unknownKeys(m, tljsSlideKeys, "title")
			if tm, ok := m["text"].(map[string]any); ok {
				d.Title = HTMLLine(c.text(tm, "headline", "title.text"))
				c.at("title", "title.text.headline")
				d.Description = HTMLText(c.text(tm, "text", "title.text"))
				c.at("description", "title.text.text")
			}
		}
	} else {
		c.at("title", "title")
	}
	if _, ok := top["events"]; !ok {
		c.add("", ErrMissing, `add "events": [...], the slides`, "missing events")
	}
	slides := c.array(top, "events", "", `write each slide as an object: {"start_date": {"year": 2024}, "text": {"headline": "..."}}`)
	r := newSlideReader(d, len(slides))
	for k, m := range slides {
		path := jsonPath("events").index(k)
		c.item(Ref{Table: "events", Item: k}, "event", k+1, path)
		if m == nil {
			r.broken(k)
			continue
		}
		var s slideFields
		s.id = c.text(m, "unique_id", path)
		c.at("id", path.key("unique_id"))
		c.id = s.id
		c.unknownKeys(m, tljsSlideKeys, path)
		if tv, ok := m["text"]; ok && tv != nil {
			if tm, ok := c.object("text", tv, path.key("text"), `write "text": {"headline": "...", "text": "..."}`); ok {
				c.unknownKeys(tm, tljsTextKeys, path.key("text"))
				s.headline = c.text(tm, "headline", path.key("text"))
				s.text = c.text(tm, "text", path.key("text"))
			}
		}
		c.at("title", path.key("text").key("headline"))
		for _, k := range []string{"summary", "status", "actors", "themes", "location", "related"} {
			c.at(k, path.key("text").key("text"))
		}
		s.group = c.text(m, "group", path)
		if s.group != "" {
			c.at("themes", path.key("group"))
		}
		if mv, ok := m["media"]; ok && mv != nil {
			if mm, ok := c.object("media", mv, path.key("media"), `write "media": {"url": "https://...", "credit": "..."}`); ok {
				c.unknownKeys(mm, tljsMediaKeys, path.key("media"))
				s.media = c.text(mm, "url", path.key("media"))
				s.credit = c.text(mm, "credit", path.key("media"))
				s.caption = c.text(mm, "caption", path.key("media"))
			}
		}
		s.date = c.tljsDate(m, "start_date", "date", path)
		s.end = c.tljsDate(m, "end_date", "end", path)
		e := r.event(k, &s)
		if e.Sources != nil {
			for i := range e.Sources {
				ref := Ref{Table: "events", Item: k, Source: i + 1}
				c.paths[ref] = string(path.key("text").key("text"))
				if s.fromMedia {
					c.paths[ref] = string(path.key("media"))
					for key, f := range map[string]string{"publisher": "credit", "url": "url", "title": "caption"} {
						ref.Key = key
						c.paths[ref] = string(path.key("media").key(f))
					}
				}
			}
		}
		c.at("sources", path.key("media"))
	}
	if eras, ok := top["eras"]; ok && eras != nil {
		c.item(Ref{}, "", 0, "")
		c.array(top, "eras", "", `write each era as an object: {"start_date": ..., "end_date": ..., "text": {...}}`)
	}
	r.finish()
	c.d.Hint = tljsHint
	return c.draft()
}

// tljsHint words the check's hints for TimelineJS's JSON.
func tljsHint(r Ref, hint string) string {
	switch {
	case r.Table == "" && strings.HasPrefix(hint, "add title = "):
		return `add "title": {"text": {"headline": "..."}}`
	case r.Table == "events" && strings.HasPrefix(hint, "add a [[events.sources]]"):
		return `give the slide "media": {"url": "https://...", "credit": "the publisher"}`
	case r.Table == "events" && strings.HasPrefix(hint, `add title = "..."`):
		return `give the slide "text": {"headline": "..."}`
	case r.Table == "events" && strings.HasPrefix(hint, "add date = "):
		return `give the slide "start_date": {"year": 2024, "month": 6, "day": 15}`
	case r.Table == "events" && r.Source > 0 && strings.HasPrefix(hint, `add publisher = "..."`):
		return `give its media a "credit"`
	}
	return hint
}

// tljsDate reads a TimelineJS date object into the date of the event's field key. Its
// year, month and day are numbers or numeric strings; a time of day is left out, since
// tlx dates are whole days.
func (c *jsonConv) tljsDate(m map[string]any, field, key string, path jsonPath) Date {
	v, ok := m[field]
	p := path.key(field)
	c.at(key, p)
	if !ok || v == nil {
		return Date{}
	}
	dm, ok := c.object(key, v, p, `write {"year": 2024, "month": 6, "day": 15}`)
	if !ok {
		return Date{}
	}
	c.unknownKeys(dm, tljsDateKeys, p)
	var parts [3]int
	var given [3]bool
	for i, f := range []string{"year", "month", "day"} {
		fv, ok := dm[f]
		if !ok || fv == nil || fv == "" {
			continue
		}
		n, ok := tljsNumber(fv)
		if !ok {
			c.at(key, p.key(f))
			c.add(key, ErrType, `write a whole number, such as "`+f+`": `+[]string{"2024", "6", "15"}[i],
				"%s.%s%s must be a whole number, not %s", field, f, c.in(), jsonValue(fv))
			c.give(key, GivenWrong)
			return Date{}
		}
		parts[i], given[i] = n, true
	}
	ref := c.ref
	ref.Key = key
	return c.d.sheetDate(ref, field, parts, given, func(f string) { c.at(key, p.key(f)) })
}

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

// tljsNumber reads a whole number given as a JSON number or a numeric string, which may
// carry spaces or thousands separators: 2024, "2024", "2,024", "2 024".
func tljsNumber(v any) (int, bool) {
	var s string
	switch v := v.(type) {
	case json.Number:
		s = v.String()
	case string:
		s = v
	default:
		return 0, false
	}
	s = strings.Map(func(r rune) rune {
		if r == ',' || r == ' ' || r == 0xa0 || r == 0x202f || r == '\t' {
			return -1
		}
		return r
	}, s)
	n, err := strconv.Atoi(s)
	return n, err == nil && len(s) <= 6
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

// slideText is what the HTML text of a slide holds: its summary, and the fields tlx's
// writer marked.
type slideText struct {
	id, summary, status, location string
	date                          When
	end                           Date
	actors, themes                []named
	related                       []string
	sources                       []Source
}

type named struct{ id, name string }

// readSlideText takes the HTML text of a slide to a summary in plain text and the fields
// tlx's writer marked with tlx-... classes.
func readSlideText(s string) slideText {
	var out slideText
	var summary textBuilder
	var capture *textBuilder
	var class, attrID, href, tagName string
	depth := 0
	where := "" // "about", "sources" or "" for the summary
	var src *Source
	done := func() {
		text := capture.String()
		switch class {
		case "date":
			if w, err := ParseWhen(attrID); err == nil {
				out.date = w
			}
		case "end":
			if w, err := ParseWhen(attrID); err == nil && !w.IsWindow() {
				out.end = w.From
			}
		case "status":
			out.status = text
		case "location":
			out.location = text
		case "actor":
			out.actors = append(out.actors, named{firstOf(attrID, text), text})
		case "theme":
			out.themes = append(out.themes, named{firstOf(attrID, text), text})
		case "related":
			out.related = append(out.related, firstOf(attrID, text))
		}
		if src == nil {
			return
		}
		switch class {
		case "publisher":
			src.Publisher = text
		case "title":
			src.Title = text
			src.URL = firstOf(attrID, href)
		case "url":
			src.URL = firstOf(attrID, href)
		case "published":
			if w, err := ParseWhen(attrID); err == nil && !w.IsWindow() {
				src.Published = w.From
			}
		case "via":
			src.Via = text
		case "quote":
			src.Quote = text
		case "quotes":
			src.Quotes = append(src.Quotes, text)
		}
	}
	scanHTML(s, func(t string) {
		switch {
		case capture != nil:
			capture.text(t)
		case where == "":
			summary.text(t)
		}
	}, func(t htmlTag) {
		if capture != nil {
			switch {
			case t.name == tagName && !t.end:
				depth++
			case t.name == tagName && t.end:
				depth--
				if depth == 0 {
					done()
					capture = nil
				}
			case t.name == "br":
				capture.lineBreak()
			}
			return
		}
		c, ours := strings.CutPrefix(t.class, "tlx-")
		switch {
		case t.end && where == "about" && t.name == "p", t.end && where == "sources" && t.name == "ol":
			where = ""
			summary.paragraph()
		case !t.end && ours && c == "about":
			where = "about"
		case !t.end && ours && c == "sources":
			where = "sources"
			out.id = t.dataID
		case !t.end && ours && c == "source" && where == "sources":
			out.sources = append(out.sources, Source{})
			src = &out.sources[len(out.sources)-1]
		case !t.end && ours && where != "":
			capture, class, attrID, href, tagName, depth = &textBuilder{}, c, t.dataID, t.href, t.name, 1
		case where == "" && t.name == "br":
			summary.lineBreak()
		case where == "" && htmlBlocks[t.name]:
			summary.paragraph()
		}
	})
	out.summary = summary.String()
	return out
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
