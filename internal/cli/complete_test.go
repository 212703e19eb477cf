package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tlx-dev/tlx/timeline"
)

// complete runs cobra's __complete with args, the last the word being completed, and
// returns the values offered and the directive's number.
func complete(t *testing.T, args ...string) (values []string, directive string) {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{cobra.ShellCompRequestCmd}, args...)...)
	if code != 0 {
		t.Fatalf("tlx __complete %q: exit %d: %s", args, code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for _, l := range lines[:len(lines)-1] {
		values = append(values, strings.SplitN(l, "\t", 2)[0])
	}
	return values, lines[len(lines)-1]
}

// fileComp reports whether a directive leaves the shell to offer file names.
func fileComp(directive string) bool {
	var d int
	for _, c := range strings.TrimPrefix(directive, ":") {
		d = d*10 + int(c-'0')
	}
	return cobra.ShellCompDirective(d)&(cobra.ShellCompDirectiveNoFileComp|cobra.ShellCompDirectiveFilterFileExt|cobra.ShellCompDirectiveFilterDirs) == 0
}

// TestCompleteValues completes each flag that takes a value, on the built-in timeline
// and on a file given with -f, and checks the values offered.
func TestCompleteValues(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	tests := []struct {
		args []string
		want []string // all offered
		not  []string // none of these offered
	}{
		// The built-in timeline.
		{[]string{"list", "--actor", "ro"}, []string{"routh", "roth"}, nil},
		{[]string{"list", "-a", "iran,ro"}, []string{"iran,routh", "iran,roth"}, nil},
		{[]string{"list", "--theme", "cy"}, []string{"cyber"}, nil},
		{[]string{"list", "--status", ""}, timeline.Statuses, nil},
		{[]string{"list", "--status", "den"}, []string{"denied"}, []string{"confirmed"}},
		{[]string{"list", "--location", "flo"}, []string{"Florida"}, nil},
		{[]string{"list", "--publisher", "reu"}, []string{"Reuters"}, nil},
		{[]string{"list", "--sources", ""}, []string{"1", "2", "2.."}, nil},
		{[]string{"list", "--min-sources", ""}, []string{"1", "2"}, nil},
		{[]string{"list", "--from", "202"}, []string{"2020", "2021", "2026"}, nil},
		{[]string{"list", "--to", "2024"}, []string{"2024"}, []string{"2020"}},
		{[]string{"list", "--marked="}, []string{"any", "key", "check", "dubious"}, nil},
		{[]string{"list", "--within", "2024"}, []string{"2024"}, nil},
		{[]string{"export", "--format", "j"}, []string{"jsonl", "json"}, []string{"toml"}},
		{[]string{"convert", "in.toml", "--to", "t"}, []string{"timelinejs", "toml"}, nil},
		{[]string{"--color", ""}, []string{"auto", "always", "never"}, nil},
		{[]string{"mark", "routh-sent"}, []string{"routh-sentenced", "routh-sentencing-motion"}, nil},
		{[]string{"note", "soleimani"}, []string{"soleimani-strike"}, nil},
		{[]string{"help", "fo"}, []string{"format"}, nil},
		{[]string{"man", ""}, []string{"tlx", "tlx-format", "tlx-notebook"}, nil},
		// A file given with -f, before or after the flag.
		{[]string{"list", "-f", path, "--actor", ""}, []string{"iran", "msft"}, []string{"routh"}},
		{[]string{"list", "-f", path, "--actor", "teh"}, []string{"iran"}, nil}, // by its alias, Tehran
		{[]string{"export", "-f", path, "--theme", ""}, []string{"cyber"}, nil},
		{[]string{"notes", "-f", path, "--publisher", ""}, []string{"The Associated Press", "Microsoft", "AP"}, nil},
		{[]string{"list", "-f", path, "--from", ""}, []string{"2024"}, []string{"2020"}},
		{[]string{"list", "-f", path, "--sources", ""}, []string{"1"}, []string{"2"}},
		{[]string{"mark", "-f", path, ""}, []string{"report", "phishing", "year-long"}, []string{"routh-sentenced"}},
		{[]string{"mark", "-f", path, "report", ""}, []string{"key", "check", "dubious"}, nil},
	}
	if code, _, errOut := runCLI(t, "-f", path, "view", "cyber-summer", "--theme", "cyber", "--from", "2024-06"); code != 0 {
		t.Fatalf("tlx view: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "-f", path, "mark", "report", "follow-up"); code != 0 {
		t.Fatalf("tlx mark: exit %d: %s", code, errOut)
	}
	tests = append(tests, []struct {
		args      []string
		want, not []string
	}{
		{[]string{"list", "-f", path, "--view", ""}, []string{"cyber-summer"}, nil},
		{[]string{"view", "-f", path, "cy"}, []string{"cyber-summer"}, nil},
		{[]string{"list", "-f", path, "--marked=f"}, []string{"follow-up"}, []string{"key"}},
		{[]string{"list", "-f", path, "--marked=key,"}, []string{"key,follow-up", "key,check"}, nil},
	}...)
	for _, tt := range tests {
		got, directive := complete(t, tt.args...)
		if fileComp(directive) {
			t.Errorf("tlx __complete %q leaves the shell to offer file names (%s)", tt.args, directive)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("tlx __complete %q offers %q, want %q among them", tt.args, got, w)
			}
		}
		for _, n := range tt.not {
			for _, v := range got {
				if v == n {
					t.Errorf("tlx __complete %q offers %q", tt.args, n)
				}
			}
		}
	}
}

// TestCompleteEveryValueFlag: every flag of every command that takes a value completes
// without falling back to file names, but for those that name files; and every filter
// kind with values offers some on the built-in timeline, as its table lists them.
func TestCompleteEveryValueFlag(t *testing.T) {
	notebookHome(t)
	files := map[string]bool{"file": true, "notebook": true, "output": true, "adopt": true}
	free := map[string]bool{"search": true, "title": true, "query": true, "view": true}
	for _, c := range allCommands(t) {
		if c.Name() == cobra.ShellCompRequestCmd {
			continue
		}
		path := strings.Fields(strings.TrimPrefix(c.CommandPath(), "tlx"))
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden || f.Value.Type() == "bool" || f.NoOptDefVal != "" {
				return
			}
			got, directive := complete(t, append(path, "--"+f.Name, "")...)
			switch {
			case files[f.Name]:
			case fileComp(directive):
				t.Errorf("%s --%s falls back to file names (%s)", c.CommandPath(), f.Name, directive)
			case len(got) == 0 && !free[f.Name]:
				t.Errorf("%s --%s offers nothing", c.CommandPath(), f.Name)
			}
		})
	}
}
