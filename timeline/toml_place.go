package timeline

import "github.com/tlx-dev/tlx/internal/tomlsplit"

// The TOML reader's part of a Draft: the top level converted, the reader's findings handed
// over, and Locate, which finds the line and column of any item or key.

// draft converts the top-level tree (the file without its [[events]] pieces) and hands
// everything the reader found to a Draft, whose Build checks it.
func (l *loader) draft(top map[string]any, restBroken bool) *Draft {
	d := &Draft{Name: l.name, Problems: l.syntax, TopBroken: restBroken, Locate: l.locate}
	var c converter
	if !restBroken {
		c.unknownKeys(top, topKeys)
		d.Title = c.text(top, "title")
		d.Description = c.text(top, "description")
		actorTables := c.tables(top, "actors", "write each actor as an [[actors]] table")
		themeTables := c.tables(top, "themes", "write each theme as a [[themes]] table")
		inline := c.tables(top, "events", "write each event as an [[events]] table")
		for i, m := range actorTables {
			d.Actors = append(d.Actors, c.actor(m, i))
		}
		for i, m := range themeTables {
			d.Themes = append(d.Themes, c.theme(m, i))
		}
		if len(l.events) == 0 {
			// Events written inline, events = [{...}]: rare, and without lines.
			for i, m := range inline {
				var ec converter
				l.evs = append(l.evs, ec.event(m, i))
				l.issues = append(l.issues, ec.issues)
				l.given = append(l.given, ec.given)
				l.failed = append(l.failed, false)
			}
		}
	}
	n := len(c.issues)
	for _, is := range l.issues {
		n += len(is)
	}
	if n > 0 {
		d.Issues = make([]Issue, 0, n)
		d.Issues = append(d.Issues, c.issues...)
		for _, is := range l.issues {
			d.Issues = append(d.Issues, is...)
		}
	}
	for _, gs := range append([][]givenField{c.given}, l.given...) {
		for _, g := range gs {
			d.Give(g.ref, g.how)
		}
	}
	d.Events = l.evs
	for _, f := range l.failed {
		if f {
			d.Broken = l.failed
			break
		}
	}
	l.issues, l.given = nil, nil
	return d
}

// locate finds an item or key of the draft in the file: the key's own line, else for a
// key of a source the source's [[events.sources]] header (or its sources = line), else the
// item's header. Events written inline have no lines.
func (l *loader) locate(r Ref) Place {
	var places map[placeKey]place
	n := r.Item + 1
	switch {
	case r.Table == "events" && r.Item < len(l.events):
		places, n = l.placesOf(r.Item), 1
	case r.Table == "events":
		return Place{}
	default:
		places = l.placesOf(-1)
		if r.Table == "" {
			n = 0
		}
	}
	var keys [4]placeKey // on the stack: a file with many problems asks for many places
	try := append(keys[:0], placeKey{r.Table, n, r.Source, r.Key})
	if r.Source > 0 {
		try = append(try, placeKey{r.Table, n, r.Source, ""}, placeKey{r.Table, n, 0, "sources"})
	}
	try = append(try, placeKey{r.Table, n, 0, ""})
	for _, k := range try {
		if pl, ok := places[k]; ok {
			return Place{Line: pl.line, Col: pl.col}
		}
	}
	return Place{}
}

// placesOf returns the places of the keys of event piece k, or of the rest of the file
// for k = -1, indexing each document once, on first need: a file without problems never
// needs them.
func (l *loader) placesOf(k int) map[placeKey]place {
	if p, ok := l.places[k]; ok {
		return p
	}
	if l.places == nil {
		l.places = make(map[int]map[placeKey]place)
	}
	var p map[placeKey]place
	if k < 0 {
		p = keyPlaces(l.rest, 1)
	} else {
		pc := l.events[k]
		p = keyPlaces(l.data[pc.Start:pc.End], pc.Line)
	}
	l.places[k] = p
	return p
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
