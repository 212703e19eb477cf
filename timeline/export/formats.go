package export

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// Format is a writer of exports: the name --format takes, the file name endings that
// choose it, and the function that writes. Every writer writes exactly the events it is
// given, in their order, sanitised, and the same bytes for the same input.
type Format struct {
	Name  string   // as --format takes it: "markdown", "timelinejs", ...
	Exts  []string // file name endings that choose it, lower-case, longest first: ".md"
	Title string   // what it is, for help and messages: "Markdown (CommonMark)"
	Write func(w io.Writer, t *timeline.Timeline, events []*timeline.Event, opts Options) error
}

// formats is the table of writers; adding one is a file with its Write and a line here.
var formats = []Format{
	{Name: "markdown", Exts: []string{".md", ".markdown"}, Title: "Markdown (CommonMark)", Write: Markdown},
	{Name: "timelinejs", Exts: []string{".timelinejs.json", ".tljs.json"}, Title: "TimelineJS JSON", Write: TimelineJS},
	{Name: "csv", Exts: []string{".csv"}, Title: "TimelineJS spreadsheet CSV", Write: Sheet},
	{Name: "jsonl", Exts: []string{".jsonl", ".ndjson"}, Title: "JSON Lines for Timesketch", Write: JSONLines},
	{Name: "ics", Exts: []string{".ics", ".ical", ".ifb"}, Title: "iCalendar", Write: ICalendar},
	{Name: "json", Exts: []string{".json"}, Title: "tlx JSON", Write: JSON},
	{Name: "toml", Exts: []string{".toml"}, Title: "tlx TOML", Write: TOML},
}

// Formats returns the table of writers, in the order help lists them.
func Formats() []Format { return append([]Format(nil), formats...) }

// Names returns the writers' names, "markdown|timelinejs|...", for help and messages.
func Names() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return strings.Join(names, "|")
}

// ByName returns the writer named name, in any case.
func ByName(name string) (Format, bool) {
	for _, f := range formats {
		if strings.EqualFold(f.Name, strings.TrimSpace(name)) {
			return f, true
		}
	}
	return Format{}, false
}

// ByPath returns the writer whose ending path's name has, the longest ending winning:
// "x.timelinejs.json" is TimelineJS, "x.json" tlx JSON.
func ByPath(path string) (Format, bool) {
	name := strings.ToLower(filepath.Base(path))
	best, n := Format{}, 0
	for _, f := range formats {
		for _, e := range f.Exts {
			if len(e) > n && strings.HasSuffix(name, e) && len(name) > len(e) {
				best, n = f, len(e)
			}
		}
	}
	return best, n > 0
}

// Ext returns the file name ending an export in this format gets: its first.
func (f Format) Ext() string { return f.Exts[0] }
