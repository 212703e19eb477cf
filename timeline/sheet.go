package timeline

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The reader of TimelineJS spreadsheets saved as CSV, such as a Google Sheet made from
// Knight Lab's template and downloaded as CSV. Columns are known by their header, in any
// order and any case; older sheets call Group "Tag" and give dates as "Start Date" and
// "End Date". A row of Type "title" gives the timeline's title and description, a row of
// Type "era" is left out, and every other row that is not blank is an event, read as a
// TimelineJS slide is (see json_timelinejs.go): its id from the marks of tlx's writer in
// Text, or else made from its Headline. Numbers may carry spaces or thousands separators.
// Problems are placed by row, counting the header as row 1 as a spreadsheet does, and
// column header: "row 5, Headline".

// Limits of a sheet, far above what a timeline needs, so that a hostile file cannot make
// the reader hold a million columns.
const (
	MaxSheetColumns = 256       // a TimelineJS sheet has 19
	MaxCellBytes    = 1 << 20   // one cell
	MaxSheetRows    = 1_000_000 // rows that are not blank: ten times a timeline of 100,000 events
)

// sheetColumns are the headers a TimelineJS sheet may have, lower-cased, with the name
// tlx reads each as.
var sheetColumns = map[string]string{
	"year": "Year", "month": "Month", "day": "Day", "time": "Time",
	"end year": "End Year", "end month": "End Month", "end day": "End Day", "end time": "End Time",
	"display date": "Display Date", "headline": "Headline", "text": "Text", "media": "Media",
	"media credit": "Media Credit", "media caption": "Media Caption", "media thumbnail": "Media Thumbnail",
	"alt text": "Alt Text", "type": "Type", "group": "Group", "tag": "Group", "background": "Background",
	"start date": "Start Date", "end date": "End Date",
}

// looksSheet recognises a TimelineJS sheet from its header row: a Headline column and a
// Year or Start Date one.
func looksSheet(data []byte) bool {
	first, _, _ := firstContentLine(data)
	if !strings.Contains(first, ",") {
		return false
	}
	r := csv.NewReader(strings.NewReader(first))
	header, err := r.Read()
	if err != nil {
		return false
	}
	has := map[string]bool{}
	for _, h := range header {
		has[sheetColumns[strings.ToLower(strings.TrimSpace(h))]] = true
	}
	return has["Headline"] && (has["Year"] || has["Start Date"])
}

// sheetReader holds the state of one sheet's reading.
type sheetReader struct {
	d     *Draft
	col   map[string]int // column name as sheetColumns gives it -> index
	names []string       // the headers as written, by index
	rows  []int          // the row of each event, by index into d.Events
	// place holds the places that are not the column a field is read from (see
	// sheetColumnOf): the title row's, a bad Type's, a date's bad field.
	place  map[Ref]string
	groups []int // events whose theme is their Group
	media  []int // events whose source is their Media
}

// sheetColumnOf is the column each field of an event is read from.
var sheetColumnOf = map[string]string{"id": "Headline", "title": "Headline", "summary": "Text", "status": "Text",
	"actors": "Text", "themes": "Text", "location": "Text", "related": "Text", "sources": "Media", "date": "Year", "end": "End Year"}

func decodeSheet(name string, data []byte, rd *Reading) (*Draft, error) {
	rd.Progress(0, len(data))
	defer rd.Progress(len(data), len(data))
	data, p := wholeText(name, data)
	if p != nil {
		return nil, p
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	d := &Draft{Name: name}
	s := &sheetReader{d: d, col: map[string]int{}, place: map[Ref]string{}}
	syntax := func(err error) error {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			msg := pe.Err.Error()
			hint := ""
			if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
				hint = `a cell with a quote in it is in quotes, and its quotes are doubled: "say ""hi"""`
			}
			return &Problem{File: name, Line: pe.Line, Col: pe.Column, Kind: ErrSyntax, Msg: "invalid CSV: " + msg, Hint: hint}
		}
		return &Problem{File: name, Kind: ErrSyntax, Msg: "invalid CSV: " + err.Error()}
	}
	header, err := cr.Read()
	if err != nil {
		return nil, syntax(err)
	}
	if p := s.checkRow(name, header, 1, cr); p != nil {
		return nil, p
	}
	s.header(name, header)
	if _, ok := s.col["Headline"]; !ok {
		return nil, &Problem{File: name, Line: 1, Kind: ErrMissing, Msg: "no Headline column in the header row",
			Hint: "a TimelineJS sheet's first row names its columns: Year, Month, Day, ..., Headline, Text, ..."}
	}
	_, year := s.col["Year"]
	_, start := s.col["Start Date"]
	if !year && !start {
		return nil, &Problem{File: name, Line: 1, Kind: ErrMissing, Msg: "no Year column in the header row",
			Hint: "a TimelineJS sheet's first row names its columns: Year, Month, Day, ..., Headline, Text, ..."}
	}
	var slides []slideFields
	var rows []int
	titled := false
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, syntax(err)
		}
		if p := s.checkRow(name, rec, row, cr); p != nil {
			return nil, p
		}
		if blankRow(rec) {
			continue
		}
		if len(slides) >= MaxSheetRows {
			line, _ := cr.FieldPos(0)
			return nil, &Problem{File: name, Line: line, Kind: ErrLimit,
				Msg:  fmt.Sprintf("more than %d rows, past the limit", MaxSheetRows),
				Hint: "a timeline of 100,000 events is 100,001 rows; split the timeline into several files"}
		}
		get := func(col string) string { return s.cell(rec, col) }
		switch typ := strings.ToLower(get("Type")); typ {
		case "title":
			if !titled {
				titled = true
				d.Title = HTMLLine(get("Headline"))
				d.Description = HTMLText(get("Text"))
				s.place[Ref{Key: "title"}] = s.at(row, "Headline")
				s.place[Ref{Key: "description"}] = s.at(row, "Text")
				if d.Title == "" {
					d.Give(Ref{Key: "title"}, GivenBlank)
				}
			}
			continue
		case "era":
			continue
		case "":
		default:
			d.Issues = append(d.Issues, Issue{Ref: Ref{Table: "rows", Item: row}, Kind: ErrType,
				Msg: fmt.Sprintf("unknown Type %q in row %d", shorten(get("Type")), row), Hint: "leave Type blank for an event, or write title or era"})
			s.place[Ref{Table: "rows", Item: row}] = s.at(row, "Type")
			continue
		}
		sf := slideFields{headline: get("Headline"), text: get("Text"), group: get("Group"),
			media: get("Media"), credit: get("Media Credit"), caption: get("Media Caption")}
		k := len(slides)
		sf.date = s.date(rec, row, k, "date")
		sf.end = s.date(rec, row, k, "end")
		slides = append(slides, sf)
		rows = append(rows, row)
	}
	r := newSlideReader(d, len(slides))
	r.unnamed = func(k int) string { return "row-" + strconv.Itoa(rows[k]) }
	for k := range slides {
		e := r.event(k, &slides[k])
		if len(e.Themes) == 1 && slides[k].group != "" {
			s.groups = append(s.groups, k)
		}
		if slides[k].fromMedia {
			s.media = append(s.media, k)
		}
	}
	r.finish()
	s.rows = rows
	d.Locate = s.locate
	d.Hint = sheetHint
	return d, nil
}

// sheetHint words the check's hints for a sheet.
func sheetHint(r Ref, hint string) string {
	switch {
	case r.Table == "" && r.Key == "title":
		return "fill in the title row's Headline"
	case r.Table == "" && strings.HasPrefix(hint, "add title = "):
		return `add a row with "title" in its Type column and the timeline's title as its Headline`
	case r.Table == "events" && strings.HasPrefix(hint, "add a [[events.sources]]"):
		return "give the row a Media Credit, the publisher of its source, and a Media link if it has one"
	case r.Table == "events" && strings.HasPrefix(hint, `add title = "..."`):
		return "fill in its Headline"
	case r.Table == "events" && strings.HasPrefix(hint, "add date = "):
		return "fill in its Year, and its Month and Day if they are known"
	case r.Table == "events" && r.Source > 0 && strings.HasPrefix(hint, `add publisher = "..."`):
		return "fill in its Media Credit"
	}
	return hint
}

// checkRow refuses a row past the sheet's limits.
func (s *sheetReader) checkRow(name string, rec []string, row int, cr *csv.Reader) *Problem {
	line, _ := cr.FieldPos(0)
	if len(rec) > MaxSheetColumns {
		return &Problem{File: name, Line: line, Kind: ErrLimit,
			Msg:  fmt.Sprintf("row %d has %d columns, past the limit of %d", row, len(rec), MaxSheetColumns),
			Hint: "a TimelineJS sheet has 19 columns; check that this is the right file"}
	}
	for i, c := range rec {
		if len(c) > MaxCellBytes {
			l, col := cr.FieldPos(i)
			return &Problem{File: name, Line: l, Col: col, Kind: ErrLimit,
				Msg:  fmt.Sprintf("a cell of %s, past the limit of %s", SizeText(int64(len(c))), SizeText(MaxCellBytes)),
				Hint: "a cell holds one slide's text; check that this is the right file"}
		}
	}
	return nil
}

// header indexes the columns, reporting a header that reads like a misspelt one.
func (s *sheetReader) header(name string, header []string) {
	s.names = append([]string(nil), header...)
	var known []string
	for _, v := range sheetColumns {
		known = append(known, v)
	}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		s.names[i] = h
		c, ok := sheetColumns[strings.ToLower(h)]
		if !ok {
			if sug := suggestClose(h, sortedUnique(known)); sug != "" && h != "" {
				s.d.Problems = append(s.d.Problems, &Problem{File: name, Path: fmt.Sprintf("row 1, %s", shorten(SanitizeLine(h))),
					Kind: ErrUnknownKey, Msg: fmt.Sprintf("unknown column %q", shorten(h)), Hint: fmt.Sprintf("did you mean %q?", sug)})
			}
			continue
		}
		if _, dup := s.col[c]; !dup {
			s.col[c] = i
		}
	}
}

func sortedUnique(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return out
}

// cell returns the cell of rec in the column col, trimmed, without the apostrophe that
// guards a formula-like text from a spreadsheet.
func (s *sheetReader) cell(rec []string, col string) string {
	i, ok := s.col[col]
	if !ok || i >= len(rec) {
		return ""
	}
	v := strings.TrimSpace(rec[i])
	if len(v) > 1 && v[0] == '\'' && strings.IndexByte("=+-@", v[1]) >= 0 {
		v = v[1:]
	}
	return v
}

// at names a cell for messages: "row 5, Headline", with the header as the sheet writes it.
func (s *sheetReader) at(row int, col string) string {
	if i, ok := s.col[col]; ok {
		return fmt.Sprintf("row %d, %s", row, shorten(SanitizeLine(s.names[i])))
	}
	return fmt.Sprintf("row %d", row)
}

// date reads an event's date or end (key) from row: from Year, Month and Day (End Year,
// ...), or from Start Date (End Date) in an older sheet.
func (s *sheetReader) date(rec []string, row, k int, key string) Date {
	ref := Ref{Table: "events", Item: k, Key: key}
	prefix, old := "", "Start Date"
	if key == "end" {
		prefix, old = "End ", "End Date"
	}
	if _, ok := s.col[prefix+"Year"]; !ok {
		if v := s.cell(rec, old); v != "" {
			dt := s.d.DateText(ref, sheetDateText(v))
			if dt.IsZero() {
				s.place[ref] = s.at(row, old)
			}
			return dt
		}
		return Date{}
	}
	var parts [3]int
	var given [3]bool
	for i, f := range []string{"Year", "Month", "Day"} {
		v := s.cell(rec, prefix+f)
		if v == "" {
			continue
		}
		n, ok := tljsNumber(v)
		if !ok {
			s.place[ref] = s.at(row, prefix+f)
			s.d.Issues = append(s.d.Issues, Issue{Ref: ref, Kind: ErrType,
				Msg:  fmt.Sprintf("%s%s in row %d must be a whole number, not %q", prefix, f, row, shorten(v)),
				Hint: "write the number alone, such as " + []string{"2024", "6", "15"}[i]})
			s.d.Give(ref, GivenWrong)
			return Date{}
		}
		parts[i], given[i] = n, true
	}
	if !given[0] && !given[1] && !given[2] {
		return Date{}
	}
	return s.d.sheetDate(ref, prefix+"Year", parts, given, func(f string) {
		s.place[ref] = s.at(row, prefix+strings.ToUpper(f[:1])+f[1:])
	})
}

// sheetDateText turns a Start Date or End Date cell into ParseDate's form where it can:
// 2024-06-15 stays, 6/15/2024 (as Google Sheets writes it) becomes 2024-06-15, and a
// time after the date is left out.
func sheetDateText(v string) string {
	v, _, _ = strings.Cut(strings.TrimSpace(v), " ")
	if t, err := time.Parse("1/2/2006", v); err == nil {
		return t.Format("2006-01-02")
	}
	if t, err := time.Parse("2006/1/2", v); err == nil {
		return t.Format("2006-01-02")
	}
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i]
	}
	return v
}

func blankRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// locate places a ref by row and column: the column its field is read from, unless the
// reader recorded another.
func (s *sheetReader) locate(r Ref) Place {
	for _, try := range []Ref{r, {Table: r.Table, Item: r.Item, Source: r.Source}} {
		if p, ok := s.place[try]; ok {
			return Place{Path: p}
		}
	}
	if r.Table == "" {
		return Place{Path: "title row"}
	}
	if r.Table != "events" || r.Item >= len(s.rows) {
		return Place{}
	}
	row := s.rows[r.Item]
	col, ok := sheetColumnOf[r.Key]
	switch {
	case r.Source > 0 && sortedHas(s.media, r.Item):
		col = map[string]string{"publisher": "Media Credit", "title": "Media Caption"}[r.Key]
		if col == "" {
			col = "Media"
		}
	case r.Source > 0:
		col = "Text"
	case r.Key == "themes" && sortedHas(s.groups, r.Item):
		col = "Group"
	case r.Key == "date" || r.Key == "end":
		if _, year := s.col["Year"]; !year {
			col = map[string]string{"date": "Start Date", "end": "End Date"}[r.Key]
		}
	case !ok:
		return Place{Path: fmt.Sprintf("row %d", row)}
	}
	return Place{Path: s.at(row, col)}
}

// sortedHas reports whether the sorted list holds k.
func sortedHas(list []int, k int) bool {
	_, ok := slices.BinarySearch(list, k)
	return ok
}
