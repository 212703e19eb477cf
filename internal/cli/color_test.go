package cli

import (
	"strings"
	"testing"
)

// TestColorFlag: --color=always colours output that is not a terminal, NO_COLOR or not;
// --color=never and auto (into a buffer) write no escape sequence; a bad value is a
// usage error.
func TestColorFlag(t *testing.T) {
	path := writeFixture(t, listFixture)
	tests := []struct {
		args    []string
		noColor string
		escapes bool
	}{
		{[]string{"list", "--color=always"}, "", true},
		{[]string{"list", "--color", "always"}, "1", true},
		{[]string{"list", "--color=never"}, "", false},
		{[]string{"list"}, "", false},
		{[]string{"--color=always", "list", "--help"}, "", true},
		{[]string{"--color=never", "list", "--help"}, "", false},
	}
	for _, tt := range tests {
		t.Setenv("NO_COLOR", tt.noColor)
		code, out, errOut := runCLI(t, append(tt.args, "-f", path)...)
		if code != 0 {
			t.Fatalf("tlx %s: exit %d: %s", strings.Join(tt.args, " "), code, errOut)
		}
		if got := strings.Contains(out, "\x1b["); got != tt.escapes {
			t.Errorf("tlx %s with NO_COLOR=%q: escape sequences %v, want %v:\n%q", strings.Join(tt.args, " "), tt.noColor, got, tt.escapes, out)
		}
	}
	code, _, errOut := runCLI(t, "list", "--color=sometimes")
	if code != exitUsage || !strings.Contains(errOut, "want auto, always or never") {
		t.Errorf("--color=sometimes: exit %d, %q", code, errOut)
	}
}
