package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// A source's URL is shown, linked, opened and copied by timeline's one rule:
// timeline.DisplayURL is what the reader sees (one sanitised line, an internationalised
// host in punycode), timeline.LinkTarget what a link points to (percent-encoded, "" when
// unsafe). What the explorer adds is bounds: a URL from a file may be half a megabyte.

// maxOpenBytes bounds the URL the explorer opens: a longer one is shown, cut, and neither
// linked nor opened. Linux refuses a single argument past 128 KiB, and no page a source
// cites needs a URL of more than a few kilobytes.
const maxOpenBytes = 16 << 10

// maxHyperlinkBytes bounds the target of a terminal hyperlink (OSC 8). Every piece of a
// URL cut over several lines carries the target again; terminals drop longer ones (VTE
// keeps 2083 bytes), so a longer URL is shown without a link and o still opens it.
const maxHyperlinkBytes = 2048

// maxURLLines bounds the lines a URL takes in the detail pane: the rest is cut, with "…".
const maxURLLines = 3

// sourceLink returns the target that opens src's URL, or "" when it has no URL tlx opens:
// not an absolute http or https URL with a host, or too long to hand to a browser.
func sourceLink(src *timeline.Source) string {
	if len(src.URL) > maxOpenBytes {
		return ""
	}
	return timeline.LinkTarget(src.URL)
}

// shownURL is src's URL as the detail pane shows it, before it is cut to maxURLLines: no
// more of it is read than those lines can show.
func shownURL(src *timeline.Source, w int) string {
	return timeline.DisplayURL(headOfString(src.URL, (w+1)*maxURLLines*bytesPerCell))
}

// hasWebLink reports whether one of e's sources has a URL tlx would open.
func hasWebLink(e *timeline.Event) bool {
	if e == nil {
		return false
	}
	for i := range e.Sources {
		if sourceLink(&e.Sources[i]) != "" {
			return true
		}
	}
	return false
}

// tooLongToOpen reports whether src has a web link that is too long to open.
func tooLongToOpen(src *timeline.Source) bool {
	return len(src.URL) > maxOpenBytes && timeline.LinkTarget(headOfString(src.URL, maxOpenBytes)) != ""
}

// noLinkWhy says why no source of e can be opened.
func noLinkWhy(e *timeline.Event) string {
	for i := range e.Sources {
		if tooLongToOpen(&e.Sources[i]) {
			return "The web link of source " + strconv.Itoa(i+1) + " is " + humanBytes(len(e.Sources[i].URL)) + " long: too long to open"
		}
	}
	return "No source of this event has a web link"
}

// url lays out source n's URL as the reader should see it, cut into pieces that fit (a
// URL has no spaces to break at) on at most maxURLLines lines, the last ending in "…" when
// there is more. Each piece links to target, the URL ready to be a link, when it is short
// enough for a terminal to keep; the pieces share an id, so a terminal treats them as one
// link.
func (x *detailWriter) url(n int, src *timeline.Source, target string, indent int) {
	w := x.w
	if indent >= w {
		indent = 0
	}
	room := w - indent
	p := x.d.styles.DetailPaint.URL
	if target != "" && len(target) <= maxHyperlinkBytes {
		p.pre = ansi.SetHyperlink(target, "id=tlx-source-"+strconv.Itoa(n)) + p.pre
		p.post += ansi.ResetHyperlink()
	}
	lead := strings.Repeat(" ", indent)
	rest := shownURL(src, w)
	for i := 0; rest != ""; i++ {
		var piece string
		piece, rest = cut(rest, room)
		if rest != "" && i == maxURLLines-1 {
			piece = truncateTail(piece, room, "…")
			rest = ""
		}
		x.lines = append(x.lines, lead+p.Render(piece))
	}
}
