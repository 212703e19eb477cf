package timeline

import (
	"bytes"
	"errors"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/tlx-dev/tlx/internal/tomlsplit"
)

// Load reads and validates the timeline file at path, in any format Open reads.
func Load(path string) (*Timeline, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Open(path, data)
}

// decodeTOML is the TOML reader: it decodes data into a Draft, each event with the line
// of its [[events]] header, and places every key by its line and column. A file that is
// not TOML at all (empty, UTF-16, not UTF-8) or that passes the splitter's limits is a
// single *Problem.
func decodeTOML(name string, data []byte, r *Reading) (*Draft, error) {
	l := &loader{name: name, total: len(data), r: r}
	l.report(0)
	d, err := l.parse(data)
	l.report(l.total) // whatever is left: the report stops at total
	return d, err
}

// batchBytes is about how much TOML one decoder call reads: big enough that the decoder's
// set-up costs little, small enough that its tree of maps stays small and that the work
// spreads evenly over the cores.
const batchBytes = 256 << 10

// loader holds the state of one TOML decode.
type loader struct {
	name  string
	data  []byte // without a byte-order mark
	total int
	r     *Reading
	mu    sync.Mutex
	done  int

	events []tomlsplit.Piece // the file's [[events]] pieces, in order
	rest   []byte            // the file without its event pieces, line numbers kept
	syntax Problems

	// One of each per event piece, or per inline event.
	evs    []Event
	issues [][]Issue
	given  [][]givenField
	failed []bool     // the piece has a syntax error; its Event holds only the id the scanner read
	keys   []PieceKey // of each piece's bytes, when the Reading wants them
	stream *stream    // hands events over while they load, when the Reading wants them

	places map[int]map[placeKey]place // by event piece, then -1 for the rest: see locate
}

// report adds n bytes to the progress and tells the callback. A call with n == 0 reports
// only the start.
func (l *loader) report(n int) {
	if l.r == nil || l.r.progress == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if n == 0 && l.done > 0 || n > 0 && l.done == l.total {
		return
	}
	l.done = min(l.done+n, l.total)
	l.r.Progress(l.done, l.total)
}

func (l *loader) parse(data []byte) (*Draft, error) {
	if bytes.HasPrefix(data, bom) {
		data = data[len(bom):]
		l.report(len(bom))
	}
	if p := checkContent(l.name, data); p != nil {
		return nil, p
	}
	l.data = data

	// The split runs here while the workers decode the batches it has already cut. The
	// per-event slices are sized up front from a count that cannot be too small for any
	// usual header, so that workers and splitter never share a slice that grows.
	// Text that quotes "[[events]]" many times must not make the slices huge: no real
	// event takes fewer than 48 bytes, and any beyond the bound are decoded after the rest.
	bound := min(tomlsplit.CountEventHeaders(data), len(data)/48+1)
	all := make([]tomlsplit.Piece, 0, bound)
	l.events = all[:bound]
	l.evs = make([]Event, bound)
	l.issues = make([][]Issue, bound)
	l.given = make([][]givenField, bound)
	l.failed = make([]bool, bound)
	if l.r.WantsKeys() {
		l.keys = make([]PieceKey, bound)
	}
	if l.r.WantsPartial() {
		l.stream = newStream(l)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	var badUTF8 atomic.Bool
	jobs := make(chan [2]int, 4)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for job := range jobs {
				first, last := l.events[job[0]], l.events[job[1]-1]
				if !utf8.Valid(data[first.Start:last.End]) {
					badUTF8.Store(true)
					continue
				}
				probs := l.decodeEvents(job[0], job[1])
				if len(probs) > 0 {
					mu.Lock()
					l.syntax = append(l.syntax, probs...)
					mu.Unlock()
				}
				l.stream.finished(job[0], job[1])
			}
		})
	}
	var rest []byte
	var extra []tomlsplit.Piece // event pieces beyond the bound: never expected, handled after the wait
	lo, size := -1, 0
	flush := func() {
		if lo >= 0 {
			jobs <- [2]int{lo, len(all)}
			lo, size = -1, 0
		}
	}
	sp := tomlsplit.NewCheckingSplitter(data)
	for {
		p, ok := sp.Next()
		if !ok {
			break
		}
		if !p.Event {
			flush()
			rest = append(rest, data[p.Start:p.End]...)
			continue
		}
		if len(all) == 0 {
			l.stream.setHead(rest)
		}
		rest = append(rest, bytes.Repeat([]byte{'\n'}, p.Lines)...)
		if len(all) == cap(all) {
			extra = append(extra, p)
			continue
		}
		if lo >= 0 && (size >= batchBytes || all[len(all)-1].End != p.Start) {
			flush()
		}
		all = append(all, p)
		if lo < 0 {
			lo = len(all) - 1
		}
		size += p.End - p.Start
	}
	flush()
	close(jobs)
	if over := sp.Limit(); over != nil {
		// Nothing past the limit has reached the decoder; the batches before it have.
		wg.Wait()
		l.stream.stop()
		return nil, limitProblem(l.name, over)
	}
	l.rest = rest
	restTree, restErr := map[string]any(nil), error(nil)
	if !utf8.Valid(rest) {
		badUTF8.Store(true)
	} else if restTree, restErr = decodeTree(rest); restErr != nil {
		mu.Lock()
		l.syntax = append(l.syntax, l.syntaxProblem(restErr, rest, 1, 0, rest))
		mu.Unlock()
	}
	wg.Wait()
	l.stream.stop()

	n := len(all) + len(extra)
	l.events = append(all, extra...)
	if len(extra) > 0 {
		l.evs = append(l.evs[:len(all)], make([]Event, len(extra))...)
		l.issues = append(l.issues[:len(all)], make([][]Issue, len(extra))...)
		l.given = append(l.given[:len(all)], make([][]givenField, len(extra))...)
		l.failed = append(l.failed[:len(all)], make([]bool, len(extra))...)
		if l.keys != nil {
			l.keys = append(l.keys[:len(all)], make([]PieceKey, len(extra))...)
		}
		for k := len(all); k < n; k++ {
			l.syntax = append(l.syntax, l.decodeEvents(k, k+1)...)
		}
	}
	l.evs, l.issues, l.given, l.failed = l.evs[:n], l.issues[:n], l.given[:n], l.failed[:n]
	if l.keys != nil {
		l.r.SetKeys(l.keys[:n])
		l.r.split = &splitKept{data: data, pieces: l.events}
	}
	if badUTF8.Load() {
		return nil, notUTF8(l.name, data)
	}
	l.report(len(data) - l.eventBytes())

	if restErr == nil && len(l.events) > 0 {
		if _, ok := restTree["events"]; ok {
			// "events" both as a key and as [[events]]: only a whole-file decode says
			// exactly where that goes wrong.
			if p := l.wholeFileError(); p != nil {
				return nil, Problems{p}
			}
		}
	}
	return l.draft(restTree, restErr != nil), nil
}

// eventBytes is how many bytes of the file the event pieces hold.
func (l *loader) eventBytes() int {
	n := 0
	for _, p := range l.events {
		n += p.End - p.Start
	}
	return n
}

// decodeEvents decodes the event pieces lo to hi-1 in one go. When the decoder stops at a
// syntax error, the pieces before the broken one are decoded again and those after it
// separately, so that each piece's first syntax error is reported however the pieces were
// batched.
//
// When the Reading wants keys, each piece's key is taken first, and a piece whose bytes
// the last good decode of the file decoded already is not decoded again.
func (l *loader) decodeEvents(lo, hi int) Problems {
	if l.keys == nil {
		return l.decodeBatch(lo, hi, 1)
	}
	var probs Problems
	start := lo
	for k := lo; k < hi; k++ {
		p := l.events[k]
		l.keys[k] = KeyOfPiece(l.data[p.Start:p.End])
		if e, ok := l.r.Reuse(l.keys[k]); ok {
			probs = append(probs, l.decodeBatch(start, k, 1)...)
			e.Line, e.Pos = p.Line, k+1
			l.evs[k] = e
			l.report(p.End - p.Start)
			start = k + 1
		}
	}
	return append(probs, l.decodeBatch(start, hi, 1)...)
}

// decodeBatch is decodeEvents that may decode the pieces after a broken one together again
// only retries more times; after that, each is decoded alone. Decoding the rest of the
// batch after every error cost the square of the batch: 200,000 events each with a
// duplicate key took 27 s. Now a batch costs at most four decodes of its bytes.
func (l *loader) decodeBatch(lo, hi, retries int) Problems {
	if lo >= hi {
		return nil
	}
	first, last := l.events[lo], l.events[hi-1]
	tree, err := decodeTree(l.data[first.Start:last.End])
	if err != nil {
		line := first.Line
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line = first.Line + pe.Position.Line - 1
		}
		// The broken piece is the last one that starts on or before the error's line.
		bad := lo + sort.Search(hi-lo, func(i int) bool { return l.events[lo+i].Line > line }) - 1
		bad = max(bad, lo)
		p := l.syntaxProblem(err, l.data[first.Start:last.End], first.Line, bad+1, l.data[l.events[bad].Start:l.events[bad].End])
		l.report(l.events[bad].End - l.events[bad].Start)
		l.failed[bad] = true
		l.evs[bad] = Event{ID: scanID(l.data[l.events[bad].Start:l.events[bad].End]), Pos: bad + 1, Line: l.events[bad].Line}
		p.EventID = l.evs[bad].ID
		probs := Problems{p}
		probs = append(probs, l.decodeBatch(lo, bad, 0)...) // these decoded until bad
		if retries > 0 {
			return append(probs, l.decodeBatch(bad+1, hi, retries-1)...)
		}
		for k := bad + 1; k < hi; k++ {
			probs = append(probs, l.decodeBatch(k, k+1, 0)...)
		}
		return probs
	}
	tables, _ := tree["events"].([]map[string]any)
	if len(tables) != hi-lo {
		// The scanner and the decoder disagree on where events start; never expected on
		// a file that decodes, but a decode of each piece on its own keeps the output right.
		if hi-lo > 1 {
			return append(l.decodeBatch(lo, lo+(hi-lo)/2, retries), l.decodeBatch(lo+(hi-lo)/2, hi, retries)...)
		}
		l.evs[lo] = Event{Pos: lo + 1, Line: first.Line}
		l.issues[lo] = append(l.issues[lo], Issue{Ref: Ref{Table: "events", Item: lo}, Kind: ErrSyntax,
			Msg: "this [[events]] table could not be read", Hint: "check the lines around it"})
		l.report(first.End - first.Start)
		return nil
	}
	var c converter
	for i, m := range tables {
		c.issues, c.given = nil, nil
		l.evs[lo+i] = c.event(m, lo+i)
		l.evs[lo+i].Line = l.events[lo+i].Line
		l.issues[lo+i], l.given[lo+i] = c.issues, c.given
	}
	pack(l.evs[lo:hi])
	// The search text too, on this core while the events are in its cache: a search
	// typed as soon as the timeline shows finds it ready.
	if l.r.SearchNow() {
		prepareSearch(l.evs[lo:hi])
	}
	l.report(last.End - first.Start)
	return nil
}

// decodeTree decodes a document into the decoder's own tree of maps, which the converter
// reads by hand. Decoding into a map[string]any takes the tree as it is: the decoder only
// walks the top-level keys, where decoding into structs would walk and record every key.
func decodeTree(src []byte) (map[string]any, error) {
	var t map[string]any
	if _, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&t); err != nil {
		return nil, err
	}
	if t == nil {
		t = map[string]any{}
	}
	return t, nil
}

// pack copies the text of events into one string per batch. The decoded strings point into
// the decoder's copy of the whole batch, keys and quotes included; once packed, that copy
// can be freed, which lowers the memory a large timeline holds by about a third.
func pack(evs []Event) {
	n := 0
	eachString(evs, func(s *string) { n += len(*s) })
	var b strings.Builder
	b.Grow(n)
	eachString(evs, func(s *string) { b.WriteString(*s) })
	all, off := b.String(), 0
	eachString(evs, func(s *string) {
		*s = all[off : off+len(*s)]
		off += len(*s)
	})
}

func eachString(evs []Event, f func(*string)) {
	for i := range evs {
		e := &evs[i]
		f(&e.ID)
		f(&e.Title)
		f(&e.Summary)
		f(&e.Location)
		f(&e.Status)
		for j := range e.Actors {
			f(&e.Actors[j])
		}
		for j := range e.Themes {
			f(&e.Themes[j])
		}
		for j := range e.Related {
			f(&e.Related[j])
		}
		for j := range e.Sources {
			s := &e.Sources[j]
			f(&s.Publisher)
			f(&s.Title)
			f(&s.URL)
			f(&s.Via)
			f(&s.Quote)
			for k := range s.Quotes {
				f(&s.Quotes[k])
			}
		}
	}
}
