package timeline

import (
	"encoding/json"
	"fmt"
	"strings"
)

// The reader of tlx JSON, the format export.JSON writes: {"format": "tlx", "version": 1,
// "title", "description", "actors", "themes", "events"}, each event with every field of
// docs/format.md and its dates as objects, {"text": "2024-06", "precision": "month",
// "first": "2024-06-01", "last": "2024-06-30"}. The text says the date; the other fields
// follow from it, and a file whose fields disagree with its text is refused, lest an
// edit of "first" be silently lost.

// TlxJSONVersion is the version of tlx JSON this reader reads.
const TlxJSONVersion = 1

var (
	tlxTopKeys    = []string{"format", "version", "title", "description", "actors", "themes", "events"}
	tlxDateKeys   = []string{"text", "precision", "first", "last"}
	tlxSourceKeys = []string{"publisher", "title", "url", "published", "via", "quote", "quotes"}
)

func tlxJSON(name string, top map[string]any) *Draft {
	c := newJSONConv(name)
	d := c.d
	c.item(Ref{}, "", 0, "")
	if f, _ := top["format"].(string); f == "tlx-list" {
		// A report on a selection, whose events may name others it lacks: one line
		// says what to use instead of a problem per key.
		c.at("format", "format")
		c.add("format", ErrBadValue, "tlx export --format json writes a timeline that tlx reads back",
			"this is what tlx list --json prints, not a timeline")
		d.Title = c.text(top, "title", "")
		return c.draft()
	}
	c.unknownKeys(top, tlxTopKeys, "")
	if f := c.text(top, "format", ""); f != "tlx" && f != "" {
		c.add("format", ErrBadValue, `a tlx JSON file says "format": "tlx"; other JSON is read as TimelineJS's`, "format %q is not tlx", f)
	}
	switch v := top["version"].(type) {
	case nil:
		c.at("version", "version")
		c.add("", ErrMissing, fmt.Sprintf(`add "version": %d`, TlxJSONVersion), "missing version")
	case json.Number:
		c.at("version", "version")
		if n, err := v.Int64(); err != nil || n < 1 {
			c.add("version", ErrBadValue, fmt.Sprintf(`write "version": %d`, TlxJSONVersion), "version %s is not a version of tlx JSON", v)
		} else if n > TlxJSONVersion {
			c.add("version", ErrBadValue, "update tlx to read it", "version %d of tlx JSON is newer than this tlx reads (%d)", n, TlxJSONVersion)
		}
	default:
		c.at("version", "version")
		c.add("version", ErrType, fmt.Sprintf(`write "version": %d`, TlxJSONVersion), "version must be a number, not %s", jsonTypeName(v))
	}
	d.Title = c.text(top, "title", "")
	d.Description = c.text(top, "description", "")
	for i, m := range c.array(top, "actors", "", `write "actors": [{"id": "...", "name": "..."}]`) {
		path := jsonPath("actors").index(i)
		c.item(Ref{Table: "actors", Item: i}, "actor", i+1, path)
		var a Actor
		if m != nil {
			a.ID = c.text(m, "id", path)
			c.id = a.ID
			c.unknownKeys(m, actorKeys, path)
			a.Name = c.text(m, "name", path)
			a.Kind = c.text(m, "kind", path)
			a.Aliases = c.list(m, "aliases", path)
			a.Description = c.text(m, "description", path)
		}
		d.Actors = append(d.Actors, a)
	}
	c.item(Ref{}, "", 0, "")
	for i, m := range c.array(top, "themes", "", `write "themes": [{"id": "...", "name": "..."}]`) {
		path := jsonPath("themes").index(i)
		c.item(Ref{Table: "themes", Item: i}, "theme", i+1, path)
		var th Theme
		if m != nil {
			th.ID = c.text(m, "id", path)
			c.id = th.ID
			c.unknownKeys(m, themeKeys, path)
			th.Name = c.text(m, "name", path)
			th.Aliases = c.list(m, "aliases", path)
			th.Description = c.text(m, "description", path)
		}
		d.Themes = append(d.Themes, th)
	}
	c.item(Ref{}, "", 0, "")
	events := c.array(top, "events", "", `write "events": [{"id": "...", "date": {"text": "2024-06-15"}, ...}]`)
	d.Events = make([]Event, len(events))
	for k, m := range events {
		path := jsonPath("events").index(k)
		c.item(Ref{Table: "events", Item: k}, "event", k+1, path)
		e := &d.Events[k]
		e.Pos = k + 1
		if m == nil {
			if d.Broken == nil {
				d.Broken = make([]bool, len(events))
			}
			d.Broken[k] = true
			continue
		}
		c.tlxEvent(e, m, path)
	}
	c.d.Hint = tlxJSONHint
	return c.draft()
}

// tlxJSONHint words the check's hints, which quote TOML, for tlx JSON: key = "..."
// becomes "key": "...".
func tlxJSONHint(_ Ref, hint string) string {
	if k, rest, ok := strings.Cut(hint, " = "); ok && strings.HasPrefix(k, "add ") && !strings.Contains(k[4:], " ") {
		return `add "` + k[4:] + `": ` + rest
	}
	if strings.HasPrefix(hint, "add a [[events.sources]]") {
		return `add "sources": [{"publisher": "..."}]`
	}
	return hint
}

func (c *jsonConv) tlxEvent(e *Event, m map[string]any, path jsonPath) {
	e.ID = c.text(m, "id", path)
	c.id = e.ID
	c.unknownKeys(m, eventKeys, path)
	e.Date = c.tlxWhen(m, "date", path)
	e.End = c.tlxDate(m, "end", path)
	e.Title = c.text(m, "title", path)
	e.Summary = c.text(m, "summary", path)
	e.Actors = c.list(m, "actors", path)
	e.Themes = c.list(m, "themes", path)
	e.Location = c.text(m, "location", path)
	e.Status = c.text(m, "status", path)
	e.Related = c.list(m, "related", path)
	sources := c.array(m, "sources", path, `write "sources": [{"publisher": "..."}]`)
	e.Sources = make([]Source, 0, len(sources))
	for i, sm := range sources {
		c.ref.Source = i + 1
		spath := path.key("sources").index(i)
		c.paths[c.ref] = string(spath)
		var s Source
		if sm != nil {
			c.unknownKeys(sm, tlxSourceKeys, spath)
			s.Publisher = c.text(sm, "publisher", spath)
			s.Title = c.text(sm, "title", spath)
			s.URL = c.text(sm, "url", spath)
			s.Published = c.tlxDate(sm, "published", spath)
			s.Via = c.text(sm, "via", spath)
			s.Quote = c.text(sm, "quote", spath)
			s.Quotes = c.list(sm, "quotes", spath)
		}
		e.Sources = append(e.Sources, s)
	}
	c.ref.Source = 0
}

// tlxDate reads a date that is one date (an end, a date of publication): a date object,
// a date written as a string, or null for none.
func (c *jsonConv) tlxDate(m map[string]any, key string, path jsonPath) Date {
	w := c.tlxDateText(m, key, path, false)
	return w.From
}

// tlxWhen reads an event's date, which may be a window.
func (c *jsonConv) tlxWhen(m map[string]any, key string, path jsonPath) When {
	return c.tlxDateText(m, key, path, true)
}

// tlxDateText reads a date object, or a date written as a string, or null for none, and
// checks that the object's precision, first and last agree with its text.
func (c *jsonConv) tlxDateText(m map[string]any, key string, path jsonPath, window bool) When {
	v, ok := m[key]
	if !ok || v == nil {
		return When{}
	}
	const hint = `write {"text": "2024-06-15"}; "2024-06" or "2024" for a vaguer date`
	p := path.key(key)
	c.at(key, p)
	var text string
	var obj map[string]any
	switch v := v.(type) {
	case string:
		text = v
	case map[string]any:
		obj = v
		c.unknownKeys(v, tlxDateKeys, p)
		t, ok := v["text"].(string)
		if !ok {
			c.at(key, p.key("text"))
			if v["text"] == nil {
				c.add(key, ErrMissing, hint, "missing %s.text%s", key, c.in())
			} else {
				c.add(key, ErrType, hint, "%s.text%s must be a string, not %s", key, c.in(), jsonTypeName(v["text"]))
			}
			c.give(key, GivenWrong)
			return When{}
		}
		text = t
		c.at(key, p.key("text"))
	default:
		c.add(key, ErrType, hint, "%s%s must be a date object, not %s", key, c.in(), jsonTypeName(v))
		c.give(key, GivenWrong)
		return When{}
	}
	ref := c.ref
	ref.Key = key
	var w When
	if window {
		w = c.d.WhenText(ref, text)
	} else {
		w = On(c.d.DateText(ref, text))
	}
	if w.IsZero() || obj == nil {
		return w
	}
	first, last := w.Possible()
	precision := "window"
	if !w.IsWindow() {
		precision = w.From.Prec.String()
	}
	for _, f := range []struct {
		k    string
		want any
	}{{"precision", precision}, {"first", dayText(first)}, {"last", dayText(last)}} {
		got, given := obj[f.k]
		if !given || got == f.want {
			continue
		}
		c.at(key, p.key(f.k))
		c.add(key, ErrDate, fmt.Sprintf("edit %s.text: precision, first and last follow from it; or leave them out", key),
			"%s.%s %s does not match %s.text %q%s, whose %s is %s", key, f.k, jsonValue(got), key, text, c.in(), f.k, jsonValue(f.want))
		c.give(key, GivenWrong)
		return When{}
	}
	return w
}

// dayText is a possible day as tlx JSON writes it: "2024-06-01", or nil (null) for the
// side a window leaves open.
func dayText(d Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// jsonValue writes a decoded value for a message: a string quoted, others as JSON.
func jsonValue(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", shorten(s))
	}
	b, _ := json.Marshal(v)
	return shorten(string(b))
}
