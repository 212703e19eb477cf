package snapshot

import (
	"encoding/binary"
	"errors"
	"io"
	"unsafe"
)

// Encoder writes the values of a section: unsigned and signed varints, and strings as a
// length and their bytes. The first write error stops it; Err returns it.
type Encoder struct {
	w   io.Writer
	buf []byte
	err error
}

// NewEncoder returns an Encoder writing to w, buffered: Flush writes what is left.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: w, buf: make([]byte, 0, 64<<10)} }

func (e *Encoder) spill() {
	if len(e.buf) >= 60<<10 {
		e.Flush()
	}
}

// Uint writes an unsigned varint.
func (e *Encoder) Uint(v uint64) {
	e.buf = binary.AppendUvarint(e.buf, v)
	e.spill()
}

// Int writes a signed varint.
func (e *Encoder) Int(v int64) {
	e.buf = binary.AppendVarint(e.buf, v)
	e.spill()
}

// String writes a string: its length, then its bytes.
func (e *Encoder) String(s string) {
	e.Uint(uint64(len(s)))
	e.buf = append(e.buf, s...)
	e.spill()
}

// Bytes writes bytes as they are, without a length.
func (e *Encoder) Bytes(b []byte) {
	if len(b) > 4<<10 {
		e.Flush()
		if e.err == nil {
			_, e.err = e.w.Write(b)
		}
		return
	}
	e.buf = append(e.buf, b...)
	e.spill()
}

// Flush writes what is buffered.
func (e *Encoder) Flush() error {
	if e.err == nil && len(e.buf) > 0 {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
	return e.err
}

// Err returns the first write error.
func (e *Encoder) Err() error { return e.err }

// ErrCorrupt is the error of a Decoder that read past its section or a value out of
// its bounds.
var ErrCorrupt = errors.New("snapshot corrupt")

// Decoder reads the values an Encoder wrote from a section in memory. Every length it
// reads is checked against what is left of the section and against the bound its caller
// gives, so that no bytes, however made, can make it allocate more than the section
// holds or read outside it. After the first failure every read returns the zero value;
// Err says whether one happened.
//
// Strings share the section's bytes, which must never be written again.
type Decoder struct {
	b   []byte
	err error
}

// NewDecoder returns a Decoder reading b.
func NewDecoder(b []byte) *Decoder { return &Decoder{b: b} }

// fail records that the section is corrupt.
func (d *Decoder) fail() {
	d.err, d.b = ErrCorrupt, nil
}

// Err returns ErrCorrupt once a read has failed.
func (d *Decoder) Err() error { return d.err }

// Len returns how many bytes are left.
func (d *Decoder) Len() int { return len(d.b) }

// Uint reads an unsigned varint of at most max.
func (d *Decoder) Uint(max uint64) uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > max {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Int reads a signed varint between min and max.
func (d *Decoder) Int(min, max int64) int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 || v < min || v > max {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Count reads a number of items, each of which takes at least one byte: at most what is
// left, and at most max.
func (d *Decoder) Count(max int) int {
	return int(d.Uint(uint64(min(max, len(d.b)))))
}

// String reads a string of at most max bytes.
func (d *Decoder) String(max int) string {
	n, size := binary.Uvarint(d.b)
	if size <= 0 || n > uint64(max) || n > uint64(len(d.b)-size) {
		d.fail()
		return ""
	}
	d.b = d.b[size:]
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], int(n))
	d.b = d.b[n:]
	return s
}

// Bytes reads n bytes, shared with the section.
func (d *Decoder) Bytes(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.fail()
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}
