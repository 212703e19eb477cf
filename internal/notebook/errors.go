package notebook

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/timeline"
)

// Sentinel errors. A *ParseError wraps ErrInvalid; the errors of changes a read-only
// notebook refuses wrap ErrReadOnly.
var (
	ErrInvalid  = errors.New("invalid notebook")
	ErrReadOnly = errors.New("notebook is read-only")
	// ErrViewChanged is wrapped by SaveView and DeleteView when the view's query on disk
	// is not the one the caller meant to replace: someone else saved it meanwhile.
	ErrViewChanged = errors.New("view changed")
	// ErrInput is wrapped when an argument cannot be stored: an empty id, a label that is
	// not a word, text with control characters, something too long.
	ErrInput = errors.New("cannot be stored in a notebook")
)

// ParseError is why a notebook file could not be read: its file, line and column where
// known, what is wrong and how to fix it. A notebook that gives one is never written.
type ParseError struct {
	File string
	Line int // 1-based; 0 when unknown
	Col  int // 1-based; 0 when unknown
	Msg  string
	Hint string
}

// Error formats the error as "FILE:LINE:COL: message; hint".
func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns ErrInvalid.
func (e *ParseError) Unwrap() error { return ErrInvalid }

// inputError reports an argument a notebook cannot hold. It is ErrInput for errors.Is,
// and its message says what is wrong with the argument, nothing more.
func inputError(format string, args ...any) error {
	return &argError{fmt.Sprintf(format, args...)}
}

type argError struct{ msg string }

func (e *argError) Error() string        { return e.msg }
func (e *argError) Is(target error) bool { return target == ErrInput }

// quoteLine quotes text from a file or an argument for a message: control characters
// escaped, at most about 60 characters.
func quoteLine(s string) string {
	const most = 60
	if utf8.RuneCountInString(s) > most {
		r := []rune(s)
		return strconv.Quote(string(r[:most])) + "…"
	}
	return strconv.Quote(s)
}

// textProblem says what is wrong with text to be stored as a note (multi is true), or
// as a one-line field such as a title, a view's name or its query; "" when nothing is.
func textProblem(s string, multi bool, most int) string {
	if len(s) > most {
		return fmt.Sprintf("longer than %d bytes", most)
	}
	if !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	if !multi && strings.ContainsAny(s, "\r\n") {
		return "spans several lines; keep it on one"
	}
	if r, _, ok := timeline.ControlChar(s); ok {
		return fmt.Sprintf("holds the control character %U, which tlx never stores", r)
	}
	return ""
}
