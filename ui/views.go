package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
)

// Saved views: v lists the notebook's views under the filter in force, written as the
// query text a person could type (actor:routh from:2024-06 "golf course"), which ctrl+y
// copies for a script. Typing narrows the views; enter applies the one highlighted, or
// saves the filter under the name typed when no view has it; ctrl+s saves under the name
// typed or highlighted, asking before it replaces a view; ctrl+x deletes one, asking
// first. tlx --view NAME, tlx list --view NAME and tlx export --view NAME use them.

// viewQuestion is what the views pane asks before it changes a view.
type viewQuestion int

const (
	viewNoQuestion viewQuestion = iota
	viewReplace                 // replace the view's query with the filter's?
	viewDelete                  // delete the view?
)

// viewsPane is the picker of the saved views, with the filter in force as query text on
// the line under its input, and the question it asks before replacing or deleting.
type viewsPane struct {
	pickerPane
	views    []notebook.View
	query    string // the filter in force, as query text
	asking   viewQuestion
	name     string // the view asked about
	old      string // its query, as the notebook has it
	yes, no  key.Binding
	question string
}

var _ component = (*viewsPane)(nil)

func newViewsPane(s *Styles, k *keyMap) viewsPane {
	yes, no := k.Yes, k.No
	yes.SetHelp(yes.Help().Key, "yes")
	no.SetHelp(no.Help().Key, "no")
	return viewsPane{pickerPane: newPicker(s, k), yes: yes, no: no}
}

// Open lists views, the filter in force being query.
func (v *viewsPane) Open(views []notebook.View, query string) {
	v.views, v.query, v.asking = views, query, viewNoQuestion
	items := make([]pickerItem, len(views))
	for i, vw := range views {
		items[i] = newPickerItem(vw.Name, vw.Name, "", vw.Query, nil, -1)
		items[i].order = i
	}
	v.OpenItems("Saved views", items, nil, true)
	v.plain = true
	v.SetEmpty("No view of that name: enter saves the filter under it")
	if len(views) == 0 {
		v.SetEmpty("No saved view yet: type a name, and enter saves the filter under it")
	}
	v.SetPlaceholder("type a name to find a view, or to save the filter under")
	now := "now: " + query
	if query == "" {
		now = "now: no filter"
	}
	v.SetSub(now)
}

// typedName is the name typed, trimmed.
func (v *viewsPane) typedName() string { return strings.TrimSpace(v.Query()) }

// exact returns the view called name, and whether there is one.
func (v *viewsPane) exact(name string) (notebook.View, bool) {
	for _, vw := range v.views {
		if vw.Name == name {
			return vw, true
		}
	}
	return notebook.View{}, false
}

// Ask puts a question about the view name, whose query is old; "" for none.
func (v *viewsPane) Ask(q viewQuestion, name, old string) {
	v.asking, v.name, v.old = q, name, old
	switch q {
	case viewReplace:
		v.question = "Replace view “" + name + "” (" + old + ") with the filter now?"
	case viewDelete:
		v.question = "Delete view “" + name + "” (" + old + ")?"
	}
}

// enterWords says what enter would do.
func (v *viewsPane) enterWords() string {
	name := v.typedName()
	if vw, ok := v.exact(name); ok {
		return "apply " + vw.Name
	}
	if it, ok := v.Highlighted(); ok && (v.Touched() || name == "") {
		return "apply " + it.name
	}
	if name != "" {
		return "save as " + name
	}
	return "close"
}

// View draws the picker, the question in place of its title while it asks.
func (v *viewsPane) View() string {
	out := v.pickerPane.View()
	if v.asking == viewNoQuestion || v.width <= 0 {
		return out
	}
	q := v.styles.StatusPaint.Error.Render(truncate(clean(v.question)+" "+v.keys.Yes.Help().Key+"/"+v.keys.No.Help().Key, v.width, "…"))
	if i := strings.IndexByte(out, '\n'); i >= 0 {
		return q + out[i:]
	}
	return q
}

// ShortHelp returns the keys of the views, or the answers to the question.
func (v *viewsPane) ShortHelp() []key.Binding {
	if v.asking != viewNoQuestion {
		return []key.Binding{v.yes, v.no}
	}
	k := v.keys
	apply := k.Apply
	apply.SetHelp(apply.Help().Key, v.enterWords())
	return []key.Binding{apply, k.ViewSave, k.ViewDelete, k.ViewCopy, k.Cancel}
}

// FullHelp returns the same, in one column.
func (v *viewsPane) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }

// openViews opens the saved views under the filter in force.
func (m *Model) openViews() tea.Cmd {
	if m.book.state == nil {
		return m.writable()
	}
	if len(m.book.state.Views()) == 0 {
		if cmd := m.writable(); cmd != nil {
			return cmd // nothing to apply, and nothing can be saved
		}
	}
	m.views.Open(m.book.state.Views(), m.session.Applied().String())
	return m.setFocus(focusViews)
}

// viewsKey answers the keys of the views and of their questions.
func (m *Model) viewsKey(k tea.KeyPressMsg) tea.Cmd {
	v := &m.views
	if v.asking != viewNoQuestion {
		q, name, old := v.asking, v.name, v.old
		switch {
		case key.Matches(k, m.keys.Yes):
			v.asking = viewNoQuestion
			cmd := m.setFocus(m.base)
			if q == viewDelete {
				return tea.Batch(cmd, m.deleteView(name, old))
			}
			return tea.Batch(cmd, m.saveView(name, old))
		case key.Matches(k, m.keys.No):
			v.asking = viewNoQuestion
			return nil
		}
		return statusCmd(false, "%s %s or %s", v.question, m.keys.Yes.Help().Key, m.keys.No.Help().Key)
	}
	switch {
	case key.Matches(k, m.keys.Cancel):
		return m.setFocus(m.base)
	case key.Matches(k, m.keys.ViewCopy):
		q := m.session.Applied().String()
		if q == "" {
			return statusCmd(false, "No filter to copy")
		}
		return copyCmd("the filter's query text "+q, q)
	case key.Matches(k, m.keys.ViewDelete):
		it, ok := v.Highlighted()
		if !ok {
			return statusCmd(false, "No view to delete: none matches what you typed")
		}
		vw, _ := v.exact(it.id)
		v.Ask(viewDelete, vw.Name, vw.Query)
		return nil
	case key.Matches(k, m.keys.ViewSave):
		name := v.typedName()
		if name == "" {
			it, ok := v.Highlighted()
			if !ok {
				return statusCmd(false, "Type a name for the view")
			}
			name = it.id
		}
		return m.askSave(name)
	case key.Matches(k, m.keys.Apply):
		name := v.typedName()
		if vw, ok := v.exact(name); ok {
			return tea.Batch(m.setFocus(m.base), m.applyView(vw))
		}
		if it, ok := v.Highlighted(); ok && (v.Touched() || name == "") {
			vw, _ := v.exact(it.id)
			return tea.Batch(m.setFocus(m.base), m.applyView(vw))
		}
		if name == "" {
			return m.setFocus(m.base)
		}
		return m.askSave(name)
	}
	return v.Update(k)
}

// askSave saves the filter as the view name, asking first when a view of that name
// holds another query.
func (m *Model) askSave(name string) tea.Cmd {
	q := m.session.Applied().String()
	if q == "" {
		return statusCmd(false, "No filter to save: filter the list first (%s lists the keys)", m.keys.Help.Help().Key)
	}
	if vw, ok := m.views.exact(name); ok {
		if vw.Query == q {
			return tea.Batch(m.setFocus(m.base), statusCmd(false, "View “%s” is this filter already", name))
		}
		m.views.Ask(viewReplace, name, vw.Query)
		return nil
	}
	return tea.Batch(m.setFocus(m.base), m.saveView(name, ""))
}

// saveView saves the filter in force as the view name, replacing base, its query as the
// reader saw it ("" for a new view).
func (m *Model) saveView(name, base string) tea.Cmd {
	if cmd := m.writable(); cmd != nil {
		return cmd
	}
	q := m.session.Applied().String()
	n := len(m.session.Events())
	return m.write(func(nb *notebook.Notebook) (string, error) {
		_, err := nb.SaveView(name, q, base)
		if errors.Is(err, notebook.ErrViewChanged) {
			return "", errors.New("view “" + name + "” was changed by another tlx meanwhile and was left as it is; open the views again to see it")
		}
		if err != nil {
			return "", err
		}
		return "Saved view “" + name + "”: " + q + " (" + plural(n, "event") + "); tlx list --view " + shellWord(name) + " lists them", nil
	})
}

// deleteView deletes the view name, whose query is base.
func (m *Model) deleteView(name, base string) tea.Cmd {
	if cmd := m.writable(); cmd != nil {
		return cmd
	}
	return m.write(func(nb *notebook.Notebook) (string, error) {
		_, err := nb.DeleteView(name, base)
		if errors.Is(err, notebook.ErrViewChanged) {
			return "", errors.New("view “" + name + "” was changed by another tlx meanwhile and was kept")
		}
		if err != nil {
			return "", err
		}
		return "Deleted view “" + name + "” (" + base + ")", nil
	})
}

// applyView makes the view's filter the one in force; undo brings back the one before.
func (m *Model) applyView(vw notebook.View) tea.Cmd {
	f, err := timeline.ParseQuery(vw.Query)
	if err == nil {
		err = f.Check()
	}
	if err == nil {
		_, err = m.session.Apply(f)
	}
	if err != nil {
		return statusCmd(true, "View “%s” (%s): %v", vw.Name, vw.Query, err)
	}
	m.showEvents()
	return statusCmd(false, "View “%s”: %s with %s; %s undoes", vw.Name, plural(len(m.session.Events()), "event"),
		vw.Query, m.keys.Undo.Help().Key)
}

// shellWord quotes s for a shell when it needs it.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
