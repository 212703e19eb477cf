package timeline_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestFormatLimits: a JSON file of more objects and arrays than MaxJSONContainers, or a
// sheet of more rows than MaxSheetRows, is refused with one Problem at its place, before
// it costs what a timeline of that many events would.
func TestFormatLimits(t *testing.T) {
	var js bytes.Buffer
	js.WriteString(`{"events": [`)
	for i := range timeline.MaxJSONContainers {
		if i > 0 {
			js.WriteByte(',')
		}
		js.WriteString("{}")
	}
	js.WriteString("]}\n")
	var csv bytes.Buffer
	csv.WriteString("Year,Headline\n")
	for range timeline.MaxSheetRows + 1 {
		csv.WriteString("2024,x\n")
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"many.json", js.Bytes(), "many.json:1:24000007: more than 8000000 objects and arrays, past the limit; a timeline of 100,000 events holds about 1,200,000; split the timeline into several files"},
		{"many.csv", csv.Bytes(), "many.csv:1000002: more than 1000000 rows, past the limit; a timeline of 100,000 events is 100,001 rows; split the timeline into several files"},
	} {
		_, err := timeline.Open(tt.name, tt.data)
		var p *timeline.Problem
		if err == nil || !errors.As(err, &p) || !errors.Is(err, timeline.ErrLimit) || strings.Contains(err.Error(), "\n") {
			t.Fatalf("%s: %v, want one limit Problem", tt.name, err)
		}
		if err.Error() != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, err, tt.want)
		}
	}
}
