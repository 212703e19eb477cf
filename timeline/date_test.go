package timeline

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr string // substring of the error; "" for success
	}{
		{in: "2024", want: Date{Year: 2024, Prec: Year}},
		{in: "2024-06", want: Date{Year: 2024, Month: time.June, Prec: Month}},
		{in: "2024-06-15", want: Date{Year: 2024, Month: time.June, Day: 15, Prec: Day}},
		{in: " 2024-02-29 ", want: Date{Year: 2024, Month: time.February, Day: 29, Prec: Day}},
		{in: "0001-01-01", want: Date{Year: 1, Month: time.January, Day: 1, Prec: Day}},
		{in: "2023-02-29", wantErr: "February 2023 has 28 days"},
		{in: "2024-02-30", wantErr: "February 2024 has 29 days"},
		{in: "2024-04-31", wantErr: "April 2024 has 30 days"},
		{in: "2024-13", wantErr: "month 13 does not exist"},
		{in: "2024-00", wantErr: "month 0 does not exist"},
		{in: "2024-06-00", wantErr: "has 30 days"},
		{in: "", wantErr: "want YYYY"},
		{in: "24", wantErr: "want YYYY"},
		{in: "2024-6", wantErr: "want YYYY"},
		{in: "2024-06-1", wantErr: "want YYYY"},
		{in: "2024/06/15", wantErr: "want YYYY"},
		{in: "2024-06-15-01", wantErr: "want YYYY"},
		{in: "June 2024", wantErr: "want YYYY"},
		{in: "-024", wantErr: "want YYYY"},
		{in: "+024", wantErr: "want YYYY"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !errors.Is(err, ErrDate) {
					t.Fatalf("ParseDate(%q) = %v, %v; want error containing %q", tt.in, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseDate(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
			}
			if round, _ := ParseDate(got.String()); round != got {
				t.Errorf("ParseDate(%q).String() does not round-trip: %q", tt.in, got.String())
			}
		})
	}
}

func TestDateFormats(t *testing.T) {
	tests := []struct {
		in, str, human, long, first, last string
	}{
		{"2024", "2024", "2024", "2024", "2024-01-01", "2024-12-31"},
		{"2024-02", "2024-02", "Feb 2024", "February 2024", "2024-02-01", "2024-02-29"},
		{"2023-02", "2023-02", "Feb 2023", "February 2023", "2023-02-01", "2023-02-28"},
		{"2024-06-05", "2024-06-05", "2024-06-05", "5 June 2024", "2024-06-05", "2024-06-05"},
	}
	for _, tt := range tests {
		d := MustDate(tt.in)
		got := []string{d.String(), d.Human(), d.Long(), d.First().String(), d.Last().String()}
		want := []string{tt.str, tt.human, tt.long, tt.first, tt.last}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: format %d = %q, want %q", tt.in, i, got[i], want[i])
			}
		}
	}
	if (Date{}).String() != "" || !(Date{}).IsZero() {
		t.Error("zero Date should print empty and be zero")
	}
}

func TestDateCompare(t *testing.T) {
	// Sorted as the contract says: by start, then the vaguer first.
	order := []string{"2023-12-31", "2024", "2024-01", "2024-01-01", "2024-01-02", "2024-02", "2025"}
	for i := range order {
		for j := range order {
			a, b := MustDate(order[i]), MustDate(order[j])
			got := a.Compare(b)
			switch {
			case i < j && got >= 0, i > j && got <= 0, i == j && got != 0:
				t.Errorf("Compare(%s, %s) = %d", order[i], order[j], got)
			}
		}
	}
	if (Date{}).Compare(MustDate("0001")) >= 0 {
		t.Error("zero Date should sort first")
	}
}

func TestDays(t *testing.T) {
	// days must agree with time.Time for every day over several centuries.
	start := time.Date(1899, 12, 25, 0, 0, 0, 0, time.UTC)
	for d := start; d.Year() < 2101; d = d.AddDate(0, 0, 1) {
		want := int(d.Unix() / 86400)
		if got := DateOf(d).days(); got != want {
			t.Fatalf("days(%s) = %d, want %d", d.Format(time.DateOnly), got, want)
		}
	}
}

func TestParseRange(t *testing.T) {
	tests := []struct {
		in, from, to string
		wantErr      string
	}{
		{in: "", from: "", to: ""},
		{in: "2024", from: "2024", to: "2024"},
		{in: "2024-06", from: "2024-06", to: "2024-06"},
		{in: "2024-06-01..2024-09-30", from: "2024-06-01", to: "2024-09-30"},
		{in: "2024..2025", from: "2024", to: "2025"},
		{in: "..2021", from: "", to: "2021"},
		{in: "2024-06..", from: "2024-06", to: ""},
		{in: " 2024 .. 2025 ", from: "2024", to: "2025"},
		{in: "2024-06..2024-06-10", from: "2024-06", to: "2024-06-10"},
		{in: "2025..2024", wantErr: "2024 is before 2025; swap them"},
		{in: "2024-06-15..2024-06-14", wantErr: "swap them"},
		{in: "..", wantErr: "give at least one side"},
		{in: "2024-13..", wantErr: "month 13 does not exist"},
		{in: "..2024-02-30", wantErr: "has 29 days"},
		{in: "soon", wantErr: "want YYYY"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := ParseRange(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseRange(%q) = %v, %v; want error containing %q", tt.in, r, err, tt.wantErr)
				}
				return
			}
			if err != nil || r.From.String() != tt.from || r.To.String() != tt.to {
				t.Fatalf("ParseRange(%q) = %s..%s, %v; want %s..%s", tt.in, r.From, r.To, err, tt.from, tt.to)
			}
			if again, err := ParseRange(r.String()); err != nil || again != r {
				t.Errorf("ParseRange(%q).String() = %q does not round-trip: %v, %v", tt.in, r.String(), again, err)
			}
		})
	}
}

func TestRangeHuman(t *testing.T) {
	tests := map[string]string{
		"2024":                   "2024",
		"2024-06-01..2024-09-30": "1 June 2024 to 30 September 2024",
		"..2021":                 "through 2021",
		"2024-06..":              "from June 2024",
		"":                       "",
	}
	for in, want := range tests {
		if got := mustRange(t, in).Human(); got != want {
			t.Errorf("ParseRange(%q).Human() = %q, want %q", in, got, want)
		}
	}
}

func mustRange(t *testing.T, s string) Range {
	t.Helper()
	r, err := ParseRange(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"2024", "2024-06-01..2024-09-30", "..2021", "2024-06..", "..", "2024-02-30", "9999-12-31..0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRange(s)
		if err != nil {
			return
		}
		// A range that parses prints back to itself and is never inverted.
		if again, err := ParseRange(r.String()); err != nil || again != r {
			t.Fatalf("ParseRange(%q) = %v; String %q reparses as %v, %v", s, r, r.String(), again, err)
		}
		if lo, hi := r.bounds(); lo > hi {
			t.Fatalf("ParseRange(%q) gives an inverted range %d > %d", s, lo, hi)
		}
	})
}

// TestParseWhen covers every form an event's date may take, and the exact message of
// every way to get one wrong.
func TestParseWhen(t *testing.T) {
	d := MustDate
	q := func(s string, qual Qualifier) Date { return d(s).withQual(qual) }
	tests := []struct {
		in      string
		want    When
		wantErr string // the whole message; "" for success
		hint    string
	}{
		{in: "2024-06-15", want: On(d("2024-06-15"))},
		{in: "2024-06", want: On(d("2024-06"))},
		{in: "2024", want: On(d("2024"))},
		{in: "2024-06~", want: On(q("2024-06", Approximate))},
		{in: "2024-06-15?", want: On(q("2024-06-15", Uncertain))},
		{in: "2024%", want: On(q("2024", Approximate|Uncertain))},
		{in: "2024-06..2024-07", want: When{d("2024-06"), d("2024-07")}},
		{in: " 2024-06 .. 2024-07 ", want: When{d("2024-06"), d("2024-07")}},
		{in: "..2026-02-04", want: When{To: d("2026-02-04")}},
		{in: "2024-08..", want: When{From: d("2024-08")}},
		{in: "2020..2024-08", want: When{d("2020"), d("2024-08")}},
		{in: "2024-07..2024-08-11", want: When{d("2024-07"), d("2024-08-11")}},
		{in: "2024-06-15..2024-06", want: When{d("2024-06-15"), d("2024-06")}}, // ends after it starts
		{in: "2024-06~..2024-08?", want: When{q("2024-06", Approximate), q("2024-08", Uncertain)}},
		{in: "2024-06..2024-06", want: On(d("2024-06"))}, // a window of one date is that date

		{in: "..", wantErr: `invalid date "..": a window needs a date on one side at least`,
			hint: `write "2024-06..2024-07" (between), "..2026-02-04" (by) or "2024-08.." (since)`},
		{in: "2024-07..2024-06", wantErr: `invalid date "2024-07..2024-06": the window ends (June 2024) before it starts (July 2024)`,
			hint: "swap its two sides"},
		{in: "2024-08-11..2024-07", wantErr: `invalid date "2024-08-11..2024-07": the window ends (July 2024) before it starts (11 August 2024)`,
			hint: "swap its two sides"},
		{in: "2025..2024-12-31", wantErr: `invalid date "2025..2024-12-31": the window ends (31 December 2024) before it starts (2025)`,
			hint: "swap its two sides"},
		{in: "2024-06...2024-07", wantErr: `invalid date "2024-06...2024-07": a window is two dates joined by two dots`,
			hint: `write "2024-06..2024-07" (between), "..2026-02-04" (by) or "2024-08.." (since)`},
		{in: "2024..2025..2026", wantErr: `invalid date "2024..2025..2026": a window is two dates joined by two dots`,
			hint: `write "2024-06..2024-07" (between), "..2026-02-04" (by) or "2024-08.." (since)`},
		{in: "2024-06..2024-7", wantErr: `invalid date "2024-06..2024-7": its end "2024-7": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{in: "June..2024-07", wantErr: `invalid date "June..2024-07": its start "June": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{in: "2024-06..2024-06-31", wantErr: `invalid date "2024-06..2024-06-31": its end "2024-06-31": June 2024 has 30 days`,
			hint: "check the calendar"},
		{in: "2024-13..", wantErr: `invalid date "2024-13..": its start "2024-13": month 13 does not exist`,
			hint: "check the calendar"},
		{in: "2024-06~~", wantErr: `invalid date "2024-06~~": one qualifier at most; % means both approximate and uncertain`},
		{in: "2024-06~?", wantErr: `invalid date "2024-06~?": one qualifier at most; % means both approximate and uncertain`},
		{in: "~2024-06", wantErr: `invalid date "~2024-06": a qualifier goes after the date: 2024-06~`},
		{in: "2024-06!", wantErr: `invalid date "2024-06!": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{in: "2024-06/2024-07", wantErr: `invalid date "2024-06/2024-07": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{in: "", wantErr: `invalid date "": want YYYY, YYYY-MM or YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWhen(tt.in)
			if tt.wantErr != "" {
				var de *DateError
				if err == nil || err.Error() != tt.wantErr || !errors.Is(err, ErrDate) || !errors.As(err, &de) || de.Hint != tt.hint {
					t.Fatalf("ParseWhen(%q) = %v, %v (hint %q)\nwant error %s (hint %q)", tt.in, got, err, hintOf(err), tt.wantErr, tt.hint)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseWhen(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
			}
			if again, err := ParseWhen(got.String()); err != nil || again != got {
				t.Errorf("ParseWhen(%q).String() = %q does not read back: %v, %v", tt.in, got.String(), again, err)
			}
		})
	}
}

func hintOf(err error) string {
	var de *DateError
	if errors.As(err, &de) {
		return de.Hint
	}
	return ""
}

// TestParseDateExact: a filter's dates are exact; the forms of a file's dates that are
// not say so.
func TestParseDateExact(t *testing.T) {
	for in, want := range map[string]string{
		"2024-06~":         `invalid date "2024-06~": ~ says how sure a timeline is of a date; here give the date alone, 2024-06`,
		"2024?":            `invalid date "2024?": ? says how sure a timeline is of a date; here give the date alone, 2024`,
		"2024-06..2024-07": `invalid date "2024-06..2024-07": a window of dates is not one date; want YYYY, YYYY-MM or YYYY-MM-DD`,
	} {
		if _, err := ParseDate(in); err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q) = %v, want %s", in, err, want)
		}
	}
}

// TestWhenWords is the wording every output shares: a window reads as a window, never as
// a duration.
func TestWhenWords(t *testing.T) {
	tests := []struct{ in, long, short string }{
		{"2024-06-15", "15 June 2024", "2024-06-15"},
		{"2024-06", "June 2024", "2024-06"},
		{"2024", "2024", "2024"},
		{"0999", "0999", "0999"},
		{"2024-06~", "about June 2024", "~2024-06"},
		{"2024-06-15?", "possibly 15 June 2024", "2024-06-15?"},
		{"2024%", "possibly about 2024", "~2024?"},
		{"2024-06..2024-07", "between June and July 2024", "2024-06..07"},
		{"2024-06..2025-01", "between June 2024 and January 2025", "2024-06..2025-01"},
		{"2024-08-09..2024-08-11", "between 9 and 11 August 2024", "2024-08-09..11"},
		{"2024-07-09..2024-08-11", "between 9 July and 11 August 2024", "2024-07-09..08-11"},
		{"2024-07..2024-08-11", "between July 2024 and 11 August 2024", "2024-07..08-11"},
		{"2020..2024-08", "between 2020 and August 2024", "2020..2024-08"},
		{"2020..2024", "between 2020 and 2024", "2020..2024"},
		{"2024-06~..2024-07", "between about June 2024 and July 2024", "~2024-06..2024-07"},
		{"..2026-02-04", "by 4 February 2026", "by 2026-02-04"},
		{"..2026-02~", "by about February 2026", "by ~2026-02"},
		{"2024-08..", "since August 2024", "since 2024-08"},
	}
	for _, tt := range tests {
		w := MustWhen(tt.in)
		if got := w.Long(); got != tt.long {
			t.Errorf("%s: Long = %q, want %q", tt.in, got, tt.long)
		}
		if got := w.Short(); got != tt.short {
			t.Errorf("%s: Short = %q, want %q", tt.in, got, tt.short)
		}
	}
}

// TestEventSpan: with an end, an event lasted; with a window as well, it began some day
// in the window.
func TestEventSpan(t *testing.T) {
	tests := []struct{ date, end, long, short string }{
		{"2024-06-15", "", "15 June 2024", "2024-06-15"},
		{"2024-06", "2024-09", "June 2024 to September 2024", "2024-06→"},
		{"2024-06", "2024-06", "June 2024", "2024-06"},
		{"2025-06..2025-09", "2025-09", "began between June and September 2025, ended September 2025", "2025-06..09→"},
		{"..2024-06", "2024-09", "began by June 2024, ended September 2024", "by 2024-06→"},
		{"2024-08..", "2024-12", "began in or after August 2024, ended December 2024", "since 2024-08→"},
		{"2024-06~", "2024-09", "about June 2024 to September 2024", "~2024-06→"},
	}
	for _, tt := range tests {
		e := &Event{Date: MustWhen(tt.date)}
		if tt.end != "" {
			e.End = MustDate(tt.end)
		}
		if got := e.Span(); got != tt.long {
			t.Errorf("%s, end %s: Span = %q, want %q", tt.date, tt.end, got, tt.long)
		}
		if got := e.ShortSpan(); got != tt.short {
			t.Errorf("%s, end %s: ShortSpan = %q, want %q", tt.date, tt.end, got, tt.short)
		}
	}
}

// TestWhenOrder: events sort at their anchor, the wider first; a window open at the start
// sorts at its end (its "by" day), never at the start of time.
func TestWhenOrder(t *testing.T) {
	order := []string{"2020..2024-08", "2020", "2023-12-31", "2024-06~", "2024-06..2024-07", "2024-06", "..2024-06-15", "2024-06-15", "2024-08..", "2024-08"}
	for i := range order {
		for j := range order {
			a, b := MustWhen(order[i]), MustWhen(order[j])
			got := a.Compare(b)
			switch {
			case i < j && got >= 0, i > j && got <= 0, i == j && got != 0:
				t.Errorf("Compare(%s, %s) = %d", order[i], order[j], got)
			}
		}
	}
}

// TestQualifiedSpan: a qualified date may be one unit of its precision either side.
func TestQualifiedSpan(t *testing.T) {
	for in, want := range map[string]string{
		"2024-06~":    "2024-05-01..2024-07-31",
		"2024-01?":    "2023-12-01..2024-02-29",
		"2024-12%":    "2024-11-01..2025-01-31",
		"2024~":       "2023-01-01..2025-12-31",
		"2024-03-01?": "2024-02-29..2024-03-02",
		"2024-06":     "2024-06-01..2024-06-30",
	} {
		lo, hi := MustWhen(in).span()
		if got := dayString(lo) + ".." + dayString(hi); got != want {
			t.Errorf("%s may stand for %s, want %s", in, got, want)
		}
	}
}

func dayString(n int) string {
	return time.Unix(int64(n)*86400, 0).UTC().Format(time.DateOnly)
}

func TestYearOfDay(t *testing.T) {
	start := time.Date(1599, 12, 25, 0, 0, 0, 0, time.UTC)
	for d := start; d.Year() < 2101; d = d.AddDate(0, 0, 1) {
		if got := yearOfDay(DateOf(d).days()); got != d.Year() {
			t.Fatalf("yearOfDay(%s) = %d", d.Format(time.DateOnly), got)
		}
	}
}

// FuzzParseWhen: whatever reads as a date prints back to itself, names a span that is
// not inverted, words itself without failing and sorts consistently with itself.
func FuzzParseWhen(f *testing.F) {
	for _, s := range []string{"2024", "2024-06-15", "2024-06~", "2024-06..2024-07", "..2026-02-04", "2024-08..",
		"2020..2024-08", "2024-07..2024-08-11", "2024-06-15?..2024-06%", "..", "2024-07..2024-06", "~2024", "9999-12-31..0000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWhen(s)
		if err != nil {
			var de *DateError
			if !errors.As(err, &de) || !errors.Is(err, ErrDate) {
				t.Fatalf("ParseWhen(%q): error %v is not a *DateError", s, err)
			}
			return
		}
		if w.IsZero() {
			t.Fatalf("ParseWhen(%q) = the zero When without an error", s)
		}
		again, err := ParseWhen(w.String())
		if err != nil || again != w {
			t.Fatalf("ParseWhen(%q) = %#v; String %q reads back as %#v, %v", s, w, w.String(), again, err)
		}
		if lo, hi := w.span(); lo > hi {
			t.Fatalf("ParseWhen(%q) may stand for days %d..%d", s, lo, hi)
		}
		if w.Compare(w) != 0 || w.Long() == "" || w.Short() == "" {
			t.Fatalf("ParseWhen(%q): Compare with itself %d, Long %q, Short %q", s, w.Compare(w), w.Long(), w.Short())
		}
		if !w.IsWindow() {
			if d, err := ParseDate(s); err == nil && d != w.From {
				t.Fatalf("ParseDate(%q) = %v but ParseWhen gives %v", s, d, w.From)
			}
		}
	})
}

func TestPossible(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"2024-06-15", "2024-06-15", "2024-06-15"},
		{"2024-06", "2024-06-01", "2024-06-30"},
		{"2024", "2024-01-01", "2024-12-31"},
		{"2024-06~", "2024-05-01", "2024-07-31"},
		{"2024-01?", "2023-12-01", "2024-02-29"},
		{"2024%", "2023-01-01", "2025-12-31"},
		{"2024-03-01~", "2024-02-29", "2024-03-02"},
		{"2024-06..2024-07", "2024-06-01", "2024-07-31"},
		{"..2026-02-04", "", "2026-02-04"},
		{"2024-08..", "2024-08-01", ""},
	}
	for _, tt := range tests {
		first, last := MustWhen(tt.in).Possible()
		if first.String() != tt.first || last.String() != tt.last {
			t.Errorf("%s: %s..%s, want %s..%s", tt.in, first, last, tt.first, tt.last)
		}
	}
}
