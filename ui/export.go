package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/atomicfile"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// exportJob is what an export writes: the events of the view, the filter that chose
// them, and the reader's marks and notes on them.
type exportJob struct {
	t       *timeline.Timeline
	events  []*timeline.Event
	filter  timeline.Filter
	notes   timeline.Annotations // nil: those the filter carries, if any
	version string
}

// exportedMsg reports the end of an export: how many events went to which file, or why
// none did.
type exportedMsg struct {
	n    int
	path string
	err  error
	// asMarkdown is set when the name had no ending to choose a format: the message
	// says the file is Markdown.
	asMarkdown bool
	// kept counts the events whose marks and notes a timeline file (tlx JSON, TOML) left
	// in the notebook, for the message to say so.
	kept int
	// exists is set when the file appeared after the user was asked, and must be
	// confirmed again.
	exists bool
	// cancelled is set when the write was stopped (by quitting, or a signal) before it
	// finished: err is why, the temporary file is gone and path is as it was.
	cancelled bool
}

// exportRun is an export being written. It runs in a goroutine of its own rather than
// one Bubble Tea starts for a command, so that a quit can cancel it and wait for it to
// clean up whether or not the program still reads messages.
type exportRun struct {
	cancel context.CancelCauseFunc
	done   chan struct{}
	msg    exportedMsg // set before done is closed
}

// startExport writes the job to path in the background, in the format its name ends with
// (export.ForPath: .ics, .csv, .json...), Markdown for a name without an ending. An existing file is
// replaced only when overwrite is set, and always atomically.
func startExport(job exportJob, path string, overwrite bool) *exportRun {
	ctx, cancel := context.WithCancelCause(context.Background())
	r := &exportRun{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.msg = writeExport(ctx, job, path, overwrite)
	}()
	return r
}

// wait is a command that returns the end of the write.
func (r *exportRun) wait() tea.Msg {
	<-r.done
	return r.msg
}

// finished waits up to d for the write to end, and reports whether it did.
func (r *exportRun) finished(d time.Duration) bool {
	select {
	case <-r.done:
		return true
	case <-time.After(d):
		return false
	}
}

// writeExport streams the export into a temporary file beside path and puts it in place.
// Cancelling ctx stops it at its next write: the temporary file is removed and path is
// left as it was.
func writeExport(ctx context.Context, job exportJob, path string, overwrite bool) exportedMsg {
	f, markdown, err := export.ForPath(path)
	if err != nil {
		return exportedMsg{path: path, err: err}
	}
	err = atomicfile.WriteFunc(path, overwrite, func(w io.Writer) error {
		return f.Write(stopWriter{ctx, w}, job.t, job.events,
			export.Options{Filter: job.filter, Version: job.version, Annotations: job.notes})
	})
	msg := exportResult(ctx, path, len(job.events), err)
	msg.asMarkdown = markdown
	if err == nil && !f.Notes {
		notes := job.notes
		if notes == nil {
			notes = job.filter.Annotations()
		}
		msg.kept = export.Annotated(notes, job.events)
	}
	return msg
}

// exportResult says how a write of n events to path ended, from its error and its
// context. A write that succeeded was put in place, even when ctx was cancelled after its
// last write (a signal during the rename): it reports the file written, never cancelled,
// since path is no longer as it was.
func exportResult(ctx context.Context, path string, n int, err error) exportedMsg {
	switch {
	case err == nil:
		return exportedMsg{n: n, path: path}
	case ctx.Err() != nil:
		return exportedMsg{path: path, err: context.Cause(ctx), cancelled: true}
	case errors.Is(err, atomicfile.ErrExists):
		return exportedMsg{path: path, exists: true}
	}
	return exportedMsg{path: path, err: err}
}

// stopWriter fails every write once ctx is done.
type stopWriter struct {
	ctx context.Context
	w   io.Writer
}

func (s stopWriter) Write(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, context.Cause(s.ctx)
	}
	return s.w.Write(p)
}

// resolvePath turns what was typed in the export prompt into an absolute path: a leading
// ~ is the home folder, as in a shell.
func resolvePath(typed string) (string, error) {
	path := strings.TrimSpace(typed)
	if path == "" {
		return "", errors.New("type a file name")
	}
	if path == "~" || strings.HasPrefix(path, "~/") || strings.HasPrefix(path, "~"+string(filepath.Separator)) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no home folder for ~: %w", err)
		}
		path = filepath.Join(home, path[1:])
	}
	return filepath.Abs(path)
}

// exportTarget checks an absolute path for the export: it reports whether a file is
// already there, or an error when the path cannot be written to at all.
func exportTarget(path string) (exists bool, err error) {
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return false, fmt.Errorf("%s is a folder; add a file name", path)
	case err == nil:
		return true, nil
	case !errors.Is(err, os.ErrNotExist):
		return false, err
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return false, fmt.Errorf("folder %s does not exist", dir)
	}
	return false, nil
}

// exportName derives a file name from the filter, by the rule of its kinds:
// tlx-iran-cyber-2024.md.
func exportName(f timeline.Filter) string { return f.FileName(".md") }
