package export

import (
	"fmt"
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
	// Notes says the writer carries the reader's marks and notes (Options.Annotations).
	// The writers of timeline files, which an author keeps and tlx reads back, leave them
	// out, lest a reader's note become the timeline's text: they stay in the notebook.
	Notes bool
	Write func(w io.Writer, t *timeline.Timeline, events []*timeline.Event, opts Options) error
}

// formats is the table of writers; adding one is a file with its Write and a line here.
var formats = []Format{
	{Name: "markdown", Notes: true, Exts: []string{".md", ".markdown"}, Title: "Markdown (CommonMark)", Write: Markdown},
	{Name: "timelinejs", Notes: true, Exts: []string{".timelinejs.json", ".tljs.json"}, Title: "TimelineJS JSON", Write: TimelineJS},
	{Name: "csv", Notes: true, Exts: []string{".csv"}, Title: "TimelineJS spreadsheet CSV", Write: Sheet},
	{Name: "jsonl", Notes: true, Exts: []string{".jsonl", ".ndjson"}, Title: "JSON Lines for Timesketch", Write: JSONLines},
	{Name: "ics", Notes: true, Exts: []string{".ics", ".ical", ".ifb"}, Title: "iCalendar", Write: ICalendar},
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

// ByName returns the writer named name, in any case, or else the one whose file name
// ending name is without its dot: "md" is Markdown, as a file name says it.
func ByName(name string) (Format, bool) {
	name = strings.TrimSpace(name)
	for _, f := range formats {
		if strings.EqualFold(f.Name, name) {
			return f, true
		}
	}
	for _, f := range formats {
		for _, e := range f.Exts {
			if strings.EqualFold(e[1:], name) {
				return f, true
			}
		}
	}
	return Format{}, false
}

// ExtError is the error of ForPath for a file name whose ending names no format.
type ExtError struct {
	Ext string // the ending, with its dot: ".xyz"
}

func (e *ExtError) Error() string {
	return fmt.Sprintf("%s is not a format tlx writes; end the name with %s", timeline.SanitizeLine(e.Ext), Endings())
}

// Endings lists the ending of each format, for messages: ".md, .csv, ... or .toml".
func Endings() string {
	var b strings.Builder
	for i, f := range formats {
		switch {
		case i == len(formats)-1:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(f.Ext())
	}
	return b.String()
}

// ForPath returns the writer of an export to path, by the rule the explorer and tlx
// export share: an ending a format has chooses it (ByPath); a name without an ending is
// Markdown, and defaulted says so, for the caller to tell the reader; any other ending
// is an *ExtError, since a typo (.jsn, .icss) must not silently become Markdown.
func ForPath(path string) (f Format, defaulted bool, err error) {
	if f, ok := ByPath(path); ok {
		return f, false, nil
	}
	base := filepath.Base(path)
	ext := filepath.Ext(base)
	if ext == "" || ext == base { // "report", ".hidden"
		f, _ := ByName("markdown")
		return f, true, nil
	}
	return Format{}, false, &ExtError{Ext: ext}
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
