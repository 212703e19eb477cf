package timeline

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/internal/tomlsplit"
)

// checkContent catches files that are not TOML timelines at all: UTF-16 or empty. (Other
// formats are recognised before the reader is chosen: see Open. Bytes that are not UTF-8
// are found while decoding, in parallel, and reported by firstInvalidUTF8.) It returns nil
// for anything worth decoding.
func checkContent(name string, data []byte) *Problem {
	fail := func(kind error, msg, hint string) *Problem {
		return &Problem{File: name, Kind: kind, Msg: msg, Hint: hint}
	}
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return fail(ErrFile, "is UTF-16 text", "save it as UTF-8")
	}
	first, _, comments := firstContentLine(data)
	if first == "" {
		if comments {
			return fail(ErrEmpty, "holds only comments", `a timeline needs at least title = "..."; see tlx help format`)
		}
		return fail(ErrEmpty, "empty file", `a timeline needs at least title = "..."; see tlx help format`)
	}
	return nil
}

// firstInvalidUTF8 finds the first byte that is not UTF-8 and gives its line and column
// (in characters).
func firstInvalidUTF8(data []byte) (line, col int, b byte, bad bool) {
	if utf8.Valid(data) {
		return 0, 0, 0, false
	}
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col, data[i], true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return 0, 0, 0, false
}

// firstContentLine returns the first line that is neither blank nor a comment, trimmed, and
// its number, and whether comments came before it.
func firstContentLine(data []byte) (string, int, bool) {
	comments := false
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		s := strings.TrimSpace(string(line))
		switch {
		case s == "":
		case s[0] == '#':
			comments = true
		default:
			return s, n, comments
		}
	}
	return "", 0, comments
}

// isKeyValue reports whether a line reads as a TOML key = value.
func isKeyValue(s string) bool {
	key, i := tomlsplit.ReadKey([]byte(s), 0)
	return len(key) > 0 && i < len(s) && s[i] == '='
}

// yamlKey reports whether a line reads as a YAML "key: value" or "key:".
func yamlKey(s string) bool {
	key, i := tomlsplit.ReadKey([]byte(s), 0)
	return len(key) == 1 && i < len(s) && s[i] == ':' && (i+1 == len(s) || s[i+1] == ' ')
}

func markdownHeading(data []byte) bool {
	return bytes.HasPrefix(data, []byte("# ")) || bytes.HasPrefix(data, []byte("## "))
}
