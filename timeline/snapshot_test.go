package timeline_test

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// snapshotOf opens data with a fresh Loader and returns it, its timeline and its
// snapshot's sections as Store.Get would hand them over.
func snapshotOf(t testing.TB, data []byte) (*timeline.Loader, *timeline.Timeline, [][]byte) {
	t.Helper()
	l := timeline.NewLoader("t.toml")
	tl, err := l.Open(data, timeline.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var secs [][]byte
	for _, write := range l.SnapshotSections() {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		secs = append(secs, b.Bytes())
	}
	return l, tl, secs
}

func TestSnapshotRoundTrip(t *testing.T) {
	for name, data := range map[string][]byte{"unusual": []byte(unusual), "generated": timelinetest.Generate(3000, 7)} {
		t.Run(name, func(t *testing.T) {
			_, want, secs := snapshotOf(t, data)
			l := timeline.NewLoader("t.toml")
			got, err := l.OpenSnapshot(secs)
			if err != nil {
				t.Fatal(err)
			}
			sameTimeline(t, got, want)
			// The events of a snapshot are reused as if decoded: an open of the same
			// bytes decodes none.
			again, err := l.Open(data, timeline.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if l.Reused() != len(want.Events) {
				t.Errorf("reused %d events, want %d", l.Reused(), len(want.Events))
			}
			sameTimeline(t, again, want)

			// A snapshot the program wrote itself opens to the same timeline without
			// the field checks.
			own, err := timeline.NewLoader("t.toml").OpenOwnSnapshot(secs)
			if err != nil {
				t.Fatal(err)
			}
			sameTimeline(t, own, want)
		})
	}
}

// TestOwnSnapshot: OpenOwnSnapshot takes for granted what the program checked before it
// wrote the snapshot (the text of each field), which OpenSnapshot checks again, and still
// refuses what would make a timeline no file gives: an id given twice.
func TestOwnSnapshot(t *testing.T) {
	const file = `title = "T"
[[events]]
id = "aa"
date = 2024-01-02
title = "Quiet"
[[events.sources]]
publisher = "P"
[[events]]
id = "bb"
date = 2024-01-03
title = "Loud"
[[events.sources]]
publisher = "P"
`
	_, _, secs := snapshotOf(t, []byte(file))
	edit := func(old, new string) [][]byte {
		t.Helper()
		if len(old) != len(new) || bytes.Count(secs[0], []byte(old)) != 1 {
			t.Fatalf("%q is not in the snapshot once", old)
		}
		return [][]byte{bytes.Replace(secs[0], []byte(old), []byte(new), 1), secs[1], secs[2]}
	}
	control := edit("\x05Quiet", "\x05Qu\x01et")
	if _, err := timeline.NewLoader("t").OpenSnapshot(control); err == nil {
		t.Error("a control character in a title: OpenSnapshot opened it")
	}
	if tl, err := timeline.NewLoader("t").OpenOwnSnapshot(control); err != nil || tl.Events[0].Title != "Qu\x01et" {
		t.Errorf("a title the program's own snapshot holds: %v; want it taken as written", err)
	}
	twice := edit("\x02bb", "\x02aa")
	for name, open := range map[string]func([][]byte) (*timeline.Timeline, error){
		"OpenSnapshot": timeline.NewLoader("t").OpenSnapshot, "OpenOwnSnapshot": timeline.NewLoader("t").OpenOwnSnapshot,
	} {
		if _, err := open(twice); err == nil {
			t.Errorf("an id given twice: %s opened it", name)
		}
		if _, err := open(edit("\x02bb", "\x02cc")); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestSnapshotRefused: a snapshot cut short, or with any byte of its values changed,
// either opens as a timeline that passes every check, or is refused; never a panic.
func TestSnapshotRefused(t *testing.T) {
	_, _, secs := snapshotOf(t, []byte(unusual))
	for n := range len(secs[0]) {
		cut := [][]byte{secs[0][:n], secs[1], secs[2]}
		if _, err := timeline.NewLoader("t").OpenSnapshot(cut); err == nil {
			t.Fatalf("values cut to %d of %d bytes opened", n, len(secs[0]))
		}
		if _, err := timeline.NewLoader("t").OpenOwnSnapshot(cut); err == nil {
			t.Fatalf("values cut to %d of %d bytes opened as the program's own", n, len(secs[0]))
		}
	}
	for i := range len(secs[0]) {
		for _, bit := range []byte{1, 2, 0x40, 0x80} {
			b := bytes.Clone(secs[0])
			b[i] ^= bit
			timeline.NewLoader("t").OpenSnapshot([][]byte{b, secs[1], secs[2]})    //nolint:errcheck // no panic is the test
			timeline.NewLoader("t").OpenOwnSnapshot([][]byte{b, secs[1], secs[2]}) //nolint:errcheck // no panic is the test
		}
	}
	for _, bad := range [][][]byte{nil, secs[:2], {secs[0], secs[1][1:], secs[2]}, {secs[0], secs[1], secs[2][1:]}} {
		if _, err := timeline.NewLoader("t").OpenSnapshot(bad); err == nil {
			t.Errorf("sections of %d parts opened", len(bad))
		}
	}
}

// FuzzOpenSnapshot: no bytes, however made, make OpenSnapshot or OpenOwnSnapshot panic or
// allocate without bound.
func FuzzOpenSnapshot(f *testing.F) {
	_, _, secs := snapshotOf(f, []byte(unusual))
	f.Add(secs[0], len(secs[1])/2048)
	f.Add(secs[0][:40], 1)
	f.Add([]byte{}, 0)
	f.Fuzz(func(t *testing.T, values []byte, n int) {
		n = max(0, min(n, 8))
		sigs := bytes.Repeat([]byte{0xff}, n*2048)
		for _, open := range []func([][]byte) (*timeline.Timeline, error){timeline.NewLoader("t").OpenSnapshot, timeline.NewLoader("t").OpenOwnSnapshot} {
			tl, err := open([][]byte{values, sigs, nil})
			if err != nil {
				continue
			}
			for i := range tl.Events {
				_ = tl.Events[i].Date.String()
			}
			tl.Filter(timeline.Filter{}.WithText("a")) //nolint:errcheck // no panic is the test
			tl.Facets(timeline.Filter{})               //nolint:errcheck // no panic is the test
		}
	})
}

// BenchmarkOpenSnapshot measures a reopen from a snapshot in memory that the program wrote
// itself (OpenOwnSnapshot, what a reopen does), against the plain BurntSushi decode
// (BenchmarkDecodePlain) of the same file.
func BenchmarkOpenSnapshot(b *testing.B) { benchOpenSnapshot(b, true) }

// BenchmarkOpenSnapshotChecked is BenchmarkOpenSnapshot for a snapshot another program
// wrote, checked in full (OpenSnapshot).
func BenchmarkOpenSnapshotChecked(b *testing.B) { benchOpenSnapshot(b, false) }

func benchOpenSnapshot(b *testing.B, own bool) {
	for _, n := range loadSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			_, _, secs := snapshotOf(b, loadInput(b, n))
			size := 0
			for _, s := range secs {
				size += len(s)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			runtime.GC() // the garbage of the load that made the snapshot is not a reopen's
			cpu := processCPU()
			for b.Loop() {
				// Each open gets sections of its own, as Store.Get hands them over.
				mine := make([][]byte, len(secs))
				for i, s := range secs {
					mine[i] = bytes.Clone(s)
				}
				open := timeline.NewLoader("t").OpenSnapshot
				if own {
					open = timeline.NewLoader("t").OpenOwnSnapshot
				}
				if _, err := open(mine); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, cpu)
		})
	}
}

// TestSnapshotFields fails when a field is added to what a snapshot holds, until the
// snapshot writes it: see timeline/snapshot.go, and raise SnapshotVersion.
func TestSnapshotFields(t *testing.T) {
	for _, tt := range []struct {
		v    any
		want string
	}{
		{timeline.Event{}, "ID Date End Title Summary Actors Themes Location Status Related Sources Line Pos"},
		{timeline.Source{}, "Publisher Title URL Published Via Quote Quotes"},
		{timeline.Actor{}, "ID Name Kind Aliases Description"},
		{timeline.Theme{}, "ID Name Aliases Description"},
		{timeline.Date{}, "Year Month Day Prec Qual"},
		{timeline.When{}, "From To"},
	} {
		typ := reflect.TypeOf(tt.v)
		var names []string
		for i := range typ.NumField() {
			if f := typ.Field(i); f.IsExported() {
				names = append(names, f.Name)
			}
		}
		if got := strings.Join(names, " "); got != tt.want {
			t.Errorf("%s has fields %s; the snapshot writes %s", typ.Name(), got, tt.want)
		}
	}
}
