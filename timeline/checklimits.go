package timeline

import "github.com/tlx-dev/tlx/internal/tomlsplit"

// CheckLimits scans a TOML document, without decoding it, for a value nested deeper than
// MaxDepth or a key longer than MaxKeyBytes, and returns the first as a *Problem naming
// its line and column, or nil. The loader makes the same checks on its way; tlx's other
// TOML files (the reader's notebook) call this before the decoder, which such a file
// could otherwise keep busy for minutes.
func CheckLimits(name string, data []byte) error {
	sp := tomlsplit.NewCheckingSplitter(data)
	for {
		if _, ok := sp.Next(); !ok {
			break
		}
	}
	if over := sp.Limit(); over != nil {
		return limitProblem(name, over)
	}
	return nil
}

// The limits of the splitter's checks, which the format documents.
const (
	MaxDepth    = tomlsplit.MaxDepth
	MaxKeyBytes = tomlsplit.MaxKeyBytes
)

// limitProblem is the Problem of a file that passes a limit.
func limitProblem(name string, over *tomlsplit.LimitError) *Problem {
	return &Problem{File: name, Line: over.Line, Col: over.Col, Kind: ErrLimit, Msg: over.Error(), Hint: over.Hint()}
}
