package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// allCommands lists tlx and every command under it that a user can call.
func allCommands(t *testing.T) []*cobra.Command {
	t.Helper()
	root, _ := newRoot(Build{Version: "test"})
	var out []*cobra.Command
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		out = append(out, c)
		for _, sub := range c.Commands() {
			if !sub.Hidden {
				walk(sub)
			}
		}
	}
	walk(root)
	return out
}

// TestHelpLines: every command's help fits 80 columns (but for examples and literal
// lines, which keep their shape), has no line ending in a space, and names every flag
// with its value's placeholder, never pflag's type name.
func TestHelpLines(t *testing.T) {
	for _, c := range allCommands(t) {
		args := append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "tlx")), "--help")
		code, out, errOut := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("tlx %s: exit %d: %s", strings.Join(args, " "), code, errOut)
		}
		literal := false
		for i, line := range strings.Split(out, "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("tlx %s, line %d ends in a space: %q", strings.Join(args, " "), i+1, line)
			}
			if line != "" && !strings.HasPrefix(line, " ") {
				literal = line == "EXAMPLES" || line == "USAGE"
			}
			// Indented lines keep their shape, so they must be written to fit: those of a
			// description (such as list's list of outputs) too, not only the wrapped text.
			if !literal && ansi.StringWidth(line) > 80 {
				t.Errorf("tlx %s, line %d is %d wide: %q", strings.Join(args, " "), i+1, ansi.StringWidth(line), line)
			}
		}
		for _, typeName := range []string{" string ", " strings ", " int ", "[=strings]", " stringSlice "} {
			if strings.Contains(out, typeName) {
				t.Errorf("tlx %s calls a value by its type, %q:\n%s", strings.Join(args, " "), typeName, out)
			}
		}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden && !strings.Contains(out, "--"+f.Name) {
				t.Errorf("tlx %s lacks --%s", strings.Join(args, " "), f.Name)
			}
		})
	}
}

// TestHelpCommand: tlx help CMD is CMD's help, tlx help TOPIC a topic, and anything
// else a usage error with a suggestion.
func TestHelpCommand(t *testing.T) {
	_, viaFlag, _ := runCLI(t, "list", "--help")
	code, viaHelp, _ := runCLI(t, "help", "list")
	if code != 0 || viaHelp != viaFlag {
		t.Errorf("tlx help list (exit %d) differs from tlx list --help", code)
	}
	_, rootHelp, _ := runCLI(t, "--help")
	for _, want := range []string{"COMMANDS", "  man ", "HELP TOPICS", "format", "notebook", "keys", "LEARN MORE"} {
		if !strings.Contains(rootHelp, want) {
			t.Errorf("tlx --help lacks %q", want)
		}
	}
	topics := []struct{ topic, want string }{
		{"format", "Dates and their precision"},
		{"notebook", "WHERE IT LIVES"},
		{"keys", "undo the last change to the filters"},
	}
	for _, tt := range topics {
		code, out, errOut := runCLI(t, "help", tt.topic)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("tlx help %s: exit %d, %q; want %q in\n%s", tt.topic, code, errOut, tt.want, out)
		}
		if strings.Contains(out, " \n") {
			t.Errorf("tlx help %s has a line ending in a space", tt.topic)
		}
	}
	code, _, errOut := runCLI(t, "help", "formta")
	if code != exitUsage || !strings.Contains(errOut, `did you mean "format"?`) {
		t.Errorf("tlx help formta: exit %d, %q", code, errOut)
	}
}

// TestErrorPointsToCommandHelp: a usage error names the help of the command it is about.
func TestErrorPointsToCommandHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"list", "--nope"}, "Run 'tlx list --help' for usage."},
		{[]string{"export", "--force"}, "Run 'tlx export --help' for usage."},
		{[]string{"lst"}, "Run 'tlx --help' for usage."},
		{[]string{"completion", "bsh"}, "Run 'tlx completion --help' for usage."},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("tlx %s: exit %d, %q; want %q", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
}
