package timeline

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// The decoder hands the loader a tree of maps; convert.go turns it into Events, Actors and
// Themes by hand rather than through the decoder's reflection. That is faster, and it lets
// every wrong type, missing field and unknown key become a problem of its own instead of
// stopping the decode at the first one (in an order that depends on map iteration).

// issue is a problem found while converting, placed by the key it is about; the loader
// turns it into a Problem with a line once it knows where that key sits.
type issue struct {
	kind      error
	msg, hint string
	table     string // "" for the top level, else "actors", "themes" or "events"
	n         int    // 1-based index of the [[table]] the key is in, within its document
	src       int    // 1-based source number when the key is in [[events.sources]]
	key       string // the key the problem is about; "" for the table itself
}

// Keys each table may hold, in the order messages list them.
var (
	topKeys    = []string{"title", "description", "actors", "themes", "events"}
	actorKeys  = []string{"id", "name", "kind", "aliases", "description"}
	themeKeys  = []string{"id", "name", "aliases", "description"}
	eventKeys  = []string{"id", "date", "end", "title", "summary", "actors", "themes", "location", "status", "related", "sources"}
	sourceKeys = []string{"publisher", "title", "url", "published", "via", "quote"}
)

// ActorKinds lists the values an actor's kind may take.
var ActorKinds = []string{"state", "agency", "group", "person", "organization", "company", "media"}

// converter collects issues for one table at a time.
type converter struct {
	issues []issue
	table  string
	n, src int
	// What the table is, for messages: "event \"id\"", "source 2 of event \"id\"". Kept
	// in parts and put together only for a message, which most tables never need.
	kind string // "event", "actor", "theme"; "" at the top level
	id   string
	pos  int
}

// what names the table being converted.
func (c *converter) what() string {
	if c.kind == "" {
		return ""
	}
	w := fmt.Sprintf("%s %d", c.kind, c.pos)
	if c.id != "" {
		w = fmt.Sprintf("%s %q", c.kind, shorten(c.id))
	}
	if c.src > 0 {
		w = fmt.Sprintf("source %d of %s", c.src, w)
	}
	return w
}

func (c *converter) add(kind error, key, hint, format string, args ...any) {
	c.issues = append(c.issues, issue{
		kind: kind, msg: fmt.Sprintf(format, args...), hint: hint,
		table: c.table, n: c.n, src: c.src, key: key,
	})
}

// in returns " in WHAT" for messages, or "" at the top level.
func (c *converter) in() string {
	if c.kind == "" {
		return ""
	}
	return " in " + c.what()
}

// unknownKeys reports the keys of m that known does not list, sorted so that messages come
// in the same order on every run.
func (c *converter) unknownKeys(m map[string]any, known []string) {
	if len(m) <= len(known) {
		extra := false
		for k := range m {
			if !slices.Contains(known, k) {
				extra = true
				break
			}
		}
		if !extra {
			return
		}
	}
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		hint := "the keys here are " + strings.Join(known, ", ")
		if s := Suggest(k, known); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s) // a key of the format: short
		}
		c.add(ErrUnknownKey, k, hint, "unknown key %q%s", shorten(k), c.in())
	}
}

// text reads an optional string. oneLine fields may not hold newlines or tabs.
func (c *converter) text(m map[string]any, key string, oneLine bool) string {
	v, ok := m[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		c.wrongType(key, v, "a string", `write it in quotes: `+key+` = "..."`)
		return ""
	}
	c.control(key, s, oneLine)
	return s
}

// required reads a string that must be present and not blank.
func (c *converter) required(m map[string]any, key string, oneLine bool, hint string) string {
	if _, ok := m[key]; !ok {
		c.add(ErrMissing, "", hint, "missing %s%s", key, c.in())
		return ""
	}
	s := c.text(m, key, oneLine)
	if strings.TrimSpace(s) == "" {
		if _, isString := m[key].(string); isString {
			c.add(ErrMissing, key, hint, "empty %s%s", key, c.in())
		}
	}
	return s
}

// control reports a control character in a text value.
func (c *converter) control(key, s string, oneLine bool) {
	if oneLine {
		if i := strings.IndexAny(s, "\n\r\t"); i >= 0 {
			what := map[byte]string{'\n': "a newline", '\r': "a carriage return", '\t': "a tab"}[s[i]]
			c.add(ErrControl, key, "keep "+key+" on one line", "%s holds %s%s", key, what, c.in())
			return
		}
	}
	if plainText(s) {
		return
	}
	if r, _, bad := ControlChar(s); bad {
		c.add(ErrControl, key, "remove it; text may hold newlines and tabs but no other control or direction characters",
			"%s holds control character %U%s", key, r, c.in())
		return
	}
	strict := strictKeys[key]
	if r, _, bad := InvisibleChar(s, strict); bad {
		hint := "remove it; of the invisible characters, text may hold only U+200C and U+200D, inside a word"
		switch {
		case key == "url":
			hint = "remove it, or write it percent-encoded: a reader cannot see it"
		case strict:
			hint = "remove it: a reader must be able to tell ids apart by looking"
		}
		c.add(ErrInvisible, key, hint, "%s holds invisible character %U%s", key, r, c.in())
	}
}

// strictKeys are the fields that name something a reader must tell apart by looking:
// ids, references to them and URLs. They may not hold even the joiners U+200C and U+200D.
var strictKeys = map[string]bool{"id": true, "actors": true, "themes": true, "related": true, "url": true}

// list reads an optional array of one-line strings.
func (c *converter) list(m map[string]any, key string) []string {
	v, ok := m[key]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		hint := fmt.Sprintf(`write a list: %s = ["..."]`, key)
		c.wrongType(key, v, "an array of strings", hint)
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, x := range arr {
		s, ok := x.(string)
		if !ok {
			c.add(ErrType, key, "write each item in quotes", "item %d of %s%s must be a string, not %s", i+1, key, c.in(), typeName(x))
			continue
		}
		c.control(key, s, true)
		out = append(out, s)
	}
	return out
}

// date reads a date: a TOML local date, or a string in ParseDate's forms.
func (c *converter) date(m map[string]any, key string, required bool) Date {
	v, ok := m[key]
	if !ok {
		if required {
			c.add(ErrMissing, "", "add "+key+" = 2024-06-15 (or \"2024-06\", \"2024\")", "missing %s%s", key, c.in())
		}
		return Date{}
	}
	const forms = `write 2024-06-15, or "2024-06" or "2024" in quotes for a vaguer date`
	switch v := v.(type) {
	case string:
		d, err := ParseDate(v)
		if err != nil {
			// "invalid date "2024-02-30": February 2024 has 29 days", placed and named.
			head, detail, _ := strings.Cut(err.Error(), ": ")
			head = strings.Replace(head, "invalid date", "invalid "+key, 1)
			c.add(ErrDate, key, dateHint(err), "%s%s: %s", head, c.in(), detail)
		}
		return d
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return DateOf(v)
		case "time-local":
			c.add(ErrType, key, forms, "%s%s is a time of day, not a date", key, c.in())
		default:
			c.add(ErrType, key, "tlx dates are whole days", "%s%s has a time; write the date alone, as %s", key, c.in(), DateOf(v))
		}
	case int64:
		if v >= 1000 && v <= 9999 {
			c.add(ErrType, key, "a year alone must be in quotes", "%s%s is the number %d, not a date; write \"%d\"", key, c.in(), v, v)
		} else {
			c.add(ErrType, key, forms, "%s%s must be a date, not %s", key, c.in(), typeName(v))
		}
	default:
		c.wrongType(key, v, "a date", forms)
	}
	return Date{}
}

func dateHint(err error) string {
	if strings.Contains(err.Error(), "want YYYY") {
		return ""
	}
	return "check the calendar"
}

func (c *converter) wrongType(key string, v any, want, hint string) {
	c.add(ErrType, key, hint, "%s%s must be %s, not %s", key, c.in(), want, typeName(v))
}

// typeName names a decoded TOML value's type for messages.
func typeName(v any) string {
	switch v := v.(type) {
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return "a date"
		case "time-local":
			return "a time"
		}
		return "a date with a time"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// tables reads a key that holds an array of tables, written as [[key]] headers or inline.
func (c *converter) tables(m map[string]any, key, hint string) ([]map[string]any, bool) {
	v, ok := m[key]
	if !ok {
		return nil, false
	}
	switch v := v.(type) {
	case []map[string]any:
		return v, true
	case []any:
		out := make([]map[string]any, 0, len(v))
		for i, x := range v {
			t, ok := x.(map[string]any)
			if !ok {
				c.add(ErrType, key, hint, "item %d of %s%s must be a table, not %s", i+1, key, c.in(), typeName(x))
				continue
			}
			out = append(out, t)
		}
		return out, true
	}
	c.wrongType(key, v, "an array of tables", hint)
	return nil, true
}

// event converts one [[events]] table. n is its index within its document and pos its
// position in the file.
func (c *converter) event(m map[string]any, n, pos int) Event {
	c.table, c.n, c.src = "events", n, 0
	e := Event{Pos: pos}
	c.kind, c.id, c.pos = "event", "", pos
	e.ID = c.required(m, "id", true, `add id = "..."; an id is a short unique name, such as "soleimani-strike"`)
	c.id = e.ID
	c.unknownKeys(m, eventKeys)
	e.Date = c.date(m, "date", true)
	e.End = c.date(m, "end", false)
	if !e.Date.IsZero() && !e.End.IsZero() && e.End.Last().days() < e.Date.First().days() {
		c.add(ErrEndBefore, "end", "swap date and end, or fix the end", "end %s is before date %s%s", e.End, e.Date, c.in())
	}
	e.Title = c.required(m, "title", true, `add title = "..."`)
	e.Summary = c.text(m, "summary", false)
	e.Actors = c.list(m, "actors")
	e.Themes = c.list(m, "themes")
	e.Location = c.text(m, "location", true)
	e.Status = c.text(m, "status", true)
	c.oneOf(ErrBadStatus, "status", e.Status, Statuses)
	e.Related = c.list(m, "related")
	const srcHint = "add a [[events.sources]] table with at least a publisher"
	sources, present := c.tables(m, "sources", srcHint)
	if !present {
		c.add(ErrNoSource, "", srcHint, "%s has no source", c.what())
	}
	if list, ok := m["sources"].([]any); ok && len(list) == 0 {
		c.add(ErrNoSource, "sources", srcHint, "%s has no source", c.what())
	}
	e.Sources = make([]Source, 0, len(sources))
	for i, sm := range sources {
		c.src = i + 1
		e.Sources = append(e.Sources, c.source(sm))
	}
	c.src = 0
	return e
}

func (c *converter) source(m map[string]any) Source {
	c.unknownKeys(m, sourceKeys)
	s := Source{
		Publisher: c.required(m, "publisher", true, `add publisher = "..."`),
		Title:     c.text(m, "title", true),
		URL:       c.text(m, "url", true),
		Published: c.date(m, "published", false),
		Via:       c.text(m, "via", true),
		Quote:     c.text(m, "quote", false),
	}
	if s.URL != "" {
		c.checkURL(s.URL)
	}
	return s
}

// oneOf reports the value of key when it is set but not one of allowed, suggesting the
// nearest.
func (c *converter) oneOf(kind error, key, value string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) {
		return
	}
	hint := "use one of " + strings.Join(allowed, ", ")
	if s := Suggest(value, allowed); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	c.add(kind, key, hint, "unknown %s %q%s", key, shorten(value), c.in())
}

func (c *converter) checkURL(raw string) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		c.add(ErrURL, "url", "write a full address such as https://example.com/page", "url %q%s cannot be read", shorten(raw), c.in())
	case u.Scheme == "":
		c.add(ErrURL, "url", "start it with https:// or http://", "url %q%s is not a full address", shorten(raw), c.in())
	case u.Scheme != "http" && u.Scheme != "https":
		c.add(ErrURL, "url", "use an http:// or https:// address", "url %q%s must be http or https, not %s", shorten(raw), c.in(), shorten(u.Scheme))
	case u.Host == "":
		c.add(ErrURL, "url", "write a full address such as https://example.com/page", "url %q%s has no host", shorten(raw), c.in())
	}
}

func (c *converter) actor(m map[string]any, n int) Actor {
	c.table, c.n, c.src = "actors", n, 0
	c.kind, c.id, c.pos = "actor", "", n
	a := Actor{ID: c.required(m, "id", true, `add id = "..."; events name actors by id`)}
	c.id = a.ID
	c.unknownKeys(m, actorKeys)
	a.Name = c.required(m, "name", true, `add name = "...", the name readers see`)
	a.Kind = c.text(m, "kind", true)
	c.oneOf(ErrType, "kind", a.Kind, ActorKinds)
	a.Aliases = c.list(m, "aliases")
	a.Description = c.text(m, "description", false)
	return a
}

func (c *converter) theme(m map[string]any, n int) Theme {
	c.table, c.n, c.src = "themes", n, 0
	c.kind, c.id, c.pos = "theme", "", n
	th := Theme{ID: c.required(m, "id", true, `add id = "..."; events name themes by id`)}
	c.id = th.ID
	c.unknownKeys(m, themeKeys)
	th.Name = c.required(m, "name", true, `add name = "...", the name readers see`)
	th.Aliases = c.list(m, "aliases")
	th.Description = c.text(m, "description", false)
	return th
}

// plainText reports whether s is printable ASCII, newlines aside: the common case, which
// needs none of control's checks.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c >= 0x7f {
			return false
		}
	}
	return true
}
