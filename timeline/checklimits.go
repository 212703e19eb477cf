package timeline

// CheckLimits scans a TOML document, without decoding it, for a value nested deeper than
// MaxDepth or a key longer than MaxKeyBytes, and returns the first as a *Problem naming
// its line and column, or nil. The loader makes the same checks on its way; tlx's other
// TOML files (the reader's notebook) call this before the decoder, which such a file
// could otherwise keep busy for minutes.
func CheckLimits(name string, data []byte) error {
	sp := newCheckingSplitter(data)
	for {
		if _, ok := sp.next(); !ok {
			break
		}
	}
	if over := sp.sc.limits.over; over != nil {
		return over.problem(name, data)
	}
	return nil
}
