package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/tlx-dev/tlx/timeline"
)

// SheetHeaders are the columns of a TimelineJS spreadsheet, in the order of Knight Lab's
// template, which Sheet writes.
var SheetHeaders = []string{
	"Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
	"Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
	"Media Thumbnail", "Alt Text", "Type", "Group", "Background",
}

// Sheet writes events, which t.Filter selected, as a TimelineJS spreadsheet in CSV (RFC
// 4180): the template's header row, a row of Type "title" with the timeline's title and
// description, then a row per event with the same mapping as TimelineJS: dates in the
// columns their precision fills, the title as Headline, the HTML of the slide's text as
// Text, the first source with a URL as Media, Media Credit and Media Caption, the first
// theme's name as Group. Text ends with the reader's mark and note, as in TimelineJS's
// JSON (see TimelineJS). It imports into Knight Lab's Google Sheet template and opens
// with tlx -f.
//
// A cell that a spreadsheet would take for a formula (it starts with =, +, - or @) gets
// a leading apostrophe, which spreadsheets hide and tlx's reader removes. The same input
// gives the same bytes.
func Sheet(w io.Writer, t *timeline.Timeline, events []*timeline.Event, opts Options) error {
	ew := &errWriter{w: w}
	bw := bufio.NewWriterSize(ew, 64<<10)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	row := make([]string, len(SheetHeaders))
	cw.Write(SheetHeaders)
	title := opts.title(t)
	clear(row)
	row[colHeadline] = cell(string(appendHTML(nil, title)))
	row[colText] = cell(string(appendParagraphs(nil, t.Description)))
	row[colType] = "title"
	cw.Write(row)
	var h []byte
	in, mayOnly, ann := exportedSet(t, events), opts.Filter.MayOnly(), annotations(opts)
	for _, e := range events {
		if ew.err != nil {
			return ew.err
		}
		clear(row)
		sheetDate(row[colYear:colYear+3], e.Date.Anchor())
		sheetDate(row[colEndYear:colEndYear+3], e.End)
		row[colDisplay] = cell(displayDate(e))
		row[colHeadline] = cell(string(appendHTML(h[:0], line(e.Title))))
		h = appendSlideText(h[:0], t, e, in, mayOnly, ann)
		row[colText] = cell(string(h))
		if s := mediaSource(e); s != nil {
			row[colMedia] = cell(timeline.LinkTarget(s.URL))
			row[colCredit] = cell(string(appendHTML(h[:0], line(s.Publisher))))
			row[colCaption] = cell(string(appendHTML(h[:0], line(s.Title))))
		}
		if len(e.Themes) > 0 {
			name := themeName(t, e, 0)
			row[colGroup] = cell(line(name))
		}
		cw.Write(row)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return ew.err
}

// Columns of SheetHeaders.
const (
	colYear     = 0
	colEndYear  = 4
	colDisplay  = 8
	colHeadline = 9
	colText     = 10
	colMedia    = 11
	colCredit   = 12
	colCaption  = 13
	colType     = 16
	colGroup    = 17
)

// sheetDate fills year, month and day cells with what d's precision knows.
func sheetDate(cells []string, d timeline.Date) {
	if d.IsZero() {
		return
	}
	cells[0] = strconv.Itoa(d.Year)
	if d.Prec >= timeline.Month {
		cells[1] = strconv.Itoa(int(d.Month))
	}
	if d.Prec == timeline.Day {
		cells[2] = strconv.Itoa(d.Day)
	}
}

// cell guards text against being taken for a formula by a spreadsheet: OWASP's advice, a
// leading apostrophe.
func cell(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
