package timeline

import "strings"

// Free-text search scans each event's lower-cased text with strings.Contains. On 100,000
// events that is about 75 MB, tens of milliseconds a keystroke. A signature per event, built
// at load, lets the scan skip almost every event that cannot match: it records which
// character pairs and triples occur in the text, and an event is scanned only when it has
// every pair and triple of every search term. The signature can wrongly admit an event (the
// scan then rejects it) but never wrongly reject one, so results are exactly those of a
// plain scan.

const (
	sigWords     = 32 // 2048 bits: 1024 for pairs, 1024 for triples
	pairWords    = 16
	tripleOffset = pairWords * 64
)

type signature [sigWords]uint64

// byteClass maps a byte to one of 32 classes: letters and digits keep classes of their own
// among the common ones, so pairs of ASCII letters set exact bits; other bytes share.
func byteClass(c byte) uint32 {
	switch {
	case c >= 'a' && c <= 'z':
		return uint32(c - 'a') // 0..25
	case c >= '0' && c <= '9':
		return 26
	case c == ' ' || c == '\n':
		return 27
	}
	return 28 + uint32(c)&3
}

func pairBit(a, b byte) uint32 { return byteClass(a)<<5 | byteClass(b) }

func tripleBit(a, b, c byte) uint32 {
	h := (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77 ^ uint32(c)*0xC2B2AE3D) * 0x27D4EB2F
	return tripleOffset + h>>22 // 10 bits: 0..1023
}

func (s *signature) set(bit uint32) { s[bit>>6] |= 1 << (bit & 63) }

// add records the pairs and triples of text, which must be lower-cased. It is the same as
// setting pairBit and tripleBit for every position, with each byte's class and hashes
// looked up (sigTables) rather than computed at each of the positions that read it.
func (s *signature) add(text string) {
	if len(text) < 2 {
		return
	}
	t := &sigTables
	classB := t.class[text[1]]
	s.set(t.class[text[0]]<<5 | classB)
	for i := 2; i < len(text); i++ {
		c := text[i]
		classC := t.class[c]
		s.set(classB<<5 | classC)
		s.set(tripleOffset + (t.first[text[i-2]]^t.second[text[i-1]]^uint32(c)*0xC2B2AE3D)*0x27D4EB2F>>22)
		classB = classC
	}
}

// sigTables holds, for each byte, its class (byteClass) and its share of tripleBit's hash
// as the first and as the second byte of a triple: a lookup instead of the branches of
// byteClass and two multiplications a byte: 1.43 µs against 1.53 µs for BenchmarkSignatureAdd.
var sigTables = func() (t struct{ class, first, second [256]uint32 }) {
	for c := range 256 {
		t.class[c] = byteClass(byte(c))
		t.first[c] = uint32(c) * 0x9E3779B1
		t.second[c] = uint32(c) * 0x85EBCA77
	}
	return t
}()

// has reports whether s has every bit of mask.
func (s *signature) has(mask *signature) bool {
	for i := range s {
		if s[i]&mask[i] != mask[i] {
			return false
		}
	}
	return true
}

// termMask returns the signature bits every matching text must have, and whether the terms
// give any (a one-character term gives none).
func termMask(terms []string) (*signature, bool) {
	var m signature
	any := false
	for _, t := range terms {
		if len(t) >= 2 {
			m.add(t)
			any = true
		}
	}
	return &m, any
}

// exactTerms reports whether every term is a pair of ASCII letters, whose signature bit is
// set exactly when the pair occurs: then the signature decides without a scan.
func exactTerms(terms []string) bool {
	for _, t := range terms {
		if len(t) != 2 || byteClass(t[0]) > 25 || byteClass(t[1]) > 25 {
			return false
		}
	}
	return true
}

// byteRank orders bytes from rare (0) to common (255) in lower-cased English text, so that
// a term can be searched by its rarest byte: fewer false starts than by its first one.
var byteRank = func() (rank [256]uint8) {
	// Letters from least to most frequent in English prose; everything unlisted is rarer.
	const common = "zqxjkvbpygfwmucldrhsnioate "
	for i := 0; i < len(common); i++ {
		rank[common[i]] = uint8(100 + i*5)
	}
	for c := '0'; c <= '9'; c++ {
		rank[c] = 60
	}
	rank['\n'] = 90
	for c := 0x80; c < 0x100; c++ {
		rank[c] = 80 // UTF-8 bytes: common in non-English text
	}
	return rank
}()

// term is a lower-cased search term and the position of its rarest byte.
type term struct {
	text string
	rare int
}

func newTerm(s string) term {
	t := term{text: s}
	for i := 1; i < len(s); i++ {
		if byteRank[s[i]] < byteRank[s[t.rare]] {
			t.rare = i
		}
	}
	return t
}

// in reports whether the term occurs in text: it looks for the term's rarest byte with
// strings.IndexByte and compares the term around each place it is found.
func (t term) in(text string) bool {
	n, k := len(t.text), t.rare
	if n <= 1 || len(text) < 64 {
		return strings.Contains(text, t.text)
	}
	b := t.text[k]
	last := len(text) - n + k // the rare byte's last possible place
	for i := k; i <= last; {
		j := strings.IndexByte(text[i:last+1], b)
		if j < 0 {
			return false
		}
		i += j
		if text[i-k:i-k+n] == t.text {
			return true
		}
		i++
	}
	return false
}
