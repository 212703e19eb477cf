package timeline

import (
	"fmt"
	"strings"
)

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
