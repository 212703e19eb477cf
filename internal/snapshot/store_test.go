package snapshot

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// source writes a source file and returns its path, as Source names it, and its bytes.
func source(t *testing.T, dir, name, text string) (string, []byte) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := Source(path)
	if err != nil {
		t.Fatal(err)
	}
	return src, []byte(text)
}

// sections writes each of parts as a section.
func sections(parts ...string) []func(io.Writer) error {
	var out []func(io.Writer) error
	for _, p := range parts {
		out = append(out, func(w io.Writer) error { _, err := io.WriteString(w, p); return err })
	}
	return out
}

// get reads the snapshot of src and returns its sections joined by "|", or the miss.
func get(s *Store, src, kind string, version uint32) (string, error) {
	var got string
	err := s.Get(src, kind, version, func(secs [][]byte, _ bool) error {
		got = string(bytes.Join(secs, []byte("|")))
		return nil
	})
	return got, err
}

func TestPutGet(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: filepath.Join(dir, "cache")}
	src, data := source(t, dir, "a.toml", "title = \"A\"\n")
	if _, err := get(s, src, "k", 1); !errors.Is(err, ErrMiss) {
		t.Fatalf("an empty store: %v, want a miss", err)
	}
	if err := s.Put(src, KeyOf(data), "k", 1, sections("one", "", "three")...); err != nil {
		t.Fatal(err)
	}
	got, err := get(s, src, "k", 1)
	if err != nil || got != "one||three" {
		t.Fatalf("got %q, %v; want one||three", got, err)
	}
	if st, err := os.Stat(s.Dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("the folder: %v, %v; want 0700, the cache is the user's own", st.Mode(), err)
	}
}

// TestOwn: Get says a snapshot is the store's own only when the same Writer, not empty,
// wrote it.
func TestOwn(t *testing.T) {
	dir := t.TempDir()
	src, data := source(t, dir, "a.toml", "title = \"A\"\n")
	own := func(writer, reader string) bool {
		t.Helper()
		if err := (&Store{Dir: filepath.Join(dir, "cache"), Writer: writer}).Put(src, KeyOf(data), "k", 1, sections("x")...); err != nil {
			t.Fatal(err)
		}
		var got bool
		err := (&Store{Dir: filepath.Join(dir, "cache"), Writer: reader}).Get(src, "k", 1, func(secs [][]byte, own bool) error {
			got = own
			return nil
		})
		if err != nil {
			t.Fatalf("written by %q, read by %q: %v", writer, reader, err)
		}
		return got
	}
	for _, tt := range []struct {
		writer, reader string
		want           bool
	}{
		{"1 2 /bin/tlx", "1 2 /bin/tlx", true},
		{"1 2 /bin/tlx", "1 3 /bin/tlx", false},
		{"1 2 /bin/tlx", "", false},
		{"", "1 2 /bin/tlx", false},
		{"", "", false},
	} {
		if got := own(tt.writer, tt.reader); got != tt.want {
			t.Errorf("written by %q, read by %q: own %v, want %v", tt.writer, tt.reader, got, tt.want)
		}
	}
	if Program() == "" {
		t.Error("Program names no executable")
	}
	if s, err := Default(); err == nil && s.Writer != Program() {
		t.Errorf("Default's Writer is %q, want %q", s.Writer, Program())
	}
}

// TestStamp: a snapshot keyed by a stamp (Git's racy-index rule, see Stamp) is used
// without hashing the source while the source keeps the stamp; an edit at the same size
// within the same second with the modification time put back, the old bytes written
// back, a save by rename, and a file changed just before its stamp was taken all make Get
// hash the bytes, so that a changed file is never served.
func TestStamp(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: filepath.Join(dir, "cache")}
	src, data := source(t, dir, "a.toml", "title = \"Alpha\"\n")
	if _, ok := StampOf(mustStat(t, src), time.Now()); ok {
		t.Fatal("a file written just now has a stamp that vouches for its bytes")
	}
	if _, ok := stampOf(mustStat(t, src)); !ok {
		t.Skip("this platform tells no change times: every open hashes")
	}
	put := func(key Key) {
		t.Helper()
		if err := s.Put(src, key, "k", 1, sections("x")...); err != nil {
			t.Fatal(err)
		}
	}
	get := func(what string, want error, hashed bool) {
		t.Helper()
		before := s.hashes.Load()
		if _, err := get(s, src, "k", 1); !errors.Is(err, want) && err != want {
			t.Errorf("%s: %v, want %v", what, err, want)
		}
		if got := s.hashes.Load() > before; got != hashed {
			t.Errorf("%s: hashed the file %v, want %v", what, got, hashed)
		}
	}

	put(KeyOf(data)) // no stamp
	get("a key without a stamp", nil, true)

	// The stamp taken as if Settle had passed since the file was written; waiting first
	// for the file system's clock to pass the file's change time, as Settle makes sure.
	stamp := func() Key {
		t.Helper()
		waitTick(t, dir, src)
		now := time.Now().Add(Settle + time.Second)
		st, ok := StampOf(mustStat(t, src), now)
		if !ok {
			t.Fatal("no stamp")
		}
		k := KeyOf(data)
		k.Stamp = st
		return k
	}
	put(stamp())
	get("an unchanged file with its stamp", nil, false)
	get("an unchanged file with its stamp, again", nil, false)

	old := mustStat(t, src)
	if err := os.WriteFile(src, []byte("title = \"Alphb\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(src, old.ModTime(), old.ModTime()); err != nil {
		t.Fatal(err)
	}
	get("an edit at the same size and modification time", ErrChanged, true)
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	get("the old bytes written back", nil, true)

	put(stamp())
	tmp := filepath.Join(dir, "a.toml.swp")
	if err := os.WriteFile(tmp, []byte("title = \"Alphc\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, src); err != nil {
		t.Fatal(err)
	}
	get("a save by rename", ErrChanged, true)
}

func mustStat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// waitTick waits until a file written in dir gets a later change time than path has: the
// file system's clock has moved on, and a write to path now changes its change time.
func waitTick(t *testing.T, dir, path string) {
	t.Helper()
	st, _ := stampOf(mustStat(t, path))
	probe := filepath.Join(dir, "probe")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if err := os.WriteFile(probe, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if p, _ := stampOf(mustStat(t, probe)); p.ChangeTime > st.ChangeTime {
			return
		}
	}
	t.Fatal("the file system's clock did not move in 10 s")
}

// TestGetRefuses: a snapshot of another kind or version, of another file, of a file
// changed since (even at the same size, within the same second), truncated, bit-flipped
// anywhere, or larger than its source allows, is never used.
func TestGetRefuses(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: filepath.Join(dir, "cache")}
	src, data := source(t, dir, "a.toml", "title = \"Alpha\"\n")
	put := func() {
		t.Helper()
		if err := s.Put(src, KeyOf(data), "timeline", 3, sections("events", "signatures")...); err != nil {
			t.Fatal(err)
		}
	}
	put()
	file := s.File(src)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	miss := func(what string, kind string, version uint32) {
		t.Helper()
		if got, err := get(s, src, kind, version); !errors.Is(err, ErrMiss) {
			t.Errorf("%s: read %q, %v; want a miss", what, got, err)
		}
	}
	miss("another version", "timeline", 4)
	miss("an older version", "timeline", 2)
	miss("another kind", "notebook", 3)

	// The same size, the same modification time: only the bytes differ.
	st, _ := os.Stat(src)
	if err := os.WriteFile(src, []byte("title = \"Alphb\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(src, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	if _, err := get(s, src, "timeline", 3); !errors.Is(err, ErrChanged) {
		t.Errorf("a file edited at the same size and time: %v, want ErrChanged", err)
	}
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := get(s, src, "timeline", 3); err != nil {
		t.Fatalf("the file as it was: %v", err)
	}

	for n := range len(good) {
		if err := os.WriteFile(file, good[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		miss(fmt.Sprintf("cut to %d bytes", n), "timeline", 3)
	}
	for i := range len(good) {
		for _, bit := range []byte{1, 0x80} {
			b := bytes.Clone(good)
			b[i] ^= bit
			if err := os.WriteFile(file, b, 0o600); err != nil {
				t.Fatal(err)
			}
			miss(fmt.Sprintf("byte %d flipped by %#x", i, bit), "timeline", 3)
		}
	}
	if err := os.WriteFile(file, append(bytes.Clone(good), 'x'), 0o600); err != nil {
		t.Fatal(err)
	}
	miss("a byte added", "timeline", 3)
	if err := os.WriteFile(file, []byte("tlxsnap\x00but nothing else of one"), 0o600); err != nil {
		t.Fatal(err)
	}
	miss("a foreign file", "timeline", 3)

	// A snapshot taken under another file's name.
	other, _ := source(t, dir, "b.toml", string(data))
	if err := os.WriteFile(s.File(other), good, 0o600); err != nil {
		t.Fatal(err)
	}
	miss2 := func() {
		if _, err := get(s, other, "timeline", 3); !errors.Is(err, ErrMiss) {
			t.Errorf("a snapshot of a.toml under b.toml's name: %v, want a miss", err)
		}
	}
	miss2()

	// A write replaces what was there.
	put()
	if _, err := get(s, src, "timeline", 3); err != nil {
		t.Fatalf("rewritten: %v", err)
	}
}

func TestGetReadFails(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: filepath.Join(dir, "cache")}
	src, data := source(t, dir, "a.toml", "title = \"A\"\n")
	if err := s.Put(src, KeyOf(data), "k", 1, sections("x")...); err != nil {
		t.Fatal(err)
	}
	err := s.Get(src, "k", 1, func([][]byte, bool) error { return errors.New("not what I wrote") })
	if !errors.Is(err, ErrMiss) || !strings.Contains(err.Error(), "not what I wrote") {
		t.Errorf("read failed: %v, want a miss that says why", err)
	}
}

// TestEvict: past the limit, the snapshots used longest ago go first; a read counts as a
// use; the one just written stays when it fits.
func TestEvict(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: filepath.Join(dir, "cache"), Limit: 3500} // three fit, not four
	big := strings.Repeat("x", 900)
	var srcs []string
	base := time.Now().Add(-time.Hour)
	for i := range 3 {
		src, data := source(t, dir, fmt.Sprintf("%d.toml", i), fmt.Sprintf("title = %d\n", i))
		if err := s.Put(src, KeyOf(data), "k", 1, sections(big)...); err != nil {
			t.Fatal(err)
		}
		when := base.Add(time.Duration(i) * time.Minute)
		os.Chtimes(s.File(src), when, when)
		srcs = append(srcs, src)
	}
	// Snapshot 0 is read: now the most recently used.
	if _, err := get(s, srcs[0], "k", 1); err != nil {
		t.Fatal(err)
	}
	src, data := source(t, dir, "3.toml", "title = 3\n")
	if err := s.Put(src, KeyOf(data), "k", 1, sections(big)...); err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, true} {
		if s.Has(srcs[i]) != want {
			t.Errorf("snapshot %d kept %v, want %v", i, !want, want)
		}
	}
	if !s.Has(src) {
		t.Error("the snapshot just written was evicted")
	}
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var total int64
	for _, in := range list {
		total += in.Size
	}
	if len(list) != 3 || total > s.Limit {
		t.Errorf("%d snapshots, %d bytes; want 3 within %d", len(list), total, s.Limit)
	}

	// A snapshot larger than the limit on its own is not kept.
	huge := strings.Repeat("y", 4500)
	if err := s.Put(src, KeyOf(data), "k", 1, sections(huge)...); err != nil {
		t.Fatal(err)
	}
	if s.Has(src) {
		t.Error("a snapshot over the limit alone was kept")
	}
}

func TestStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	s := &Store{Dir: filepath.Join(dir, "cache")}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		t.Fatal(err)
	}
	old, fresh := filepath.Join(s.Dir, tmpPrefix+"old"), filepath.Join(s.Dir, tmpPrefix+"fresh")
	for _, p := range []string{old, fresh} {
		os.WriteFile(p, []byte("half a snapshot"), 0o600)
	}
	long := time.Now().Add(-2 * staleAge)
	os.Chtimes(old, long, long)
	src, data := source(t, dir, "a.toml", "title = 1\n")
	if err := s.Put(src, KeyOf(data), "k", 1, sections("x")...); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); err == nil {
		t.Error("a temporary file two hours old was left")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a temporary file being written was removed")
	}
	n, _, err := s.Clear()
	if err != nil || n != 1 {
		t.Errorf("Clear removed %d snapshots, %v; want 1", n, err)
	}
	if entries, _ := os.ReadDir(s.Dir); len(entries) != 0 {
		t.Errorf("after Clear the folder holds %d files", len(entries))
	}
}

// TestRacingWriters runs processes that write the snapshot of one file at once, again
// and again, while this one reads it: every read is the whole snapshot, or none yet.
func TestRacingWriters(t *testing.T) {
	if os.Getenv("TLX_SNAPSHOT_WRITER") != "" {
		t.Skip("the helper runs in TestHelperWriter")
	}
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	src, _ := source(t, dir, "a.toml", strings.Repeat("title = \"A\"\n", 1000))
	s := &Store{Dir: cache}
	var wg sync.WaitGroup
	var done atomic.Bool
	for w := range 2 {
		wg.Go(func() {
			defer done.Store(true)
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
			cmd.Env = append(os.Environ(), "TLX_SNAPSHOT_WRITER="+strconv.Itoa(w), "TLX_SNAPSHOT_DIR="+cache, "TLX_SNAPSHOT_SRC="+src)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("writer %d: %v\n%s", w, err, out)
			}
		})
	}
	hits, reads := 0, 0
	want := strings.Repeat("0123456789", 20000)
	for ; !done.Load(); reads++ {
		got, err := get(s, src, "k", 1)
		switch {
		case err == nil && got != want+"|"+want:
			t.Fatalf("read a snapshot of %d bytes that is not the one written", len(got))
		case err == nil:
			hits++
		case !strings.Contains(err.Error(), "none taken"):
			t.Fatalf("a read while two processes write: %v", err)
		}
	}
	wg.Wait()
	if got, err := get(s, src, "k", 1); err != nil || got != want+"|"+want {
		t.Fatalf("after the writers: %d bytes, %v", len(got), err)
	}
	entries, _ := os.ReadDir(cache)
	if len(entries) != 1 {
		t.Errorf("the writers left %d files, want 1 snapshot", len(entries))
	}
	t.Logf("%d of %d reads while the writers ran found the snapshot", hits, reads)
}

// TestHelperWriter is one of TestRacingWriters' processes.
func TestHelperWriter(t *testing.T) {
	if os.Getenv("TLX_SNAPSHOT_WRITER") == "" {
		t.Skip("a helper of TestRacingWriters")
	}
	s := &Store{Dir: os.Getenv("TLX_SNAPSHOT_DIR")}
	src := os.Getenv("TLX_SNAPSHOT_SRC")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	part := strings.Repeat("0123456789", 20000)
	for range 40 {
		if err := s.Put(src, KeyOf(data), "k", 1, sections(part, part)...); err != nil {
			t.Fatal(err)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{{"1024", 1024}, {"512M", 512 << 20}, {"2G", 2 << 30}, {"300k", 300 << 10}, {"1GB", 1 << 30}} {
		if got, err := ParseSize(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "-1", "1T", "lots", "99999999999G"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) did not fail", bad)
		}
	}
}

// FuzzReadHeader: no bytes make the header reader fail other than by a miss, nor claim
// more than the file holds.
func FuzzReadHeader(f *testing.F) {
	h := &header{key: Key{Size: 10}, version: 1, lengths: []int64{3, 4}, kind: "timeline", source: "/a.toml", writer: "123 456 /bin/tlx"}
	good := append(h.marshal(), "abcdefg"...)
	f.Add(good)
	f.Add(good[:20])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		h, _, _, err := readHeader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if !errors.Is(err, ErrMiss) {
				t.Fatalf("an error that is not a miss: %v", err)
			}
			return
		}
		total := int64(h.size())
		for _, n := range h.lengths {
			total += n
		}
		if total != int64(len(b)) {
			t.Fatalf("header claims %d bytes of %d", total, len(b))
		}
	})
}
