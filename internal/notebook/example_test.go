package notebook_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tlx-dev/tlx/internal/notebook"
)

// The explorer's round trip: open the timeline's notebook, mark an event, write a note
// from the text the editor started with, save a view, and read it all back.
func Example() {
	dir, _ := os.MkdirTemp("", "notebook-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "iran.notes.toml") // tlx --notebook; OpenFor finds the default

	nb, err := notebook.Open(path, notebook.Options{Source: notebook.Source{Path: "iran.toml", Title: "Iran"}})
	if err != nil {
		fmt.Println("read-only:", nb.ReadOnly()) // the explorer carries on, showing why
		return
	}
	nb.Mark("routh-sentenced", "")    // m: a plain mark
	nb.Mark("routh-sentenced", "key") // a label
	base := nb.State().Note("routh-sentenced")
	st, both, err := nb.EditNote("routh-sentenced", base, "Life plus seven years.")
	fmt.Println("saved:", err == nil, "both kept:", both)
	if _, err := nb.SaveView("routh", "actor:routh from:2024-06", ""); err != nil {
		fmt.Println(err)
	}
	// Saving over a query the reader did not see is refused, not lost.
	_, err = nb.SaveView("routh", "actor:routh", "")
	fmt.Println("view changed:", errors.Is(err, notebook.ErrViewChanged))

	st = nb.State()
	e, _ := st.Entry("routh-sentenced")
	fmt.Println(e.ID, e.Marked, e.Labels, e.Note)
	fmt.Println(st.HasLabel("routh-sentenced", "key"), st.MarkCount(), st.NoteCount(), st.ViewNames())
	// Output:
	// saved: true both kept: false
	// view changed: true
	// routh-sentenced true [key] Life plus seven years.
	// true 1 1 [routh]
}

// A notebook that does not read is reported with its file and line, and opens read-only:
// every change is refused and the file is never written.
func ExampleOpen_invalid() {
	dir, _ := os.MkdirTemp("", "notebook-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "nb.toml")
	os.WriteFile(path, []byte("version = 1\n\n[events.a]\nmarked = yes\n"), 0o644)

	nb, err := notebook.Open(path, notebook.Options{})
	var pe *notebook.ParseError
	if errors.As(err, &pe) {
		fmt.Println("line", pe.Line, pe.Msg)
	}
	_, err = nb.Mark("a", "")
	fmt.Println(errors.Is(err, notebook.ErrReadOnly))
	// Output:
	// line 4 invalid TOML: expected value but found "yes" instead
	// true
}
