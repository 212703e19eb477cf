package ui

import (
	"os/exec"
	"path/filepath"
	"strconv"

	tea "charm.land/bubbletea/v2"
)

// fileEditedMsg says the editor E started on the file has exited.
type fileEditedMsg struct {
	editor string
	err    error
}

// editEvent opens the timeline file in the reader's editor at the selected event's line,
// or while the last save does not load, at its first problem's; the explorer reloads the
// file when the editor exits.
func (m *Model) editEvent() tea.Cmd {
	switch {
	case m.live.file == nil && m.opts.FromStdin:
		return statusCmd(false, "Read from standard input: no file to edit; tlx -f FILE opens a file you can edit")
	case m.live.file == nil:
		return statusCmd(false, "The built-in timeline is read-only: tlx -f FILE opens a file you can edit")
	}
	line := 0
	if ps := m.live.problems; len(ps) > 0 {
		line = ps[0].Line
	} else if e := m.shown(); e != nil {
		line = e.Line
	} else {
		return statusCmd(false, "No event selected")
	}
	argv, err := editorArgv()
	if err != nil {
		return statusCmd(true, "%v", err)
	}
	argv = editorAt(argv, m.live.file.Path(), max(line, 1))
	name := filepath.Base(argv[0])
	cmd := exec.Command(argv[0], argv[1:]...)
	return runInTerminal(cmd, func(err error) tea.Msg { return fileEditedMsg{editor: name, err: err} })
}

// fileEdited reloads the file once the editor has exited.
func (m *Model) fileEdited(msg fileEditedMsg) tea.Cmd {
	if msg.err != nil {
		return statusCmd(true, "%s: %v", msg.editor, msg.err)
	}
	return m.reloadFile()
}

// lineFirstEditors take the file as FILE:LINE rather than +LINE FILE; code takes --goto.
var lineFirstEditors = map[string]bool{"code": true, "codium": true, "subl": true, "hx": true, "helix": true, "zed": true}

// editorAt returns the editor's command line argv with the arguments that open path at
// line: +LINE PATH, which vi, vim, neovim, emacs, nano, micro and kakoune take, or
// PATH:LINE for the editors that take that instead.
func editorAt(argv []string, path string, line int) []string {
	name := filepath.Base(argv[0])
	out := append([]string(nil), argv...)
	switch {
	case name == "code" || name == "codium":
		return append(out, "--goto", path+":"+strconv.Itoa(line))
	case lineFirstEditors[name]:
		return append(out, path+":"+strconv.Itoa(line))
	}
	return append(out, "+"+strconv.Itoa(line), path)
}

// runInTerminal hands the terminal to cmd (an editor, a terminal browser) until it exits,
// then has the whole screen drawn again. Bubble Tea releases the terminal without
// forgetting the last frame, and the terminal may come back blank: drawing only what
// changed since would leave it so (a tmux test saw a blank screen after $EDITOR under load).
func runInTerminal(cmd *exec.Cmd, done tea.ExecCallback) tea.Cmd {
	return tea.Sequence(tea.ExecProcess(cmd, done), tea.ClearScreen)
}
