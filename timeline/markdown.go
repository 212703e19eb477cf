package timeline

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// ExportOptions says how a Markdown export is headed.
type ExportOptions struct {
	Title   string    // document title; the timeline's title when empty
	Filter  Filter    // the filter that selected the events, described in the header
	Version string    // tlx version named in the header
	Stamp   time.Time // export time to print; zero prints none, so exports are reproducible
}

// WriteMarkdown writes events, which t.Filter(opts.Filter) selected, as a Markdown
// document.
//
// This first version writes a plain list; the full document replaces it.
func (t *Timeline) WriteMarkdown(w io.Writer, events []*Event, opts ExportOptions) error {
	bw := bufio.NewWriter(w)
	title := opts.Title
	if title == "" {
		title = t.Title
	}
	fmt.Fprintf(bw, "# %s\n\n%d of %d events.\n\n", title, len(events), len(t.Events))
	for _, e := range events {
		fmt.Fprintf(bw, "- %s %s\n", e.Date, e.Title)
	}
	return bw.Flush()
}

// ErrExists is returned by WriteFile when the target exists and overwriting was not asked.
var ErrExists = errors.New("file exists")

// WriteFile writes data to path atomically: to a temporary file in the same folder, then a
// rename, so that an interrupted write never leaves half a file nor destroys the old one.
// An existing path is left untouched unless overwrite is true.
func WriteFile(path string, data []byte, overwrite bool) error {
	if _, err := os.Lstat(path); err == nil && !overwrite {
		return fmt.Errorf("%s: %w; use --force to overwrite it", path, ErrExists)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
