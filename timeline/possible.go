package timeline

import "time"

// Possible returns the first and last days d may stand for, at day precision, as filters
// read it: the days it names, widened by one unit of its precision on each side when it
// is qualified (about June 2024 may be any day from May to July). The zero Date gives
// two zero Dates.
func (d Date) Possible() (first, last Date) {
	if d.IsZero() {
		return Date{}, Date{}
	}
	a, z := d.span()
	return dayDate(a), dayDate(z)
}

// Possible returns the first and last days w may stand for, as Date.Possible does for
// each side; a side a window leaves open is the zero Date.
func (w When) Possible() (first, last Date) {
	if !w.From.IsZero() {
		first, _ = w.From.Possible()
	}
	if !w.To.IsZero() {
		_, last = w.To.Possible()
	}
	return first, last
}

// dayDate is the Date of day number n (see Date.days).
func dayDate(n int) Date {
	return DateOf(time.Unix(int64(n)*86400, 0).UTC())
}
