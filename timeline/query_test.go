package timeline_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in    string
		parts map[timeline.FilterKind][]string
		want  string // the canonical text
	}{
		{"", nil, ""},
		{"   \t ", nil, ""},
		{`actor:routh theme:cyber from:2024-06 to:2024-09 "golf course"`,
			map[timeline.FilterKind][]string{timeline.ActorFilter: {"routh"}, timeline.ThemeFilter: {"cyber"},
				timeline.FromFilter: {"2024-06"}, timeline.ToFilter: {"2024-09"}, timeline.TextFilter: {"golf course"}},
			`actor:routh theme:cyber from:2024-06 to:2024-09 "golf course"`},
		{`"golf course" to:2024-09 from:2024-06 Theme:cyber ACTOR:routh`, nil,
			`actor:routh theme:cyber from:2024-06 to:2024-09 "golf course"`},
		{"actor:iran,us", map[timeline.FilterKind][]string{timeline.ActorFilter: {"iran", "us"}}, "actor:iran,us"},
		{`actor:iran,"Donald  Trump",`, map[timeline.FilterKind][]string{timeline.ActorFilter: {"iran", "Donald Trump"}}, `actor:iran,"Donald Trump"`},
		{`actor:iran,IRAN,Iran`, map[timeline.FilterKind][]string{timeline.ActorFilter: {"iran"}}, `actor:iran`},
		{`location:"Fort Pierce, Florida",Oman`, map[timeline.FilterKind][]string{timeline.LocationFilter: {"Fort Pierce, Florida", "Oman"}},
			`location:"Fort Pierce, Florida",Oman`},
		{`publisher:"The Associated Press"`, map[timeline.FilterKind][]string{timeline.PublisherFilter: {"The Associated Press"}}, `publisher:"The Associated Press"`},
		{"status:alleged,denied", map[timeline.FilterKind][]string{timeline.StatusFilter: {"alleged", "denied"}}, "status:alleged,denied"},
		{"phishing  aides", map[timeline.FilterKind][]string{timeline.TextFilter: {"phishing", "aides"}}, "phishing aides"},
		{`search:hack search:"golf course" more`, map[timeline.FilterKind][]string{timeline.TextFilter: {"hack", "golf course", "more"}},
			`hack "golf course" more`},
		{`"a \"quoted\" word" back\slash`, map[timeline.FilterKind][]string{timeline.TextFilter: {`a "quoted" word`, `back\slash`}},
			`"a \"quoted\" word" back\slash`},
		{`"10:30" 11:45 meeting`, map[timeline.FilterKind][]string{timeline.TextFilter: {"10:30", "11:45", "meeting"}}, `"10:30" "11:45" meeting`},
		{`""  "  "`, nil, ""},
		{`word"phrase here"`, map[timeline.FilterKind][]string{timeline.TextFilter: {"word", "phrase here"}}, `word "phrase here"`},
		{"from:2024-06-15", map[timeline.FilterKind][]string{timeline.FromFilter: {"2024-06-15"}}, "from:2024-06-15"},
		{"location:a:b", map[timeline.FilterKind][]string{timeline.LocationFilter: {"a:b"}}, "location:a:b"},
		{"x\u00a0y", map[timeline.FilterKind][]string{timeline.TextFilter: {"x", "y"}}, "x y"},
		{"within:2024-08", map[timeline.FilterKind][]string{timeline.WithinFilter: {"2024-08"}}, "within:2024-08"},
		{"within:2024-06..2024-09 from:2024", map[timeline.FilterKind][]string{timeline.WithinFilter: {"2024-06..2024-09"}, timeline.FromFilter: {"2024"}},
			"from:2024 within:2024-06..2024-09"},
		{"within:..2021", map[timeline.FilterKind][]string{timeline.WithinFilter: {"..2021"}}, "within:..2021"},
		{"within:2024-06..2024-06", map[timeline.FilterKind][]string{timeline.WithinFilter: {"2024-06"}}, "within:2024-06"},
		{"sources:2..", map[timeline.FilterKind][]string{timeline.SourcesFilter: {"2.."}}, "sources:2.."},
		{"sources:1 actor:iran", map[timeline.FilterKind][]string{timeline.SourcesFilter: {"1"}}, "actor:iran sources:1"},
		{"sources:1..3", map[timeline.FilterKind][]string{timeline.SourcesFilter: {"..3"}}, "sources:..3"},
		{"sources:2..2", map[timeline.FilterKind][]string{timeline.SourcesFilter: {"2"}}, "sources:2"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			f, err := timeline.ParseQuery(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
			for k, want := range tt.parts {
				if got := f.Values(k); !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			back, err := timeline.ParseQuery(f.String())
			if err != nil || !back.Equal(f) {
				t.Errorf("ParseQuery(%q) = %q, %v; want the same filter", f.String(), back, err)
			}
		})
	}
}

func TestParseQueryErrors(t *testing.T) {
	tests := []struct {
		in       string
		sentinel error
		want     string
	}{
		{"actr:routh", timeline.ErrQuery, `invalid query: unknown key "actr" at column 1; did you mean "actor"? Put text with a colon in quotes`},
		{"see https://example.com", timeline.ErrQuery, `invalid query: unknown key "https" at column 5; the keys are actor, theme, status, location, publisher, sources, from, to, within, marked, search; put text with a colon in quotes`},
		{`actor:"iran`, timeline.ErrQuery, "invalid query: the quote at column 7 is never closed"},
		{`golf "course`, timeline.ErrQuery, "invalid query: the quote at column 6 is never closed"},
		{"actor: iran", timeline.ErrQuery, "invalid query: actor: at column 1 has no value; write it as actor:value"},
		{"actor:iran actor:us", timeline.ErrQuery, "invalid query: actor: appears twice, at column 12; write actor:a,b for any of several"},
		{"from:2024,2025", timeline.ErrQuery, "invalid query: from: takes one value, at column 1"},
		{`actor:iran"x"`, timeline.ErrQuery, `invalid query: unexpected '"' at column 11; put a space between items`},
		{"from:2024-13", timeline.ErrDate, `from: invalid date "2024-13": month 13 does not exist`},
		{"to:June", timeline.ErrDate, `to: invalid date "June": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{"from:2025 to:2024", timeline.ErrDate, "to:2024 is before from:2025; swap them"},
		{"within:2024-09..2024-06", timeline.ErrDate, "within: invalid date range: 2024-06 is before 2024-09; swap them"},
		{"within:2024-08..2024-07-31~", timeline.ErrDate, `within: invalid date "2024-07-31~": ~ says how sure a timeline is of a date; here give the date alone, 2024-07-31`},
		{"sources:0", timeline.ErrCount, `sources: invalid count "0": every event has one publisher at least; give 1 or more`},
		{"sources:many", timeline.ErrCount, `sources: invalid count "many": want a number of publishers, such as 2, 2.. (two or more) or 1..3`},
		{"sources:3..1", timeline.ErrCount, `sources: invalid count "3..1": 1 is less than 3; swap them`},
		{"sources:..", timeline.ErrCount, `sources: invalid count "..": give at least one side, as in 2.. or ..2`},
		{"sources:1,2", timeline.ErrQuery, "invalid query: sources: takes one value, at column 1"},
	}
	for _, tt := range tests {
		_, err := timeline.ParseQuery(tt.in)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.sentinel) {
			t.Errorf("ParseQuery(%q) error = %v\nwant %q", tt.in, err, tt.want)
		}
	}
}

// TestFilterRoundTrip builds filters through With, which a program does, and checks that
// their text reads back as the same filter.
func TestFilterRoundTrip(t *testing.T) {
	f := timeline.Filter{}
	filters := []timeline.Filter{
		f,
		f.With(timeline.ActorFilter, " Donald   Trump ", "iran", "IRAN", ""),
		f.With(timeline.LocationFilter, "Fort Pierce, Florida").With(timeline.PublisherFilter, `Say "hi", Inc.`),
		f.With(timeline.TextFilter, "a:b", "golf course", `quote"d`, `back\`, "x,y").With(timeline.StatusFilter, "denied"),
		f.WithDates(timeline.Range{From: timeline.MustDate("2024-06"), To: timeline.MustDate("2024-06")}),
		f.WithText(`phishing "golf  course" routh "unclosed`),
		f.With(timeline.FromFilter, "2024", "2025"),
	}
	for _, f := range filters {
		back, err := timeline.ParseQuery(f.String())
		if err != nil || !back.Equal(f) {
			t.Errorf("ParseQuery(%q) = %q, %v; want the same filter", f.String(), back, err)
		}
	}
	if got := filters[6].Values(timeline.FromFilter); !slices.Equal(got, []string{"2025"}) {
		t.Errorf("from keeps %q, want the last value", got)
	}
	if got := filters[5].Values(timeline.TextFilter); !slices.Equal(got, []string{"phishing", "golf course", "routh", "unclosed"}) {
		t.Errorf("WithText gives %q", got)
	}
}

// FuzzParseQuery checks that whatever parses prints as text that parses back to the same
// filter, and prints the same again.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{
		`actor:routh theme:cyber from:2024-06 to:2024-09 "golf course"`,
		`location:"Fort Pierce, Florida",Oman publisher:Reuters`,
		`"a \"b\" c" d\e search:x,y status:alleged`,
		`"10:30" a,b ,c`, "x\u00a0\u0085y\x00", `word"phrase`, "actor:,a,,", "from:2024-02-29",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := timeline.ParseQuery(s)
		if err != nil {
			return
		}
		text := q.String()
		back, err := timeline.ParseQuery(text)
		if err != nil {
			t.Fatalf("ParseQuery(%q) = %q, which does not parse: %v", s, text, err)
		}
		if !back.Equal(q) {
			t.Fatalf("ParseQuery(%q) = %q; read back as %q", s, text, back)
		}
		if again := back.String(); again != text {
			t.Fatalf("printed %q, then %q", text, again)
		}
		if err := q.Check(); err != nil {
			t.Fatalf("ParseQuery(%q) gave a filter Check rejects: %v", s, err)
		}
	})
}

func TestParseArg(t *testing.T) {
	tests := []struct {
		k    timeline.FilterKind
		arg  string
		want []string
		err  string
	}{
		{timeline.ActorFilter, "iran, us,", []string{"iran", "us"}, ""},
		{timeline.ActorFilter, `"Trump, Donald",iran`, []string{"Trump, Donald", "iran"}, ""},
		{timeline.LocationFilter, "Fort Pierce, Florida", []string{"Fort Pierce, Florida"}, ""},
		{timeline.PublisherFilter, "Reuters,AP", []string{"Reuters", "AP"}, ""},
		{timeline.FromFilter, "2024-06", []string{"2024-06"}, ""},
		{timeline.FromFilter, "2024-6", nil, `from: invalid date "2024-6": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{timeline.TextFilter, `"hack" campaign "golf  course"`, []string{"hack", "campaign", "golf course"}, ""},
		{timeline.ActorFilter, `"iran`, nil, "invalid query: the quote at column 1 is never closed"},
	}
	for _, tt := range tests {
		got, err := tt.k.ParseArg(tt.arg)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s.ParseArg(%q) error = %v, want %q", tt.k, tt.arg, err, tt.err)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s.ParseArg(%q) = %q, %v; want %q", tt.k, tt.arg, got, err, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	tl := fixture()
	tests := []struct {
		q    string
		want string // kind|label|values|quoted, one part a line
	}{
		{"actor:tehran,trump status:Alleged", "actor|actors|Iran,Donald Trump|false\nstatus|status|alleged|false"},
		{"from:2024-06 to:2024-09", "dates|dated|June 2024 to September 2024|false"},
		{"to:2021", "dates|dated|through 2021|false"},
		{"from:2024", "dates|dated|from 2024|false"},
		{"from:2024 to:2024", "dates|dated|2024|false"},
		{`location:iraq publisher:REUTERS "golf course" x`, `location|location|Iraq|false` + "\npublisher|publisher|Reuters|false\n" + `search|text matching|"golf course" x|true`},
	}
	for _, tt := range tests {
		var lines []string
		for _, w := range query(t, tt.q).Words(tl) {
			lines = append(lines, strings.Join([]string{w.Kind, w.Label, strings.Join(w.Values, ","), map[bool]string{true: "true", false: "false"}[w.Quoted]}, "|"))
		}
		if got := strings.Join(lines, "\n"); got != tt.want {
			t.Errorf("Words(%q) =\n%s\nwant\n%s", tt.q, got, tt.want)
		}
	}
	// Without a timeline the values are as given.
	if w := query(t, "actor:tehran").Words(nil); w[0].Values[0] != "tehran" {
		t.Errorf("Words(nil) = %+v", w)
	}
}

func TestFileName(t *testing.T) {
	tests := []struct{ q, want string }{
		{"", "tlx-timeline.md"},
		{"actor:iran from:2024 to:2024", "tlx-iran-2024.md"},
		{`theme:"Cyber Ops" from:2024-06`, "tlx-cyber-ops-from-2024-06.md"},
		{`to:2021 "../etc" x/y`, "tlx-to-2021-etc-x-y.md"},
		{"from:2024-06 to:2024-09 status:alleged", "tlx-alleged-2024-06-to-2024-09.md"},
		{`location:"Fort Pierce, Florida" publisher:Reuters`, "tlx-fort-pierce-florida-reuters.md"},
		{"search:" + strings.Repeat("long ", 3) + strings.Repeat("x", 70), "tlx-long.md"},
		{"actor:" + strings.Repeat("a", 30) + "," + strings.Repeat("b", 30) + ",c", "tlx-" + strings.Repeat("a", 30) + ".md"},
	}
	for _, tt := range tests {
		if got := query(t, tt.q).FileName(".md"); got != tt.want {
			t.Errorf("FileName(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestFilterValue(t *testing.T) {
	a := query(t, "actor:iran theme:cyber")
	b := a.With(timeline.ThemeFilter, "election")
	if got := a.String(); got != "actor:iran theme:cyber" {
		t.Errorf("With changed the filter it was called on: %q", got)
	}
	vals := b.Values(timeline.ActorFilter)
	vals[0] = "changed"
	if got := b.String(); got != "actor:iran theme:election" {
		t.Errorf("writing to Values changed the filter: %q", got)
	}
	if !b.Without(timeline.ThemeFilter).Equal(query(t, "actor:iran")) || !b.Without(timeline.ActorFilter).Without(timeline.ThemeFilter).IsZero() {
		t.Error("Without does not remove")
	}
	parts := query(t, `"golf course" to:2024 actor:x`).Parts()
	if len(parts) != 3 || parts[0].Kind != timeline.ActorFilter || parts[1].Kind != timeline.ToFilter || parts[2].Kind != timeline.TextFilter {
		t.Errorf("Parts = %+v, want table order", parts)
	}
}

func TestFilterKinds(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range timeline.FilterKinds() {
		name := k.Name()
		if name == "" || seen[name] || k.Usage() == "" {
			t.Errorf("kind %d: name %q, usage %q", k, name, k.Usage())
		}
		seen[name] = true
		if got, ok := timeline.FilterKindNamed(strings.ToUpper(name)); !ok || got != k {
			t.Errorf("FilterKindNamed(%q) = %v, %v", name, got, ok)
		}
	}
	for _, name := range []string{"actor", "theme", "status", "location", "publisher", "from", "to", "search"} {
		if !seen[name] {
			t.Errorf("no kind %q", name)
		}
	}
}

func TestSteps(t *testing.T) {
	tests := []struct {
		q    string
		want []string
	}{
		{"", nil},
		{"actor:iran", []string{"actor:iran"}},
		{"actor:iran theme:cyber from:2024 to:2024 x", []string{"actor:iran", "actor:iran theme:cyber",
			"actor:iran theme:cyber from:2024 to:2024", "actor:iran theme:cyber from:2024 to:2024 x"}},
		{"to:2021 publisher:AP", []string{"publisher:AP", "publisher:AP to:2021"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range query(t, tt.q).Steps() {
			got = append(got, s.String())
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Steps(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}
