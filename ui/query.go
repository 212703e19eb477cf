package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

// The query prompt (:) holds the filter in force as the query text a person could type,
// the one grammar of the flags, the saved views and tlx view --query:
// actor:routh from:2024-06 marked:key "golf course". The reader edits or replaces it and
// enter applies it; what does not read is said as it is typed. It is also how a reader
// filters on a mark's labels (marked:key), which M, keeping all marks, does not.

// queryExample is the prompt's note: a query of most kinds.
const queryExample = `actor:routh theme:cyber from:2024-06 to:2024-09 marked:key "golf course"`

// openQuery opens the query prompt on the filter in force.
func (m *Model) openQuery() tea.Cmd {
	m.query.Open("", m.session.Applied().String())
	m.query.SetNote(queryExample)
	return m.setFocus(focusQuery)
}

// readQuery reads text as a filter, or says what is wrong with it.
func readQuery(text string) (timeline.Filter, error) {
	f, err := timeline.ParseQuery(text)
	if err == nil {
		err = f.Check()
	}
	return f, err
}

// queryKey answers the keys of the query prompt.
func (m *Model) queryKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Apply):
		f, err := readQuery(m.query.Value())
		if err == nil {
			_, err = m.session.Preview(f)
		}
		if err != nil {
			m.query.SetError(err.Error())
			return nil
		}
		m.query.Remember(f.String())
		return m.commit()
	case key.Matches(k, m.keys.Cancel):
		return m.setFocus(m.base)
	}
	cmd := m.query.Update(k)
	if _, err := readQuery(m.query.Value()); err != nil {
		m.query.SetError(err.Error())
	} else {
		m.query.SetError("")
	}
	return cmd
}
