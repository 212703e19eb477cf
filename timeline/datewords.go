package timeline

import "strconv"

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
