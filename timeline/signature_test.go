package timeline

import (
	"strings"
	"testing"
)

// TestSignatureAdd pins the sliding computation in add to its definition: a bit for the
// pair and for the triple at every position.
func TestSignatureAdd(t *testing.T) {
	for _, text := range []string{"", "a", "ab", "abc", "campaign official", "türkiye\noman", "x1-2y\xff\x00"} {
		var want signature
		for i := 0; i+1 < len(text); i++ {
			want.set(pairBit(text[i], text[i+1]))
			if i+2 < len(text) {
				want.set(tripleBit(text[i], text[i+1], text[i+2]))
			}
		}
		var got signature
		got.add(text)
		if got != want {
			t.Errorf("add(%q) sets other bits than its definition", text)
		}
	}
}

func TestAppendLower(t *testing.T) {
	for _, s := range []string{"", "ABC def", "Türkiye ÖL", "İstanbul", "MiXeD 123 !?"} {
		if got, want := string(appendLower([]byte("x"), s)), "x"+strings.ToLower(s); got != want {
			t.Errorf("appendLower(%q) = %q, want %q", s, got, want)
		}
	}
}
