package timeline

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode/utf8"
)

// MaxFileSize is the largest timeline tlx reads, in bytes: 512 MiB, more than six times a
// timeline of 100,000 events (78.5 MB). A file may only drive a load as far as this.
const MaxFileSize = 512 << 20

// readChunk is how much is read between two checks of what was read, so that a file that
// is not text fails at once however large it is.
const readChunk = 1 << 20

// ReadFile reads a timeline file, turning the ways it can fail into one clear Problem
// each: missing, a directory, a device, unreadable, larger than MaxFileSize, or not text.
// A regular file is read up to the size it had when opened, so a file still being
// written to cannot keep the read going; anything else that can be opened, such as a
// named pipe, is read up to MaxFileSize. Reading stops at the first NUL byte or byte that
// is not UTF-8, which a timeline never holds.
func ReadFile(path string) ([]byte, error) {
	data, _, err := readFile(path, MaxFileSize)
	return data, err
}

// ReadFileInfo is ReadFile that also returns what the file system told of the file it
// opened, just before reading it: for a cache that must know which file, as it was then,
// its bytes came from (see internal/snapshot's Stamp).
func ReadFileInfo(path string) ([]byte, os.FileInfo, error) {
	return readFile(path, MaxFileSize)
}

// ReadAll reads a timeline from r, named name in messages, as ReadFile reads a named pipe:
// up to MaxFileSize, stopping at the first NUL byte or byte that is not UTF-8. It is for
// standard input, where a terminal is as good a source as a pipe.
func ReadAll(name string, r io.Reader) ([]byte, error) {
	return readText(name, r, -1, MaxFileSize)
}

func readFile(path string, limit int64) ([]byte, os.FileInfo, error) {
	fail := func(msg, hint string) error {
		return &Problem{File: path, Kind: ErrFile, Msg: msg, Hint: hint}
	}
	st, err := os.Stat(path)
	if err == nil {
		// Refused before opening: opening some devices has effects of its own.
		if msg := notAFile(st.Mode()); msg != "" {
			return nil, nil, fail(msg, "give the path of a .toml file")
		}
	}
	var f *os.File
	if err == nil {
		f, err = os.Open(path)
	}
	if err == nil {
		defer f.Close()
		st, err = f.Stat() // what was opened, which the path may no longer name
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil, fail("no such file", "check the path")
	case errors.Is(err, fs.ErrPermission):
		return nil, nil, fail("permission denied", "check the file's permissions")
	case err != nil:
		return nil, nil, fail(cause(err), "")
	}
	if msg := notAFile(st.Mode()); msg != "" {
		return nil, nil, fail(msg, "give the path of a .toml file")
	}
	size := int64(-1)
	if st.Mode().IsRegular() {
		size = st.Size()
		if size > limit {
			return nil, nil, fail(fmt.Sprintf("is %s, larger than the %s tlx reads", SizeText(size), SizeText(limit)),
				"split the timeline into several files")
		}
	}
	data, err := readText(path, f, size, limit)
	return data, st, err
}

// notAFile says why a file of this mode cannot be a timeline, or returns "".
func notAFile(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "is a directory"
	case mode&fs.ModeCharDevice != 0 || mode&fs.ModeDevice != 0:
		return "is a device, not a file"
	case mode&fs.ModeSocket != 0:
		return "is a socket, not a file"
	}
	return ""
}

// readText reads r, of size bytes when size >= 0 (and no more, however much r holds by
// now) or else of at most limit bytes (readStream), checking each chunk as it comes in.
func readText(name string, r io.Reader, size, limit int64) ([]byte, error) {
	if size < 0 {
		return readStream(name, r, limit)
	}
	fail := func(msg, hint string) error {
		return &Problem{File: name, Kind: ErrFile, Msg: msg, Hint: hint}
	}
	r = io.LimitReader(r, size)
	buf := make([]byte, 0, size+1) // room for the read that says EOF
	checked := 0                   // bytes known to be text
	for {
		n, err := r.Read(buf[len(buf):min(cap(buf), len(buf)+readChunk)])
		buf = buf[:len(buf)+n]
		end := len(buf)
		switch {
		case err == nil && len(buf) < 2:
			end = 0 // a UTF-16 byte-order mark, perhaps: wait for its second byte
		case err == nil:
			end = completeRunes(buf)
		}
		if p := checkText(name, buf, checked, end); p != nil {
			return nil, p
		}
		checked = max(checked, end)
		switch {
		case err == io.EOF:
			return buf, nil
		case errors.Is(err, fs.ErrPermission):
			return nil, fail("permission denied", "check the file's permissions")
		case err != nil:
			return nil, fail(cause(err), "")
		}
	}
}

// readStream reads r, whose size is not known (a pipe, a terminal), up to limit bytes,
// checking each read as it comes in. It reads into chunks of at most streamChunk bytes
// that are never copied while they fill, and copies them once into one slice at the end:
// a stream that never ends stops at the limit having allocated little more than the limit,
// where a buffer doubled as it grew would have allocated three times it; a stream that
// ends holds twice what it sent, and only for that last copy.
func readStream(name string, r io.Reader, limit int64) ([]byte, error) {
	fail := func(msg, hint string) error {
		return &Problem{File: name, Kind: ErrFile, Msg: msg, Hint: hint}
	}
	r = io.LimitReader(r, limit+1)
	var (
		full  [][]byte // the chunks filled so far, each ending with a whole character
		done  int64    // bytes in full
		chunk = make([]byte, 0, min(64<<10, limit+1))
		// checked is how much of chunk is known to be text; utf16 says the stream
		// starts with a UTF-16 byte-order mark, which Parse names as such.
		checked int
		utf16   bool
	)
	for {
		if len(chunk) == cap(chunk) {
			// Full: keep its whole characters, and start the next chunk with the
			// bytes of a character cut at its end.
			end := completeRunes(chunk)
			full = append(full, chunk[:end])
			done += int64(end)
			size := min(max(done, 64<<10), streamChunk, limit+1-done)
			next := make([]byte, 0, max(size, int64(len(chunk)-end)+1))
			chunk = append(next, chunk[end:]...)
			checked = 0
		}
		n, err := r.Read(chunk[len(chunk):min(cap(chunk), len(chunk)+readChunk)])
		chunk = chunk[:len(chunk)+n]
		if done+int64(len(chunk)) > limit {
			return nil, fail(fmt.Sprintf("is larger than the %s tlx reads", SizeText(limit)), "split the timeline into several files")
		}
		end := len(chunk)
		switch {
		case err == nil && done == 0 && len(chunk) < 2:
			end = 0 // a UTF-16 byte-order mark, perhaps: wait for its second byte
		case err == nil:
			end = completeRunes(chunk)
		}
		if done == 0 && end >= 2 {
			utf16 = bytes.HasPrefix(chunk, []byte("\xff\xfe")) || bytes.HasPrefix(chunk, []byte("\xfe\xff"))
		}
		if !utf16 && checked < end && !isText(chunk[checked:end]) {
			// Rare: join what came before, so that the problem names its line.
			data := join(full, done, chunk[:end])
			if p := checkText(name, data, int(done)+checked, len(data)); p != nil {
				return nil, p
			}
		}
		checked = max(checked, end)
		switch {
		case err == io.EOF:
			if len(full) == 0 {
				return chunk, nil
			}
			return join(full, done, chunk), nil
		case errors.Is(err, fs.ErrPermission):
			return nil, fail("permission denied", "check the file's permissions")
		case err != nil:
			return nil, fail(cause(err), "")
		}
	}
}

// streamChunk is the most readStream reads into one chunk: what it may allocate past the
// limit.
const streamChunk = 1 << 20

// join returns the chunks of full, n bytes in all, and last, as one slice.
func join(full [][]byte, n int64, last []byte) []byte {
	data := make([]byte, 0, n+int64(len(last)))
	for i, c := range full {
		data = append(data, c...)
		full[i] = nil // what is copied may go
	}
	return append(data, last...)
}

// isText reports whether b holds neither a NUL byte nor a byte that is not UTF-8.
func isText(b []byte) bool { return bytes.IndexByte(b, 0) < 0 && utf8.Valid(b) }

// completeRunes returns the length of the longest prefix of b that does not end inside a
// character, which a later read may complete.
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// checkText looks at data[from:to], the part of data not yet checked, for a NUL byte or a
// byte that is not UTF-8. UTF-16 text, which Parse names as such, is left to it.
func checkText(name string, data []byte, from, to int) *Problem {
	if from >= to || bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return nil
	}
	if i := bytes.IndexByte(data[from:to], 0); i >= 0 && utf8.Valid(data[from:from+i]) {
		text := bytes.TrimPrefix(data[:from+i], bom)
		line, col := lineCol(text)
		return &Problem{File: name, Line: line, Col: col, Kind: ErrFile,
			Msg: "not text: a NUL byte", Hint: "a timeline is UTF-8 text; check that this is the right file"}
	}
	if utf8.Valid(data[from:to]) {
		return nil
	}
	return notUTF8(name, bytes.TrimPrefix(data[:to], bom)) // before any NUL

}

// notUTF8 describes the first byte of data that is not UTF-8; data must hold one.
func notUTF8(name string, data []byte) *Problem {
	line, col, b, _ := firstInvalidUTF8(data)
	return &Problem{File: name, Line: line, Col: col, Kind: ErrFile,
		Msg: fmt.Sprintf("not UTF-8 text: invalid byte 0x%02x", b), Hint: "save the file as UTF-8"}
}

// lineCol returns the line and column (in characters) just after text.
func lineCol(text []byte) (line, col int) {
	lineStart := bytes.LastIndexByte(text, '\n') + 1
	return bytes.Count(text, []byte{'\n'}) + 1, utf8.RuneCount(text[lineStart:]) + 1
}

// SizeText writes a size in bytes the way people say it: 512 MiB, 2.5 GiB.
func SizeText(n int64) string {
	const mib = 1 << 20
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= mib && n%mib == 0:
		return fmt.Sprintf("%d MiB", n/mib)
	case n >= mib:
		return fmt.Sprintf("%.1f MiB", float64(n)/mib)
	}
	return fmt.Sprintf("%d bytes", n)
}

// cause returns the message of a path error without the path, which the Problem already
// names.
func cause(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
