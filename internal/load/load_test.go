package load

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/internal/snapshot"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// large writes a generated timeline over SnapshotFrom bytes and returns its path and bytes.
func large(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	data := timelinetest.Generate(3000, 2)
	if len(data) < SnapshotFrom {
		t.Fatalf("a generated file of %d bytes is under SnapshotFrom", len(data))
	}
	path := filepath.Join(dir, "big.toml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, data
}

func open(t *testing.T, path string, o Options) (*File, *timeline.Timeline) {
	t.Helper()
	f, tl, err := Open(path, o)
	if err != nil {
		t.Fatal(err)
	}
	return f, tl
}

func titles(tl *timeline.Timeline) string {
	var b bytes.Buffer
	for i := range tl.Events {
		b.WriteString(tl.Events[i].ID + " " + tl.Events[i].Title + "\n")
	}
	return b.String()
}

func TestSnapshotReopen(t *testing.T) {
	dir := t.TempDir()
	store := &snapshot.Store{Dir: filepath.Join(dir, "cache"), Writer: "tlx"}
	path, data := large(t, dir)

	f, first := open(t, path, Options{Store: store})
	if f.Origin() != Parsed || !f.SnapshotDue() {
		t.Fatalf("first open: origin %v, snapshot due %v; want parsed, due", f.Origin(), f.SnapshotDue())
	}
	if wrote, err := f.WriteSnapshot(); !wrote || err != nil {
		t.Fatalf("WriteSnapshot: %v, %v", wrote, err)
	}
	if wrote, _ := f.WriteSnapshot(); wrote {
		t.Error("a second WriteSnapshot wrote again")
	}

	f, again := open(t, path, Options{Store: store})
	if f.Origin() != Snapshot || f.SnapshotDue() {
		t.Fatalf("reopen: origin %v, due %v; want the snapshot, none due", f.Origin(), f.SnapshotDue())
	}
	if titles(again) != titles(first) {
		t.Fatal("the snapshot's timeline differs from the parsed one")
	}
	// A snapshot another program wrote is used too, checked in full.
	for _, writer := range []string{"another program", ""} {
		other := &snapshot.Store{Dir: store.Dir, Writer: writer}
		if f, again := open(t, path, Options{Store: other}); f.Origin() != Snapshot || titles(again) != titles(first) {
			t.Fatalf("reopen by %q: origin %v; want the snapshot's timeline", writer, f.Origin())
		}
	}

	// --no-cache parses, and writes nothing.
	f, _ = open(t, path, Options{Store: store, NoCache: true})
	if f.Origin() != Parsed || f.SnapshotDue() {
		t.Errorf("--no-cache: origin %v, due %v; want parsed, none due", f.Origin(), f.SnapshotDue())
	}

	// One title changed, at the same size and modification time: the new bytes are
	// parsed, reusing the snapshot's other events, and a new snapshot is due.
	st, _ := os.Stat(path)
	i := bytes.Index(data, []byte("title = \"")) // the timeline's own title
	i = bytes.Index(data[i+1:], []byte("\ntitle = \"")) + i + 1 + len("\ntitle = \"")
	edited := bytes.Clone(data)
	edited[i] ^= 0x20 // the case of the first event's title's first letter
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, st.ModTime(), st.ModTime())
	f, changed := open(t, path, Options{Store: store})
	if f.Origin() != Reused || !f.SnapshotDue() {
		t.Fatalf("after an edit: origin %v, due %v; want reused, due", f.Origin(), f.SnapshotDue())
	}
	fresh, err := timeline.Open(path, edited)
	if err != nil {
		t.Fatal(err)
	}
	if titles(changed) != titles(fresh) || titles(changed) == titles(first) {
		t.Fatal("the edited file did not open as a fresh parse of it")
	}
}

func TestSmallFileNoSnapshot(t *testing.T) {
	dir := t.TempDir()
	store := &snapshot.Store{Dir: filepath.Join(dir, "cache")}
	path := filepath.Join(dir, "small.toml")
	os.WriteFile(path, timelinetest.Generate(50, 1), 0o644)
	f, _ := open(t, path, Options{Store: store})
	if f.SnapshotDue() {
		t.Error("a snapshot is due for a small file")
	}
}

// TestReload: a reload decodes only what changed and keeps the last good timeline's
// events for the next one when it fails.
func TestReload(t *testing.T) {
	dir := t.TempDir()
	path, data := large(t, dir)
	f, _ := open(t, path, Options{NoCache: true})
	broken := append(bytes.Clone(data), "\n[[events]]\nid = \"x\ndate = 2024\n"...)
	os.WriteFile(path, broken, 0o644)
	if _, err := f.Reload(Options{}); err == nil {
		t.Fatal("a broken file reloaded")
	}
	os.WriteFile(path, data, 0o644)
	if _, err := f.Reload(Options{}); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("back to the bytes of the last good open: %v, want ErrUnchanged", err)
	}
	edited := bytes.Replace(data, []byte("title = \""), []byte("title = \"x"), 2) // the timeline's and one event's
	os.WriteFile(path, edited, 0o644)
	tl, err := f.Reload(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.Origin() != Reused || len(tl.Events) != 3000 || f.Reused() != 2999 {
		t.Errorf("reload: origin %v, %d events, %d reused; want reused, 3000, 2999", f.Origin(), len(tl.Events), f.Reused())
	}
}

// TestChangedDuringOpen: a save made while the file is parsed (after its bytes were read)
// leaves the File changed, which a watch started after the open cannot see; an open of
// the file as it stays, parsed or from its snapshot, is not changed (tryout3 F10).
func TestChangedDuringOpen(t *testing.T) {
	dir := t.TempDir()
	store := &snapshot.Store{Dir: filepath.Join(dir, "cache")}
	path, data := large(t, dir)

	f, _ := open(t, path, Options{Store: store})
	if f.Changed() {
		t.Error("a file left alone is changed after its open")
	}
	if _, err := f.WriteSnapshot(); err != nil {
		t.Fatal(err)
	}
	f, _ = open(t, path, Options{Store: store})
	if f.Origin() != Snapshot || f.Changed() {
		t.Errorf("from its snapshot: origin %v, changed %v; want the snapshot, unchanged", f.Origin(), f.Changed())
	}

	// The same number of bytes, saved by rename while the parse runs.
	edited := bytes.Replace(data, []byte("title = \""), []byte("title = \"X"), 1)
	edited = edited[:len(data)]
	var once sync.Once
	var saveErr error
	save := func(int, int) {
		once.Do(func() {
			tmp := path + ".new"
			if saveErr = os.WriteFile(tmp, edited, 0o644); saveErr == nil {
				saveErr = os.Rename(tmp, path)
			}
		})
	}
	f, tl := open(t, path, Options{NoCache: true, Progress: save})
	if saveErr != nil {
		t.Fatal(saveErr)
	}
	if strings.HasPrefix(tl.Title, "X") {
		t.Fatal("the parse read the bytes saved during it: the test saves too early")
	}
	if !f.Changed() {
		t.Error("a save during the parse is not seen by Changed")
	}
	if _, err := f.Reload(Options{}); err != nil {
		t.Fatal(err)
	}
	if f.Changed() {
		t.Error("changed after the reload that read the save")
	}

	// Written in place, to another size.
	if err := os.WriteFile(path, append(bytes.Clone(edited), '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	if !f.Changed() {
		t.Error("a write in place is not seen by Changed")
	}
	os.Remove(path)
	if !f.Changed() {
		t.Error("a removed file is not changed")
	}
}

// TestSnapshotStamp: a snapshot of a file that had settled when it was read is keyed by
// its stamp, and one of a file written just before is not (snapshot.Stamp); either way an
// edit at the same size and modification time is parsed, never served from the snapshot.
func TestSnapshotStamp(t *testing.T) {
	dir := t.TempDir()
	store := &snapshot.Store{Dir: filepath.Join(dir, "cache"), Writer: "tlx"}
	path, data := large(t, dir)
	stamped := func(o Options) bool {
		t.Helper()
		if _, _, err := store.Clear(); err != nil {
			t.Fatal(err)
		}
		f, _ := open(t, path, o)
		if wrote, err := f.WriteSnapshot(); !wrote || err != nil {
			t.Fatalf("WriteSnapshot: %v, %v", wrote, err)
		}
		list, err := store.List()
		if err != nil || len(list) != 1 {
			t.Fatalf("%d snapshots, %v", len(list), err)
		}
		return list[0].Stamped
	}
	if stamped(Options{Store: store}) {
		t.Error("a file written just now: its snapshot is keyed by its stamp")
	}
	later := func() time.Time { return time.Now().Add(snapshot.Settle + time.Second) }
	if _, ok := snapshot.StampOf(mustStat(t, path), later()); ok && !stamped(Options{Store: store, now: later}) {
		t.Error("a file settled when read: its snapshot has no stamp")
	}
	if f, _ := open(t, path, Options{Store: store}); f.Origin() != Snapshot {
		t.Fatalf("reopen: origin %v, want the snapshot", f.Origin())
	}

	st := mustStat(t, path)
	edited := bytes.Replace(data, []byte("title = \"Synthetic"), []byte("title = \"synthetic"), 1)
	if bytes.Equal(edited, data) {
		t.Fatal("no title to edit")
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	f, tl := open(t, path, Options{Store: store})
	if f.Origin() == Snapshot || !strings.HasPrefix(tl.Title, "synthetic") {
		t.Fatalf("after an edit at the same size and time: origin %v, title %q; want it parsed", f.Origin(), tl.Title)
	}
}

func mustStat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestOnce: a command's open (Once, SearchLater) of a large file still leaves a snapshot
// due that keys its events, so that after an edit the next open reuses all but the
// edited one; without the cache it keys nothing and leaves nothing due.
func TestOnce(t *testing.T) {
	dir := t.TempDir()
	store := &snapshot.Store{Dir: filepath.Join(dir, "cache"), Writer: "tlx"}
	path, data := large(t, dir)

	f, _ := open(t, path, Options{NoCache: true, Once: true, SearchLater: true})
	if f.SnapshotDue() || f.loader.KeepsBytes() {
		t.Errorf("--no-cache, once: snapshot due %v, bytes kept %v; want neither", f.SnapshotDue(), f.loader.KeepsBytes())
	}

	f, first := open(t, path, Options{Store: store, Once: true, SearchLater: true})
	if wrote, err := f.WriteSnapshot(); !wrote || err != nil {
		t.Fatalf("WriteSnapshot after a command's open: %v, %v", wrote, err)
	}
	edited := bytes.Replace(data, []byte("title = \""), []byte("title = \"x"), 2) // the timeline's and one event's
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	f, changed := open(t, path, Options{Store: store, Once: true, SearchLater: true})
	if f.Origin() != Reused || f.Reused() != len(first.Events)-1 {
		t.Errorf("after an edit: origin %v, %d reused; want reused, %d", f.Origin(), f.Reused(), len(first.Events)-1)
	}
	fresh, err := timeline.Open(path, edited)
	if err != nil {
		t.Fatal(err)
	}
	if titles(changed) != titles(fresh) {
		t.Error("the edited file did not open as a fresh parse of it")
	}
}
