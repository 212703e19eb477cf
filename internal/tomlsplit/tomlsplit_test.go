package tomlsplit

import (
	"reflect"
	"testing"
)

func TestSplitFile(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []Piece // start, end, line, lines, event
	}{
		{"no events", "title = \"x\"\n", []Piece{{0, 12, 1, 1, false}}},
		{"empty", "", []Piece{{0, 0, 1, 0, false}}},
		{"starts with an event", "[[events]]\nid = 1\n", []Piece{{0, 18, 1, 2, true}}},
		{"sources stay with their event, actors after do not",
			"t = 1\n[[events]]\n[[events.sources]]\n[[actors]]\n[[ events ]]\n",
			[]Piece{{0, 6, 1, 1, false}, {6, 36, 2, 2, true}, {36, 47, 4, 1, false}, {47, 60, 5, 1, true}}},
		{"headers inside strings and arrays are text",
			"[[events]]\ns = \"\"\"\n[[events]]\"\"\"\nl = '''\n[[events]]\n'''\na = [\n[[1]],\n]\nb = \"[[events]]\" # [[events]]\n",
			[]Piece{{0, 101, 1, 10, true}}},
		{"escaped quotes do not end a string",
			"[[events]]\ns = \"\"\"a \\\"\"\" b\n[[events]]\n\"\"\"\n[[events]]\n",
			[]Piece{{0, 42, 1, 4, true}, {42, 53, 5, 1, true}}},
		{"CRLF", "t = 1\r\n[[events]]\r\nid = 1\r\n", []Piece{{0, 7, 1, 1, false}, {7, 27, 2, 2, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Split([]byte(tt.data))
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("piece %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			events := 0
			for _, p := range got {
				if p.Event {
					events++
				}
			}
			if c := CountEventHeaders([]byte(tt.data)); c < events {
				t.Errorf("CountEventHeaders = %d, fewer than the %d event pieces", c, events)
			}
		})
	}
}

// TestReadHeaderShortcut: the headers read without allocating read as the general reader
// reads them.
func TestReadHeaderShortcut(t *testing.T) {
	for _, line := range []string{"[[events]]", "[[events]] # c", "[[events]]x", "[[events]]]", "[[events.sources]]",
		"[[events.sources]] # c", "[[events.sourcesx]]", "[[eventsx]]", "[[events]", "[[events.sources]"} {
		d := []byte(line + "\n")
		got := readHeader(d, 0)
		slow := general(d)
		if !reflect.DeepEqual(got, slow) {
			t.Errorf("%q: %+v, want %+v", line, got, slow)
		}
	}
}

// general is readHeader without its shortcuts: the bytes copied so that no prefix matches.
func general(d []byte) Header {
	// A space after the brackets reads the same and matches no shortcut.
	spaced := append([]byte("[[ "), d[2:]...)
	if d[1] != '[' {
		return readHeader(d, 0)
	}
	return readHeader(spaced, 0)
}
