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
