package timeline

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// The check every format shares. A reader decodes a file into a Draft; check judges what
// it holds, whatever the format: required fields, one-line fields, control characters,
// statuses and actor kinds, URLs, an end before its date, events without a source, and,
// across the whole file, duplicate ids and references to actors, themes and events that do
// not exist. Its messages are the same for every format.

// checker collects the issues of one item at a time.
type checker struct {
	d      *Draft
	issues []Issue
	ref    Ref // the item being checked; Key and Source are set per field
	// What the item is, for messages: kind "" at the top level. Kept in parts and put
	// together only for a message, which most items never need.
	kind, id string
	pos      int
}

// in returns " in WHAT" for messages: " in event \"id\"", " in source 2 of event 3", or
// "" at the top level.
func (c *checker) in() string {
	if c.kind == "" {
		return ""
	}
	return " in " + itemName(c.kind, c.id, c.pos, c.ref.Source)
}

func (c *checker) add(key string, kind error, hint, format string, args ...any) {
	ref := c.ref
	ref.Key = key
	c.issues = append(c.issues, Issue{Ref: ref, Kind: kind, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// required reports a required text field that is missing or blank, and checks its text.
func (c *checker) required(key, v string, oneLine bool, hint string) {
	if v == "" {
		ref := c.ref
		ref.Key = key
		switch c.d.Given[ref] {
		case GivenWrong:
		case GivenBlank:
			c.add(key, ErrMissing, hint, "empty %s%s", key, c.in())
		default:
			c.add("", ErrMissing, hint, "missing %s%s", key, c.in())
		}
		return
	}
	c.text(key, v, oneLine)
	if strings.TrimSpace(v) == "" {
		c.add(key, ErrMissing, hint, "empty %s%s", key, c.in())
	}
}

// text reports a control character in a text field, and a line break or a tab in a
// one-line one.
func (c *checker) text(key, s string, oneLine bool) {
	if plainText(s, !oneLine) {
		return
	}
	if oneLine {
		if i := strings.IndexAny(s, "\n\r\t"); i >= 0 {
			what := map[byte]string{'\n': "a newline", '\r': "a carriage return", '\t': "a tab"}[s[i]]
			c.add(key, ErrControl, "keep "+key+" on one line", "%s holds %s%s", key, what, c.in())
			return
		}
	}
	if plainText(s, true) {
		return
	}
	if r, _, bad := ControlChar(s); bad {
		c.add(key, ErrControl, "remove it; text may hold newlines and tabs but no other control or direction characters",
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
		c.add(key, ErrInvisible, hint, "%s holds invisible character %U%s", key, r, c.in())
	}
}

// strictKeys are the fields that name something a reader must tell apart by looking:
// ids, references to them and URLs. They may not hold even the joiners U+200C and U+200D.
var strictKeys = map[string]bool{"id": true, "actors": true, "themes": true, "related": true, "url": true}

// list checks the items of a list of one-line text.
func (c *checker) list(key string, items []string) {
	for _, s := range items {
		c.text(key, s, true)
	}
}

// oneOf reports a value that is set but not one of allowed, suggesting the nearest.
func (c *checker) oneOf(kind error, key, value string, allowed []string) {
	if value == "" || slices.Contains(allowed, value) {
		return
	}
	hint := "use one of " + strings.Join(allowed, ", ")
	if s := Suggest(value, allowed); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	c.add(key, kind, hint, "unknown %s %q%s", key, shorten(value), c.in())
}

func (c *checker) url(raw string) {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		c.add("url", ErrURL, "write a full address such as https://example.com/page", "url %q%s cannot be read", shorten(raw), c.in())
	case u.Scheme == "":
		c.add("url", ErrURL, "start it with https:// or http://", "url %q%s is not a full address", shorten(raw), c.in())
	case u.Scheme != "http" && u.Scheme != "https":
		c.add("url", ErrURL, "use an http:// or https:// address", "url %q%s must be http or https, not %s", shorten(raw), c.in(), shorten(u.Scheme))
	case u.Host == "":
		c.add("url", ErrURL, "write a full address such as https://example.com/page", "url %q%s has no host", shorten(raw), c.in())
	}
}

// check returns every issue the shared rules find in d, in lists.
func (d *Draft) check() [][]Issue {
	c := &checker{d: d}
	if !d.TopBroken {
		c.required("title", d.Title, true, `add title = "..." at the top of the file`)
		c.text("description", d.Description, false)
	}
	for i := range d.Actors {
		a := &d.Actors[i]
		c.entry("actors", "actor", i, a.ID, a.Name, a.Aliases, a.Description)
		c.text("kind", a.Kind, true)
		c.oneOf(ErrBadValue, "kind", a.Kind, ActorKinds)
	}
	for i := range d.Themes {
		th := &d.Themes[i]
		c.entry("themes", "theme", i, th.ID, th.Name, th.Aliases, th.Description)
	}
	issues := c.issues
	for _, b := range d.badDates {
		issues = append(issues, dateIssue(b.ref, d.in(b.ref), b.err))
	}

	// Events, the bulk of a large file, are checked on every core, and against each other
	// (ids, references) beside that: the checks of one event only read the draft.
	parts := make([][]Issue, parallelism(len(d.Events)))
	var cross []Issue
	var crossing sync.WaitGroup
	if len(parts) > 1 {
		crossing.Go(func() { cross = d.crossCheck() })
	}
	inParallel(len(d.Events), len(parts), func(part, lo, hi int) {
		ec := &checker{d: d}
		for k := lo; k < hi; k++ {
			if !d.broken(k) {
				ec.event(k)
			}
		}
		parts[part] = ec.issues
	})
	if len(parts) > 1 {
		crossing.Wait()
	} else {
		cross = d.crossCheck()
	}
	return append(append([][]Issue{issues}, parts...), cross)
}

// entry checks the fields every entry of a registry has: the actor or theme at index i.
func (c *checker) entry(table, kind string, i int, id, name string, aliases []string, description string) {
	c.ref, c.kind, c.id, c.pos = Ref{Table: table, Item: i}, kind, "", i+1
	c.required("id", id, true, `add id = "..."; events name `+table+` by id`)
	c.id = id
	c.required("name", name, true, `add name = "...", the name readers see`)
	c.list("aliases", aliases)
	c.text("description", description, false)
}

// event checks the fields of event k.
func (c *checker) event(k int) {
	e := &c.d.Events[k]
	c.ref, c.kind, c.id, c.pos = Ref{Table: "events", Item: k}, "event", "", e.Pos
	c.required("id", e.ID, true, `add id = "..."; an id is a short unique name, such as "soleimani-strike"`)
	c.id = e.ID
	if e.Date.IsZero() {
		if _, given := c.d.Given[Ref{Table: "events", Item: k, Key: "date"}]; !given {
			c.add("", ErrMissing, `add date = 2024-06-15 (or "2024-06", "2024")`, "missing date%s", c.in())
		}
	}
	// A window open at the start has no first day: any end is after it may have begun.
	if !e.Date.From.IsZero() && !e.End.IsZero() && e.End.Last().days() < e.Date.From.First().days() {
		if e.Date.IsWindow() {
			c.add("end", ErrEndBefore, "fix the end or the window", "end %s is before the start of date %s%s", e.End, e.Date, c.in())
		} else {
			c.add("end", ErrEndBefore, "swap date and end, or fix the end", "end %s is before date %s%s", e.End, e.Date, c.in())
		}
	}
	c.required("title", e.Title, true, `add title = "..."`)
	c.text("summary", e.Summary, false)
	c.list("actors", e.Actors)
	c.list("themes", e.Themes)
	c.text("location", e.Location, true)
	c.text("status", e.Status, true)
	c.oneOf(ErrBadValue, "status", e.Status, Statuses)
	c.list("related", e.Related)
	if len(e.Sources) == 0 {
		if c.d.Given[Ref{Table: "events", Item: k, Key: "sources"}] != GivenWrong {
			c.add("sources", ErrNoSource, "add a [[events.sources]] table with at least a publisher", "%s has no source", itemName("event", e.ID, e.Pos, 0))
		}
	}
	for i := range e.Sources {
		s := &e.Sources[i]
		c.ref.Source = i + 1
		c.required("publisher", s.Publisher, true, `add publisher = "..."`)
		c.text("title", s.Title, true)
		c.text("url", s.URL, true)
		c.text("via", s.Via, true)
		c.text("quote", s.Quote, false)
		for j, q := range s.Quotes {
			if strings.TrimSpace(q) == "" {
				c.add("quotes", ErrMissing, "remove it, or give the words it quotes", "item %d of quotes%s is empty", j+1, c.in())
				continue
			}
			c.text("quotes", q, false)
		}
		if s.URL != "" {
			c.url(s.URL)
		}
	}
	c.ref.Source = 0
}

// crossCheck reports duplicate ids and references to actors, themes and events that do
// not exist.
func (d *Draft) crossCheck() []Issue {
	var issues []Issue
	line := func(table string, i int) string {
		if d.Locate != nil {
			if p := d.Locate(Ref{Table: table, Item: i}); p.Line > 0 {
				return fmt.Sprintf("line %d", p.Line)
			}
		}
		return fmt.Sprintf("%s %d", strings.TrimSuffix(table, "s"), i+1)
	}
	// registryIDs indexes the ids of the actors or the themes, reporting each one given
	// twice in the table.
	registryIDs := func(table, noun string, n int, idAt func(int) string) map[string]int {
		ids := make(map[string]int, n)
		for i := range n {
			id := idAt(i)
			if id == "" {
				continue
			}
			if j, dup := ids[id]; dup {
				issues = append(issues, Issue{Ref: Ref{Table: table, Item: i, Key: "id"}, Kind: ErrDuplicate,
					Msg: fmt.Sprintf("duplicate %s id %q (first at %s)", noun, shorten(id), line(table, j)), Hint: "give each " + noun + " its own id"})
				continue
			}
			ids[id] = i
		}
		return ids
	}
	actorIDs := registryIDs("actors", "actor", len(d.Actors), func(i int) string { return d.Actors[i].ID })
	themeIDs := registryIDs("themes", "theme", len(d.Themes), func(i int) string { return d.Themes[i].ID })

	eventIDs := make(map[string]int, len(d.Events))
	for k := range d.Events {
		id := d.Events[k].ID
		if id == "" {
			continue
		}
		j, dup := eventIDs[id]
		if !dup {
			eventIDs[id] = k
			continue
		}
		if d.broken(k) {
			continue
		}
		first := fmt.Sprintf("event %d", d.Events[j].Pos)
		if l := d.Events[j].Line; l > 0 {
			first = fmt.Sprintf("line %d", l)
		}
		issues = append(issues, Issue{Ref: Ref{Table: "events", Item: k, Key: "id"}, Kind: ErrDuplicate,
			Msg: fmt.Sprintf("duplicate event id %q (first at %s)", shorten(id), first), Hint: "give each event its own id"})
	}

	checkActors := len(d.Actors) > 0 && !d.TopBroken
	checkThemes := len(d.Themes) > 0 && !d.TopBroken
	var actorHints, themeHints *refHints
	suggestions := 0 // suggesting among many events is slow; a few suggestions are enough
	var allIDs []string
	for k := range d.Events {
		if d.broken(k) {
			continue
		}
		e := &d.Events[k]
		add := func(key string, hint, format string, args ...any) {
			issues = append(issues, Issue{Ref: Ref{Table: "events", Item: k, Key: key}, Kind: ErrUnknownRef,
				Msg: fmt.Sprintf(format, shortenArgs(args)...) + " in " + itemName("event", e.ID, e.Pos, 0), Hint: hint})
		}
		if checkActors {
			for _, id := range e.Actors {
				if _, ok := actorIDs[id]; !ok {
					if actorHints == nil {
						actorHints = newRefHints(actorIDs, actorNames(d.Actors))
					}
					add("actors", actorHints.hint(id), "unknown actor %q", id)
				}
			}
		}
		if checkThemes {
			for _, id := range e.Themes {
				if _, ok := themeIDs[id]; !ok {
					if themeHints == nil {
						themeHints = newRefHints(themeIDs, themeNames(d.Themes))
					}
					add("themes", themeHints.hint(id), "unknown theme %q", id)
				}
			}
		}
		for _, id := range e.Related {
			if _, ok := eventIDs[id]; ok {
				continue
			}
			hint := "related lists the ids of other events in this file"
			if suggestions < maxSearches {
				suggestions++
				if allIDs == nil {
					allIDs = make([]string, 0, len(eventIDs))
					for id := range eventIDs {
						allIDs = append(allIDs, id)
					}
					slices.Sort(allIDs)
				}
				if s := suggestClose(id, allIDs); s != "" {
					hint = fmt.Sprintf("did you mean %q?", shorten(s))
				}
			}
			add("related", hint, "unknown related event %q", id)
		}
	}
	return issues
}

// refHints suggests, for a name no registry id matches, the closest id, or the id of the
// entry the name is the name or alias of.
type refHints struct {
	ids      []string
	names    map[string]string // lower-cased name or alias -> id
	hints    map[string]string // the hint given for each name, so each costs one search
	searches int
}

// maxSearches is how many names a refHints looks for near ids: each search compares the
// name with every id, and among thousands of unknown names a few suggestions are enough.
const maxSearches = 50

func newRefHints(ids map[string]int, names map[string]string) *refHints {
	h := &refHints{names: names, hints: map[string]string{}}
	for id := range ids {
		h.ids = append(h.ids, id)
	}
	slices.Sort(h.ids)
	return h
}

func (h *refHints) hint(name string) string {
	if id, ok := h.names[strings.ToLower(name)]; ok {
		return fmt.Sprintf("events name it by its id: %q", shorten(id))
	}
	if hint, ok := h.hints[name]; ok {
		return hint
	}
	hint := "add it to the registry, or use one of its ids"
	if h.searches < maxSearches {
		h.searches++
		if s := suggestClose(name, h.ids); s != "" {
			hint = fmt.Sprintf("did you mean %q?", shorten(s))
		}
		h.hints[name] = hint
	}
	return hint
}

// suggestClose is Suggest over sorted candidates, so that equally close ones resolve the
// same way on every run (the ids come from maps), skipping at once those whose length
// differs by more than 3: among 100,000 event ids, most cannot be near.
func suggestClose(name string, sorted []string) string {
	var near []string
	for _, c := range sorted {
		if d := len(c) - len(name); d <= 3 && d >= -3 {
			near = append(near, c)
		}
	}
	return Suggest(name, near)
}

// actorNames indexes the actors' ids by their lower-cased names, ids and aliases.
func actorNames(actors []Actor) map[string]string {
	return entryNames(len(actors), func(i int) (string, string, []string) {
		return actors[i].ID, actors[i].Name, actors[i].Aliases
	})
}

// themeNames is actorNames for themes.
func themeNames(themes []Theme) map[string]string {
	return entryNames(len(themes), func(i int) (string, string, []string) {
		return themes[i].ID, themes[i].Name, themes[i].Aliases
	})
}

// entryNames indexes the ids of n registry entries by their lower-cased names, ids and
// aliases.
func entryNames(n int, at func(i int) (id, name string, aliases []string)) map[string]string {
	names := make(map[string]string)
	for i := range n {
		id, name, aliases := at(i)
		for _, k := range append([]string{name, id}, aliases...) {
			names[strings.ToLower(k)] = id
		}
	}
	return names
}
