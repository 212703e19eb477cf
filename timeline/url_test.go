package timeline_test

import (
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestURLs checks the one rule for a source's URL: the link target percent-encodes what
// could end or change it and writes an internationalised host in punycode, and the text
// a reader sees shows that host the same way, so a look-alike cannot pass. Before, the
// export linked https://exа\u200bmple.com/ percent-encoded inside the host, and showed it
// as example.com.
func TestURLs(t *testing.T) {
	for _, tc := range []struct{ raw, target, display string }{
		{"https://example.com/a?b=1#c", "https://example.com/a?b=1#c", "https://example.com/a?b=1#c"},
		{"https://bücher.example/", "https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/"},
		{"http://MÜNCHEN.de", "http://xn--mnchen-3ya.de", "http://xn--mnchen-3ya.de"},
		{"https://пример.испытание/путь", "https://xn--e1afmkfd.xn--80akhbyknj4f/%D0%BF%D1%83%D1%82%D1%8C", "https://xn--e1afmkfd.xn--80akhbyknj4f/путь"},
		{"https://例子.测试", "https://xn--fsqu00a.xn--0zwm56d", "https://xn--fsqu00a.xn--0zwm56d"},
		{"https://exаmple.com/", "https://xn--exmple-4nf.com/", "https://xn--exmple-4nf.com/"}, // Cyrillic а
		{"https://exa\u200bmple.com/", "https://xn--example-2z6c.com/", "https://xn--example-2z6c.com/"},
		{"https://user@bücher.example:8080/x", "https://user@xn--bcher-kva.example:8080/x", "https://user@xn--bcher-kva.example:8080/x"},
		{"https://example.com/a b(c)<d>\\e", "https://example.com/a%20b%28c%29%3Cd%3E%5Ce", "https://example.com/a b(c)<d>\\e"},
		{"https://example.com/\x1b]8;;x\x07", "https://example.com/%1B]8;;x%07", "https://example.com/\ufffd]8;;x\ufffd"},
		{"https://" + strings.Repeat("ü", 64) + ".com/", "", "https://" + strings.Repeat("%C3%BC", 64) + ".com/"},
		{"ftp://example.com/", "", "ftp://example.com/"},
		{"https:///path", "", "https:///path"},
		{"javascript:alert(1)", "", "javascript:alert(1)"},
	} {
		if got := timeline.LinkTarget(tc.raw); got != tc.target {
			t.Errorf("LinkTarget(%+q) = %+q, want %+q", tc.raw, got, tc.target)
		}
		if got := timeline.DisplayURL(tc.raw); got != tc.display {
			t.Errorf("DisplayURL(%+q) = %+q, want %+q", tc.raw, got, tc.display)
		}
	}
}
