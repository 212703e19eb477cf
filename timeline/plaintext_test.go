package timeline

import "testing"

// FuzzPlainText checks the eight-bytes-at-a-time scan against a byte at a time.
func FuzzPlainText(f *testing.F) {
	f.Add("plain text, a sentence long enough for words.", true)
	f.Add("tab\there and more text after it", false)
	f.Add("line\nbreak in the middle of it all", true)
	f.Add("del\x7f and some more bytes here", true)
	f.Add("caf\u00e9 au lait, s'il vous pla\u00eet", true)
	f.Fuzz(func(t *testing.T, s string, newlines bool) {
		want := true
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < 0x20 && (c != '\n' || !newlines) || c >= 0x7f {
				want = false
			}
		}
		if got := plainText(s, newlines); got != want {
			t.Fatalf("plainText(%q, %v) = %v, want %v", s, newlines, got, want)
		}
	})
}
