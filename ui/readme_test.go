package ui

import (
	"github.com/tlx-dev/tlx/timeline"

	"os"
	"strings"
	"testing"
)

// The README's table of keys is the help's, generated from the same bindings: this test
// fails when they differ, and -update writes the table into the README.
const (
	keysStart = "<!-- keys: generated from ui/keys.go; go test ./ui -run TestREADMEKeys -update rewrites it -->\n"
	keysEnd   = "<!-- /keys -->\n"
)

func TestREADMEKeys(t *testing.T) {
	const path = "../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start, end := strings.Index(readme, keysStart), strings.Index(readme, keysEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md lacks the markers of the key table:\n%s%s", keysStart, keysEnd)
	}
	k := defaultKeyMap()
	want := keyTable(&k)
	got := readme[start+len(keysStart) : end]
	if got == want {
		return
	}
	if *update {
		readme = readme[:start+len(keysStart)] + want + readme[end:]
		if err := os.WriteFile(path, []byte(readme), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README's key table differs from the help (go test ./ui -run TestREADMEKeys -update rewrites it)\n--- README:\n%s\n--- help:\n%s", got, want)
}

// TestHelpListsEveryKey checks that the help shows each row of the key table, keys and
// words, so that the README and the help say the same.
func TestHelpListsEveryKey(t *testing.T) {
	m := newTestModel(t, loadSmall(t), timeline.Filter{}, 200, 60)
	keys(m, "?")
	help := strings.Join(strings.Fields(overlayText(m)), " ")
	for _, sec := range m.keys.helpSections() {
		if !strings.Contains(help, sec.title) {
			t.Errorf("the help lacks the heading %q", sec.title)
		}
		for _, r := range sec.rows {
			want := strings.Join(strings.Fields(keysText(r.key)+" "+r.desc()), " ")
			if !strings.Contains(help, want) {
				t.Errorf("the help lacks %q", want)
			}
		}
	}
}
