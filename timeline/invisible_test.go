package timeline_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestInvisibleCharacters checks which fields refuse invisible characters: every text field
// refuses the format characters, separators and fillers; ids, references and URLs refuse
// the joiners U+200C and U+200D too, which other text keeps inside a word. Before, all of
// these loaded, and an id with soft hyphens desynchronised the explorer's screen.
func TestInvisibleCharacters(t *testing.T) {
	const file = `title = "TITLE"
[[actors]]
id = "iran"
name = "NAME"
aliases = ["ALIAS"]
[[events]]
id = "ID"
date = "2024"
title = "ETITLE"
summary = """SUMMARY"""
actors = ["ACTOR"]
location = "LOCATION"
related = ["RELATED"]
  [[events.sources]]
  publisher = "PUBLISHER"
  url = "https://URL.example/"
  quote = "QUOTE"
`
	defaults := map[string]string{"TITLE": "t", "NAME": "Iran", "ALIAS": "Tehran", "ID": "e", "ETITLE": "t",
		"SUMMARY": "s", "ACTOR": "iran", "LOCATION": "l", "RELATED": "e", "PUBLISHER": "p", "URL": "www", "QUOTE": "q"}
	for _, tc := range []struct {
		field, value string
		want         string // the problem, or "" to load
	}{
		{"ID", "A\u00adB\u00adC", `id holds invisible character U+00AD in event 1; remove it: a reader must be able to tell ids apart`},
		{"ID", "a\u200cb", `id holds invisible character U+200C`},
		{"ETITLE", "x\u200by", `title holds invisible character U+200B`},
		{"TITLE", "\ufeffTitle", `title holds invisible character U+FEFF`},
		{"NAME", "Ir\u2060an", `name holds invisible character U+2060`},
		{"ALIAS", "Teh\U000E0041ran", `aliases holds invisible character U+E0041`},
		{"LOCATION", "Tehran\u200d", `location holds invisible character U+200D`},
		{"PUBLISHER", "\u200dReuters", `publisher holds invisible character U+200D`},
		{"SUMMARY", "one\u2028two", `summary holds invisible character U+2028`},
		{"QUOTE", "one\u2029two", `quote holds invisible character U+2029`},
		{"ETITLE", "x\u3164y", `title holds invisible character U+3164`},
		{"URL", "exa\u200bmple", `url holds invisible character U+200B`},
		{"URL", "exa\u200dmple", `url holds invisible character U+200D`},
		{"ACTOR", "ir\u200dan", `actors holds invisible character U+200D`},
		{"RELATED", "e\u00ad", `related holds invisible character U+00AD`},
		// Kept: the joiners inside words, and the format characters that show.
		{"ETITLE", "می\u200cخواهم", ""},
		{"SUMMARY", "👩\u200d💻 and 👨🏽\u200d🚀 and ❤\ufe0f\u200d🔥", ""},
		{"QUOTE", "क्\u200dष", ""},
		{"ETITLE", "\u0600\u0661\u0662", ""},
		{"URL", "xn--exmple-4nf", ""},
	} {
		t.Run(tc.field+" "+tc.want, func(t *testing.T) {
			src := file
			for k, v := range defaults {
				if k == tc.field {
					v = tc.value
				}
				src = strings.Replace(src, `"`+k+`"`, `"`+v+`"`, 1)
				src = strings.Replace(src, `"""`+k+`"""`, `"""`+v+`"""`, 1)
				src = strings.Replace(src, "https://"+k+".", "https://"+v+".", 1)
			}
			_, err := timeline.Open("f.toml", []byte(src))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("%q: %v", tc.value, err)
				}
				return
			}
			if !errors.Is(err, timeline.ErrInvisible) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("%q: got %v\nwant %s", tc.value, err, tc.want)
			}
		})
	}
}

// TestSanitizeInvisible checks that the sanitisers replace what the loader refuses, so that
// text from elsewhere cannot shift a layout either, and keep the joiners inside words.
func TestSanitizeInvisible(t *testing.T) {
	for _, tc := range []struct{ in, text, line string }{
		{"A\u00adB\u00adC", "A\ufffdB\ufffdC", "A\ufffdB\ufffdC"},
		{"exa\u200bmple.com", "exa\ufffdmple.com", "exa\ufffdmple.com"},
		{"one\u2028two\u2029three", "one\ntwo\nthree", "one two three"},
		{"\ufeffx\u2060y\U000E0041", "\ufffdx\ufffdy\ufffd", "\ufffdx\ufffdy\ufffd"},
		{"می\u200cخواهم 👩\u200d💻", "می\u200cخواهم 👩\u200d💻", "می\u200cخواهم 👩\u200d💻"},
		{"\u200dx\u200c", "\ufffdx\ufffd", "\ufffdx\ufffd"},
	} {
		if got := timeline.Sanitize(tc.in); got != tc.text {
			t.Errorf("Sanitize(%+q) = %+q, want %+q", tc.in, got, tc.text)
		}
		if got := timeline.SanitizeLine(tc.in); got != tc.line {
			t.Errorf("SanitizeLine(%+q) = %+q, want %+q", tc.in, got, tc.line)
		}
	}
}
