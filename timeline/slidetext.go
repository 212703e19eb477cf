package timeline

import "strings"

// slideText is what the HTML text of a slide holds: its summary, and the fields tlx's
// writer marked.
type slideText struct {
	id, summary, status, location string
	date                          When
	end                           Date
	actors, themes                []named
	related                       []string
	sources                       []Source
}

type named struct{ id, name string }

// readSlideText takes the HTML text of a slide to a summary in plain text and the fields
// tlx's writer marked with tlx-... classes.
func readSlideText(s string) slideText {
	var out slideText
	var summary textBuilder
	var capture *textBuilder
	var class, attrID, href, tagName string
	depth := 0
	where := "" // "about", "sources", "reader" or "" for the summary
	var src *Source
	done := func() {
		text := capture.String()
		switch class {
		case "date":
			if w, err := ParseWhen(attrID); err == nil {
				out.date = w
			}
		case "end":
			if w, err := ParseWhen(attrID); err == nil && !w.IsWindow() {
				out.end = w.From
			}
		case "status":
			out.status = text
		case "location":
			out.location = text
		case "actor":
			out.actors = append(out.actors, named{firstOf(attrID, text), text})
		case "theme":
			out.themes = append(out.themes, named{firstOf(attrID, text), text})
		case "related":
			out.related = append(out.related, firstOf(attrID, text))
		}
		if src == nil {
			return
		}
		switch class {
		case "publisher":
			src.Publisher = text
		case "title":
			src.Title = text
			src.URL = firstOf(attrID, href)
		case "url":
			src.URL = firstOf(attrID, href)
		case "published":
			if w, err := ParseWhen(attrID); err == nil && !w.IsWindow() {
				src.Published = w.From
			}
		case "via":
			src.Via = text
		case "quote":
			src.Quote = text
		case "quotes":
			src.Quotes = append(src.Quotes, text)
		}
	}
	scanHTML(s, func(t string) {
		switch {
		case capture != nil:
			capture.text(t)
		case where == "":
			summary.text(t)
		}
	}, func(t htmlTag) {
		if capture != nil {
			switch {
			case t.name == tagName && !t.end:
				depth++
			case t.name == tagName && t.end:
				depth--
				if depth == 0 {
					done()
					capture = nil
				}
			case t.name == "br":
				capture.lineBreak()
			}
			return
		}
		c, ours := strings.CutPrefix(t.class, "tlx-")
		switch {
		case where == "reader":
			// What a reader wrote (tlx export's tlx-reader block) is not the timeline's
			// text: it is passed over whole, to its </div>, which holds no other div.
			if t.end && t.name == "div" {
				where = ""
				summary.paragraph()
			}
		case !t.end && ours && c == "reader":
			where = "reader"
		case t.end && where == "about" && t.name == "p", t.end && where == "sources" && t.name == "ol":
			where = ""
			summary.paragraph()
		case !t.end && ours && c == "about":
			where = "about"
		case !t.end && ours && c == "sources":
			where = "sources"
			out.id = t.dataID
		case !t.end && ours && c == "source" && where == "sources":
			out.sources = append(out.sources, Source{})
			src = &out.sources[len(out.sources)-1]
		case !t.end && ours && where != "":
			capture, class, attrID, href, tagName, depth = &textBuilder{}, c, t.dataID, t.href, t.name, 1
		case where == "" && t.name == "br":
			summary.lineBreak()
		case where == "" && htmlBlocks[t.name]:
			summary.paragraph()
		}
	})
	out.summary = summary.String()
	return out
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
