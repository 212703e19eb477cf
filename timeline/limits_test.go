package timeline_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// nest returns open repeated n times, then middle, then close repeated n times.
func nest(open, middle, close string, n int) string {
	return strings.Repeat(open, n) + middle + strings.Repeat(close, n)
}

// TestNestingLimits checks that values nested past MaxDepth and keys past MaxKeyBytes are
// refused before the decoder sees them, with the place, the depth and the limit, in time
// and memory proportional to the file. Before the check, the deep array crashed the
// program with a stack overflow, the deep inline tables took 14 s and 4 GB, and the long
// dotted key seconds and gigabytes.
func TestNestingLimits(t *testing.T) {
	const head = "title = \"t\"\n"
	deep := fmt.Sprintf("nested %d levels deep, past the limit of %d", timeline.MaxDepth+1, timeline.MaxDepth)
	for _, tc := range []struct {
		name, file string
		want       string // the problem's place and message
		maxBytes   int    // what checking may allocate, beyond a MiB
	}{
		{"arrays", head + "x = " + nest("[", "", "]", 2_000_000) + "\n",
			"2:68: " + deep, 0},
		{"inline tables", head + "x = " + nest("{a=", "1", "}", 10_000) + "\n",
			"2:99: " + deep, 0},
		{"dotted key", head + strings.Repeat("a.", 500) + "a = 1\n",
			"2:1: nested 501 levels deep, past the limit of 64", 0},
		{"table header", head + "[" + strings.Repeat("a.", 500) + "a]\n",
			"2:2: nested 501 levels deep", 0},
		{"array of tables header", head + "[[" + strings.Repeat("a.", 100) + "a]]\n",
			"2:3: nested 101 levels deep", 0},
		{"dotted key in an inline table", head + "x = {a = 1, " + strings.Repeat("b.", 100) + "c = 2}\n",
			"2:13: nested 103 levels deep", 0},
		{"arrays over lines", head + "x = [\n" + strings.Repeat("[\n", 200),
			"65:1: " + deep, 0},
		{"long key", head + strings.Repeat("k", 5000) + " = 1\n",
			"2:1: key of 5000 bytes, past the limit of 1024", 0},
		{"long quoted key in a table", head + "[t]\n\"" + strings.Repeat("é", 2000) + "\" = 1\n",
			"3:1: key of 4002 bytes", 0},
		{"long inline key", head + "x = {\"" + strings.Repeat("k", 2000) + "\" = 1}\n",
			"2:6: key of 2002 bytes", 0},
		{"in an event", head + "[[events]]\nid = \"e\"\n[[events.sources]]\npublisher = " + nest("[", "", "]", 100_000) + "\n",
			"5:74: " + deep, 0},
		{"after good events", head + "[[events]]\nid = \"a\"\ndate = \"2024\"\ntitle = \"a\"\nsources = [{publisher = \"p\"}]\n" +
			strings.Repeat("[[events]]\nid = \"b\"\n", 1000) + "[[events]]\nx = " + nest("{y=", "1", "}", 10_000) + "\n",
			"2008:98: " + deep, 5 << 20}, // the events before it are decoded
		{"dotted keys in a long file", head + strings.Repeat("a.", 200) + "a = 1\n" + strings.Repeat(`"`+strings.Repeat("b", 1000)+`" = 1`+"\n", 2000),
			"2:1: nested 201 levels deep", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.file)
			var err error
			checkBounded(t, len(data), uint64(tc.maxBytes+1<<20), func() { _, err = timeline.Open("deep.toml", data) })
			var p *timeline.Problem
			if !errors.As(err, &p) || !errors.Is(err, timeline.ErrLimit) {
				t.Fatalf("got %v, want one problem of kind ErrLimit", err)
			}
			if !strings.HasPrefix(p.Error(), "deep.toml:"+tc.want) {
				t.Errorf("got  %s\nwant deep.toml:%s...", p.Error(), tc.want)
			}
		})
	}
}

// TestNestingWithinLimits checks that brackets in strings and comments count for nothing,
// and that a value exactly MaxDepth deep is read.
func TestNestingWithinLimits(t *testing.T) {
	const event = "[[events]]\nid = \"e\"\ndate = \"2024\"\ntitle = \"t\"\n"
	many := nest("[{", "", "}]", 100_000)
	for _, tc := range []struct{ name, file string }{
		{"in a string", "title = \"" + many + "\"\n" + event + "sources = [{publisher = '" + many + "'}]\n"},
		{"in a comment", "title = \"t\" # " + many + "\n" + event + "# " + many + "\nsources = [{publisher = \"p\"}]\n"},
		{"in multi-line strings", "title = \"t\"\ndescription = \"\"\"\n" + many + "\n\"\"\"\n" + event +
			"summary = '''\n" + many + "'''\nsources = [{publisher = \"p\"}]\n"},
		{"in a key", "title = \"t\"\n" + event + "sources = [{publisher = \"p\"}]\n[[events]]\n\"[[[{{{\" = 1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := timeline.Open("strings.toml", []byte(tc.file))
			if errors.Is(err, timeline.ErrLimit) {
				t.Fatalf("brackets that are text passed a limit: %v", err)
			}
		})
	}

	// A value MaxDepth deep: [[events.sources]] and its key are 3 levels, the arrays the
	// other 61. The decoder reads it and the converter says what is wrong.
	file := "title = \"t\"\n" + event + "[[events.sources]]\npublisher = " + nest("[", "", "]", timeline.MaxDepth-3) + "\n"
	_, err := timeline.Open("edge.toml", []byte(file))
	if err == nil || errors.Is(err, timeline.ErrLimit) || !strings.Contains(err.Error(), "publisher in source 1 of event \"e\" must be a string") {
		t.Fatalf("a value %d deep: got %v, want the decoder's verdict", timeline.MaxDepth, err)
	}
	// One level more is refused.
	file = "title = \"t\"\n" + event + "[[events.sources]]\npublisher = " + nest("[", "", "]", timeline.MaxDepth-2) + "\n"
	if _, err := timeline.Open("edge.toml", []byte(file)); !errors.Is(err, timeline.ErrLimit) {
		t.Fatalf("a value %d deep: got %v, want ErrLimit", timeline.MaxDepth+1, err)
	}
	// A key MaxKeyBytes long is read, and is unknown.
	file = "title = \"t\"\n" + strings.Repeat("k", timeline.MaxKeyBytes) + " = 1\n"
	if _, err := timeline.Open("edge.toml", []byte(file)); err == nil || errors.Is(err, timeline.ErrLimit) {
		t.Fatalf("a key of %d bytes: got %v, want an unknown key", timeline.MaxKeyBytes, err)
	}
}
