package timeline

import (
	"strings"
	"unicode/utf8"
)

// A source's URL reaches a reader twice: as the target of a link (a Markdown link, a
// terminal hyperlink, the opener) and as text to read. LinkTarget and DisplayURL are the
// one rule for both, for the export and the explorer alike.

// LinkTarget returns raw ready to be the target of a link, or "" when raw is not an
// absolute http or https URL with a host. The host is in ASCII: an internationalised
// label in its punycode form (xn--...), so that the target is the one DisplayURL shows.
// Every byte that could end or change a target is percent-encoded: space, parentheses,
// angle brackets, backslash, control characters and every byte of a non-ASCII
// character. A URL that needs none of this is returned as it is, without allocating.
func LinkTarget(raw string) string {
	scheme, authority, rest, ok := splitURL(raw)
	if !ok {
		return ""
	}
	host, ok := asciiAuthority(authority)
	if !ok {
		return ""
	}
	if host == authority && !needsEscape(rest) {
		return scheme + host + rest
	}
	return scheme + host + percentEncode(rest)
}

// DisplayURL returns raw as a reader should see it: on one line, sanitised, with an
// internationalised host in its punycode form (xn--...), so that a look-alike, such as
// "exаmple.com" with a Cyrillic "а", cannot pass for the host it imitates. The path and
// query are shown as written. Text that is not an http or https URL with a host is only
// sanitised.
func DisplayURL(raw string) string {
	scheme, authority, rest, ok := splitURL(raw)
	if !ok {
		return SanitizeLine(raw)
	}
	host, ok := asciiAuthority(authority)
	if !ok {
		// A label too long for a host: show its bytes rather than its look.
		host = percentEncode(authority)
	}
	return scheme + SanitizeLine(host) + SanitizeLine(rest)
}

// splitURL cuts an absolute http or https URL into its scheme and "://", its authority
// (user, host and port) and the rest (path, query and fragment).
func splitURL(raw string) (scheme, authority, rest string, ok bool) {
	u := strings.TrimSpace(raw)
	switch {
	case len(u) >= 8 && strings.EqualFold(u[:8], "https://"):
		scheme, rest = u[:8], u[8:]
	case len(u) >= 7 && strings.EqualFold(u[:7], "http://"):
		scheme, rest = u[:7], u[7:]
	default:
		return "", "", "", false
	}
	end := len(rest)
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		end = i
	}
	authority, rest = rest[:end], rest[end:]
	if authority == "" || strings.ContainsAny(authority, " <>\\\"") {
		return "", "", "", false
	}
	return scheme, authority, rest, true
}

// maxLabel is the longest label a host name may have, in ASCII.
const maxLabel = 63

// asciiAuthority returns the authority with its host in ASCII, each label that is not
// ASCII in punycode, and the user part percent-encoded. It reports false for a label too
// long to be part of a host.
func asciiAuthority(authority string) (string, bool) {
	if isASCII(authority) {
		return authority, true
	}
	user, hostport := "", authority
	if i := strings.LastIndexByte(authority, '@'); i >= 0 {
		user, hostport = percentEncode(authority[:i+1]), authority[i+1:]
	}
	host, port := hostport, ""
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && strings.Trim(hostport[i+1:], "0123456789") == "" {
		host, port = hostport[:i], hostport[i:]
	}
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if isASCII(l) {
			continue
		}
		if utf8.RuneCountInString(l) > maxLabel {
			return "", false
		}
		p := "xn--" + punycode(strings.ToLower(l))
		if len(p) > maxLabel {
			return "", false
		}
		labels[i] = p
	}
	return user + strings.Join(labels, ".") + port, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// needsEscape reports whether any byte of s must be percent-encoded in a link target.
func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if urlEscape(s[i]) {
			return true
		}
	}
	return false
}

// urlEscape reports whether c must be percent-encoded in a link target: it would end the
// target (space, parenthesis, angle bracket) or start an escape (backslash), or is not
// printable ASCII.
func urlEscape(c byte) bool {
	switch c {
	case ' ', '(', ')', '<', '>', '\\':
		return true
	}
	return c < 0x20 || c >= 0x7f
}

func percentEncode(s string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+16)
	for i := 0; i < len(s); i++ {
		if c := s[i]; urlEscape(c) {
			b = append(b, '%', hex[c>>4], hex[c&15])
		} else {
			b = append(b, c)
		}
	}
	return string(b)
}

// punycode encodes a label as RFC 3492 says, without the xn-- prefix. The label is at
// most maxLabel characters, which bounds the encoder's quadratic loop.
func punycode(label string) string {
	const (
		base, tmin, tmax = 36, 1, 26
		skew, damp       = 38, 700
	)
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	adapt := func(delta, points int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / points
		k := 0
		for delta > (base-tmin)*tmax/2 {
			delta /= base - tmin
			k += base
		}
		return k + (base-tmin+1)*delta/(delta+skew)
	}
	runes := []rune(label)
	var out []byte
	for _, r := range runes {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	basic := len(out)
	if basic > 0 {
		out = append(out, '-')
	}
	n, delta, bias := rune(0x80), 0, 72
	for h := basic; h < len(runes); {
		m := rune(utf8.MaxRune + 1)
		for _, r := range runes {
			if r >= n && r < m {
				m = r
			}
		}
		delta += int(m-n) * (h + 1)
		n = m
		for _, r := range runes {
			if r < n {
				delta++
			}
			if r != n {
				continue
			}
			q := delta
			for k := base; ; k += base {
				t := min(max(k-bias, tmin), tmax)
				if q < t {
					break
				}
				out = append(out, digit(t+(q-t)%(base-t)))
				q = (q - t) / (base - t)
			}
			out = append(out, digit(q))
			bias = adapt(delta, h+1, h == basic)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return string(out)
}
