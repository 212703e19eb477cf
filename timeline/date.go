package timeline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

// Precisions from vaguest to most exact. The zero Precision marks the zero Date.
const (
	Year Precision = iota + 1
	Month
	Day
)

// String returns "year", "month" or "day".
func (p Precision) String() string {
	switch p {
	case Year:
		return "year"
	case Month:
		return "month"
	case Day:
		return "day"
	}
	return "none"
}

// Date is a civil date known to a precision: "2024" is some day in 2024, "2024-06" some day
// in June 2024. No time zone ever moves it. Qual carries EDTF's qualifiers: "2024-06~" is
// about June 2024. The zero Date means "no date". An event's date may be a window of two
// Dates: see When.
type Date struct {
	Year  int
	Month time.Month // 0 when Precision is Year
	Day   int        // 0 unless Precision is Day
	Prec  Precision
	Qual  Qualifier
}

// Qualifier is what EDTF (ISO 8601-2) lets a date say about itself: that it is
// approximate ("2024-06~"), uncertain ("2024-06?"), or both ("2024-06%"). tlx reads a
// qualified date as give or take one unit of its precision (about June 2024 may be any day
// from May to July 2024), so that a filter never treats it as certain.
type Qualifier uint8

// The qualifiers; Approximate|Uncertain is EDTF's "%".
const (
	Approximate Qualifier = 1 << iota // "~": about this date
	Uncertain                         // "?": this date, but the source is not sure of it
)

// String returns the qualifier as EDTF writes it after a date: "~", "?", "%" or "".
func (q Qualifier) String() string {
	switch q {
	case Approximate:
		return "~"
	case Uncertain:
		return "?"
	case Approximate | Uncertain:
		return "%"
	}
	return ""
}

// ErrDate is wrapped by every error about a malformed or impossible date.
var ErrDate = errors.New("invalid date")

// DateError is a date, or a window of dates, that does not parse. Its message reads
// `invalid date "2024-02-30": February 2024 has 29 days`; Hint says how to fix it when
// the reason alone does not.
type DateError struct {
	Value  string // the text as given, shortened for messages
	Reason string // what is wrong
	Hint   string // how to fix it, or ""
}

func (e *DateError) Error() string { return fmt.Sprintf("invalid date %q: %s", e.Value, e.Reason) }

// Unwrap returns ErrDate.
func (e *DateError) Unwrap() error { return ErrDate }

func dateErr(s, hint, format string, args ...any) *DateError {
	return &DateError{Value: shorten(s), Reason: fmt.Sprintf(format, args...), Hint: hint}
}

// calendarHint is the hint for a date of the right shape that the calendar does not have.
const calendarHint = "check the calendar"

// wantForms is the reason given for text that is not a date at all.
const wantForms = "want YYYY, YYYY-MM or YYYY-MM-DD"

// ParseDate reads "2024", "2024-06" or "2024-06-15". It rejects impossible dates such as
// "2024-02-30" and "2024-13" with an error that says why. It reads exact dates only, as a
// filter gives them: a qualifier or a window is an error (see ParseWhen for the dates of a
// timeline file).
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "..") {
		return Date{}, dateErr(s, "", "a window of dates is not one date; %s", wantForms)
	}
	d, err := parsePoint(s)
	if err != nil {
		return Date{}, err
	}
	if d.Qual != 0 {
		return Date{}, dateErr(s, "", "%s says how sure a timeline is of a date; here give the date alone, %s", d.Qual, d.withQual(0))
	}
	return d, nil
}

// parsePoint reads one date with an optional qualifier after it: "2024-06-15", "2024-06~".
func parsePoint(s string) (Date, error) {
	in := s
	var q Qualifier
	if n := len(s); n > 0 {
		switch s[n-1] {
		case '~':
			q = Approximate
		case '?':
			q = Uncertain
		case '%':
			q = Approximate | Uncertain
		}
		if q != 0 {
			s = s[:n-1]
			if n := len(s); n > 0 && strings.IndexByte("~?%", s[n-1]) >= 0 {
				return Date{}, dateErr(in, "", "one qualifier at most; %% means both approximate and uncertain")
			}
		}
	}
	if s != "" && strings.IndexByte("~?%", s[0]) >= 0 {
		d, err := parsePoint(s[1:])
		if err == nil && d.Qual == 0 {
			return Date{}, dateErr(in, "", "a qualifier goes after the date: %s%c", d, s[0])
		}
	}
	parts := strings.Split(s, "-")
	if s == "" || len(parts) > 3 {
		return Date{}, dateErr(in, "", wantForms)
	}
	num := func(p string, width int) (int, bool) {
		if len(p) != width {
			return 0, false
		}
		n := 0
		for _, c := range []byte(p) {
			if c < '0' || c > '9' {
				return 0, false // strconv.Atoi would take "+024"
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok := num(parts[0], 4)
	if !ok {
		return Date{}, dateErr(in, "", wantForms)
	}
	d := Date{Year: y, Prec: Year, Qual: q}
	if len(parts) == 1 {
		return d, nil
	}
	m, ok := num(parts[1], 2)
	if !ok {
		return Date{}, dateErr(in, "", wantForms)
	}
	if m < 1 || m > 12 {
		return Date{}, dateErr(in, calendarHint, "month %d does not exist", m)
	}
	d.Month, d.Prec = time.Month(m), Month
	if len(parts) == 2 {
		return d, nil
	}
	day, ok := num(parts[2], 2)
	if !ok {
		return Date{}, dateErr(in, "", wantForms)
	}
	if day < 1 || day > daysIn(y, d.Month) {
		return Date{}, dateErr(in, calendarHint, "%s %d has %d days", d.Month, y, daysIn(y, d.Month))
	}
	d.Day, d.Prec = day, Day
	return d, nil
}

// MustDate is ParseDate for literals known to be valid; it panics otherwise.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// DateOf returns the day-precision Date of t's calendar date, ignoring its time zone offset.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d, Prec: Day}
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.Prec == 0 }

// String returns the date at its precision as a file writes it: "2024", "2024-06",
// "2024-06-15", with its qualifier after it ("2024-06~").
func (d Date) String() string { return string(d.appendISO(nil)) }

// appendISO appends the date as String returns it.
func (d Date) appendISO(b []byte) []byte {
	if d.Prec == 0 {
		return b
	}
	b = appendDigits(b, d.Year, 4)
	if d.Prec >= Month {
		b = append(b, '-')
		b = appendDigits(b, int(d.Month), 2)
	}
	if d.Prec == Day {
		b = append(b, '-')
		b = appendDigits(b, d.Day, 2)
	}
	return append(b, d.Qual.String()...)
}

// appendDigits appends n in at least width digits, zero-padded as %0*d pads.
func appendDigits(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
		width--
	}
	for p, i := 1, 1; i < width; i++ {
		p *= 10
		if n < p {
			b = append(b, '0')
		}
	}
	return strconv.AppendInt(b, int64(n), 10)
}

// withQual returns d with its qualifier set to q.
func (d Date) withQual(q Qualifier) Date { d.Qual = q; return d }

// MarshalText writes the date as String does, so JSON shows "2024-06" for a month.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads one date as a file writes it, a qualifier included: the forms
// String writes.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := parsePoint(strings.TrimSpace(string(b)))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
