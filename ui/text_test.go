package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tlx-dev/tlx/timeline"
)

// layoutShifters are clusters whose width terminals disagree on, and characters the
// loader lets through that are invisible or join others: emoji joined by U+200D, made
// emoji by U+FE0F, with a skin tone, a keycap, a flag, combining accents, a Persian word
// with a zero-width non-joiner, the text presentation selector, Hangul jamo.
const layoutShifters = "fam👨\u200D👩\u200D👧 ❤\uFE0F 👍🏽 1\uFE0F\u20E3 🇺🇸 e\u0301e\u0301 " +
	"\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 \u263A\uFE0E \u1100\u1161\u11A8 end"

// wideTimeline is a timeline whose text is wide: CJK characters two cells each, emoji,
// words longer than any pane, a URL that is not ASCII, and layoutShifters everywhere.
func wideTimeline(t testing.TB) *timeline.Timeline {
	t.Helper()
	const src = `title = "广泛的时间线 🎉 with a title wider than most terminals are, 中文中文中文中文中文"

[[actors]]
id = "a"
name = "中文名字中文名字中文名字中文名字中文名字"

[[themes]]
id = "t"
name = "テーマテーマテーマ"

[[events]]
id = "e1"
date = 2024-01-01
title = "中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文中文"
summary = "中文中文中文中文中文中文中文中文中文中文中文中文 Verylongwordwithoutanyspacesatallverylongwordwithoutanyspaces 🎉🎉🎉🎉"
actors = ["a"]
themes = ["t"]
related = ["e2"]

  [[events.sources]]
  publisher = "出版社出版社出版社出版社"
  title = "标题标题标题标题标题标题"
  url = "https://example.com/中文中文中文中文/页面"
  quote = "引用引用引用引用引用引用引用引用"

  [[events.sources]]
  publisher = "第二出版社"
  url = "https://example.com/second"

[[events]]
id = "e2"
date = "2024-02"
title = "🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉"

  [[events.sources]]
  publisher = "P"

[[events]]
id = "e3"
date = "2024-03"
title = "` + layoutShifters + `"
summary = "` + layoutShifters + " " + layoutShifters + `"
location = "` + layoutShifters + `"
related = ["e1"]

  [[events.sources]]
  publisher = "` + layoutShifters + `"
  title = "` + layoutShifters + `"
  quote = "` + layoutShifters + `"
  url = "https://example.com/👍🏽e\u0301🇺🇸/❤\uFE0F"
`
	tl, err := timeline.Open("wide.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// TestCRLFText checks that text from a file with CRLF line ends reads as from any other:
// its line ends are not shown as replaced control characters, and its paragraphs stay
// apart.
func TestCRLFText(t *testing.T) {
	src := strings.ReplaceAll(`title = "CRLF"
[[events]]
id = "e1"
date = 2024-01-01
title = "T"
summary = """
Line one
line two.

Para two."""
  [[events.sources]]
  publisher = "P"
  quote = """a
b"""
`, "\n", "\r\n")
	tl, err := timeline.Open("crlf.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(t, tl, timeline.Filter{}, 120, 30)
	got := ansi.Strip(strings.Join(detailLines(m), "\n"))
	if strings.Contains(got, "\uFFFD") {
		t.Errorf("a CRLF line end shows as U+FFFD:\n%s", got)
	}
	for _, want := range []string{"Line one line two.\n\nPara two.", "“a b”"} {
		if !strings.Contains(got, want) {
			t.Errorf("detail pane lacks %q:\n%s", want, got)
		}
	}
}

// TestParagraphs splits a summary at blank lines, a line of spaces among them, as the
// export does.
func TestParagraphs(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"one", []string{"one"}},
		{"a\n\nb", []string{"a", "b"}},
		{"0\n \n0  0", []string{"0", "0 0"}},
		{"  a\n b  \n\n\n\t\n c", []string{"a b", "c"}},
		{"a\r\n\r\nb", []string{"a", "b"}},
		{"x\x1b[31m\n\ny", []string{"x\uFFFD[31m", "y"}},
	} {
		got := paragraphs(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("paragraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTextCuts checks the cutting and wrapping of plain text: never wider than asked,
// never a character cut in two, the tail only when something was cut, and at most the
// lines asked for, whatever the length of the text.
func TestTextCuts(t *testing.T) {
	for _, tt := range []struct {
		s    string
		w    int
		want string
	}{
		{"hello", 5, "hello"}, {"hello!", 5, "hell…"}, {"中文中文", 5, "中文…"}, {"中文中文", 8, "中文中文"},
		{"中文中文", 1, "…"}, {"abc", 0, ""}, {"", 3, ""}, {"e\u0301e\u0301e\u0301", 2, "e\u0301…"},
	} {
		if got := truncate(tt.s, tt.w, "…"); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.s, tt.w, got, tt.want)
		}
	}
	huge := strings.Repeat("x", 1<<20)
	if got := lineText(huge, 10); got != "xxxxxxxxx…" {
		t.Errorf("lineText of a megabyte = %q", got)
	}
	if got := lineText("a\x1b[31mb\nc", 20); got != "a\uFFFD[31mb c" {
		t.Errorf("lineText does not sanitise: %q", got)
	}
	lines, more := wrap(huge, 7, 2, 5)
	if len(lines) != 5 || !more {
		t.Errorf("wrap of a megabyte word into 5 lines: %d lines, more %v", len(lines), more)
	}
	for _, l := range lines {
		if textWidth(l) > 7 {
			t.Errorf("wrapped line %q is wider than 7", l)
		}
	}
	lines, more = wrap("one two  three 中文中文中文 four", 6, 1, 100)
	if more || strings.Join(lines, "|") != "one| two| three| 中文| 中文| 中文| four" {
		t.Errorf("wrap = %q, more %v", lines, more)
	}
}
