package notebook

import (
	"github.com/tlx-dev/tlx/timeline"
)

// A notebook file is TOML that a person can read, edit and diff:
//
//	# tlx notebook: ...
//	version = 1
//
//	[timeline]
//	title = "Iran, Trump and the US election"
//	file = "timeline.toml"
//
//	[views."routh summer"]
//	query = 'actor:routh from:2024-06 to:2024-09 "golf course"'
//
//	[events.2024-09-15-routh-arrest]
//	title = "Ryan Routh arrested near Trump's golf course"
//	marked = true
//	labels = ["key", "dubious"]
//	note = '''
//	Check the affidavit for the date of the rifle purchase.
//	'''
//
// Events and views are tables keyed by event id and view name, so TOML itself forbids
// two of the same, and a line of a diff names the event it changes. tlx writes them
// sorted, every value on a line of its own, so that two readers' changes to different
// events merge in git without conflict.

// Version is the notebook format this tlx reads and writes.
const Version = 1

// Bounds on what a notebook may hold; far beyond what a reader writes by hand.
const (
	maxFile   = 32 << 20 // bytes of a notebook file
	maxNote   = 1 << 20  // bytes of one note
	maxLine   = 4096     // bytes of a title or a view's query
	maxKey    = 960      // bytes of an event id or a view name as written: their table's name stays within timeline.MaxKeyBytes
	maxLabels = 16       // labels on one mark
)

// ValidLabel reports whether label can name a mark: timeline.ValidLabel, the one rule
// the notebook and the marked filter share.
func ValidLabel(label string) bool { return timeline.ValidLabel(label) }

// About is what a notebook records about the timeline it belongs to, for a person who
// finds the file: the title and the file name, as when the notebook was made.
type About struct {
	Title string
	File  string // the timeline's file name, or "built-in"
}

// fileDoc is the shape of a notebook file, for the decoder.
type fileDoc struct {
	Version  *int                  `toml:"version"`
	Timeline *aboutTable           `toml:"timeline"`
	Views    map[string]viewTable  `toml:"views"`
	Events   map[string]entryTable `toml:"events"`
}
