package ui

import (
	"reflect"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// Probes read the explorer's state for the tests, so that the tests say what a user sees
// and does, not how the model keeps it.

func shownFilter(m *Model) timeline.Filter { return m.session.Filter() }

func focusOf(m *Model) string { return m.focus.String() }

// focusedPrompt returns the prompt being typed in, or nil.
func focusedPrompt(m *Model) *promptPane {
	switch m.focus {
	case focusSearch:
		return &m.search
	case focusDates:
		return &m.dates
	case focusExportName:
		return &m.export.prompt
	}
	return nil
}

func promptValue(m *Model) string {
	if p := focusedPrompt(m); p != nil {
		return p.Value()
	}
	return ""
}

// setPrompt replaces the value of the prompt being typed in, as a paste would.
func setPrompt(m *Model, v string) {
	p := focusedPrompt(m)
	p.input.SetValue(v)
	p.selected = false
}

func statusOf(m *Model) string { return m.status }

// shownEvent is the event the detail pane shows.
func shownEvent(m *Model) *timeline.Event { return m.shown() }

func listed(m *Model) []*timeline.Event { return m.session.Events() }

func pickerQuery(m *Model) string { return m.picker.Query() }

func sleepBriefly() { time.Sleep(10 * time.Millisecond) }

// subCmds returns the commands of a batch or a sequence, and whether msg is one: the
// program runs them, so a test must too. tea keeps its sequence's type to itself; it is
// a []tea.Cmd all the same.
func subCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	cmds := make([]tea.Cmd, v.Len())
	for i := range cmds {
		cmds[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return cmds, true
}

// run runs cmd as the program would and hands m the messages it gives, except those that
// end or suspend the program; batches and sequences run in turn.
func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if cmds, ok := subCmds(msg); ok {
		for _, c := range cmds {
			run(m, c)
		}
		return
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg, tea.SuspendMsg:
	default:
		_, next := m.Update(msg)
		run(m, next)
	}
}

// do presses keys and runs the commands they give.
func do(m *Model, names ...string) {
	for _, k := range names {
		_, cmd := m.Update(press(k))
		run(m, cmd)
	}
}

// pickerNames lists the names the picker offers, in order.
func pickerNames(m *Model) []string {
	var names []string
	for _, i := range m.picker.shown {
		names = append(names, m.picker.items[i].name)
	}
	return names
}

// overlayText is the whole text of the help or the about view, not only what is on screen.
func overlayText(m *Model) string {
	p := &m.help
	if m.focus == focusAbout {
		p = &m.about
	}
	return ansi.Strip(strings.Join(p.lines, "\n"))
}

// detailLines is the whole text of the detail pane, laid out.
func detailLines(m *Model) []string {
	m.detail.layout()
	return m.detail.lines
}
