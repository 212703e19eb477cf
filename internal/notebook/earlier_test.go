package notebook

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestEarlierAndAdopt: a timeline whose title changed, or whose file moved, gets a new
// default notebook; Earlier finds the one it had, by its file name or title, and Adopt
// takes its marks, notes and views, leaving it as it was (F20 of tryout3).
func TestEarlierAndAdopt(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	dir := t.TempDir()
	file := filepath.Join(dir, "t1.toml")
	open := func(src Source) *Notebook {
		t.Helper()
		nb, err := OpenFor("", src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return nb
	}
	old := open(Source{Path: file, Title: "Old title"})
	if _, err := old.Mark("routh-sentenced", "key"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := old.EditNote("routh-trial", "", "Line one.\nLine two."); err != nil {
		t.Fatal(err)
	}
	if _, err := old.SaveView("routh", "actor:routh", ""); err != nil {
		t.Fatal(err)
	}
	// A notebook of another timeline is never offered.
	other := open(Source{Path: filepath.Join(dir, "other.toml"), Title: "Other"})
	if _, err := other.Mark("x", ""); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(old.Path())

	for _, c := range []struct {
		name            string
		src             Source
		sameFile, title bool
	}{
		{"retitled", Source{Path: file, Title: "New title"}, true, false},
		{"moved", Source{Path: filepath.Join(dir, "moved", "t1.toml"), Title: "Old title"}, true, true},
		{"renamed", Source{Path: filepath.Join(dir, "t2.toml"), Title: "Old title"}, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			nb := open(c.src)
			got := nb.Earlier()
			if len(got) != 1 || got[0].Path != old.Path() || got[0].SameFile != c.sameFile || got[0].SameTitle != c.title ||
				got[0].Entries != 2 || got[0].Views != 1 || got[0].About.Title != "Old title" {
				t.Fatalf("Earlier() = %+v, want %s with 2 entries and 1 view", got, old.Path())
			}
		})
	}
	if got := open(Source{Path: filepath.Join(dir, "t3.toml"), Title: "Unrelated"}).Earlier(); len(got) != 0 {
		t.Errorf("an unrelated timeline is offered %+v", got)
	}
	if got := open(Source{Title: "Old title"}).Earlier(); len(got) != 0 {
		t.Errorf("the built-in timeline is offered %+v", got)
	}
	named, err := OpenFor(filepath.Join(dir, "mine.toml"), Source{Path: file, Title: "New title"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := named.Earlier(); len(got) != 0 {
		t.Errorf("a notebook named with --notebook is offered %+v", got)
	}

	nb := open(Source{Path: file, Title: "New title"})
	if _, err := nb.Mark("routh-sentenced", "check"); err != nil { // made before adopting
		t.Fatal(err)
	}
	st, got, err := nb.Adopt(old.Path())
	if err != nil {
		t.Fatal(err)
	}
	if got != (Adopted{Entries: 1, Views: 1, Kept: 1}) {
		t.Errorf("Adopt took %+v (%s)", got, got)
	}
	if !st.HasLabel("routh-sentenced", "check") || st.HasLabel("routh-sentenced", "key") || st.Note("routh-trial") != "Line one.\nLine two." {
		t.Errorf("after Adopt: %+v", st.Entries())
	}
	if _, ok := st.View("routh"); !ok || st.About().Title != "New title" {
		t.Errorf("after Adopt: views %v, about %+v", st.Views(), st.About())
	}
	if after, _ := os.ReadFile(old.Path()); string(after) != string(before) {
		t.Errorf("Adopt changed the earlier notebook")
	}
	// Written to disk, and no longer offered: nothing in it is missing now.
	re := open(Source{Path: file, Title: "New title"})
	if re.State().Note("routh-trial") == "" {
		t.Errorf("the adopted note is not on disk")
	}
	if e := re.Earlier(); len(e) != 0 {
		t.Errorf("after Adopt, Earlier() = %+v", e)
	}
	if _, _, err := nb.Adopt(nb.Path()); !errors.Is(err, ErrInput) {
		t.Errorf("adopting itself: %v", err)
	}
	if _, _, err := nb.Adopt(filepath.Join(dir, "none.toml")); err == nil {
		t.Errorf("adopting a missing notebook: no error")
	}
}

// TestRetitled: a title changed while the timeline is open moves its default notebook to
// another file (the one the next open finds); a notebook named with --notebook, the
// built-in timeline's, or a title as it was, stays.
func TestRetitled(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	file := filepath.Join(t.TempDir(), "t1.toml")
	nb, err := OpenFor("", Source{Path: file, Title: "Old title"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := DefaultPath(Source{Path: file, Title: "New title"})
	if err != nil {
		t.Fatal(err)
	}
	if got := nb.Retitled("New title"); got != want || got == nb.Path() {
		t.Errorf("Retitled(New title) = %q, want %q (not %q)", got, want, nb.Path())
	}
	if got := nb.Retitled("Old title"); got != "" {
		t.Errorf("Retitled(the same title) = %q, want \"\"", got)
	}
	named, err := OpenFor(filepath.Join(t.TempDir(), "mine.toml"), Source{Path: file, Title: "Old title"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := named.Retitled("New title"); got != "" {
		t.Errorf("--notebook's Retitled = %q, want \"\"", got)
	}
	builtIn, err := OpenFor("", Source{Title: "Old title"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := builtIn.Retitled("New title"); got != "" {
		t.Errorf("the built-in timeline's Retitled = %q, want \"\"", got)
	}
}
