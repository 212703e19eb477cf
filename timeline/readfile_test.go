package timeline_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"

	"github.com/tlx-dev/tlx/timeline"
)

// endless is a reader that repeats its text for ever and counts what it gave.
type endless struct {
	text []byte
	off  int
	read atomic.Int64
}

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], e.text[e.off:])
		n += c
		e.off = (e.off + c) % len(e.text)
	}
	e.read.Add(int64(n))
	return n, nil
}

// wantProblem fails t unless err is one *Problem whose text starts with want.
func wantProblem(t *testing.T, err error, want string) {
	t.Helper()
	var p *timeline.Problem
	if !errors.As(err, &p) || !strings.HasPrefix(p.Error(), want) {
		t.Fatalf("got %v\nwant %s...", err, want)
	}
}

// TestReadBounded checks that what a file can make tlx read is bounded: endless streams
// stop at the first chunk that is not text or at the size limit, devices are refused
// without being read, and a file larger than the limit is refused from its size. Before,
// each of these read until memory ran out.
func TestReadBounded(t *testing.T) {
	const limit = 4 << 20
	t.Run("zeros from a pipe", func(t *testing.T) {
		r := &endless{text: []byte{0}}
		var err error
		checkBounded(t, 1<<20, 2<<20, func() {
			r.read.Store(0)
			_, err = timeline.ReadAll("standard input", r)
		})
		wantProblem(t, err, "standard input:1:1: not text: a NUL byte; a timeline is UTF-8 text")
		if got := r.read.Load(); got > 1<<20 {
			t.Errorf("read %d bytes of an endless stream of zeros", got)
		}
	})
	t.Run("random bytes from a pipe", func(t *testing.T) {
		r := &endless{text: []byte("title = \"t\"\n\xe9\xff")}
		var err error
		checkBounded(t, 1<<20, 2<<20, func() { _, err = timeline.ReadAll("-", r) })
		wantProblem(t, err, "-:2:1: not UTF-8 text: invalid byte 0xe9; save the file as UTF-8")
	})
	t.Run("endless text from a pipe", func(t *testing.T) {
		r := &endless{text: []byte("# a comment that never ends\n")}
		var err error
		// Chunks up to the limit, never copied: the limit and one chunk allocated in
		// all. A buffer that doubled allocated three times the limit (and 1.58 GB of
		// memory for yes | tlx validate -).
		checkBounded(t, limit, limit+2<<20, func() {
			r.read.Store(0)
			_, err = timeline.ReadText("-", r, -1, limit)
		})
		wantProblem(t, err, "-: is larger than the 4 MiB tlx reads; split the timeline into several files")
		if got := r.read.Load(); got > limit+1 {
			t.Errorf("read %d bytes for a limit of %d", got, limit)
		}
	})
	t.Run("text that ends, from a pipe", func(t *testing.T) {
		data := bytes.Repeat([]byte("# a comment that ends\n"), limit/22)
		var got []byte
		var err error
		// The chunks, then the one slice they are copied into.
		checkBounded(t, len(data), uint64(2*len(data))+1<<20, func() {
			got, err = timeline.ReadAll("-", bytes.NewReader(data))
		})
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("got %d bytes, %v; want the %d sent", len(got), err, len(data))
		}
	})
	t.Run("a device", func(t *testing.T) {
		var err error
		checkBounded(t, 1<<20, 64<<10, func() { _, err = timeline.ReadFile("/dev/zero") })
		wantProblem(t, err, "/dev/zero: is a device, not a file; give the path of a .toml file")
	})
	t.Run("a file over the limit", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "big.toml")
		if err := os.WriteFile(path, bytes.Repeat([]byte("# big\n"), 2*limit/6), 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		checkBounded(t, 1<<20, 64<<10, func() { _, _, err = timeline.ReadFileLimit(path, limit) })
		wantProblem(t, err, path+": is 8.0 MiB, larger than the 4 MiB tlx reads")
	})
	t.Run("a NUL early in a large file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nul.toml")
		data := bytes.Repeat([]byte("# comment\n"), 3<<20)
		data[5<<20+3] = 0
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var err error
		// The buffer is sized to the file at once; only 6 MiB of it are read.
		checkBounded(t, 6<<20, uint64(len(data))+2<<20, func() { _, err = timeline.ReadFile(path) })
		wantProblem(t, err, path+":524289:4: not text: a NUL byte")
	})
}

// TestReadGrowingFile checks that a regular file is read up to the size it had when it was
// opened: a writer that keeps appending cannot keep the read going.
func TestReadGrowingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "growing.toml")
	first := bytes.Repeat([]byte("# first\n"), 1<<17)
	if err := os.WriteFile(path, first, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(bytes.Repeat([]byte("# later\n"), 1<<17)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	data, err := timeline.ReadText(path, f, st.Size(), timeline.MaxFileSize)
	if err != nil || !bytes.Equal(data, first) {
		t.Fatalf("read %d bytes (%v), want the %d there when it was opened", len(data), err, len(first))
	}

	// The same through ReadFile, with a writer appending all the while.
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		w, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer w.Close()
		chunk := bytes.Repeat([]byte("# more\n"), 1<<13)
		for {
			select {
			case <-stop:
				return
			default:
				w.Write(chunk)
			}
		}
	}()
	data, err = timeline.ReadFile(path)
	close(stop)
	<-done
	st, _ = os.Stat(path)
	if err != nil || int64(len(data)) > st.Size() || !bytes.HasPrefix(data, first) {
		t.Fatalf("read %d bytes of a file now %d long: %v", len(data), st.Size(), err)
	}
}

// TestReadText checks that checking text chunk by chunk finds neither more nor less than
// checking it whole, whatever the chunks: characters split across reads are text.
func TestReadText(t *testing.T) {
	valid := strings.Repeat("é€𝄞 ok\n", 1000)
	long := strings.Repeat("é€𝄞 ok\n", 30000)
	for _, tc := range []struct{ name, data, want string }{
		{"valid", valid, ""},
		{"with a byte-order mark", "\xef\xbb\xbf" + valid, ""},
		{"cut character at the end", valid + "\xe2\x82", "f:1001:1: not UTF-8 text: invalid byte 0xe2"},
		{"bad byte", valid + "ab\x80", "f:1001:3: not UTF-8 text: invalid byte 0x80"},
		{"NUL after a byte-order mark", "\xef\xbb\xbfa\x00", "f:1:2: not text: a NUL byte"},
		{"UTF-16, left to Parse", "\xff\xfea\x00", ""},
		{"a bad byte before a NUL", "ab\xe9cd\x00", "f:1:3: not UTF-8 text: invalid byte 0xe9"},
		{"a NUL before a bad byte", "ab\x00cd\xe9", "f:1:3: not text: a NUL byte"},
		// Past the first chunk of a stream, with characters cut between chunks.
		{"many chunks", long, ""},
		{"many chunks, a bad byte", long + "ab\x80", "f:30001:3: not UTF-8 text: invalid byte 0x80"},
		{"many chunks, a NUL", long + "\x00", "f:30001:1: not text: a NUL byte"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range []io.Reader{strings.NewReader(tc.data), iotest.OneByteReader(strings.NewReader(tc.data)), iotest.HalfReader(strings.NewReader(tc.data))} {
				data, err := timeline.ReadAll("f", r)
				if tc.want == "" {
					if err != nil || string(data) != tc.data {
						t.Fatalf("got %d bytes, %v; want the text back", len(data), err)
					}
					continue
				}
				wantProblem(t, err, tc.want)
			}
		})
	}
	// The same message as Parse gives for a file it is handed whole.
	data, err := os.ReadFile("../testdata/bad/not-utf8.toml")
	if err != nil {
		t.Fatal(err)
	}
	_, perr := timeline.Open("not-utf8.toml", data)
	_, rerr := timeline.ReadAll("not-utf8.toml", bytes.NewReader(data))
	if perr == nil || rerr == nil || perr.Error() != rerr.Error() {
		t.Errorf("ReadAll says %v, Parse %v", rerr, perr)
	}
}

// FuzzReadStream checks that reading a stream in chunks (a pipe: size unknown) finds
// what reading it into one buffer of its known size finds: the same bytes, or the same
// problem at the same place. The text is repeated past the first chunk, and read in
// pieces of odd sizes, so that characters and problems fall across chunk boundaries.
func FuzzReadStream(f *testing.F) {
	f.Add([]byte("é€𝄞 ok\n"), uint16(100), uint8(7))
	f.Add([]byte("title = \"x\"\n"), uint16(9000), uint8(1))
	f.Add([]byte("ab\xe2\x82"), uint16(30000), uint8(3))
	f.Add([]byte("a\x00"), uint16(40000), uint8(255))
	f.Add([]byte("\xff\xfea\x00"), uint16(20000), uint8(64))
	f.Fuzz(func(t *testing.T, unit []byte, reps uint16, piece uint8) {
		if len(unit) == 0 || len(unit)*int(reps) > 4<<20 {
			return
		}
		data := bytes.Repeat(unit, int(reps))
		const limit = 4 << 20
		want, wantErr := timeline.ReadText("f", bytes.NewReader(data), int64(len(data)), limit)
		r := &pieces{data: data, n: int(piece) + 1}
		got, gotErr := timeline.ReadText("f", r, -1, limit)
		if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) || !bytes.Equal(got, want) {
			t.Fatalf("in chunks: %d bytes, %v\nwhole: %d bytes, %v", len(got), gotErr, len(want), wantErr)
		}
	})
}

// pieces reads data n bytes at a time, then n+1, and so on, wrapping at 300.
type pieces struct {
	data []byte
	n    int
}

func (p *pieces) Read(b []byte) (int, error) {
	if len(p.data) == 0 {
		return 0, io.EOF
	}
	k := copy(b[:min(len(b), p.n)], p.data)
	p.data = p.data[k:]
	p.n = p.n%300 + 1
	return k, nil
}
