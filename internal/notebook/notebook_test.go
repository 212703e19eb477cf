package notebook

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/timeline"
)

// testTimeline has three events, a, b and c, titled "Event A" and so on.
func testTimeline(t *testing.T) *timeline.Timeline {
	t.Helper()
	var events []timeline.Event
	for i, id := range []string{"a", "b", "c"} {
		events = append(events, timeline.Event{
			ID: id, Title: "Event " + strings.ToUpper(id),
			Date:    timeline.On(timeline.Date{Year: 2024, Month: time.Month(i + 1), Day: 1, Prec: timeline.Day}),
			Sources: []timeline.Source{{Publisher: "Reuters"}},
		})
	}
	return timeline.New("Test timeline", "", nil, nil, events)
}

// open opens the notebook at path for a test, failing it on error.
func open(t *testing.T, path string, tl *timeline.Timeline) *Notebook {
	t.Helper()
	nb, err := Open(path, Options{Timeline: tl, Source: Source{Path: "/x/test.toml", Title: "Test timeline"}})
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// step is one call on a notebook.
type step struct {
	op            string // mark, unmark, note, append, view, unview
	id, arg, base string
	wantErr       error // errors.Is target; nil: must succeed
	wantBoth      bool  // note: both texts kept
}

func (s step) run(t *testing.T, nb *Notebook) (both bool, err error) {
	t.Helper()
	switch s.op {
	case "mark":
		_, err = nb.Mark(s.id, s.arg)
	case "unmark":
		_, err = nb.Unmark(s.id, s.arg)
	case "note":
		_, both, err = nb.EditNote(s.id, s.base, s.arg)
	case "append":
		_, err = nb.AppendNote(s.id, s.arg)
	case "view":
		_, err = nb.SaveView(s.id, s.arg, s.base)
	case "unview":
		_, err = nb.DeleteView(s.id, s.base)
	default:
		t.Fatalf("unknown op %q", s.op)
	}
	return both, err
}

// TestChanges models the API: each case applies its steps to a new notebook, checking
// each step's error, then checks the notebook in memory and as read again from disk.
func TestChanges(t *testing.T) {
	tests := []struct {
		name    string
		steps   []step
		entries []Entry
		views   []View
		noFile  bool // nothing was stored, so no file is made
	}{
		{name: "plain mark",
			steps:   []step{{op: "mark", id: "a"}},
			entries: []Entry{{ID: "a", Title: "Event A", Marked: true}}},
		{name: "labels sorted, distinct, lower-cased",
			steps:   []step{{op: "mark", id: "a", arg: "key"}, {op: "mark", id: "a", arg: " Dubious"}, {op: "mark", id: "a", arg: "key"}},
			entries: []Entry{{ID: "a", Title: "Event A", Marked: true, Labels: []string{"dubious", "key"}}}},
		{name: "custom label",
			steps:   []step{{op: "mark", id: "b", arg: "follow-up"}},
			entries: []Entry{{ID: "b", Title: "Event B", Marked: true, Labels: []string{"follow-up"}}}},
		{name: "bad label",
			steps: []step{{op: "mark", id: "a", arg: "two words", wantErr: ErrInput}}, noFile: true},
		{name: "id too long for a table's name",
			steps: []step{{op: "mark", id: strings.Repeat("x", maxKey+1), wantErr: ErrInput}}, noFile: true},
		{name: "id that escapes past a table's name",
			steps: []step{{op: "note", id: strings.Repeat(`"`, maxKey/2), arg: "x", wantErr: ErrInput}}, noFile: true},
		{name: "blank id",
			steps: []step{{op: "mark", id: " ", wantErr: ErrInput}}, noFile: true},
		{name: "unmark one label keeps the mark",
			steps:   []step{{op: "mark", id: "a", arg: "key"}, {op: "mark", id: "a", arg: "check"}, {op: "unmark", id: "a", arg: "key"}},
			entries: []Entry{{ID: "a", Title: "Event A", Marked: true, Labels: []string{"check"}}}},
		{name: "unmark all drops an entry without note",
			steps: []step{{op: "mark", id: "a", arg: "key"}, {op: "unmark", id: "a"}}},
		{name: "unmark keeps the note",
			steps:   []step{{op: "mark", id: "a"}, {op: "note", id: "a", arg: "why"}, {op: "unmark", id: "a"}},
			entries: []Entry{{ID: "a", Title: "Event A", Note: "why"}}},
		{name: "unmark what is not marked",
			steps: []step{{op: "unmark", id: "c"}}, noFile: true},
		{name: "note normalised",
			steps:   []step{{op: "note", id: "b", arg: "\r\n\r\nfirst line\r\n\r\nsecond  \n\n"}},
			entries: []Entry{{ID: "b", Title: "Event B", Note: "first line\n\nsecond"}}},
		{name: "note replaced from its base",
			steps:   []step{{op: "note", id: "b", arg: "one"}, {op: "note", id: "b", base: "one", arg: "two"}},
			entries: []Entry{{ID: "b", Title: "Event B", Note: "two"}}},
		{name: "note removed",
			steps: []step{{op: "note", id: "b", arg: "one"}, {op: "note", id: "b", base: "one", arg: "  "}}},
		{name: "note from a stale base keeps both",
			steps:   []step{{op: "note", id: "b", arg: "mine"}, {op: "note", id: "b", base: "", arg: "theirs", wantBoth: true}},
			entries: []Entry{{ID: "b", Title: "Event B", Note: "mine\n\n" + ConflictMarker + "\n\ntheirs"}}},
		{name: "removing a note that changed keeps it",
			steps:   []step{{op: "note", id: "b", arg: "new"}, {op: "note", id: "b", base: "old", arg: "", wantBoth: true}},
			entries: []Entry{{ID: "b", Title: "Event B", Note: "new"}}},
		{name: "saving the text already there is no conflict",
			steps:   []step{{op: "note", id: "b", arg: "same"}, {op: "note", id: "b", base: "", arg: "same"}},
			entries: []Entry{{ID: "b", Title: "Event B", Note: "same"}}},
		{name: "append to nothing, then to a note",
			steps:   []step{{op: "append", id: "c", arg: "first\n"}, {op: "append", id: "c", arg: "\n\nsecond"}, {op: "append", id: "c", arg: " \n "}},
			entries: []Entry{{ID: "c", Title: "Event C", Note: "first\n\nsecond"}}},
		{name: "append a control character",
			steps: []step{{op: "append", id: "c", arg: "\x07", wantErr: ErrInput}}, noFile: true},
		{name: "note with a control character",
			steps: []step{{op: "note", id: "b", arg: "esc \x1b[31m", wantErr: ErrInput}}, noFile: true},
		{name: "note too long",
			steps: []step{{op: "note", id: "b", arg: strings.Repeat("x", maxNote+1), wantErr: ErrInput}}, noFile: true},
		{name: "event the timeline lacks: no title",
			steps:   []step{{op: "mark", id: "gone", arg: "check"}, {op: "note", id: "gone", arg: "orphan"}},
			entries: []Entry{{ID: "gone", Marked: true, Labels: []string{"check"}, Note: "orphan"}}},
		{name: "views",
			steps: []step{
				{op: "view", id: "cyber", arg: "theme:cyber"},
				{op: "view", id: "routh", arg: `actor:routh "golf course"`},
				{op: "view", id: "cyber", arg: "theme:cyber from:2024", base: "theme:cyber"},
			},
			views: []View{{"cyber", "theme:cyber from:2024"}, {"routh", `actor:routh "golf course"`}}},
		{name: "view saved again as it is",
			steps: []step{{op: "view", id: "v", arg: "actor:iran"}, {op: "view", id: "v", arg: "actor:iran"}},
			views: []View{{"v", "actor:iran"}}},
		{name: "view replaced without its base",
			steps: []step{{op: "view", id: "v", arg: "actor:iran"}, {op: "view", id: "v", arg: "actor:russia", wantErr: ErrViewChanged}},
			views: []View{{"v", "actor:iran"}}},
		{name: "view deleted",
			steps: []step{{op: "view", id: "v", arg: "actor:iran"}, {op: "view", id: "w", arg: "x"}, {op: "unview", id: "v", base: "actor:iran"}},
			views: []View{{"w", "x"}}},
		{name: "view deleted from a stale base is kept",
			steps: []step{{op: "view", id: "v", arg: "actor:iran"}, {op: "unview", id: "v", base: "actor:russia", wantErr: ErrViewChanged}},
			views: []View{{"v", "actor:iran"}}},
		{name: "view over two lines",
			steps: []step{{op: "view", id: "v", arg: "a\nb", wantErr: ErrInput}}, noFile: true},
		{name: "view without name",
			steps: []step{{op: "view", id: "", arg: "actor:iran", wantErr: ErrInput}}, noFile: true},
	}
	tl := testTimeline(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "nb.toml")
			nb := open(t, path, tl)
			for i, s := range tt.steps {
				both, err := s.run(t, nb)
				if !errors.Is(err, s.wantErr) || (err == nil) != (s.wantErr == nil) {
					t.Fatalf("step %d %s: error %v, want %v", i, s.op, err, s.wantErr)
				}
				if both != s.wantBoth {
					t.Errorf("step %d %s: both kept = %v, want %v", i, s.op, both, s.wantBoth)
				}
			}
			checkState(t, nb.State(), tt.entries, tt.views)
			if _, err := os.Stat(path); tt.noFile != errors.Is(err, os.ErrNotExist) {
				t.Errorf("file: %v; want it made: %v", err, !tt.noFile)
			}
			again := open(t, path, tl)
			checkState(t, again.State(), tt.entries, tt.views)
		})
	}
}

// TestFirstWrite checks what a new notebook's file holds, byte for byte.
func TestFirstWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.toml")
	nb := open(t, path, testTimeline(t))
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Open created the file: %v", err)
	}
	nb.Mark("a", "key")
	nb.EditNote("b", "", "Line one.\n\nLine 'two'.")
	nb.SaveView("iran", `actor:iran "golf course"`, "")
	got, _ := os.ReadFile(path)
	want := header + `version = 1

[timeline]
title = 'Test timeline'
file = 'test.toml'

[views.iran]
query = 'actor:iran "golf course"'

[events.a]
title = 'Event A'
marked = true
labels = ["key"]

[events.b]
title = 'Event B'
note = '''
Line one.

Line 'two'.
'''
`
	if string(got) != want {
		t.Errorf("file:\n%s\nwant:\n%s", got, want)
	}
}

// TestMergeByEvent checks that two notebooks open on one file keep each other's changes:
// each change is applied to the file as it is, not to what its process read at first.
func TestMergeByEvent(t *testing.T) {
	tl := testTimeline(t)
	path := filepath.Join(t.TempDir(), "nb.toml")
	one, two := open(t, path, tl), open(t, path, tl)
	steps := []func() error{
		func() error { _, err := one.Mark("a", "key"); return err },
		func() error { _, err := two.Mark("b", ""); return err },
		func() error { _, _, err := one.EditNote("c", "", "from one"); return err },
		func() error { _, err := two.SaveView("v", "actor:iran", ""); return err },
		func() error { _, err := one.Mark("a", "check"); return err },
		func() error { _, err := two.Unmark("a", "key"); return err },
	}
	for i, s := range steps {
		if err := s(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	want := []Entry{
		{ID: "a", Title: "Event A", Marked: true, Labels: []string{"check"}},
		{ID: "b", Title: "Event B", Marked: true},
		{ID: "c", Title: "Event C", Note: "from one"},
	}
	checkState(t, two.State(), want, []View{{"v", "actor:iran"}})
	changed, err := one.Reload()
	if err != nil || !changed {
		t.Fatalf("Reload = %v, %v; want a change", changed, err)
	}
	checkState(t, one.State(), want, []View{{"v", "actor:iran"}})
	if changed, err := one.Reload(); changed || err != nil {
		t.Errorf("second Reload = %v, %v; want no change", changed, err)
	}
}

// TestConflictKeepsBoth: two readers edit the same note from the same text; the second
// to save keeps the first one's text too, and says so.
func TestConflictKeepsBoth(t *testing.T) {
	tl := testTimeline(t)
	path := filepath.Join(t.TempDir(), "nb.toml")
	one, two := open(t, path, tl), open(t, path, tl)
	if _, _, err := one.EditNote("a", "", "start"); err != nil {
		t.Fatal(err)
	}
	two.Reload()
	base := two.State().Note("a")
	if _, both, err := one.EditNote("a", base, "one's version"); err != nil || both {
		t.Fatalf("one: both=%v err=%v", both, err)
	}
	st, both, err := two.EditNote("a", base, "two's version")
	if err != nil || !both {
		t.Fatalf("two: both=%v err=%v; want both kept", both, err)
	}
	want := "one's version\n\n" + ConflictMarker + "\n\ntwo's version"
	if got := st.Note("a"); got != want {
		t.Errorf("note = %q, want %q", got, want)
	}
	// The reader merges by editing the merged text: from it, no conflict.
	if _, both, err := two.EditNote("a", want, "merged"); err != nil || both {
		t.Errorf("merge: both=%v err=%v", both, err)
	}
}

// TestInvalidNeverOverwritten: a notebook that does not read is reported with its line,
// opens read-only, refuses changes and stays byte for byte as it was; one that breaks
// while open refuses the change and becomes read-only until it reads again.
func TestInvalidNeverOverwritten(t *testing.T) {
	tl := testTimeline(t)
	for _, bad := range []string{"truncated.toml", "not-utf8.toml", "unknown-key.toml", "newer.toml"} {
		t.Run("open "+bad, func(t *testing.T) {
			data, _ := os.ReadFile(filepath.Join("testdata/bad", bad))
			path := filepath.Join(t.TempDir(), "nb.toml")
			os.WriteFile(path, data, 0o644)
			nb, err := Open(path, Options{Timeline: tl})
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != path || pe.Line == 0 {
				t.Fatalf("Open error = %v; want a *ParseError with the file and a line", err)
			}
			if nb == nil || !errors.Is(nb.ReadOnly(), ErrInvalid) {
				t.Fatalf("no read-only notebook with the reason: %v", nb)
			}
			if nb.State().Len() != 0 {
				t.Errorf("the read-only notebook holds %d entries", nb.State().Len())
			}
			_, err1 := nb.Mark("a", "")
			_, _, err2 := nb.EditNote("a", "", "x")
			_, err3 := nb.SaveView("v", "x", "")
			for _, err := range []error{err1, err2, err3} {
				if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
					t.Errorf("change error = %v; want ErrReadOnly naming the file", err)
				}
			}
			if after, _ := os.ReadFile(path); string(after) != string(data) {
				t.Errorf("the invalid notebook was written")
			}
		})
	}
	t.Run("broken while open", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nb.toml")
		nb := open(t, path, tl)
		if _, err := nb.Mark("a", ""); err != nil {
			t.Fatal(err)
		}
		good, _ := os.ReadFile(path)
		broken := good[:len(good)-5] // cut short mid-line
		os.WriteFile(path, broken, 0o644)
		_, err := nb.Mark("b", "")
		if !errors.Is(err, ErrReadOnly) || !errors.Is(err, ErrInvalid) {
			t.Fatalf("Mark on a broken file: %v", err)
		}
		if after, _ := os.ReadFile(path); string(after) != string(broken) {
			t.Fatal("the broken notebook was written")
		}
		if !errors.Is(nb.ReadOnly(), ErrInvalid) {
			t.Errorf("ReadOnly = %v after the file broke", nb.ReadOnly())
		}
		if !nb.State().Marked("a") {
			t.Errorf("the last good state was lost")
		}
		os.WriteFile(path, good, 0o644) // the reader repairs it
		if _, err := nb.Reload(); err != nil {
			t.Fatal(err)
		}
		if nb.ReadOnly() != nil {
			t.Errorf("still read-only after the file was repaired: %v", nb.ReadOnly())
		}
		if _, err := nb.Mark("b", ""); err != nil {
			t.Errorf("Mark after repair: %v", err)
		}
	})
	t.Run("opened read-only", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nb.toml")
		nb, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := nb.Mark("a", ""); !errors.Is(err, ErrReadOnly) {
			t.Errorf("Mark = %v, want ErrReadOnly", err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a read-only notebook made its file")
		}
	})
	t.Run("a folder", func(t *testing.T) {
		dir := t.TempDir()
		_, err := Open(dir, Options{})
		if err == nil || !strings.Contains(err.Error(), "is a folder") {
			t.Errorf("Open(folder) = %v", err)
		}
	})
	t.Run("a device", func(t *testing.T) {
		if _, err := os.Stat(os.DevNull); err != nil {
			t.Skip(err)
		}
		nb, err := Open(os.DevNull, Options{})
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "is not a regular file") {
			t.Errorf("Open(%s) = %v", os.DevNull, err)
		}
		if _, err := nb.Mark("a", ""); !errors.Is(err, ErrReadOnly) {
			t.Errorf("Mark on %s = %v", os.DevNull, err)
		}
	})
}

// TestOrphans: entries whose events left the timeline are kept and listed, with the
// title they had.
func TestOrphans(t *testing.T) {
	tl := testTimeline(t)
	path := filepath.Join(t.TempDir(), "nb.toml")
	nb := open(t, path, tl)
	nb.Mark("a", "key")
	nb.EditNote("b", "", "note on b")
	// The timeline's author renames b to b2 and removes nothing else.
	events := slices.Clone(tl.Events)
	events[1].ID = "b2"
	renamed := timeline.New(tl.Title, "", nil, nil, events)
	again := open(t, path, renamed)
	orphans := again.State().Orphans(renamed)
	if len(orphans) != 1 || orphans[0].ID != "b" || orphans[0].Title != "Event B" || orphans[0].Note != "note on b" {
		t.Fatalf("orphans = %+v", orphans)
	}
	// Changing something else keeps the orphan on disk.
	again.Mark("c", "")
	if n := again.State().Note("b"); n != "note on b" {
		t.Errorf("orphan's note after a write = %q", n)
	}
	if got := open(t, path, renamed).State().Len(); got != 3 {
		t.Errorf("%d entries on disk, want 3", got)
	}
	if o := again.State().Orphans(tl); len(o) != 0 {
		t.Errorf("orphans against the old timeline = %+v", o)
	}
}

// TestLabels lists the defaults first, then the notebook's own.
func TestLabels(t *testing.T) {
	nb := open(t, filepath.Join(t.TempDir(), "nb.toml"), nil)
	nb.Mark("a", "zeta")
	nb.Mark("b", "alpha")
	nb.Mark("b", "key")
	want := []string{"key", "check", "dubious", "alpha", "zeta"}
	if got := nb.State().Labels(); !slices.Equal(got, want) {
		t.Errorf("Labels = %v, want %v", got, want)
	}
	s := nb.State()
	if !s.HasLabel("b", "alpha") || !s.HasLabel("b", "") || s.HasLabel("a", "key") || s.HasLabel("c", "") {
		t.Errorf("HasLabel is wrong")
	}
	if s.MarkCount() != 2 || s.NoteCount() != 0 || s.Len() != 2 {
		t.Errorf("counts: %d marks, %d notes, %d entries", s.MarkCount(), s.NoteCount(), s.Len())
	}
}

// TestStateIsASnapshot: a State taken before a change does not see it.
func TestStateIsASnapshot(t *testing.T) {
	nb := open(t, filepath.Join(t.TempDir(), "nb.toml"), nil)
	nb.Mark("a", "key")
	before := nb.State()
	nb.Mark("a", "check")
	nb.EditNote("a", "", "x")
	if e, _ := before.Entry("a"); !slices.Equal(e.Labels, []string{"key"}) || e.Note != "" {
		t.Errorf("an old State changed: %+v", e)
	}
	e, _ := nb.State().Entry("a")
	e.Labels[0] = "changed"
	if nb.State().HasLabel("a", "changed") {
		t.Error("an Entry shares its labels with the State")
	}
}

// TestLockBusy: a change waits for the lock, then fails naming who holds it, saving
// nothing.
func TestLockBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.toml")
	release, err := acquire(path, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	nb, _ := Open(path, Options{LockWait: 100 * time.Millisecond})
	_, err = nb.Mark("a", "")
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), "pid ") {
		t.Fatalf("Mark while locked = %v; want ErrBusy naming the holder", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("written while another held the lock")
	}
	release()
	if _, err := os.Stat(lockPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file stays after release")
	}
	if _, err := nb.Mark("a", ""); err != nil {
		t.Fatalf("Mark after release: %v", err)
	}
	if _, err := os.Stat(lockPath(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file stays after a write")
	}
}

// TestMakeDir: the default folder is made on the first write, private to the user.
func TestMakeDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "tlx", "notebooks")
	path := filepath.Join(dir, "x.toml")
	nb, err := Open(path, Options{MakeDir: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("Open made the folder")
	}
	if _, err := nb.Mark("a", ""); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("folder: %v %v, want mode 0700", st.Mode(), err)
	}
	// Without MakeDir, a missing folder is an error that says so.
	other, _ := Open(filepath.Join(t.TempDir(), "missing", "x.toml"), Options{})
	if _, err := other.Mark("a", ""); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("Mark into a missing folder = %v", err)
	}
}
