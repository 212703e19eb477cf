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
		return Date{}, dateErr(in, "check the calendar", "month %d does not exist", m)
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
		return Date{}, dateErr(in, "check the calendar", "%s %d has %d days", d.Month, y, daysIn(y, d.Month))
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

// Human returns the date for readers, short: "2024", "Jun 2024" or "2024-06-15", and
// "~Jun 2024" when it is approximate, "Jun 2024?" when uncertain.
func (d Date) Human() string {
	if d.Prec != Month {
		return d.Short()
	}
	var b []byte
	if d.Qual&Approximate != 0 {
		b = append(b, '~')
	}
	b = append(b, d.Month.String()[:3]...)
	b = append(b, ' ')
	b = appendDigits(b, d.Year, 4)
	if d.Qual&Uncertain != 0 {
		b = append(b, '?')
	}
	return string(b)
}

// Short returns the date in figures for a narrow column: "2024-06-15", "2024-06", and
// "~2024-06" when it is approximate, "2024-06?" when uncertain: the marks readers know,
// where EDTF puts both after the date.
func (d Date) Short() string { return string(d.appendShort(nil)) }

func (d Date) appendShort(b []byte) []byte {
	if d.Qual&Approximate != 0 {
		b = append(b, '~')
	}
	b = d.withQual(0).appendISO(b)
	if d.Qual&Uncertain != 0 {
		b = append(b, '?')
	}
	return b
}

// Long returns the date in words: "2024", "June 2024" or "15 June 2024"; "about June
// 2024" when it is approximate, "possibly June 2024" when uncertain, "possibly about June
// 2024" when both.
func (d Date) Long() string { return string(d.AppendLong(nil)) }

// AppendLong appends the date as Long returns it, without allocating: the exports call it
// for every event.
func (d Date) AppendLong(b []byte) []byte {
	if d.Qual&Uncertain != 0 {
		b = append(b, "possibly "...)
	}
	if d.Qual&Approximate != 0 {
		b = append(b, "about "...)
	}
	return d.appendWords(b)
}

// appendWords appends the date in words without its qualifier: "15 June 2024".
func (d Date) appendWords(b []byte) []byte {
	switch d.Prec {
	case Day:
		b = strconv.AppendInt(b, int64(d.Day), 10)
		b = append(b, ' ')
		fallthrough
	case Month:
		b = append(b, d.Month.String()...)
		b = append(b, ' ')
		return strconv.AppendInt(b, int64(d.Year), 10)
	case Year:
		return appendDigits(b, d.Year, 4) // String's %04d
	}
	return b
}

// First returns the first day of the date as written, at day precision, without its
// qualifier: what it says, before any give or take.
func (d Date) First() Date {
	switch d.Prec {
	case Year:
		return Date{Year: d.Year, Month: time.January, Day: 1, Prec: Day}
	case Month:
		return Date{Year: d.Year, Month: d.Month, Day: 1, Prec: Day}
	}
	return d.withQual(0)
}

// Last returns the last day of the date as written, at day precision, without its
// qualifier.
func (d Date) Last() Date {
	switch d.Prec {
	case Year:
		return Date{Year: d.Year, Month: time.December, Day: 31, Prec: Day}
	case Month:
		return Date{Year: d.Year, Month: d.Month, Day: daysIn(d.Year, d.Month), Prec: Day}
	}
	return d.withQual(0)
}

// Compare orders dates by their first day, then by precision, the vaguer first: 2024 sorts
// before 2024-01 which sorts before 2024-01-01; then a qualified date before the same date
// unqualified. The zero Date sorts first.
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
	case d.Prec != o.Prec:
		return int(d.Prec) - int(o.Prec)
	}
	return int(o.Qual) - int(d.Qual)
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

// yearOfDay returns the year of a day number (see days): Howard Hinnant's
// civil_from_days, the year only.
func yearOfDay(n int) int {
	z := n + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	y := yoe + era*400
	if mp >= 10 { // January or February: the next civil year
		y++
	}
	return y
}

// span returns the first and last day numbers that d may stand for: the days it names,
// widened by one unit of its precision on each side when it is qualified.
func (d Date) span() (first, last int) {
	first, last = d.First().days(), d.Last().days()
	if d.Qual == 0 {
		return first, last
	}
	switch d.Prec {
	case Year:
		return Date{Year: d.Year - 1, Prec: Year}.First().days(), Date{Year: d.Year + 1, Prec: Year}.Last().days()
	case Month:
		before, after := d.First(), d.First()
		before.Month, before.Day = before.Month-1, 1
		if before.Month == 0 {
			before.Year, before.Month = before.Year-1, time.December
		}
		after.Month = after.Month + 1
		if after.Month > time.December {
			after.Year, after.Month = after.Year+1, time.January
		}
		after.Day = daysIn(after.Year, after.Month)
		return before.days(), after.days()
	}
	return first - 1, last + 1
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
		return Range{}, dateErr(s, "", "give at least one side, as in 2024.. or ..2021")
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
