package snapshot

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"time"
)

// A snapshot file is a header, then its sections one after another:
//
//	magic     [8]byte "tlxsnap\x00"
//	crc       uint32  CRC-32C of the sections, then of the header from byte 12 on
//	format    uint32  the store's format version
//	headerLen uint32  bytes of the header, these fields included
//	size      int64   size of the source when the snapshot was taken
//	sum       [32]byte SHA-256 of the source's bytes
//	stamp     5 × uint64: the source's device, inode, size, modification and change times
//	          (Stamp), all zero when none vouches for its bytes
//	version   uint32  version of what the snapshot holds
//	nsections uint32
//	lengths   nsections × uint64
//	kind      uint16 length, then the bytes: what the snapshot holds ("timeline")
//	source    uint16 length, then the bytes: the source's path
//	writer    uint16 length, then the bytes: the program that wrote it (Store.Writer)
//
// Integers are little-endian. The file is exactly headerLen plus the lengths long.

const (
	magic        = "tlxsnap\x00"
	format       = 3
	fixedHeader  = 8 + 4 + 4 + 4 + 8 + 32 + 5*8 + 4 + 4
	maxSections  = 16
	maxKind      = 64
	maxSourceLen = 16 << 10
	maxWriter    = 4 << 10
	maxHeader    = fixedHeader + 8*maxSections + 2 + maxKind + 2 + maxSourceLen + 2 + maxWriter
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrMiss is wrapped by every reason Get gives for not using a snapshot.
var ErrMiss = errors.New("no usable snapshot")

// ErrChanged is the miss of a snapshot whole and sound, taken of the same file before its
// bytes changed: what read made of it is the file as it was.
var ErrChanged = fmt.Errorf("%w: source changed since", ErrMiss)

func miss(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMiss, fmt.Sprintf(format, args...))
}

// header is a snapshot file's header, read or to write.
type header struct {
	key     Key
	version uint32
	lengths []int64
	kind    string
	source  string
	writer  string
}

// size is the header's length in bytes.
func (h *header) size() int {
	return fixedHeader + 8*len(h.lengths) + 2 + len(h.kind) + 2 + len(h.source) + 2 + len(h.writer)
}

// marshal writes the header with its checksum field zero.
func (h *header) marshal() []byte {
	b := make([]byte, 0, h.size())
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint32(b, 0)
	b = binary.LittleEndian.AppendUint32(b, format)
	b = binary.LittleEndian.AppendUint32(b, uint32(h.size()))
	b = binary.LittleEndian.AppendUint64(b, uint64(h.key.Size))
	b = append(b, h.key.Sum[:]...)
	st := h.key.Stamp
	for _, v := range [...]uint64{st.Dev, st.Ino, uint64(st.Size), uint64(st.ModTime), uint64(st.ChangeTime)} {
		b = binary.LittleEndian.AppendUint64(b, v)
	}
	b = binary.LittleEndian.AppendUint32(b, h.version)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(h.lengths)))
	for _, n := range h.lengths {
		b = binary.LittleEndian.AppendUint64(b, uint64(n))
	}
	b = binary.LittleEndian.AppendUint16(b, uint16(len(h.kind)))
	b = append(b, h.kind...)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(h.source)))
	b = append(b, h.source...)
	b = binary.LittleEndian.AppendUint16(b, uint16(len(h.writer)))
	b = append(b, h.writer...)
	return b
}

// readHeader reads the header of a snapshot file of fileSize bytes, checking every length
// it holds against what the file can hold; it returns the header's bytes for the
// checksum and the stored checksum.
func readHeader(r io.Reader, fileSize int64) (*header, []byte, uint32, error) {
	fixed := make([]byte, fixedHeader)
	if _, err := io.ReadFull(r, fixed); err != nil {
		return nil, nil, 0, miss("header cut short")
	}
	if string(fixed[:8]) != magic {
		return nil, nil, 0, miss("not a snapshot")
	}
	le := binary.LittleEndian
	crc := le.Uint32(fixed[8:])
	if v := le.Uint32(fixed[12:]); v != format {
		return nil, nil, 0, miss("store format %d, not %d", v, format)
	}
	hlen := int64(le.Uint32(fixed[16:]))
	if hlen < fixedHeader || hlen > maxHeader || hlen > fileSize {
		return nil, nil, 0, miss("header length %d out of bounds", hlen)
	}
	h := &header{}
	h.key.Size = int64(le.Uint64(fixed[20:]))
	copy(h.key.Sum[:], fixed[28:60])
	st := &h.key.Stamp
	st.Dev, st.Ino = le.Uint64(fixed[60:]), le.Uint64(fixed[68:])
	st.Size, st.ModTime, st.ChangeTime = int64(le.Uint64(fixed[76:])), int64(le.Uint64(fixed[84:])), int64(le.Uint64(fixed[92:]))
	h.version = le.Uint32(fixed[100:])
	n := int64(le.Uint32(fixed[104:]))
	if n > maxSections || fixedHeader+8*n+4 > hlen {
		return nil, nil, 0, miss("%d sections", n)
	}
	all := make([]byte, hlen)
	copy(all, fixed)
	if _, err := io.ReadFull(r, all[fixedHeader:]); err != nil {
		return nil, nil, 0, miss("header cut short")
	}
	rest := all[fixedHeader:]
	total := hlen
	for range n {
		l := int64(le.Uint64(rest))
		rest = rest[8:]
		if l < 0 || l > fileSize-total {
			return nil, nil, 0, miss("a section longer than the file")
		}
		total += l
		h.lengths = append(h.lengths, l)
	}
	var ok bool
	if h.kind, rest, ok = shortString(rest, maxKind); !ok {
		return nil, nil, 0, miss("kind out of bounds")
	}
	if h.source, rest, ok = shortString(rest, maxSourceLen); !ok {
		return nil, nil, 0, miss("source out of bounds")
	}
	if h.writer, rest, ok = shortString(rest, maxWriter); !ok {
		return nil, nil, 0, miss("writer out of bounds")
	}
	if len(rest) != 0 || total != fileSize || h.key.Size < 0 {
		return nil, nil, 0, miss("file is %d bytes, its header says %d", fileSize, total)
	}
	return h, all, crc, nil
}

// shortString reads a string of at most max bytes after its uint16 length.
func shortString(b []byte, max int) (string, []byte, bool) {
	if len(b) < 2 {
		return "", nil, false
	}
	n := int(binary.LittleEndian.Uint16(b))
	b = b[2:]
	if n > max || n > len(b) {
		return "", nil, false
	}
	return string(b[:n]), b[n:], true
}

// readHeaderFile reads the header of the snapshot file at path.
func readHeaderFile(path string) (*header, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	h, _, _, err := readHeader(bufio.NewReader(f), st.Size())
	return h, err
}

// maxSize bounds the snapshot of a source of size bytes: what it holds is the source
// parsed, a few times its size at most. A larger file is not read.
func maxSize(size int64) int64 { return 8*size + 1<<20 }

// Put writes a snapshot of source (a path as Source returns it), taken of the bytes key
// describes: what it holds is named by kind and version, and written by the sections'
// functions in turn. The file appears whole or not at all; the store is then brought
// within its limit.
func (s *Store) Put(source string, key Key, kind string, version uint32, sections ...func(w io.Writer) error) error {
	return s.PutKeyLater(source, func() Key { return key }, kind, version, sections...)
}

// PutKeyLater is Put with the key asked for only once the sections are written, so that
// the caller may hash the source on another core while they are.
func (s *Store) PutKeyLater(source string, key func() Key, kind string, version uint32, sections ...func(w io.Writer) error) (err error) {
	if len(kind) > maxKind || len(source) > maxSourceLen || len(s.Writer) > maxWriter || len(sections) > maxSections {
		return fmt.Errorf("snapshot of %s: kind, path or sections out of bounds", source)
	}
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return fmt.Errorf("snapshot folder: %w", err)
	}
	tmp, err := os.CreateTemp(s.Dir, tmpPrefix+"*")
	if err != nil {
		return fmt.Errorf("snapshot folder: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	h := &header{version: version, lengths: make([]int64, len(sections)), kind: kind, source: source, writer: s.Writer}
	if _, err := tmp.Write(make([]byte, h.size())); err != nil { // the header goes here at the end
		return err
	}
	bw := bufio.NewWriterSize(tmp, 1<<20)
	cw := &crcWriter{w: bw}
	for i, write := range sections {
		before := cw.n
		if err := write(cw); err != nil {
			return err
		}
		h.lengths[i] = cw.n - before
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	h.key = key()
	hb := h.marshal()
	binary.LittleEndian.PutUint32(hb[8:], crc32.Update(cw.crc, castagnoli, hb[12:]))
	if _, err := tmp.WriteAt(hb, 0); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	path := s.file(source)
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	s.evict(path, time.Now())
	return nil
}

// crcWriter counts and checksums what goes through it.
type crcWriter struct {
	w   io.Writer
	n   int64
	crc uint32
}

func (c *crcWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.crc = crc32.Update(c.crc, castagnoli, p[:n])
	c.n += int64(n)
	return n, err
}

// Get finds the snapshot of source (a path as Source returns it) that holds kind at
// version and was taken of the bytes the source holds now, and hands its sections to
// read, each in memory of its own that nothing else writes, with whether the store's own
// Writer wrote it (see Store.Writer): only then may read take for granted what the
// writer checked before writing; the checksum has shown the bytes are as written. It
// returns nil when the snapshot is used, and an error wrapping ErrMiss that says why not
// otherwise: then what read made of the sections is not the file as it is, and must be
// thrown away. The one
// exception is ErrChanged: the snapshot was whole and sound, read succeeded, and what it
// made is the file as it was before its last change. The source's bytes are hashed while
// read works, unless the snapshot's key holds the stamp the source has now (see Stamp).
func (s *Store) Get(source, kind string, version uint32, read func(sections [][]byte, own bool) error) error {
	src, err := os.Stat(source)
	if err != nil {
		return miss("source: %v", err)
	}
	path := s.file(source)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return miss("none taken")
	}
	if err != nil {
		return miss("%v", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return miss("%v", err)
	}
	if st.Size() > maxSize(src.Size()) {
		return miss("%d bytes, more than a snapshot of %d bytes can be", st.Size(), src.Size())
	}
	br := bufio.NewReaderSize(f, 64<<10)
	h, hb, crc, err := readHeader(br, st.Size())
	switch {
	case err != nil:
		return err
	case h.source != source:
		return miss("taken of %s", h.source)
	case h.kind != kind || h.version != version:
		return miss("holds %s version %d, not %s version %d", h.kind, h.version, kind, version)
	}
	changed := h.key.Size != src.Size()
	same := make(chan error, 1)
	cur, stamped := stampOf(src)
	switch {
	case changed:
		same <- ErrChanged
	case stamped && h.key.Stamp != (Stamp{}) && cur == h.key.Stamp:
		same <- nil // not written since the bytes were read: see Stamp
	default:
		go func() {
			k, err := s.keyOf(source, h.key.Size)
			switch {
			case err != nil:
				same <- miss("source: %v", err)
			case k.Size != h.key.Size || k.Sum != h.key.Sum:
				same <- ErrChanged
			default:
				same <- nil
			}
		}()
	}
	sections := make([][]byte, len(h.lengths))
	sum := uint32(0)
	for i, n := range h.lengths {
		sections[i] = make([]byte, n)
		if _, err := io.ReadFull(br, sections[i]); err != nil {
			<-same
			return miss("cut short")
		}
		sum = crc32.Update(sum, castagnoli, sections[i])
	}
	if crc32.Update(sum, castagnoli, hb[12:]) != crc {
		<-same
		return miss("checksum does not match")
	}
	rerr := read(sections, s.Writer != "" && h.writer == s.Writer)
	if rerr != nil {
		<-same
		return miss("%v", rerr)
	}
	if err := <-same; err != nil {
		return err
	}
	now := time.Now()
	os.Chtimes(path, now, now) // the last use, which eviction goes by
	return nil
}

// Has reports whether source has a snapshot file in the store, usable or not.
func (s *Store) Has(source string) bool {
	_, err := os.Stat(s.file(source))
	return err == nil
}

// File returns the path of the snapshot file of source.
func (s *Store) File(source string) string { return s.file(source) }
