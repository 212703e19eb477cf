package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLabelAndViewTypos: a label close to one the notebook uses is taken (labels are
// free words) but said to be new, with the one perhaps meant; a list of views quotes a
// name that holds a space, so that it reads as one name (F14 of tryout3).
func TestLabelAndViewTypos(t *testing.T) {
	notebookHome(t)
	path := writeFixture(t, listFixture)
	nb := filepath.Join(t.TempDir(), "nb.toml")
	run := func(code int, args ...string) (string, string) {
		t.Helper()
		return mustRun(t, code, append([]string{"-f", path, "--notebook", nb}, args...)...)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"mark", "report", "keyy"}, "Marked report [keyy]\n\"keyy\" is a new label; did you mean \"key\"? tlx mark --remove report keyy takes it off\n"},
		{[]string{"mark", "report", "keyy"}, "Marked report [keyy]\n"}, // known now
		{[]string{"mark", "report", "follow-up"}, "Marked report [follow-up, keyy]\n"},
		{[]string{"mark", "phishing", "folow-up", "Key"}, "Marked phishing [folow-up, key]\n\"folow-up\" is a new label; did you mean \"follow-up\"? tlx mark --remove phishing folow-up takes it off\n"},
		{[]string{"mark", "--remove", "phishing", "chek"}, "Marked phishing [folow-up, key]\n"},
	} {
		if _, errOut := run(0, c.args...); errOut != c.want {
			t.Errorf("tlx %q said %q, want %q", c.args, errOut, c.want)
		}
	}

	run(0, "view", "iran all", "--actor", "iran")
	run(0, "view", "routh-trial", "--actor", "iran")
	if _, errOut := run(2, "list", "--view", "zzzzzzzz"); !strings.HasPrefix(errOut, "Error: no view \"zzzzzzzz\"; the views are \"iran all\", routh-trial\n") {
		t.Errorf("an unknown view: %q", errOut)
	}
}
