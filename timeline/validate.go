package timeline

import (
	"fmt"
	"github.com/tlx-dev/tlx/internal/tomlsplit"
	"slices"
	"strings"
)

// build converts the top-level tree, checks what needs the whole file (duplicate ids,
// references between events and registries), places every issue on its line and either
// returns the Timeline or every problem found.
func (l *loader) build(top map[string]any, restBroken bool) (*Timeline, error) {
	var c converter
	var title, desc string
	var actors []Actor
	var themes []Theme
	if !restBroken {
		c.unknownKeys(top, topKeys)
		title = c.required(top, "title", true, `add title = "..." at the top of the file`)
		desc = c.text(top, "description", false)
		actorTables, _ := c.tables(top, "actors", "write each actor as an [[actors]] table")
		themeTables, _ := c.tables(top, "themes", "write each theme as a [[themes]] table")
		inline, _ := c.tables(top, "events", "write each event as an [[events]] table")
		for i, m := range actorTables {
			actors = append(actors, c.actor(m, i+1))
		}
		for i, m := range themeTables {
			themes = append(themes, c.theme(m, i+1))
		}
		if len(l.events) == 0 {
			// Events written inline, events = [{...}]: rare, and without lines.
			for i, m := range inline {
				var ec converter
				l.evs = append(l.evs, ec.event(m, i+1, i+1))
				l.issues = append(l.issues, ec.issues)
				l.failed = append(l.failed, false)
			}
		}
	}
	restIssues := c.issues
	l.crossCheck(actors, themes, &restIssues, restBroken)

	problems := l.syntax
	problems = append(problems, l.place(restIssues, l.rest, 1, nil)...)
	for k, issues := range l.issues {
		if len(issues) == 0 {
			continue
		}
		if k < len(l.events) {
			p := l.events[k]
			problems = append(problems, l.place(issues, l.data[p.Start:p.End], p.Line, &l.evs[k])...)
		} else {
			problems = append(problems, l.place(issues, nil, 0, &l.evs[k])...)
		}
	}
	if len(problems) > 0 {
		problems.Sort()
		return nil, problems
	}
	// Nothing needs the file's bytes any more. Unless the caller keeps them, the collector
	// may take them back while New builds its indexes, which is when memory peaks.
	l.data, l.rest, l.events = nil, nil, nil
	t := New(title, desc, actors, themes, l.evs)
	t.Path = l.name
	return t, nil
}

// crossCheck reports duplicate ids and references to actors, themes and events that do
// not exist. Registry problems go to restIssues, event problems to the event's issues.
func (l *loader) crossCheck(actors []Actor, themes []Theme, restIssues *[]issue, restBroken bool) {
	var restPlaces map[placeKey]place
	restLine := func(table string, n int) string {
		if restPlaces == nil {
			restPlaces = keyPlaces(l.rest, 1)
		}
		if p, ok := restPlaces[placeKey{table: table, n: n}]; ok {
			return fmt.Sprintf("line %d", p.line)
		}
		return fmt.Sprintf("%s %d", strings.TrimSuffix(table, "s"), n)
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
				*restIssues = append(*restIssues, issue{kind: ErrDuplicate, table: table, n: i + 1, key: "id",
					msg:  fmt.Sprintf("duplicate %s id %q (first at %s)", noun, shorten(id), restLine(table, j+1)),
					hint: "give each " + noun + " its own id"})
				continue
			}
			ids[id] = i
		}
		return ids
	}
	actorIDs := registryIDs("actors", "actor", len(actors), func(i int) string { return actors[i].ID })
	themeIDs := registryIDs("themes", "theme", len(themes), func(i int) string { return themes[i].ID })

	eventIDs := make(map[string]int, len(l.evs))
	for k := range l.evs {
		id := l.evs[k].ID
		if id == "" {
			continue
		}
		j, dup := eventIDs[id]
		if !dup {
			eventIDs[id] = k
			continue
		}
		if l.failed[k] {
			continue
		}
		first := fmt.Sprintf("event %d", j+1)
		if line := l.evs[j].Line; line > 0 {
			first = fmt.Sprintf("line %d", line)
		}
		l.issues[k] = append(l.issues[k], issue{kind: ErrDuplicate, table: "events", n: l.tableIndex(k), key: "id",
			msg: fmt.Sprintf("duplicate event id %q (first at %s)", shorten(id), first), hint: "give each event its own id"})
	}

	checkActors := len(actors) > 0 && !restBroken
	checkThemes := len(themes) > 0 && !restBroken
	var actorHints, themeHints *refHints
	suggestions := 0 // suggesting among many events is slow; a few suggestions are enough
	var allIDs []string
	for k := range l.evs {
		if l.failed[k] {
			continue
		}
		e := &l.evs[k]
		what := fmt.Sprintf("event %q", shorten(e.ID))
		if e.ID == "" {
			what = fmt.Sprintf("event %d", e.Pos)
		}
		add := func(kind error, key, hint, format string, args ...any) {
			l.issues[k] = append(l.issues[k], issue{kind: kind, table: "events", n: l.tableIndex(k), key: key,
				msg: fmt.Sprintf(format, shortenArgs(args)...) + " in " + what, hint: hint})
		}
		if checkActors {
			for _, id := range e.Actors {
				if _, ok := actorIDs[id]; !ok {
					if actorHints == nil {
						actorHints = newRefHints(actorIDs, actorNames(actors))
					}
					add(ErrUnknownRef, "actors", actorHints.hint(id), "unknown actor %q", id)
				}
			}
		}
		if checkThemes {
			for _, id := range e.Themes {
				if _, ok := themeIDs[id]; !ok {
					if themeHints == nil {
						themeHints = newRefHints(themeIDs, themeNames(themes))
					}
					add(ErrUnknownRef, "themes", themeHints.hint(id), "unknown theme %q", id)
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
			add(ErrUnknownRef, "related", hint, "unknown related event %q", id)
		}
	}
}

// tableIndex is the index of event k's [[events]] table within the document its issues
// are placed in: 1 for an event piece, its position for an inline event.
func (l *loader) tableIndex(k int) int {
	if k < len(l.events) {
		return 1
	}
	return k + 1
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

func actorNames(actors []Actor) map[string]string {
	names := make(map[string]string)
	for _, a := range actors {
		for _, n := range append([]string{a.Name, a.ID}, a.Aliases...) {
			names[strings.ToLower(n)] = a.ID
		}
	}
	return names
}

func themeNames(themes []Theme) map[string]string {
	names := make(map[string]string)
	for _, th := range themes {
		for _, n := range append([]string{th.Name, th.ID}, th.Aliases...) {
			names[strings.ToLower(n)] = th.ID
		}
	}
	return names
}

// placeKey names where a key sits: the n-th [[table]] of a document (table "" is the top
// level), its src-th [[table.sources]] when src > 0, and the key ("" for the header).
type placeKey struct {
	table  string
	n, src int
	key    string
}

type place struct{ line, col int }

// keyPlaces indexes the lines of a document's headers and keys. firstLine is the file line
// the document starts at.
func keyPlaces(doc []byte, firstLine int) map[placeKey]place {
	places := make(map[placeKey]place)
	counts := make(map[string]int)
	sc := tomlsplit.NewScanner(doc)
	table, n, src := "", 0, 0
	for !sc.Done() {
		key, line, col, h := sc.NextLine()
		line += firstLine - 1
		if h != nil {
			if len(h.Path) > 0 {
				// A header places its top-level key: an unknown [meta] table is reported
				// on its header line.
				k := placeKey{key: h.Path[0]}
				if _, seen := places[k]; !seen {
					places[k] = place{line, col}
				}
			}
			switch {
			case h.Array && len(h.Path) == 1:
				table = h.Path[0]
				counts[table]++
				n, src = counts[table], 0
				places[placeKey{table: table, n: n}] = place{line, col}
			case h.Array && len(h.Path) == 2 && h.Path[0] == table && h.Path[1] == "sources":
				src++
				places[placeKey{table: table, n: n, src: src}] = place{line, col}
			default:
				table, n, src = "?", 0, 0
			}
			continue
		}
		if len(key) > 0 {
			k := placeKey{table, n, src, key[0]}
			if _, seen := places[k]; !seen {
				places[k] = place{line, col}
			}
		}
	}
	return places
}

// place turns issues into Problems with lines, looking the keys up in doc (which starts at
// firstLine). ev is the event the issues are about, or nil.
func (l *loader) place(issues []issue, doc []byte, firstLine int, ev *Event) Problems {
	if len(issues) == 0 {
		return nil
	}
	var places map[placeKey]place
	if doc != nil {
		places = keyPlaces(doc, firstLine)
	}
	out := make(Problems, 0, len(issues))
	for _, is := range issues {
		p := &Problem{File: l.name, Kind: is.kind, Msg: is.msg, Hint: is.hint}
		if ev != nil {
			p.Event, p.EventID = ev.Pos, ev.ID
		}
		try := []placeKey{{is.table, is.n, is.src, is.key}}
		if is.src > 0 {
			try = append(try, placeKey{is.table, is.n, is.src, ""}, placeKey{is.table, is.n, 0, "sources"})
		}
		try = append(try, placeKey{is.table, is.n, 0, ""})
		for _, k := range try {
			if pl, ok := places[k]; ok {
				p.Line, p.Col = pl.line, pl.col
				break
			}
		}
		out = append(out, p)
	}
	return out
}
