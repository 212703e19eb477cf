package notebook

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Earlier is another notebook in the folder of a timeline's default notebook that seems
// to be the same timeline's from before its file moved or its title changed: its
// [timeline] table names the same file name or the same title, and it holds marks,
// notes or views that the timeline's notebook lacks.
type Earlier struct {
	Path      string
	About     About // what it says of its timeline
	SameFile  bool  // it names the timeline's file name
	SameTitle bool  // it names the timeline's title
	Entries   int   // its marked or noted events the timeline's notebook lacks
	Views     int   // its views the timeline's notebook lacks
}

// Limits of the search for earlier notebooks: it runs when a command or the explorer
// opens a notebook, so a folder of many or large notebooks must not slow that.
const (
	earlierFiles = 64      // the newest notebooks looked at
	earlierHead  = 8 << 10 // bytes read of each to find its [timeline] table
	earlierMost  = 3       // notebooks returned
)

// Earlier looks for earlier notebooks of the timeline (see the type), newest first, at
// most three. Only a default notebook (OpenFor without a path) of a timeline file looks:
// one named with --notebook was chosen, and the built-in timeline's notebook keeps its
// name. A notebook that does not read is passed over.
func (nb *Notebook) Earlier() []Earlier {
	src := nb.opts.Source
	if !nb.byDefault || src.Path == "" {
		return nil
	}
	cur := nb.State()
	about := src.about()
	dir := filepath.Dir(nb.path)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	type file struct {
		path string
		mod  int64
	}
	var files []file
	for _, e := range ents {
		path := filepath.Join(dir, e.Name())
		if !e.Type().IsRegular() || filepath.Ext(e.Name()) != ".toml" || path == nb.path || e.Name() == "built-in.toml" {
			continue
		}
		if info, err := e.Info(); err == nil {
			files = append(files, file{path, info.ModTime().UnixNano()})
		}
	}
	slices.SortFunc(files, func(a, b file) int { return cmp.Compare(b.mod, a.mod) })
	var found []Earlier
	for _, f := range files[:min(len(files), earlierFiles)] {
		if !namesTimeline(f.path, about) {
			continue
		}
		data, _, err := readFile(f.path)
		if err != nil {
			continue
		}
		st, err := Parse(f.path, data)
		if err != nil {
			continue
		}
		e := Earlier{Path: f.path, About: st.about,
			SameFile: st.about.File == about.File, SameTitle: about.Title != "" && st.about.Title == about.Title}
		if !e.SameFile && !e.SameTitle {
			continue
		}
		e.Entries, e.Views = missing(st, cur)
		if e.Entries+e.Views == 0 {
			continue
		}
		if found = append(found, e); len(found) == earlierMost {
			break
		}
	}
	return found
}

// Retitled returns where the timeline's default notebook is once its title is title,
// when that is another file than this notebook: a default notebook is keyed by the
// file's path and the title (see DefaultPath), so a title changed while the timeline is
// open gives it a new notebook on its next open, and this one becomes an earlier one.
// "" when this notebook stays the timeline's: it was named with --notebook, it is the
// built-in timeline's, or the key does not change.
func (nb *Notebook) Retitled(title string) string {
	src := nb.opts.Source
	if !nb.byDefault || src.Path == "" || title == src.Title {
		return ""
	}
	next, err := fileName(Source{Path: src.Path, Title: title})
	if err != nil {
		return ""
	}
	if next = filepath.Join(filepath.Dir(nb.path), next); next == nb.path {
		return ""
	}
	return next
}

// namesTimeline reports whether the head of the notebook at path, as tlx writes it,
// names about's file or title in its [timeline] table: a cheap look before a parse.
func namesTimeline(path string, about About) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head, _ := io.ReadAll(io.LimitReader(f, earlierHead))
	_, tl, ok := bytes.Cut(head, []byte("\n[timeline]\n"))
	if !ok {
		return false
	}
	return bytes.Contains(tl, []byte("\nfile = "+tomlString(about.File)+"\n")) || bytes.HasPrefix(tl, []byte("file = "+tomlString(about.File)+"\n")) ||
		about.Title != "" && bytes.HasPrefix(tl, []byte("title = "+tomlString(about.Title)+"\n"))
}

// missing counts the entries and views of from that into lacks: events it has nothing
// on, view names it does not have.
func missing(from, into *State) (entries, views int) {
	for _, id := range from.ids {
		if _, ok := into.entries[id]; !ok {
			entries++
		}
	}
	for _, v := range from.views {
		if _, ok := into.View(v.Name); !ok {
			views++
		}
	}
	return entries, views
}

// Adopted says what Adopt took.
type Adopted struct {
	Entries int // marked or noted events taken
	Views   int // views taken
	Kept    int // events and views both had, whose entry in this notebook was kept
}

// Adopt takes into the notebook the marks, notes and views of the notebook at from (an
// earlier notebook of the same timeline: see Earlier): those of events and views the
// notebook has nothing on. Where both have something, this notebook's is kept and
// counted. It is one change, written under the lock like any other; from is only read,
// and left as it was.
func (nb *Notebook) Adopt(from string) (*State, Adopted, error) {
	var got Adopted
	if abs, err := filepath.Abs(from); err == nil {
		if cur, err := filepath.Abs(nb.path); err == nil && abs == cur {
			return nil, got, inputError("%s is this timeline's notebook already", quoteLine(from))
		}
	}
	data, _, err := readFile(from)
	if errors.Is(err, os.ErrNotExist) {
		return nil, got, fmt.Errorf("no notebook %s: %w", quoteLine(from), err)
	}
	if err != nil {
		return nil, got, err
	}
	old, err := Parse(from, data)
	if err != nil {
		return nil, got, err
	}
	st, err := nb.change(func(disk *State) (*State, error) {
		got = Adopted{}
		next := disk.clone()
		for _, id := range old.ids {
			if _, ok := next.entries[id]; ok {
				got.Kept++
				continue
			}
			next.entries[id] = old.entries[id]
			got.Entries++
		}
		for _, v := range old.views {
			if _, ok := disk.View(v.Name); ok {
				got.Kept++
				continue
			}
			next.views = append(next.views, v)
			got.Views++
		}
		if got.Entries+got.Views == 0 {
			return disk, nil
		}
		return next, nil
	})
	return st, got, err
}

// String says what was adopted: "3 marked or noted events and 1 view".
func (a Adopted) String() string {
	var parts []string
	if a.Entries > 0 || a.Views == 0 {
		parts = append(parts, plural(a.Entries, "marked or noted event", "marked or noted events"))
	}
	if a.Views > 0 {
		parts = append(parts, plural(a.Views, "view", "views"))
	}
	s := strings.Join(parts, " and ")
	if a.Kept > 0 {
		s += fmt.Sprintf(" (%s both notebooks had: this one's kept)", plural(a.Kept, "entry", "entries"))
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Why says why the notebook seems the timeline's: "names this timeline's file
// (t1.toml)", "names this timeline's title".
func (e Earlier) Why() string {
	switch {
	case e.SameFile && e.SameTitle:
		return fmt.Sprintf("names this timeline's file (%s) and title", e.About.File)
	case e.SameFile:
		return fmt.Sprintf("names this timeline's file (%s)", e.About.File)
	}
	return "names this timeline's title"
}

// Holds says what the notebook holds that the timeline's lacks, and the title it was made
// for when that differs: "2 marked or noted events and 1 view that this notebook lacks;
// it was made for “Old title”".
func (e Earlier) Holds() string {
	s := Adopted{Entries: e.Entries, Views: e.Views}.String() + " that this notebook lacks"
	if !e.SameTitle && e.About.Title != "" {
		s += fmt.Sprintf("; it was made for “%s”", e.About.Title)
	}
	return s
}
