// Package timelinetest generates synthetic timelines of any size for tests and benchmarks:
// a registry of actors and themes, events with mixed date precisions and spans, statuses,
// related events, and one to three sources each with quotes and some URLs. The output is
// a valid timeline file; the same n and seed always give the same bytes.
//
// A 100,000-event timeline is about 75 MB of TOML, the size issue 6 measures.
package timelinetest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/tlx-dev/tlx/timeline"
)

// Generate returns a valid TOML timeline of n events built from seed.
func Generate(n int, seed int64) []byte {
	g := generate(n, seed)
	var b bytes.Buffer
	b.Grow(n*780 + 8192)
	g.write(&b)
	return b.Bytes()
}

// GenerateTimeline returns the timeline Generate(n, seed) describes, built directly with
// timeline.New rather than parsed, so it costs little even for large n.
func GenerateTimeline(n int, seed int64) *timeline.Timeline {
	g := generate(n, seed)
	events := make([]timeline.Event, len(g.events))
	copy(events, g.events)
	return timeline.New(g.title, g.description, g.actors, g.themes, events)
}

type generated struct {
	title, description string
	actors             []timeline.Actor
	themes             []timeline.Theme
	events             []timeline.Event
}

var actorSeeds = []struct{ id, name, kind string }{
	{"iran", "Iran", "state"}, {"us", "United States", "state"}, {"russia", "Russia", "state"},
	{"china", "China", "state"}, {"israel", "Israel", "state"}, {"oman", "Oman", "state"},
	{"qatar", "Qatar", "state"}, {"turkiye", "Türkiye", "state"}, {"iraq", "Iraq", "state"},
	{"irgc", "Islamic Revolutionary Guard Corps", "agency"}, {"fbi", "FBI", "agency"},
	{"doj", "US Department of Justice", "agency"}, {"odni", "Office of the DNI", "agency"},
	{"cisa", "CISA", "agency"}, {"mossad", "Mossad", "agency"}, {"hezbollah", "Hezbollah", "group"},
	{"houthis", "Houthis", "group"}, {"trump", "Donald Trump", "person"},
	{"biden", "Joe Biden", "person"}, {"harris", "Kamala Harris", "person"},
	{"khamenei", "Ali Khamenei", "person"}, {"araghchi", "Abbas Araghchi", "person"},
	{"witkoff", "Steve Witkoff", "person"}, {"microsoft", "Microsoft", "company"},
	{"google", "Google", "company"}, {"openai", "OpenAI", "company"}, {"meta", "Meta", "company"},
	{"un", "United Nations", "organization"}, {"iaea", "IAEA", "organization"},
	{"reuters", "Reuters", "media"}, {"ap", "Associated Press", "media"},
}

var themeSeeds = []struct{ id, name string }{
	{"cyber", "Cyber operations"}, {"influence", "Influence operations"},
	{"plots", "Assassination plots"}, {"military", "Military action"},
	{"diplomacy", "Diplomacy"}, {"nuclear", "Nuclear programme"}, {"sanctions", "Sanctions"},
	{"elections", "US elections"}, {"courts", "Courts and charges"}, {"proxies", "Proxy forces"},
	{"oil", "Oil and shipping"}, {"media", "Media and disinformation"},
}

var publishers = []string{
	"Reuters", "Associated Press", "Asharq Al-Awsat", "The New York Times", "The Washington Post",
	"BBC News", "Al Jazeera", "Financial Times", "Politico", "The Guardian", "Axios", "CNN",
}

var places = []string{
	"Tehran, Iran", "Washington, DC", "Baghdad, Iraq", "Muscat, Oman", "Doha, Qatar",
	"New York, NY", "Geneva, Switzerland", "Vienna, Austria", "Butler, Pennsylvania",
	"West Palm Beach, Florida", "Tel Aviv, Israel", "Beirut, Lebanon", "Sanaa, Yemen", "",
}

var words = strings.Fields(`
officials said the campaign targeted accounts linked to senior advisers and staff while
investigators traced servers payments and messages across several countries before charges
were filed in federal court the ministry denied any role and called the report fabricated
analysts noted that the timing matched earlier operations against election infrastructure
diplomats met for talks on the programme sanctions relief and the release of detainees as
forces struck positions near the border and the guard corps warned of retaliation against
bases in the region while a spokesman confirmed the arrests of suspects accused of plotting
attacks on former officials a grand jury indictment described recruiting agents through
intermediaries and encrypted applications for surveillance of homes offices and travel
routes the agency reported phishing emails impersonating journalists and think tanks with
malicious links to harvest passwords from campaign aides and volunteers according to people
familiar with the matter who spoke on condition of anonymity because they were not authorised
to discuss the intelligence publicly the statement said negotiations would resume next week`)

var titleVerbs = []string{
	"accuses", "charges", "meets", "strikes", "warns", "sanctions", "targets", "denies",
	"confirms", "hacks", "threatens", "releases", "indicts", "rejects", "proposes",
}

var titleObjects = []string{
	"over hacking of campaign emails", "after drone attack near base", "on nuclear talks in Muscat",
	"in alleged plot against former official", "over influence operation on social media",
	"amid new sanctions on oil exports", "about election interference", "after detainee swap",
	"over missile launches", "in phishing campaign against aides", "at United Nations session",
}

func generate(n int, seed int64) *generated {
	r := rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15))
	g := &generated{
		title:       fmt.Sprintf("Synthetic timeline, %d events (seed %d)", n, seed),
		description: "A generated timeline for tests and benchmarks.\n\nEvery event, actor and source in it is made up.",
	}
	for _, a := range actorSeeds {
		act := timeline.Actor{ID: a.id, Name: a.name, Kind: a.kind}
		if r.IntN(3) == 0 {
			act.Aliases = []string{strings.ToUpper(a.id[:1]) + a.id[1:] + " group"}
		}
		if r.IntN(2) == 0 {
			act.Description = sentence(r, 8+r.IntN(12))
		}
		g.actors = append(g.actors, act)
	}
	for _, th := range themeSeeds {
		g.themes = append(g.themes, timeline.Theme{ID: th.id, Name: th.name, Description: sentence(r, 6+r.IntN(6))})
	}
	start := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	// Spread the events over days so that dates repeat at large n, as they do in real files.
	spreadDays := 36 * 365
	g.events = make([]timeline.Event, n)
	for i := range n {
		day := start.AddDate(0, 0, i*spreadDays/max(n, 1)+r.IntN(20))
		e := &g.events[i]
		e.ID = "e" + strconv.Itoa(i+1) + "-" + words[r.IntN(len(words))]
		e.Pos = i + 1
		e.Date = timeline.On(dateAt(day, r))
		if r.IntN(8) == 0 {
			e.End = dateAt(day.AddDate(0, r.IntN(6), 1+r.IntN(60)), r)
			if e.End.Last().Compare(e.Date.First()) < 0 {
				e.End = timeline.Date{}
			}
		}
		// One event in twenty is dated by a window, as careful timelines are, chosen by
		// position so that the random draws, and so every other field, stay as they were.
		if i%20 == 3 && e.End.IsZero() {
			later := timeline.DateOf(day.AddDate(0, 1, 0))
			later.Day, later.Prec = 0, timeline.Month
			switch i / 20 % 3 {
			case 0:
				e.Date.To = later // between
			case 1:
				e.Date.From = timeline.Date{} // by
			case 2:
				e.Date.To = timeline.Date{} // since
			}
		}
		actor := actorSeeds[r.IntN(len(actorSeeds))].name
		e.Title = actor + " " + titleVerbs[r.IntN(len(titleVerbs))] + " " +
			titleObjects[r.IntN(len(titleObjects))]
		e.Summary = paragraphs(r)
		for range 1 + r.IntN(3) {
			e.Actors = appendNew(e.Actors, actorSeeds[r.IntN(len(actorSeeds))].id)
		}
		for range 1 + r.IntN(2) {
			e.Themes = appendNew(e.Themes, themeSeeds[r.IntN(len(themeSeeds))].id)
		}
		e.Location = places[r.IntN(len(places))]
		if r.IntN(5) != 0 {
			e.Status = timeline.Statuses[r.IntN(len(timeline.Statuses))]
		}
		if i > 0 && r.IntN(4) == 0 {
			e.Related = []string{g.events[r.IntN(i)].ID}
		}
		for range 1 + r.IntN(3)*r.IntN(2) { // one source in most events, up to three
			e.Sources = append(e.Sources, source(r, day))
		}
	}
	return g
}

func dateAt(t time.Time, r *rand.Rand) timeline.Date {
	d := timeline.DateOf(t)
	switch r.IntN(10) {
	case 0:
		return timeline.Date{Year: d.Year, Prec: timeline.Year}
	case 1, 2:
		return timeline.Date{Year: d.Year, Month: d.Month, Prec: timeline.Month}
	}
	return d
}

func source(r *rand.Rand, day time.Time) timeline.Source {
	s := timeline.Source{Publisher: publishers[r.IntN(len(publishers))]}
	if r.IntN(4) != 0 {
		s.Title = capitalise(sentence(r, 5+r.IntN(6)))
	}
	if r.IntN(2) == 0 {
		s.URL = "https://news.example.com/" + strconv.Itoa(day.Year()) + "/" +
			strings.ReplaceAll(sentence(r, 3+r.IntN(3)), " ", "-")
	}
	if r.IntN(3) != 0 {
		s.Published = timeline.DateOf(day.AddDate(0, 0, r.IntN(400)))
	}
	if r.IntN(6) == 0 {
		s.Via = "Asharq Al-Awsat"
	}
	if r.IntN(5) != 0 {
		s.Quote = capitalise(sentence(r, 6+r.IntN(10))) + "."
	}
	return s
}

func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	return b.String()
}

func paragraphs(r *rand.Rand) string {
	var b strings.Builder
	for p := range 1 + r.IntN(2) {
		if p > 0 {
			b.WriteString("\n\n")
		}
		for s := range 1 + r.IntN(3) {
			if s > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(capitalise(sentence(r, 5+r.IntN(12))))
			b.WriteByte('.')
		}
	}
	return b.String()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// write renders the timeline as TOML. Dates alternate between TOML local dates and
// strings, as hand-written files do; text never needs escaping beyond what str does.
func (g *generated) write(b *bytes.Buffer) {
	fmt.Fprintf(b, "title = %s\ndescription = %s\n\n", str(g.title), mstr(g.description))
	for _, a := range g.actors {
		fmt.Fprintf(b, "[[actors]]\nid = %s\nname = %s\nkind = %s\n", str(a.ID), str(a.Name), str(a.Kind))
		if len(a.Aliases) > 0 {
			fmt.Fprintf(b, "aliases = %s\n", list(a.Aliases))
		}
		if a.Description != "" {
			fmt.Fprintf(b, "description = %s\n", str(a.Description))
		}
		b.WriteByte('\n')
	}
	for _, th := range g.themes {
		fmt.Fprintf(b, "[[themes]]\nid = %s\nname = %s\ndescription = %s\n\n", str(th.ID), str(th.Name), str(th.Description))
	}
	for i := range g.events {
		e := &g.events[i]
		b.WriteString("[[events]]\nid = ")
		b.WriteString(str(e.ID))
		b.WriteString("\ndate = ")
		b.WriteString(when(e.Date))
		if !e.End.IsZero() {
			b.WriteString("\nend = ")
			b.WriteString(date(e.End))
		}
		b.WriteString("\ntitle = ")
		b.WriteString(str(e.Title))
		b.WriteString("\nsummary = ")
		b.WriteString(mstr(e.Summary))
		b.WriteString("\nactors = ")
		b.WriteString(list(e.Actors))
		b.WriteString("\nthemes = ")
		b.WriteString(list(e.Themes))
		if e.Location != "" {
			b.WriteString("\nlocation = ")
			b.WriteString(str(e.Location))
		}
		if e.Status != "" {
			b.WriteString("\nstatus = ")
			b.WriteString(str(e.Status))
		}
		if len(e.Related) > 0 {
			b.WriteString("\nrelated = ")
			b.WriteString(list(e.Related))
		}
		b.WriteByte('\n')
		for _, s := range e.Sources {
			b.WriteString("\n  [[events.sources]]\n  publisher = ")
			b.WriteString(str(s.Publisher))
			b.WriteByte('\n')
			if s.Title != "" {
				b.WriteString("  title = " + str(s.Title) + "\n")
			}
			if s.URL != "" {
				b.WriteString("  url = " + str(s.URL) + "\n")
			}
			if !s.Published.IsZero() {
				b.WriteString("  published = " + date(s.Published) + "\n")
			}
			if s.Via != "" {
				b.WriteString("  via = " + str(s.Via) + "\n")
			}
			if s.Quote != "" {
				b.WriteString("  quote = " + str(s.Quote) + "\n")
			}
		}
		b.WriteByte('\n')
	}
}

// date writes a day as a TOML local date and a vaguer date as a string, the only way TOML
// can hold it.
func date(d timeline.Date) string {
	if d.Prec == timeline.Day {
		return d.String()
	}
	return `"` + d.String() + `"`
}

// when writes an event's date: a day as a TOML local date, anything else as a string.
func when(w timeline.When) string {
	if !w.IsWindow() {
		return date(w.From)
	}
	return `"` + w.String() + `"`
}

func str(s string) string { return strconv.Quote(s) }

func mstr(s string) string { return `"""` + "\n" + s + `"""` }

func list(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = str(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
