package ui

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// errNoOpener says that nothing on this system opens a web link.
var errNoOpener = errors.New("no opener")

// openedMsg reports that a program was started on a source's URL, or why it was not.
type openedMsg struct {
	source    int    // the source's number, from 1
	publisher string // the source's publisher, sanitised
	program   string // the program that opens it
	err       error
}

// openers lists the commands that may open u, best first: each of $BROWSER's, separated
// by colons, with %s standing for the URL or the URL added at the end, as xdg-utils reads
// it; then the platform's own opener.
func openers(u string) [][]string {
	var out [][]string
	for _, c := range strings.Split(os.Getenv("BROWSER"), string(os.PathListSeparator)) {
		argv := strings.Fields(c)
		if len(argv) == 0 {
			continue
		}
		if slices.ContainsFunc(argv, func(a string) bool { return strings.Contains(a, "%s") }) {
			for i, a := range argv {
				argv[i] = strings.ReplaceAll(a, "%s", u)
			}
		} else {
			argv = append(argv, u)
		}
		out = append(out, argv)
	}
	switch runtime.GOOS {
	case "darwin":
		out = append(out, []string{"open", u})
	case "windows":
		out = append(out, []string{"rundll32", "url.dll,FileProtocolHandler", u})
	default:
		out = append(out, []string{"xdg-open", u}, []string{"wslview", u})
	}
	return out
}

// terminalBrowsers run in the terminal: the explorer gives it to them until they quit.
var terminalBrowsers = []string{"w3m", "lynx", "links", "elinks", "browsh", "carbonyl"}

// openCmd opens source n of an event at u, a target sourceLink gave, with the first opener
// found.
// The URL is passed as an argument, never through a shell; a program that fails at once
// is reported, one that runs is left running.
func openCmd(n int, publisher, u string) tea.Cmd {
	msg := openedMsg{source: n, publisher: publisher}
	for _, argv := range openers(u) {
		path, err := exec.LookPath(argv[0])
		if err != nil {
			continue
		}
		msg.program = filepath.Base(argv[0])
		cmd := exec.Command(path, argv[1:]...)
		if slices.Contains(terminalBrowsers, msg.program) {
			return runInTerminal(cmd, func(err error) tea.Msg { msg.err = err; return msg })
		}
		return func() tea.Msg {
			if err := cmd.Start(); err != nil {
				msg.err = err
				return msg
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				msg.err = err
			case <-time.After(2 * time.Second):
				// Still running: a browser window, most likely. Its fate is not ours.
			}
			return msg
		}
	}
	return func() tea.Msg { msg.err = errNoOpener; return msg }
}

// openedStatus says what became of an openCmd.
func openedStatus(msg openedMsg, copyKey string) tea.Cmd {
	which := "source " + strconv.Itoa(msg.source)
	if msg.publisher != "" {
		which += " (" + msg.publisher + ")"
	}
	switch {
	case errors.Is(msg.err, errNoOpener):
		return statusCmd(true, "Nothing here opens web links: set BROWSER to a browser to open %s", which)
	case msg.err != nil:
		// The program's own words (an exit status) do not say what to do.
		return statusCmd(true, "%s could not open %s (%v): set BROWSER to a browser you have, or %s copies the event with its links",
			msg.program, which, msg.err, copyKey)
	}
	return statusCmd(false, "Opened %s with %s", which, msg.program)
}

// copiedMsg reports how an event was copied: through the terminal, and through a
// clipboard program when there is one.
type copiedMsg struct {
	title   string
	program string // the clipboard program used; "" when none was found
	err     error  // why the program failed
	tooLong bool   // the text was too long to send through the terminal
}

// maxTerminalCopy bounds the text sent to the terminal's clipboard (OSC 52): terminals
// drop or choke on larger payloads, and tmux holds the whole sequence while it reads it.
const maxTerminalCopy = 64 << 10

// clipboardPrograms lists the programs that put text on the system clipboard here,
// best first.
func clipboardPrograms() [][]string {
	switch runtime.GOOS {
	case "darwin":
		return [][]string{{"pbcopy"}}
	case "windows":
		return [][]string{{"clip.exe"}}
	}
	var out [][]string
	if os.Getenv("WAYLAND_DISPLAY") != "" {
		out = append(out, []string{"wl-copy"})
	}
	if os.Getenv("DISPLAY") != "" {
		out = append(out, []string{"xclip", "-selection", "clipboard"}, []string{"xsel", "--clipboard", "--input"})
	}
	return append(out, []string{"clip.exe"}) // Windows' own, from inside WSL
}

// copyCmd copies text through the terminal's clipboard (OSC 52) when it is short enough,
// and with the first clipboard program found. Whether the terminal took the text no
// program can tell.
func copyCmd(title, text string) tea.Cmd {
	tooLong := len(text) > maxTerminalCopy
	program := func() tea.Msg {
		for _, argv := range clipboardPrograms() {
			path, err := exec.LookPath(argv[0])
			if err != nil {
				continue
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, path, argv[1:]...)
			cmd.Stdin = strings.NewReader(text)
			return copiedMsg{title: title, program: argv[0], err: cmd.Run(), tooLong: tooLong}
		}
		return copiedMsg{title: title, tooLong: tooLong}
	}
	if tooLong {
		return program
	}
	return tea.Batch(tea.SetClipboard(text), program)
}

// copiedStatus says truthfully how an event was copied.
func copiedStatus(msg copiedMsg) tea.Cmd {
	osc := "sent to the terminal's clipboard (OSC 52), which the terminal may refuse"
	if msg.tooLong {
		osc = "too long for the terminal's clipboard (OSC 52), so not sent to it"
	}
	switch {
	case msg.program == "" && msg.tooLong:
		return statusCmd(true, "“%s” not copied: %s, and no clipboard program is installed", msg.title, osc)
	case msg.program == "":
		return statusCmd(false, "“%s” as Markdown: %s; no clipboard program is installed", msg.title, osc)
	case msg.err != nil:
		return statusCmd(true, "“%s” as Markdown: %s; %s failed: %v", msg.title, osc, msg.program, msg.err)
	}
	return statusCmd(false, "Copied “%s” as Markdown with %s; %s", msg.title, msg.program, osc)
}
