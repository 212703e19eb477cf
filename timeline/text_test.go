package timeline_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tlx-dev/tlx/timeline"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want, wantLine string }{
		{"plain text", "plain text", "plain text"},
		{"café – “quoted”", "café – “quoted”", "café – “quoted”"},
		{"two\nlines", "two\nlines", "two lines"},
		{"tab\there", "tab here", "tab here"},
		{"\x1b[31mred\x1b[0m", "\uFFFD[31mred\uFFFD[0m", "\uFFFD[31mred\uFFFD[0m"},
		{"osc \x1b]8;;http://evil\x07link", "osc \uFFFD]8;;http://evil\uFFFDlink", "osc \uFFFD]8;;http://evil\uFFFDlink"},
		{"c1 \u009b31m", "c1 \uFFFD31m", "c1 \uFFFD31m"},
		{"cr\rover", "cr\uFFFDover", "cr\uFFFDover"},
		// A file with CRLF line ends keeps them in multi-line strings: a line end, not
		// a control character.
		{"crlf\r\nline", "crlf\nline", "crlf line"},
		{"para\r\n\r\nnext\r\r\n", "para\n\nnext\uFFFD\n", "para next\uFFFD"},
		{"del\x7f", "del\uFFFD", "del\uFFFD"},
		{"nul\x00", "nul\uFFFD", "nul\uFFFD"},
		{"bidi \u202Eevil\u202C", "bidi \uFFFDevil\uFFFD", "bidi \uFFFDevil\uFFFD"},
		{"bad utf8 \xff\xfe", "bad utf8 \uFFFD\uFFFD", "bad utf8 \uFFFD\uFFFD"},
		{"real replacement \uFFFD kept", "real replacement \uFFFD kept", "real replacement \uFFFD kept"},
	}
	for _, tt := range tests {
		if got := timeline.Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := timeline.SanitizeLine(tt.in); got != tt.wantLine {
			t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.wantLine)
		}
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"plain", "\x1b[2J", "a\u202eb", "\xff", "x\ty\nz\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := timeline.Sanitize(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Sanitize(%q) = %q is not valid UTF-8", s, out)
		}
		for _, r := range out {
			if r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0) {
				t.Fatalf("Sanitize(%q) = %q keeps control character %U", s, out, r)
			}
		}
		if _, _, bad := timeline.ControlChar(out); bad {
			t.Fatalf("Sanitize(%q) = %q still has a character ControlChar rejects", s, out)
		}
		if line := timeline.SanitizeLine(s); strings.Contains(line, "\n") {
			t.Fatalf("SanitizeLine(%q) = %q keeps a newline", s, line)
		}
		if timeline.Sanitize(out) != out {
			t.Fatalf("Sanitize is not idempotent on %q", s)
		}
	})
}

func TestControlChar(t *testing.T) {
	for in, want := range map[string]bool{
		"ok":            false,
		"line\nbreak":   false,
		"tab\tok":       false,
		"crlf\r\nok":    false,
		"lone\rcr":      true,
		"\x1b[31m":      true,
		"bidi\u2066x":   true,
		"zero\u200bwid": false,
	} {
		if _, _, got := timeline.ControlChar(in); got != want {
			t.Errorf("ControlChar(%q) = %v, want %v", in, got, want)
		}
	}
}
