package ui

import (
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// TestHighlightKeepsRunesWhole checks that a highlight never cuts a character in two, even
// where lower-casing changes the length of some letters but not of the whole line: Ⱥ
// (2 bytes) lowers to 3 bytes and the Kelvin sign (U+212A, 3 bytes) to 1, so "ȺȺ search"
// and a Kelvin sign are as long as their lower case, with "search" at another offset.
func TestHighlightKeepsRunesWhole(t *testing.T) {
	p, match := paint{pre: "<", post: ">"}, paint{pre: "[", post: "]"}
	tests := []struct {
		line  string
		terms []string
		want  string
	}{
		{"\u023a\u023a search \u212a", []string{"search"}, "<\u023a\u023a >[search]< \u212a>"},
		{"Search the SEARCH", []string{"search"}, "[Search]< the >[SEARCH]"},
		{"Kelvin \u212a", []string{"k"}, "[K]<elvin \u212a>"},
	}
	for _, tt := range tests {
		got := highlight(p, match, tt.line, tt.terms)
		if !utf8.ValidString(got) {
			t.Errorf("highlight(%q, %q) = %q, not valid UTF-8", tt.line, tt.terms, got)
		}
		if got != tt.want {
			t.Errorf("highlight(%q, %q) = %q, want %q", tt.line, tt.terms, got, tt.want)
		}
		if ansi.Strip(got) == "" {
			t.Errorf("highlight(%q) lost the text", tt.line)
		}
	}
}
