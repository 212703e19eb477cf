package cli

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/timeline"
)

// flagFilter parses args as the filter flags of a command and returns their Filter.
func flagFilter(t *testing.T, args ...string) (timeline.Filter, error) {
	t.Helper()
	o := &options{filters: map[timeline.FilterKind][]string{}}
	cmd := &cobra.Command{Use: "test"}
	addFilterFlags(cmd, o)
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatalf("flags %q: %v", args, err)
	}
	return o.filter()
}

// TestFlagsAndQueryGiveOneFilter checks that the filter flags build the same Filter as
// the query text a person would type for them, for every kind of filter.
func TestFlagsAndQueryGiveOneFilter(t *testing.T) {
	tests := []struct {
		args  []string
		query string
	}{
		{nil, ""},
		{[]string{"--actor", "iran"}, "actor:iran"},
		{[]string{"-a", "Tehran, russia", "-a", "China"}, "actor:Tehran,russia,China"},
		{[]string{"-a", `"Trump, Donald",Donald Trump`}, `actor:"Trump, Donald","Donald Trump"`},
		{[]string{"-t", "cyber", "--from", "2024-06", "--to", "2024-09"}, "theme:cyber from:2024-06 to:2024-09"},
		{[]string{"--status", "alleged,denied"}, "status:alleged,denied"},
		{[]string{"--location", "Fort Pierce, Florida", "--location", "Oman"}, `location:"Fort Pierce, Florida",Oman`},
		{[]string{"--publisher", "Reuters,The Associated Press"}, `publisher:Reuters,"The Associated Press"`},
		{[]string{"-s", `"golf course" routh`, "--status", "alleged"}, `status:alleged "golf course" routh`},
		{[]string{"-s", "a", "--search", "b"}, "a search:b"},
		{[]string{"--from", "2024", "--from", "2025"}, "from:2025"},
		{[]string{"--to", "2021"}, "to:2021"},
		{[]string{"--marked"}, "marked:any"},
		{[]string{"--marked=key,Check", "-a", "iran"}, "actor:iran marked:key,check"},
		{[]string{"--within", "2024-08"}, "within:2024-08"},
		{[]string{"--within", "2024-06..2024-09", "--from", "2024"}, "from:2024 within:2024-06..2024-09"},
		{[]string{"--sources", "2.."}, "sources:2.."},
		{[]string{"--min-sources", "2"}, "sources:2.."},
		{[]string{"--single-source"}, "sources:1"},
		{[]string{"--sources", "1..3"}, "sources:..3"},
	}
	tested := map[timeline.FilterKind]bool{}
	for _, tt := range tests {
		f, err := flagFilter(t, tt.args...)
		if err != nil {
			t.Errorf("flags %q: %v", tt.args, err)
			continue
		}
		q, err := timeline.ParseQuery(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if !f.Equal(q) {
			t.Errorf("flags %q give %q; the query %q gives %q", tt.args, f, tt.query, q)
		}
		for _, p := range f.Parts() {
			tested[p.Kind] = true
		}
	}
	for _, k := range timeline.FilterKinds() {
		if !tested[k] {
			t.Errorf("no case tries the flag of kind %s", k)
		}
	}
}

func TestFilterFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--from", "2024-13"}, `--from: invalid date "2024-13": month 13 does not exist`},
		{[]string{"--to", "june"}, `--to: invalid date "june": want YYYY, YYYY-MM or YYYY-MM-DD`},
		{[]string{"--from", "2025", "--to", "2024"}, "--to 2024 is before --from 2025; swap them"},
		{[]string{"--actor", `"iran`}, "--actor: invalid query: the quote at column 1 is never closed"},
		{[]string{"--within", "2024-09..2024-06"}, `--within: invalid date range: 2024-06 is before 2024-09; swap them`},
		{[]string{"--within", "2024-06~"}, `--within: invalid date "2024-06~": ~ says how sure a timeline is of a date; here give the date alone, 2024-06`},
		{[]string{"--sources", "3..2"}, `--sources: invalid count "3..2": 2 is less than 3; swap them`},
	}
	for _, tt := range tests {
		_, err := flagFilter(t, tt.args...)
		if err == nil || err.Error() != tt.want || exitCode(err) != exitUsage {
			t.Errorf("flags %q: error %v (exit %d), want %q", tt.args, err, exitCode(err), tt.want)
		}
	}
}

// TestShorthandFlagErrors: a shorthand's argument is checked as it is read, and the
// message names the flag as typed.
func TestShorthandFlagErrors(t *testing.T) {
	for _, args := range [][]string{{"--min-sources", "0"}, {"--min-sources", "two"}, {"--single-source=maybe"}} {
		code, _, errOut := runCLI(t, append([]string{"list"}, args...)...)
		if code != exitUsage || !strings.Contains(errOut, "for \""+strings.SplitN(args[0], "=", 2)[0]+"\" flag") {
			t.Errorf("tlx list %q: exit %d, %q", args, code, errOut)
		}
	}
	code, out, errOut := runCLI(t, "list", "--single-source=false", "--actor", "routh")
	if code != 0 || !strings.Contains(out, "routh") {
		t.Errorf("--single-source=false: exit %d, %q %q", code, out, errOut)
	}
}

// TestEveryKindHasAFlag checks that every kind of filter appears in the help of the
// commands that filter.
func TestEveryKindHasAFlag(t *testing.T) {
	for _, sub := range []string{"list", "export"} {
		code, out, errOut := runCLI(t, sub, "--help")
		if code != 0 {
			t.Fatalf("%s --help: exit %d: %s", sub, code, errOut)
		}
		for _, k := range timeline.FilterKinds() {
			if !strings.Contains(out, "--"+k.Name()) {
				t.Errorf("%s --help does not show --%s", sub, k.Name())
			}
		}
	}
}

// TestOneRuleForCase: what is typed to choose matches in any case (flags here; the query
// text shares their parsing); what a file writes is spelled as the format spells it, and
// another case is a problem with its fix, for statuses and actor kinds alike
// (docs/format.md, Statuses).
func TestOneRuleForCase(t *testing.T) {
	path := writeFixture(t, listFixture)
	for _, args := range [][]string{{"--status", "REPORTED"}, {"--status", "Reported"}, {"--actor", "TEHRAN"}} {
		code, out, errOut := runCLI(t, append([]string{"list", "--ids", "-f", path}, args...)...)
		if code != 0 || !strings.Contains(out, "phishing") {
			t.Errorf("tlx list %q: exit %d, %q %s", args, code, out, errOut)
		}
	}
	bad := writeFixture(t, "title = \"x\"\n[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"State\"\n\n"+
		"[[events]]\nid = \"e\"\ndate = \"2024\"\ntitle = \"E\"\nactors = [\"a\"]\nstatus = \"Confirmed\"\n")
	code, out, _ := runCLI(t, "validate", bad)
	for _, want := range []string{`unknown kind "State" in actor "a"; did you mean "state"?`, `unknown status "Confirmed" in event "e"; did you mean "confirmed"?`} {
		if code != exitFailed || !strings.Contains(out, want) {
			t.Errorf("validate: exit %d, want 1 and %q in\n%s", code, want, out)
		}
	}
}
