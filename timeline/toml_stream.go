package timeline

import (
	"bytes"
	"slices"
	"sync"
	"time"
)

// stream hands the events of a TOML file to the Reading while the workers decode them:
// the first events of the file, in order, as soon as the batches that hold them are
// decoded, then more and more of them. Each hand-over copies the events and builds a
// timeline of them, so they come at growing intervals: when the decoded events have
// doubled, or half a second later when they have grown by a quarter; and none once three
// quarters of the file's events are decoded, when the whole timeline comes soon and a
// hand-over of most of it would only hold it up (on 100,000 events, a tenth of a second).
type stream struct {
	l      *loader
	until  int           // no hand-over from this many events decoded
	notify chan struct{} // a batch finished: one pending notice at most
	quit   chan struct{}
	done   chan struct{} // the publisher has returned

	mu       sync.Mutex
	head     []byte      // the file before its first [[events]], for the title and registries
	upTo     int         // events [0, upTo) are decoded
	finish   map[int]int // lo -> hi of batches decoded past upTo
	shown    int         // events handed over so far
	lastShow time.Time
}

// streamSoon and streamGrowth say when more events are handed over: see stream.
const (
	streamSoon   = 500 * time.Millisecond
	streamGrowth = 4 // by a quarter
	streamUntil  = 3 // quarters of the events
)

func newStream(l *loader) *stream {
	s := &stream{l: l, notify: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{}),
		finish: make(map[int]int), until: len(l.events) * streamUntil / 4}
	go s.publish()
	return s
}

// setHead records the file before its first event: its title and registries, usually.
func (s *stream) setHead(head []byte) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.head = bytes.Clone(head)
	s.mu.Unlock()
}

// finished records that the events lo to hi-1 are decoded.
func (s *stream) finished(lo, hi int) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.finish[lo] = hi
	for {
		hi, ok := s.finish[s.upTo]
		if !ok {
			break
		}
		delete(s.finish, s.upTo)
		s.upTo = hi
	}
	s.mu.Unlock()
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

// stop ends the hand-overs and waits for the one under way: the loader goes on to write
// its slices, which a hand-over reads.
func (s *stream) stop() {
	if s == nil {
		return
	}
	close(s.quit)
	<-s.done
}

// publish hands events over as the batches are decoded, until stop.
func (s *stream) publish() {
	defer close(s.done)
	var head *Draft
	for {
		select {
		case <-s.quit:
			return
		case <-s.notify:
		}
		s.mu.Lock()
		n, shown, last := s.upTo, s.shown, s.lastShow
		due := n > shown && n < s.until && (shown == 0 || n >= 2*shown ||
			time.Since(last) >= streamSoon && n >= shown+shown/streamGrowth)
		if due && head == nil {
			head = headDraft(s.head)
		}
		s.mu.Unlock()
		if !due {
			continue
		}
		// New adds to the registries the actors and themes no entry declares: each
		// preview gets registries of its own.
		d := &Draft{Name: s.l.name, Title: head.Title, Description: head.Description,
			Actors: slices.Clone(head.Actors), Themes: slices.Clone(head.Themes)}
		// Events [0, n) are the workers' no more: the mutex ordered their writes first.
		d.Events = append([]Event(nil), s.l.evs[:n]...)
		for k := range n {
			if s.l.failed[k] {
				d.Broken = append([]bool(nil), s.l.failed[:n]...)
				break
			}
		}
		s.l.r.Partial(d)
		s.mu.Lock()
		s.shown, s.lastShow = n, time.Now()
		s.mu.Unlock()
	}
}

// headDraft reads the title and the registries from the start of a file, for the events
// shown while the rest loads; problems are left to the real decode.
func headDraft(head []byte) *Draft {
	d := &Draft{}
	top, err := decodeTree(head)
	if err != nil {
		return d
	}
	var c converter
	d.Title = c.text(top, "title")
	d.Description = c.text(top, "description")
	for i, m := range c.tables(top, "actors", "") {
		d.Actors = append(d.Actors, c.actor(m, i))
	}
	for i, m := range c.tables(top, "themes", "") {
		d.Themes = append(d.Themes, c.theme(m, i))
	}
	return d
}
