package cli

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
)

// TestExitStatus runs command lines of every kind of failure and checks the status each
// gets: 0 ok, 1 a timeline or a write that failed, 2 a wrong command line, whether tlx
// or cobra found it.
func TestExitStatus(t *testing.T) {
	notebookHome(t)
	good := writeFixture(t, listFixture)
	bad := writeFixture(t, "title = 3\n")
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"list", "-f", good}, exitOK},
		{[]string{"validate", good}, exitOK},
		{[]string{"--version"}, exitOK},
		{[]string{"list", "--help"}, exitOK},
		{[]string{"list", "-f", bad}, exitFailed},
		{[]string{"list", "-f", good + ".missing"}, exitFailed},
		{[]string{"validate", bad}, exitFailed},
		{[]string{"export", "-f", bad}, exitFailed},
		{[]string{"mark", "-f", bad, "report"}, exitFailed},
		{[]string{"list", "--actor", "nobody"}, exitUsage},
		{[]string{"list", "--from", "2024-13"}, exitUsage},
		{[]string{"list", "--nope"}, exitUsage},
		{[]string{"list", "-q"}, exitUsage},
		{[]string{"list", "--actor"}, exitUsage},
		{[]string{"list", "--min-sources", "x"}, exitUsage},
		{[]string{"list", "stray"}, exitUsage},
		{[]string{"lst"}, exitUsage},
		{[]string{"mark"}, exitUsage},
		{[]string{"note", "-f", good, "report", "a", "b"}, exitUsage},
		{[]string{"note", "-f", good, "--remove", "--append", "report", "x"}, exitUsage},
		{[]string{"view"}, exitUsage},
		{[]string{"completion"}, exitUsage},
		{[]string{"completion", "zssh"}, exitUsage},
		{[]string{"completion", "bash", "extra"}, exitUsage},
		{[]string{"export", "--force"}, exitUsage},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != tt.code {
			t.Errorf("tlx %s: exit %d, want %d\n%s", strings.Join(tt.args, " "), code, tt.code, errOut)
		}
	}
}

// TestUnknownCommand: a mistyped command gets the nearest as a suggestion, and a file
// given as a command gets -f.
func TestUnknownCommand(t *testing.T) {
	path := writeFixture(t, listFixture)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"lst"}, `unknown command "lst" for "tlx"; did you mean "list"?`},
		{[]string{"expotr"}, `unknown command "expotr" for "tlx"; did you mean "export"?`},
		{[]string{"completion", "bsh"}, `unknown command "bsh" for "tlx completion"; did you mean "bash"?`},
		{[]string{"xyzzy"}, `unknown command "xyzzy" for "tlx"; run "tlx --help" for the list`},
		{[]string{path}, `to open the file, give it with -f: tlx -f ` + path},
		{[]string{"completion"}, `tlx completion needs one of: bash, fish, powershell, zsh`},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("tlx %s: exit %d, %q; want %q", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
}

// TestExitCodeKeepsChains: the status is read through wrapping, and a status given where
// an error is made does not hide what it wraps.
func TestExitCodeKeepsChains(t *testing.T) {
	problem := &timeline.Problem{File: "x.toml", Line: 1, Kind: timeline.ErrSyntax, Msg: "bad"}
	err := fmt.Errorf("open: %w", failure(problem))
	if exitCode(err) != exitFailed || !errors.Is(err, timeline.ErrSyntax) {
		t.Errorf("failure: exit %d, errors.Is ErrSyntax %v", exitCode(err), errors.Is(err, timeline.ErrSyntax))
	}
	err = usageErrorf("--actor: %w", timeline.ErrUnknownValue)
	if exitCode(err) != exitUsage || !errors.Is(err, timeline.ErrUnknownValue) {
		t.Errorf("usage: exit %d, errors.Is ErrUnknownValue %v", exitCode(err), errors.Is(err, timeline.ErrUnknownValue))
	}
	if exitCode(nil) != exitOK || exitCode(errors.New("x")) != exitFailed {
		t.Error("nil is 0 and an unmarked error 1")
	}
}

// TestUnknownFlagSuggests: a mistyped long flag gets the nearest flag of its command, as
// a mistyped command gets the nearest command, and exits 2 all the same.
func TestUnknownFlagSuggests(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"list", "--actr", "iran"}, "Error: unknown flag: --actr; did you mean --actor?\nRun 'tlx list --help' for usage.\n"},
		{[]string{"list", "--jsn"}, "Error: unknown flag: --jsn; did you mean --json?\n"},
		{[]string{"export", "--outptu", "x.md"}, "Error: unknown flag: --outptu; did you mean --output?\n"},
		{[]string{"--fro", "2024"}, "Error: unknown flag: --fro; did you mean --from?\nRun 'tlx --help' for usage.\n"},
		{[]string{"list", "--zzzzzz"}, "Error: unknown flag: --zzzzzz\nRun 'tlx list --help' for usage.\n"},
	} {
		code, _, errOut := runCLI(t, tt.args...)
		if code != exitUsage || !strings.HasPrefix(errOut, tt.want) {
			t.Errorf("tlx %q: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}
