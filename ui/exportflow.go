package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline/export"
)

// exportStage is where an export stands.
type exportStage int

const (
	exportIdle   exportStage = iota // no export, or one writing in the background
	exportNaming                    // the file name is being typed
	exportAsking                    // the file exists: overwrite it?
)

// exportFlow is the export from the explorer: the file name, the question when the file
// exists, and the write in the background. Its prompt is its own, so no key typed
// elsewhere reaches it; after "n" to the question the prompt is back with the name
// selected, ready to be replaced.
type exportFlow struct {
	styles *Styles
	keys   *keyMap
	prompt promptPane
	stage  exportStage
	job    exportJob
	path   string     // the absolute path asked about or being written
	run    *exportRun // the write in progress; nil when none
	width  int
	rows   int // lines it may take
}

var _ component = (*exportFlow)(nil)

func newExportFlow(s *Styles, k *keyMap) exportFlow {
	return exportFlow{styles: s, keys: k, prompt: newPrompt(s, k, "export to", "write", "cancel")}
}

// Open starts an export of job, the prompt showing a name made from its filter.
func (x *exportFlow) Open(job exportJob) {
	x.job, x.stage = job, exportNaming
	x.prompt.Open("export "+plural(len(job.events), "event")+" to", exportName(job.filter))
}

// Stage returns where the export stands.
func (x *exportFlow) Stage() exportStage { return x.stage }

// Writing reports whether an export is being written.
func (x *exportFlow) Writing() bool { return x.run != nil }

// Path returns the file being written, or last asked about.
func (x *exportFlow) Path() string { return x.path }

// Cancel stops the export being written, for cause: its temporary file is removed and
// the file it was to replace is left as it was. The end of the write still comes as an
// exportedMsg.
func (x *exportFlow) Cancel(cause error) {
	if x.run != nil {
		x.run.cancel(cause)
	}
}

// Finish waits up to d for the export being written to end, and returns how it ended;
// ok is false when it had not ended, or there was none.
func (x *exportFlow) Finish(d time.Duration) (msg exportedMsg, ok bool) {
	if x.run == nil || !x.run.finished(d) {
		return exportedMsg{}, false
	}
	msg = x.run.msg
	x.run = nil
	return msg, true
}

// SetSize sets the width of the prompt line.
func (x *exportFlow) SetSize(w, h int) {
	x.width, x.rows = max(w, 0), max(h, 1)
	x.prompt.SetSize(w, h)
}

// Rows is how many lines the flow needs to be read in full (see promptPane.Rows).
func (x *exportFlow) Rows() int {
	if x.stage == exportAsking {
		lines, _ := wrap(x.question(), x.width, 0, 3)
		return max(len(lines), 1)
	}
	return x.prompt.Rows()
}

// question asks whether to overwrite the file that exists.
func (x *exportFlow) question() string {
	return clean(x.path) + " exists. Overwrite it? " + x.keys.Yes.Help().Key + "/" + x.keys.No.Help().Key
}

// SetStyles hands the flow new styles.
func (x *exportFlow) SetStyles(s *Styles) { x.styles = s; x.prompt.SetStyles(s) }

// Focus gives the flow the keyboard.
func (x *exportFlow) Focus() tea.Cmd {
	if x.stage == exportNaming {
		return x.prompt.Focus()
	}
	return nil
}

// Blur takes it away.
func (x *exportFlow) Blur() { x.prompt.Blur() }

// Update answers the keys of the prompt and the question, and the end of a write.
func (x *exportFlow) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case exportedMsg:
		return x.exported(msg)
	case tea.KeyPressMsg:
		switch x.stage {
		case exportNaming:
			return x.nameKey(msg)
		case exportAsking:
			return x.askKey(msg)
		}
		return nil
	}
	if x.stage == exportNaming {
		return x.prompt.Update(msg)
	}
	return nil
}

func (x *exportFlow) nameKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, x.keys.Apply):
		path, err := resolvePath(x.prompt.Value())
		if err == nil {
			_, _, err = export.ForPath(path) // a typo'd ending (.jsn) is refused, not Markdown
		}
		if err != nil {
			x.prompt.SetError(err.Error())
			return nil
		}
		exists, err := exportTarget(path)
		if err != nil {
			x.prompt.SetError(err.Error())
			return nil
		}
		x.path = path
		x.prompt.Blur()
		if exists {
			x.stage = exportAsking
			return nil
		}
		return x.write(false)
	case key.Matches(k, x.keys.Cancel):
		x.stage = exportIdle
		return statusCmd(false, "Export cancelled")
	}
	cmd := x.prompt.Update(k)
	x.prompt.SetError("")
	return cmd
}

func (x *exportFlow) askKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, x.keys.Yes):
		return x.write(true)
	case key.Matches(k, x.keys.No):
		x.stage = exportNaming
		x.prompt.Open("", x.prompt.Value())
		x.prompt.SetError("kept the existing file; type another name")
		return nil
	}
	return statusCmd(true, "%s exists: %s overwrites it, %s keeps it", x.path, x.keys.Yes.Help().Key, x.keys.No.Help().Key)
}

// write starts writing the export to x.path in the background.
func (x *exportFlow) write(overwrite bool) tea.Cmd {
	x.stage = exportIdle
	if x.run != nil {
		return statusCmd(true, "An export is being written already: wait for it to end")
	}
	x.run = startExport(x.job, x.path, overwrite)
	// In turn: batched, a quick export's "Exported" could come before "Exporting…",
	// which then stayed on screen.
	return tea.Sequence(
		statusCmd(false, "Exporting %s to %s…", plural(len(x.job.events), "event"), x.path),
		x.run.wait,
	)
}

// exported reports the end of a write.
func (x *exportFlow) exported(msg exportedMsg) tea.Cmd {
	x.run = nil
	switch {
	case msg.exists:
		x.path, x.stage = msg.path, exportAsking
		return nil
	case msg.cancelled:
		return statusCmd(false, "%s", exportOutcome(msg))
	case msg.err != nil:
		return statusCmd(true, "Export failed: %v", msg.err)
	}
	return statusCmd(false, "%s", exportOutcome(msg))
}

// exportOutcome says in a sentence how an export ended.
func exportOutcome(msg exportedMsg) string {
	switch {
	case msg.cancelled:
		return fmt.Sprintf("Export to %s cancelled (%v): the temporary file was removed and %s was left as it was", msg.path, msg.err, msg.path)
	case msg.exists:
		return fmt.Sprintf("Export to %s not written: the file appeared meanwhile and was left as it was", msg.path)
	case msg.err != nil:
		return fmt.Sprintf("Export failed: %v", msg.err)
	}
	as := ""
	if msg.asMarkdown {
		as = " as Markdown"
	}
	if msg.kept > 0 { // a timeline file: the reader's notes must not become its text
		as += fmt.Sprintf("; your marks and notes on %d stay in the notebook (tlx notes --json)", msg.kept)
	}
	return fmt.Sprintf("Exported %s to %s%s", plural(msg.n, "event"), msg.path, as)
}

// View draws the prompt or the question, on the lines it has.
func (x *exportFlow) View() string {
	if x.stage == exportAsking {
		lines, more := wrap(x.question(), x.width, 0, x.rows)
		if more && len(lines) > 0 {
			lines[len(lines)-1] = truncate(lines[len(lines)-1]+" …", x.width, "…")
		}
		for i, l := range lines {
			lines[i] = x.styles.Prompt.Error.Render(l)
		}
		return strings.Join(lines, "\n")
	}
	return x.prompt.View()
}

// ShortHelp returns the keys of the prompt or the question.
func (x *exportFlow) ShortHelp() []key.Binding {
	if x.stage == exportAsking {
		return []key.Binding{x.keys.Yes, x.keys.No}
	}
	return x.prompt.ShortHelp()
}

// FullHelp returns the same, in one column.
func (x *exportFlow) FullHelp() [][]key.Binding { return [][]key.Binding{x.ShortHelp()} }
