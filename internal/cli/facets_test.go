package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFacets(t *testing.T) {
	path := writeFixture(t, listFixture)
	code, out, errOut := runCLI(t, "facets", "-f", path, "actor", "status")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `ACTORS (2, for --actor)
  ID    NAME       EVENTS  ALIASES
  iran  Iran            2  Tehran
  msft  Microsoft       1
` + "\n" + `STATUSES (6, for --status)
  ID         EVENTS
  confirmed       1
  reported        1
  alleged         0
  disputed        0
  denied          0
  scheduled       0
`
	if out != want {
		t.Errorf("tlx facets actor status:\n%s\nwant\n%s", out, want)
	}
	// Under a filter, each list counts what the other filters select.
	code, out, _ = runCLI(t, "facets", "-f", path, "actors", "--theme", "cyber", "--actor", "iran")
	if code != 0 || !strings.Contains(out, "iran  Iran            1  Tehran") || !strings.Contains(out, "msft  Microsoft       1") {
		t.Errorf("tlx facets actors --theme cyber --actor iran (exit %d):\n%s", code, out)
	}
	code, _, errOut = runCLI(t, "facets", "actr")
	if code != exitUsage || !strings.Contains(errOut, `no list of "actr"; did you mean "actor"?`) {
		t.Errorf("tlx facets actr: exit %d, %q", code, errOut)
	}
}

// TestFacetsJSON: every list, every field of every value present, ids a flag takes.
func TestFacetsJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "facets", "--json", "--from", "2024")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
		File    string `json:"file"`
		Filter  string `json:"filter"`
		Matched int    `json:"matched"`
		Total   int    `json:"total"`
		Facets  []struct {
			Kind   string                       `json:"kind"`
			Values []map[string]json.RawMessage `json:"values"`
		} `json:"facets"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	// The file as list --json names it.
	if doc.Format != "tlx-facets" || doc.Version != 1 || doc.File != "built-in" || doc.Filter != "from:2024" || doc.Matched == 0 || doc.Matched >= doc.Total {
		t.Errorf("header: %+v", doc)
	}
	var kinds []string
	for _, l := range doc.Facets {
		kinds = append(kinds, l.Kind)
		for _, v := range l.Values {
			for _, field := range []string{"id", "name", "kind", "aliases", "description", "events"} {
				if _, ok := v[field]; !ok || string(v[field]) == "null" {
					t.Errorf("%s value %s lacks %s", l.Kind, v["id"], field)
				}
			}
		}
	}
	if got := strings.Join(kinds, " "); got != "actor theme status location publisher sources from" {
		t.Errorf("lists %s", got)
	}
}

// TestUnknownValueChoices: a value the timeline lacks says what there is, inline when
// the values are few, else the command that lists them.
func TestUnknownValueChoices(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"list", "--actor", "nobody"}, `unknown actor "nobody"; tlx facets actor lists the`},
		{[]string{"list", "--actor", "irn"}, `unknown actor "irn"; did you mean "iran"? (tlx facets actor lists the`},
		{[]string{"export", "--status", "sure"}, `unknown status "sure"; the statuses are confirmed, reported, alleged, disputed, denied, scheduled`},
		{[]string{"notes", "--theme", "cybr", "--publisher", "reuter"}, `did you mean "Reuters"? (the publishers are The Associated Press, Asharq Al-Awsat, Reuters, AFP)`},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, tt.args...)
		if code != exitUsage || !strings.Contains(errOut, tt.want) {
			t.Errorf("tlx %s: exit %d, %q; want %q", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
}

// TestFacetsYearsSayMayFall: the years count every event that may fall in each, so they
// add up to more than the events; the list says so and names --within (F13 of tryout3).
func TestFacetsYearsSayMayFall(t *testing.T) {
	code, out, errOut := runCLI(t, "facets", "year")
	if code != 0 || !strings.Contains(out, "Each year counts the events that may fall in it") || !strings.Contains(out, "tlx list --within YEAR") {
		t.Errorf("tlx facets year: exit %d, %q, %q", code, out, errOut)
	}
	if _, out, _ := runCLI(t, "facets", "actor"); strings.Contains(out, "may fall") {
		t.Errorf("tlx facets actor speaks of years: %q", out)
	}
}

// TestFacetsUnknownListSaysYear: an unknown list is answered with the names the help
// uses: year, not from (F13 of tryout3).
func TestFacetsUnknownListSaysYear(t *testing.T) {
	code, _, errOut := runCLI(t, "facets", "nope")
	if code != 2 || !strings.Contains(errOut, "the lists are actor, theme, status, location, publisher, sources, year") {
		t.Errorf("tlx facets nope: exit %d, %q", code, errOut)
	}
}
