package ui

import (
	"context"
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/tlx-dev/tlx/internal/notebook"
)

// Quitting never leaves work half done. q waits for an export being written to finish;
// ctrl+c and the signals the command passes on (its context cancelled: SIGTERM, SIGHUP
// when the terminal closes) cancel it, which removes its temporary file. The reader's
// notebook writes are always waited for: they are what the reader asked for. Once the
// screen is gone, Run says on the standard error how the export ended.

// stopMsg asks the explorer to stop because the command's context was cancelled.
type stopMsg struct{ cause error }

// errInterrupted is why ctrl+c cancels an export.
var errInterrupted = errors.New("ctrl+c")

// stopGrace bounds how long the explorer waits, once asked to stop, for the work it
// cancels or finishes; past it Bubble Tea is stopped and the terminal restored anyway.
const stopGrace = 3 * time.Second

// quitState is what a quit waits for and what it leaves to say.
type quitState struct {
	quitting bool     // a quit waits for work to end
	cause    error    // why work is cancelled: errInterrupted, or the context's cause
	notes    []string // said on the standard error once the screen is gone
	err      error    // returned by Run
}

// busy reports whether work is under way that a quit must finish or cancel.
func (m *Model) busy() bool {
	return m.export.Writing() || m.book.run != nil || len(m.book.queue) > 0
}

// busyWords says what a quit waits for.
func (m *Model) busyWords() string {
	if m.export.Writing() {
		return "the export to " + m.export.Path() + " is written"
	}
	return "your notebook is saved"
}

// quit ends the program, once the work under way is done. With cancel the work is
// cancelled for cause instead of finished.
func (m *Model) quit(cancel bool, cause error) tea.Cmd {
	if cancel && m.export.Writing() {
		m.quitter.cause = cause
		m.export.Cancel(cause)
	}
	if !m.busy() {
		return tea.Quit
	}
	m.quitter.quitting = true
	if cancel && m.export.Writing() {
		m.setStatus(false, "Quitting: cancelling the export to %s…", m.export.Path())
	} else {
		m.setStatus(false, "%s", m.quittingWords())
	}
	return nil
}

// quittingWords says what a quit waits for, and how to stop waiting.
func (m *Model) quittingWords() string {
	if m.export.Writing() {
		return "Quitting once " + m.busyWords() + "… " + m.keys.Interrupt.Help().Key + " cancels it"
	}
	return "Quitting once " + m.busyWords() + "…"
}

// stop answers a stopMsg: the work under way is cancelled and the program ends; a note
// being written is saved first.
func (m *Model) stop(cause error) tea.Cmd {
	if m.load.loading || m.t == nil {
		return tea.Quit
	}
	save := m.keepDraft(cause)
	return tea.Batch(save, m.quit(true, cause))
}

// keepDraft saves the words of the note editor that the reader has not saved when the
// explorer is stopped (the terminal closed, a signal): the reader cannot be asked, and
// they would be lost. Run then says so once the screen is gone.
func (m *Model) keepDraft(cause error) tea.Cmd {
	if m.focus != focusNote || !m.note.changed() {
		return nil
	}
	e, base, text := m.note.Result()
	id, title, path := e.ID, shortTitle(e), m.book.nb.Path()
	return m.write(func(nb *notebook.Notebook) (string, error) {
		if _, _, err := nb.EditNote(id, base, text); err != nil {
			return "", fmt.Errorf("your note on “%s” was being written (%v): %w", title, cause, err)
		}
		return fmt.Sprintf("Your note on “%s” was being written (%v): it was saved to %s", title, cause, path), nil
	})
}

// quittingKey answers a key while a quit waits: ctrl+c cancels what it waits for.
func (m *Model) quittingKey(k tea.KeyPressMsg) tea.Cmd {
	if key.Matches(k, m.keys.Interrupt) {
		return m.quit(true, errInterrupted)
	}
	return statusCmd(false, "%s", m.quittingWords())
}

// exportEnded records how an export ended while a quit waited for it, and ends the
// program when nothing else is under way.
func (m *Model) exportEnded(msg exportedMsg) tea.Cmd {
	m.export.Update(msg)
	m.noteExport(msg)
	if m.busy() {
		return nil
	}
	return tea.Quit
}

// noteExport keeps what a quit says of an export, and the status Run returns for it.
func (m *Model) noteExport(msg exportedMsg) {
	q := &m.quitter
	switch {
	case msg.cancelled:
		q.notes = append(q.notes, exportOutcome(msg))
		if errors.Is(msg.err, errInterrupted) {
			q.err = context.Canceled // as a shell reports ctrl+c: status 130
		}
	case msg.err != nil || msg.exists:
		q.err = errors.New(exportOutcome(msg))
	default:
		q.notes = append(q.notes, exportOutcome(msg)+" before quitting")
	}
}

// afterRun finishes what the program left under way when it ended without waiting (it
// was stopped past stopGrace, or its terminal went away): an export is cancelled and
// waited for, so that its temporary file is removed. It returns what to say and the
// error Run returns.
func (m *Model) afterRun(cause error) ([]string, error) {
	q := &m.quitter
	if m.export.Writing() {
		if cause == nil {
			cause = q.cause
		}
		if cause == nil {
			cause = errInterrupted
		}
		m.export.Cancel(cause)
		if msg, ok := m.export.Finish(stopGrace); ok {
			m.noteExport(msg)
		} else {
			q.notes = append(q.notes, fmt.Sprintf("The export to %s was still being written when tlx stopped: a temporary file may be left beside it", m.export.Path()))
		}
	}
	return q.notes, q.err
}
