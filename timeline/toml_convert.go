package timeline

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The decoder hands the TOML reader a tree of maps; the converter turns it into the
// Actors, Themes and Events of a Draft by hand rather than through the decoder's
// reflection. That is faster, and it lets every wrong type and unknown key become an
// issue of its own instead of stopping the decode at the first one (in an order that
// depends on map iteration). What the values mean (required fields, text, statuses, URLs,
// ids and references) is judged afterwards by the check every format shares: check.go.

// Keys each table may hold, in the order messages list them.
var (
	topKeys    = []string{"title", "description", "actors", "themes", "events"}
	actorKeys  = []string{"id", "name", "kind", "aliases", "description"}
	themeKeys  = []string{"id", "name", "aliases", "description"}
	eventKeys  = []string{"id", "date", "end", "title", "summary", "actors", "themes", "location", "status", "related", "sources"}
	sourceKeys = []string{"publisher", "title", "url", "published", "via", "quote", "quotes"}
)

// ActorKinds lists the values an actor's kind may take.
var ActorKinds = []string{"state", "agency", "group", "person", "organization", "company", "media"}

// converter collects the issues of one table at a time.
type converter struct {
	issues []Issue
	given  []givenField
	ref    Ref // the table being converted: Table, Item and Source
	// What the table is, for messages: "event \"id\"", "source 2 of event \"id\"". Kept
	// in parts and put together only for a message, which most tables never need.
	kind string // "event", "actor", "theme"; "" at the top level
	id   string
	pos  int
}

// givenField is a field present in the file that the converter left empty.
type givenField struct {
	ref Ref
	how Given
}

// in returns " in WHAT" for messages, or "" at the top level.
func (c *converter) in() string {
	if c.kind == "" {
		return ""
	}
	return " in " + itemName(c.kind, c.id, c.pos, c.ref.Source)
}

func (c *converter) add(kind error, key, hint, format string, args ...any) {
	ref := c.ref
	ref.Key = key
	c.issues = append(c.issues, Issue{Ref: ref, Kind: kind, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// note records a field present in the file but left empty.
func (c *converter) note(key string, how Given) {
	ref := c.ref
	ref.Key = key
	c.given = append(c.given, givenField{ref, how})
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
	for _, k := range unknownKeys(m, known) {
		c.add(ErrUnknownKey, k, keyHint(k, known), "unknown key %q%s", shorten(k), c.in())
	}
}

// unknownKeys returns the keys of m that known does not list, sorted, so that messages
// come in the same order on every run, whatever the format.
func unknownKeys(m map[string]any, known []string) []string {
	var unknown []string
	for k := range m {
		if !slices.Contains(known, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	return unknown
}

// keyHint is the hint for an unknown key: the known key nearest it, or the list of them.
func keyHint(k string, known []string) string {
	if s := Suggest(k, known); s != "" {
		return fmt.Sprintf("did you mean %q?", s) // a key of the format: short
	}
	return "the keys here are " + strings.Join(known, ", ")
}

// text reads a string. A value of another type is an issue, and the field is noted as
// given; so is an empty string, so that the check can tell it from a missing one.
func (c *converter) text(m map[string]any, key string) string {
	v, ok := m[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		c.wrongType(key, v, "a string", `write it in quotes: `+key+` = "..."`)
		c.note(key, GivenWrong)
		return ""
	}
	if s == "" {
		c.note(key, GivenBlank)
	}
	return s
}

// list reads an array of strings.
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
		out = append(out, s)
	}
	return out
}

// date reads a date that may not be a window, an end or a date of publication: see when.
func (c *converter) date(m map[string]any, key string) Date {
	w := c.when(m, key)
	if !w.IsWindow() {
		return w.From
	}
	_, err := oneDate(key, m[key].(string), w) // a window is always written as a string
	c.issues = append(c.issues, dateIssue(Ref{Table: c.ref.Table, Item: c.ref.Item, Source: c.ref.Source, Key: key}, c.in(), err))
	c.note(key, GivenWrong)
	return Date{}
}

// when reads an event's date: a TOML local date, or a string in ParseWhen's forms (one
// date, qualified or not, or a window). A date the converter cannot use is an issue, and
// the field is noted as given.
func (c *converter) when(m map[string]any, key string) When {
	v, ok := m[key]
	if !ok {
		return When{}
	}
	const forms = `write 2024-06-15, or "2024-06" or "2024" in quotes for a vaguer date`
	switch v := v.(type) {
	case string:
		w, err := ParseWhen(v)
		if err == nil {
			return w
		}
		ref := c.ref
		ref.Key = key
		c.issues = append(c.issues, dateIssue(ref, c.in(), err))
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return On(DateOf(v))
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
	c.note(key, GivenWrong) // reported: not missing
	return When{}
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
func (c *converter) tables(m map[string]any, key, hint string) []map[string]any {
	v, ok := m[key]
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case []map[string]any:
		return v
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
		if len(out) == 0 && len(v) > 0 {
			c.note(key, GivenWrong)
		}
		return out
	}
	c.wrongType(key, v, "an array of tables", hint)
	c.note(key, GivenWrong)
	return nil
}

// event converts one [[events]] table, the event at index k of the file (its position
// is k+1).
func (c *converter) event(m map[string]any, k int) Event {
	c.ref = Ref{Table: "events", Item: k}
	e := Event{Pos: k + 1}
	c.kind, c.id, c.pos = "event", "", k+1
	e.ID = c.text(m, "id")
	c.id = e.ID
	c.unknownKeys(m, eventKeys)
	e.Date = c.when(m, "date")
	e.End = c.date(m, "end")
	e.Title = c.text(m, "title")
	e.Summary = c.text(m, "summary")
	e.Actors = c.list(m, "actors")
	e.Themes = c.list(m, "themes")
	e.Location = c.text(m, "location")
	e.Status = c.text(m, "status")
	e.Related = c.list(m, "related")
	sources := c.tables(m, "sources", "add a [[events.sources]] table with at least a publisher")
	e.Sources = make([]Source, 0, len(sources))
	for i, sm := range sources {
		c.ref.Source = i + 1
		e.Sources = append(e.Sources, c.source(sm))
	}
	c.ref.Source = 0
	return e
}

func (c *converter) source(m map[string]any) Source {
	c.unknownKeys(m, sourceKeys)
	return Source{
		Publisher: c.text(m, "publisher"),
		Title:     c.text(m, "title"),
		URL:       c.text(m, "url"),
		Published: c.date(m, "published"),
		Via:       c.text(m, "via"),
		Quote:     c.text(m, "quote"),
		Quotes:    c.quotes(m),
	}
}

// quotes reads a source's quotes: an array of strings. The check reports blank ones.
func (c *converter) quotes(m map[string]any) []string {
	v, ok := m["quotes"]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		c.wrongType("quotes", v, "an array of strings", `write quotes = ["...", "..."], one string for each passage`)
		c.note("quotes", GivenWrong)
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, x := range arr {
		s, ok := x.(string)
		if !ok {
			c.add(ErrType, "quotes", "write each quote in quotes", "item %d of quotes%s must be a string, not %s", i+1, c.in(), typeName(x))
			continue
		}
		out = append(out, s)
	}
	return out
}

func (c *converter) actor(m map[string]any, i int) Actor {
	var a Actor
	a.ID, a.Name, a.Aliases, a.Description = c.entry(m, "actors", "actor", i, actorKeys, func() { a.Kind = c.text(m, "kind") })
	return a
}

func (c *converter) theme(m map[string]any, i int) Theme {
	th := Theme{}
	th.ID, th.Name, th.Aliases, th.Description = c.entry(m, "themes", "theme", i, themeKeys, nil)
	return th
}

// entry converts the keys every entry of a registry has, the entry at index i of table,
// and calls more, when not nil, for the keys of its kind alone.
func (c *converter) entry(m map[string]any, table, kind string, i int, keys []string, more func()) (id, name string, aliases []string, description string) {
	c.ref = Ref{Table: table, Item: i}
	c.kind, c.id, c.pos = kind, "", i+1
	id = c.text(m, "id")
	c.id = id
	c.unknownKeys(m, keys)
	name = c.text(m, "name")
	if more != nil {
		more()
	}
	return id, name, c.list(m, "aliases"), c.text(m, "description")
}

// plainText reports whether s is printable ASCII, newlines aside when newlines is true:
// the common case, which needs none of the check's scans for control characters. It
// reads eight bytes at a time: on 100,000 events that is most of the text of a load.
func plainText(s string, newlines bool) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		// A byte of 0x80 or more, below 0x20, or 0x7f sets its high bit in one of these.
		del := w ^ 0x7f*ones
		if (w|(w-0x20*ones)|(del-ones)&^del)&highs == 0 {
			continue
		}
		if !plainBytes(s[i:i+8], newlines) {
			return false
		}
	}
	return plainBytes(s[i:], newlines)
}

// plainBytes is plainText a byte at a time.
func plainBytes(s string, newlines bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && (c != '\n' || !newlines) || c >= 0x7f {
			return false
		}
	}
	return true
}
