package timeline_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestErrorStorm checks that a file of broken events costs time linear in its size: each
// of these events has a key twice, a syntax error, and each used to make the loader
// decode the rest of its batch again (200,000 of them took 27 s).
func TestErrorStorm(t *testing.T) {
	const n = 10_000
	var b strings.Builder
	b.WriteString("title = \"t\"\n")
	for i := range n {
		fmt.Fprintf(&b, "[[events]]\nid = \"e%d\"\nid = \"f%d\"\n", i, i)
	}
	data := []byte(b.String())
	// The yardstick: the same events without the syntax error, each still with problems.
	fixed := []byte(strings.ReplaceAll(string(data), "\nid = \"f", "\ntitle = \"f"))
	var err error
	checkAgainst(t, "the same file without its syntax errors", func() { timeline.Open("fixed.toml", fixed) },
		4, 1<<20, func() { _, err = timeline.Open("storm.toml", data) })
	var ps timeline.Problems
	if !errors.As(err, &ps) || len(ps) != n {
		t.Fatalf("got %d problems, want one per event: %v", len(ps), err)
	}
	want := `storm.toml:30001:14: invalid TOML: key 'events.id' has already been defined; each key may appear once per table; remove or rename the second`
	if last := ps[n-1].Error(); last != want {
		t.Errorf("last problem:\n%s\nwant\n%s", last, want)
	}
}

// TestSuggestionsBounded checks that "did you mean" among many unknown names and many ids
// is bounded: every unknown actor used to be compared with every actor id, which for
// 10,000 of each took over a minute. Past the first searches, the hint names no id.
func TestSuggestionsBounded(t *testing.T) {
	const n = 3_000
	var b strings.Builder
	b.WriteString("title = \"t\"\n")
	for i := range n {
		fmt.Fprintf(&b, "[[actors]]\nid = \"actor-%05d\"\nname = \"Actor %d\"\n", i, i)
		fmt.Fprintf(&b, "[[themes]]\nid = \"theme-%05d\"\nname = \"Theme %d\"\n", i, i)
	}
	for i := range n {
		fmt.Fprintf(&b, "[[events]]\nid = \"e%d\"\ndate = \"2024\"\ntitle = \"t\"\nactors = [\"actr-%05d\"]\nthemes = [\"thme-%05d\", \"thme-00001\"]\nsources = [{publisher = \"p\"}]\n", i, i, i)
	}
	data := []byte(b.String())
	// The yardstick: the same file with every name known. On top of it come 50 searches
	// among 3,000 ids each and placing 9,000 problems: about 5 times its allocations,
	// where comparing every unknown name with every id allocated 150 times as much.
	known := []byte(strings.NewReplacer("actr-", "actor-", "thme-", "theme-").Replace(string(data)))
	var err error
	checkAgainst(t, "the same file with known names", func() { timeline.Open("known.toml", known) },
		8, 1<<20, func() { _, err = timeline.Open("many.toml", data) })
	var ps timeline.Problems
	if !errors.As(err, &ps) || len(ps) != 3*n {
		t.Fatalf("got %d problems, want 3 a event", len(ps))
	}
	for _, i := range []int{0, 2} {
		if !strings.HasSuffix(ps[i].Error(), "did you mean \"actor-00000\"?") && !strings.HasSuffix(ps[i].Error(), "did you mean \"theme-00001\"?") {
			t.Errorf("an early problem suggests nothing: %s", ps[i])
		}
	}
	// The same unknown name gets the same hint every time.
	if last := ps[len(ps)-1].Error(); !strings.HasSuffix(last, `unknown theme "thme-00001" in event "e2999"; did you mean "theme-00001"?`) {
		t.Errorf("a name seen early has lost its suggestion: %s", last)
	}
	if last := ps[len(ps)-3].Error(); !strings.HasSuffix(last, "add it to the registry, or use one of its ids") {
		t.Errorf("a late problem: %s", last)
	}
}

// TestEchoedValuesShort checks that a message quotes at most about 80 characters of any
// value, however long the value: a 50 MB value used to make a 50 MB line.
func TestEchoedValuesShort(t *testing.T) {
	long := strings.Repeat("A", 100_000)
	file := `title = "t"
` + long + `x = 1
[[actors]]
id = "` + long + `"
name = "a"
kind = "` + long + `"
[[actors]]
id = "` + long + `"
name = "b"
[[themes]]
id = "th"
name = "Th"
[[events]]
id = "` + long + `"
date = "` + long + `"
title = "t"
status = "` + long + `"
actors = ["` + long + `"]
themes = ["` + long + `"]
related = ["` + long + `"]
  [[events.sources]]
  publisher = "p"
  url = "https://` + long + `"
  published = "2024-` + long + `"
  [[events.sources]]
  publisher = "p"
  url = "` + long + `:x"
  [[events.sources]]
  publisher = "p"
  url = "` + long + `"
[[events]]
id = "` + long + `"
date = "2024"
title = "t"
sources = [{ publisher = "p" }]
[[events]]
id = "syntax"
title = ` + long + `
`
	data := []byte(strings.Replace(file, long+"x", "y", 1)) // keys are limited: see below
	data = append(data, "[[events]]\nid = \"k\"\n"+strings.Repeat("k", timeline.MaxKeyBytes)+" = 1\n"...)
	var err error
	checkBounded(t, len(data), 100*uint64(len(data)), func() { _, err = timeline.Open("long.toml", data) })
	var ps timeline.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("got %v", err)
	}
	for _, p := range ps {
		if s := p.Error(); len(s) > 400 || strings.Contains(s, strings.Repeat("A", 81)) {
			t.Errorf("a problem of %d bytes: %.300s", len(s), s)
		} else {
			t.Log(s)
		}
	}
	if len(ps) < 14 {
		t.Errorf("got %d problems, want one for each long value", len(ps))
	}
}

// TestSuggestLongNames checks that Suggest does not spend the product of two long
// lengths on a name that cannot be a typo.
func TestSuggestLongNames(t *testing.T) {
	long := strings.Repeat("a", 1<<20)
	var got string
	checkBounded(t, 2<<20, 4<<20, func() {
		got = timeline.Suggest(long, []string{long + "b", "abc"})
		got += timeline.Suggest("abd", []string{long, "abc"})
	})
	if got != "abc" {
		t.Errorf("got %q", got)
	}
}
