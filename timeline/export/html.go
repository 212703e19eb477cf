package export

import (
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// The text of a TimelineJS slide, in its JSON and in its sheet, is HTML. tlx writes an
// event's fields that TimelineJS has no place for into it, each in an element whose class
// names it (tlx-status, tlx-actor, tlx-source...), so that TimelineJS shows them and tlx
// reads them back: see timeline's TimelineJS reader. Every piece of text is escaped, so
// that it shows as written and never forms markup.

// appendHTML appends s escaped for HTML text or a quoted attribute value.
func appendHTML(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&#39;"
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, esc...)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// appendParagraphs appends text as HTML paragraphs, <p>...</p>, split and joined as
// timeline.Paragraphs says, as the explorer and the Markdown export show them.
func appendParagraphs(b []byte, text string) []byte {
	for _, para := range timeline.Paragraphs(text) {
		b = append(b, "<p>"...)
		b = appendHTML(b, para)
		b = append(b, "</p>"...)
	}
	return b
}

// span appends <tag class="tlx-class" data-id="id">text</tag>; no data-id when id is "".
func span(b []byte, tag, class, id, text string) []byte {
	b = append(b, '<')
	b = append(b, tag...)
	b = append(b, ` class="tlx-`...)
	b = append(b, class...)
	b = append(b, '"')
	if id != "" {
		b = append(b, ` data-id="`...)
		b = appendHTML(b, id)
		b = append(b, '"')
	}
	b = append(b, '>')
	b = appendHTML(b, text)
	b = append(b, "</"...)
	b = append(b, tag...)
	return append(b, '>')
}

// appendSlideText appends the HTML text of e's slide: its summary, then a line with its
// status, actors, themes, location, related events, how many independent publishers
// support it and, when mayOnly says so (see Filter.MayOnly), that it may fall outside
// the filter's dates, then its numbered sources, then the reader's mark and note from ann
// (nil for none). timeline's reader takes back the fields and passes over what tlx works
// out and what the reader wrote.
func appendSlideText(b []byte, t *timeline.Timeline, e *timeline.Event, in exported, mayOnly func(*timeline.Event) bool, ann timeline.Annotations) []byte {
	related := in.related(e.Related)
	b = appendParagraphs(b, e.Summary)
	// What TimelineJS's date fields cannot say, a window or a qualifier, is said here.
	uncertain := e.Date.IsWindow() || e.Date.From.Qual != 0 || e.End.Qual != 0
	publishers := e.PublisherCount()
	may := mayOnly != nil && mayOnly(e)
	if uncertain || may || publishers > 0 || e.Status != "" || len(e.Actors) > 0 || len(e.Themes) > 0 || e.Location != "" || len(related) > 0 {
		b = append(b, `<p class="tlx-about">`...)
		sep := false
		part := func(label string) {
			if sep {
				b = append(b, " · "...)
			}
			sep = true
			b = append(b, label...)
		}
		if uncertain {
			part("Date: ")
			b = span(b, "time", "date", e.Date.String(), e.Date.Long())
			if !e.End.IsZero() {
				b = append(b, ", ended "...)
				b = span(b, "time", "end", e.End.String(), e.End.Long())
			}
		}
		if e.Status != "" {
			part("Status: ")
			b = span(b, "span", "status", "", line(e.Status))
		}
		if len(e.Actors) > 0 {
			part("Actors: ")
			for i, id := range e.Actors {
				if i > 0 {
					b = append(b, ", "...)
				}
				b = span(b, "span", "actor", line(id), line(actorName(t, e, i)))
			}
		}
		if len(e.Themes) > 0 {
			part("Themes: ")
			for i, id := range e.Themes {
				if i > 0 {
					b = append(b, ", "...)
				}
				b = span(b, "span", "theme", line(id), line(themeName(t, e, i)))
			}
		}
		if e.Location != "" {
			part("Location: ")
			b = span(b, "span", "location", "", line(e.Location))
		}
		if len(related) > 0 {
			part("Related: ")
			for i, id := range related {
				if i > 0 {
					b = append(b, ", "...)
				}
				title := id
				if r := t.Event(id); r != nil {
					title = r.Title
				}
				b = span(b, "span", "related", line(id), line(title))
			}
		}
		if publishers > 0 {
			part("Supported by: ")
			b = span(b, "span", "support", "", timeline.SupportWords(publishers))
		}
		if may {
			part("Date filter: ")
			b = span(b, "span", "may-fall", "", "may fall outside it")
		}
		b = append(b, "</p>"...)
	}
	if len(e.Sources) > 0 {
		// The event's id goes with its sources, which every event has, for a sheet, which
		// has no column for it.
		b = append(b, `<ol class="tlx-sources" data-id="`...)
		b = appendHTML(b, line(e.ID))
		b = append(b, `">`...)
		for i := range e.Sources {
			b = appendSourceItem(b, &e.Sources[i])
		}
		b = append(b, "</ol>"...)
	}
	return appendReader(b, ann, e)
}

// appendReader appends what the reader wrote about e, after the timeline's text, in a
// <div class="tlx-reader"> that timeline's reader of slides passes over, so that a
// reader's note never comes back as the timeline's text: a paragraph "Reader's mark:"
// with the labels, and one "Reader's note:" with the note, a <br> for each line end.
func appendReader(b []byte, ann timeline.Annotations, e *timeline.Event) []byte {
	marked, labels := readerMark(ann, e.ID)
	note := readerNote(ann, e.ID)
	if !marked && note == "" {
		return b
	}
	b = append(b, `<div class="tlx-reader">`...)
	if marked {
		b = append(b, "<p><strong>Reader&#39;s mark:</strong> "...)
		b = appendHTML(b, markWords(labels))
		b = append(b, "</p>"...)
	}
	if note != "" {
		b = append(b, "<p><strong>Reader&#39;s note:</strong>"...)
		for l := range strings.SplitSeq(note, "\n") {
			b = append(b, "<br>"...)
			b = appendHTML(b, l)
		}
		b = append(b, "</p>"...)
	}
	return append(b, "</div>"...)
}

// appendSourceItem appends a source as a list item: publisher, linked title, date of
// publication, via, quote.
func appendSourceItem(b []byte, s *timeline.Source) []byte {
	b = append(b, `<li class="tlx-source">`...)
	b = span(b, "span", "publisher", "", line(s.Publisher))
	title := line(s.Title)
	if target := timeline.LinkTarget(s.URL); target != "" {
		// The link's text is the title, or the address when there is none: the class
		// says which. data-id keeps the address as written when the link's differs.
		class, text := "title", title
		if title == "" {
			class, text = "url", timeline.DisplayURL(s.URL)
		}
		b = append(b, `, <a class="tlx-`...)
		b = append(b, class...)
		b = append(b, `" href="`...)
		b = appendHTML(b, target)
		if u := line(s.URL); u != target {
			b = append(b, `" data-id="`...)
			b = appendHTML(b, u)
		}
		b = append(b, `">`...)
		b = appendHTML(b, text)
		b = append(b, "</a>"...)
	} else if title != "" || s.URL != "" {
		b = append(b, ", "...)
		b = span(b, "cite", "title", line(s.URL), title)
	}
	if !s.Published.IsZero() {
		b = append(b, ", "...)
		b = span(b, "time", "published", s.Published.String(), s.Published.Long())
	}
	if via := line(s.Via); via != "" {
		b = append(b, ", via "...)
		b = span(b, "span", "via", "", via)
	}
	// Each quote a <q>, marked as the source's quote or one of its quotes; a quote's
	// paragraphs are apart by an empty line: <br><br>.
	first := true
	for k, q := range append([]string{s.Quote}, s.Quotes...) {
		if strings.TrimSpace(q) == "" {
			continue
		}
		if first {
			b = append(b, ": "...)
			first = false
		} else {
			b = append(b, " "...)
		}
		class := "quote"
		if k > 0 {
			class = "quotes"
		}
		b = append(b, `<q class="tlx-`...)
		b = append(b, class...)
		b = append(b, `">`...)
		for i, para := range timeline.Paragraphs(q) {
			if i > 0 {
				b = append(b, "<br><br>"...)
			}
			b = appendHTML(b, para)
		}
		b = append(b, "</q>"...)
	}
	return append(b, "</li>"...)
}

// HTMLParagraphs returns text as the HTML paragraphs a TimelineJS slide holds it in,
// escaped: for tests that read it back.
func HTMLParagraphs(text string) string { return string(appendParagraphs(nil, text)) }
