package timeline

import (
	"errors"
	"fmt"
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
// in June 2024. No time zone ever moves it. The zero Date means "no date".
type Date struct {
	Year  int
	Month time.Month // 0 when Precision is Year
	Day   int        // 0 unless Precision is Day
	Prec  Precision
}

// ErrDate is wrapped by every error about a malformed or impossible date.
var ErrDate = errors.New("invalid date")

// ParseDate reads "2024", "2024-06" or "2024-06-15". It rejects impossible dates such as
// "2024-02-30" and "2024-13" with an error that says why.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	parts := strings.Split(s, "-")
	if s == "" || len(parts) > 3 {
		return Date{}, fmt.Errorf("%w %q: want YYYY, YYYY-MM or YYYY-MM-DD", ErrDate, shorten(s))
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
		return Date{}, fmt.Errorf("%w %q: want YYYY, YYYY-MM or YYYY-MM-DD", ErrDate, shorten(s))
	}
	d := Date{Year: y, Prec: Year}
	if len(parts) == 1 {
		return d, nil
	}
	m, ok := num(parts[1], 2)
	if !ok {
		return Date{}, fmt.Errorf("%w %q: want YYYY, YYYY-MM or YYYY-MM-DD", ErrDate, shorten(s))
	}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("%w %q: month %d does not exist", ErrDate, shorten(s), m)
	}
	d.Month, d.Prec = time.Month(m), Month
	if len(parts) == 2 {
		return d, nil
	}
	day, ok := num(parts[2], 2)
	if !ok {
		return Date{}, fmt.Errorf("%w %q: want YYYY, YYYY-MM or YYYY-MM-DD", ErrDate, shorten(s))
	}
	if day < 1 || day > daysIn(y, d.Month) {
		return Date{}, fmt.Errorf("%w %q: %s %d has %d days", ErrDate, shorten(s), d.Month, y, daysIn(y, d.Month))
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

// String returns the date at its precision: "2024", "2024-06" or "2024-06-15".
func (d Date) String() string {
	switch d.Prec {
	case Year:
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month))
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return ""
}

// MarshalText writes the date as String does, so JSON shows "2024-06" for a month.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads the forms ParseDate reads.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Human returns the date for readers: "2024", "Jun 2024" or "2024-06-15".
func (d Date) Human() string {
	if d.Prec == Month {
		return fmt.Sprintf("%s %04d", d.Month.String()[:3], d.Year)
	}
	return d.String()
}

// Long returns the date in words: "2024", "June 2024" or "15 June 2024".
func (d Date) Long() string {
	switch d.Prec {
	case Month:
		return fmt.Sprintf("%s %d", d.Month, d.Year)
	case Day:
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	}
	return d.String()
}

// First returns the first day d may stand for, at day precision.
func (d Date) First() Date {
	switch d.Prec {
	case Year:
		return Date{Year: d.Year, Month: time.January, Day: 1, Prec: Day}
	case Month:
		return Date{Year: d.Year, Month: d.Month, Day: 1, Prec: Day}
	}
	return d
}

// Last returns the last day d may stand for, at day precision.
func (d Date) Last() Date {
	switch d.Prec {
	case Year:
		return Date{Year: d.Year, Month: time.December, Day: 31, Prec: Day}
	case Month:
		return Date{Year: d.Year, Month: d.Month, Day: daysIn(d.Year, d.Month), Prec: Day}
	}
	return d
}

// Compare orders dates by their first day, then by precision, the vaguer first: 2024 sorts
// before 2024-01 which sorts before 2024-01-01. The zero Date sorts first.
func (d Date) Compare(o Date) int {
	a, b := d.First().days(), o.First().days()
	switch {
	case d.IsZero() && o.IsZero():
		return 0
	case d.IsZero():
		return -1
	case o.IsZero():
		return 1
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return int(d.Prec) - int(o.Prec)
}

// days returns the day number of a day-precision date: days since 1970-01-01, computed
// without time.Time so that filters can compare plain integers.
func (d Date) days() int {
	// Howard Hinnant's days_from_civil.
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// span returns the first and last day numbers that d may stand for.
func (d Date) span() (first, last int) {
	return d.First().days(), d.Last().days()
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Range is an inclusive span of days. A zero From or To leaves that side open.
type Range struct {
	From, To Date
}

// IsZero reports whether r is open on both sides.
func (r Range) IsZero() bool { return r.From.IsZero() && r.To.IsZero() }

// String returns the range in the syntax ParseRange reads: "2024-06..2024-09", "..2021",
// "2024..", or a single date when both sides are that date.
func (r Range) String() string {
	if r.IsZero() {
		return ""
	}
	if r.From == r.To {
		return r.From.String()
	}
	return r.From.String() + ".." + r.To.String()
}

// Human describes the range in words for readers: "June 2024 to September 2024",
// "from 2024", "through 2021".
func (r Range) Human() string {
	switch {
	case r.IsZero():
		return ""
	case r.To.IsZero():
		return "from " + r.From.Long()
	case r.From.IsZero():
		return "through " + r.To.Long()
	case r.From == r.To:
		return r.From.Long()
	}
	return r.From.Long() + " to " + r.To.Long()
}

// bounds returns the day numbers the range covers; open sides become extreme values.
func (r Range) bounds() (lo, hi int) {
	lo, hi = minDay, maxDay
	if !r.From.IsZero() {
		lo = r.From.First().days()
	}
	if !r.To.IsZero() {
		hi = r.To.Last().days()
	}
	return lo, hi
}

const (
	minDay = -1 << 40
	maxDay = 1 << 40
)

// ParseRange reads a date range: "2024" (that year), "2024-06-01..2024-09-30", "2024..2025",
// "..2021" (through 2021), "2024-06.." (from June 2024). Each side is a date in ParseDate's
// forms; "--from 2024" means from 1 January 2024 and "--to 2024-06" through 30 June 2024.
func ParseRange(s string) (Range, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Range{}, nil
	}
	from, to, isRange := strings.Cut(s, "..")
	if !isRange {
		d, err := ParseDate(s)
		if err != nil {
			return Range{}, err
		}
		return Range{From: d, To: d}, nil
	}
	var r Range
	var err error
	if strings.TrimSpace(from) == "" && strings.TrimSpace(to) == "" {
		return Range{}, fmt.Errorf("%w %q: give at least one side, as in 2024.. or ..2021", ErrDate, shorten(s))
	}
	if strings.TrimSpace(from) != "" {
		if r.From, err = ParseDate(from); err != nil {
			return Range{}, err
		}
	}
	if strings.TrimSpace(to) != "" {
		if r.To, err = ParseDate(to); err != nil {
			return Range{}, err
		}
	}
	if err := r.Check(); err != nil {
		return Range{}, err
	}
	return r, nil
}

// Check reports a range whose end is before its start.
func (r Range) Check() error {
	if !r.From.IsZero() && !r.To.IsZero() && r.To.Last().days() < r.From.First().days() {
		return fmt.Errorf("%w range: %s is before %s; swap them", ErrDate, r.To, r.From)
	}
	return nil
}
