package timeline

import "time"

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

// daysIn returns the number of days of month m of year y in the proleptic Gregorian
// calendar, as time.Date counts them. It is worked out, not asked of time.Date, which
// costs about as much as the rest of reading a date: a reopen of 100,000 events checks
// some 400,000 dates.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	case time.January, time.March, time.May, time.July, time.August, time.October, time.December:
		return 31
	}
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() // a month out of range, normalised
}
