package timeline

import (
	"strings"
	"testing"
)

// TestSignatureAdd pins the sliding computation in add to its definition: a bit for the
// pair and for the triple at every position.
func TestSignatureAdd(t *testing.T) {
	every := make([]byte, 0, 3*256) // every byte beside every class of byte
	for c := range 256 {
		every = append(every, byte(c), byte(255-c), byte(c*7))
	}
	for _, text := range []string{"", "a", "ab", "abc", "campaign official", "türkiye\noman", "x1-2y\xff\x00", string(every)} {
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

// BenchmarkSignatureAdd measures the signature of an event's search text, built for every
// event as a large file loads.
func BenchmarkSignatureAdd(b *testing.B) {
	text := strings.Repeat("iranian group phishes a campaign official, microsoft says 2024\n", 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		var s signature
		s.add(text)
	}
}
