package timeline

import (
	"encoding/json"
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
