package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/internal/atomicfile"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// exportJob is what an export writes: the events of the view and the filter that chose
// them.
type exportJob struct {
	t       *timeline.Timeline
	events  []*timeline.Event
	filter  timeline.Filter
	version string
}

// exportedMsg reports the end of an export: how many events went to which file, or why
// none did.
type exportedMsg struct {
	n    int
	path string
	err  error
	// exists is set when the file appeared after the user was asked, and must be
	// confirmed again.
	exists bool
}

// exportCmd writes the job to path in the format its name ends with (export.ByPath:
// .ics, .csv, .json...), Markdown for any other name. An existing file is replaced only
// when overwrite is set, and always atomically. Cancelling ctx before the write starts
// leaves the disk as it was.
func exportCmd(ctx context.Context, job exportJob, path string, overwrite bool) tea.Cmd {
	return func() tea.Msg {
		var buf bytes.Buffer
		write := export.Markdown
		if f, ok := export.ByPath(path); ok {
			write = f.Write
		}
		err := write(&buf, job.t, job.events, export.Options{Filter: job.filter, Version: job.version})
		if err == nil {
			err = ctx.Err()
		}
		if err != nil {
			return exportedMsg{path: path, err: err}
		}
		err = atomicfile.Write(path, buf.Bytes(), overwrite)
		if errors.Is(err, atomicfile.ErrExists) {
			return exportedMsg{path: path, exists: true}
		}
		return exportedMsg{n: len(job.events), path: path, err: err}
	}
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
