package timeline_test

import (
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestSmallPlaces covers three small mistakes of the messages: the decoder's "TOML" lost
// its capital ("tOML files cannot..."), a control character at a line's start was placed
// at the previous line's end (column 12), and a quoted key written with an escape was
// placed on its table's header line.
func TestSmallPlaces(t *testing.T) {
	const event = "[[events]]\nid = \"e\"\ndate = \"2024\"\ntitle = \"t\"\nsources = [{publisher = \"p\"}]\n"
	for _, tc := range []struct{ name, file, want string }{
		{"ESC at a line's start", "title = \"t\"\n\x1b[2J = 1\n",
			"f:2:1: invalid TOML: TOML files cannot contain control characters: '0x1b'"},
		{"control character inside a line", "title = \"t\"\nx = 1\x01\n",
			"f:2:6: invalid TOML: TOML files cannot contain control characters: '0x01'"},
		{"control character in an event", "title = \"t\"\n[[events]]\nid = \"é\x01\"\n",
			"f:3:8: invalid TOML: TOML files cannot contain control characters: '0x01'"},
		{"escaped quoted key", "title = \"t\"\n" + event + "\"col\\u006fur\" = 1\n",
			"f:7:1: unknown key \"colour\" in event \"e\""},
		{"escaped quoted key at the top", "\"t\\u0069tel\" = \"t\"\ntitle = \"t\"\n",
			"f:1:1: unknown key \"titel\"; did you mean \"title\"?"},
		{"escaped quoted key in a source", "title = \"t\"\n[[events]]\nid = \"e\"\ndate = \"2024\"\ntitle = \"t\"\n  [[events.sources]]\n  publisher = \"p\"\n  \"qo\\U00000075te\" = \"q\"\n",
			"f:8:3: unknown key \"qoute\" in source 1 of event \"e\"; did you mean \"quote\"?"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := timeline.Open("f", []byte(tc.file))
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("got  %v\nwant %s", err, tc.want)
			}
		})
	}
}
