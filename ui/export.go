package ui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"github.com/tlx-dev/tlx/timeline"
)

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

// exportCmd writes events, which f selected, to path as Markdown. An existing file is
// replaced only when overwrite is set, and always atomically.
func exportCmd(t *timeline.Timeline, events []*timeline.Event, f timeline.Filter, version, path string, overwrite bool) tea.Cmd {
	return func() tea.Msg {
		var buf bytes.Buffer
		if err := t.WriteMarkdown(&buf, events, timeline.ExportOptions{Filter: f, Version: version}); err != nil {
			return exportedMsg{path: path, err: err}
		}
		err := timeline.WriteFile(path, buf.Bytes(), overwrite)
		if errors.Is(err, timeline.ErrExists) {
			return exportedMsg{path: path, exists: true}
		}
		return exportedMsg{n: len(events), path: path, err: err}
	}
}

// exportTarget checks the path typed in the export prompt: it reports whether a file is
// already there, or an error when the path cannot be written to at all.
func exportTarget(path string) (exists bool, err error) {
	if strings.TrimSpace(path) == "" {
		return false, errors.New("type a file name")
	}
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

// exportName derives a file name from the filter: tlx-iran-cyber-2024.md. The words are
// the ids of the filter's actors, themes and statuses, its dates and search words.
func exportName(f timeline.Filter) string {
	var parts []string
	parts = append(parts, f.Actors...)
	parts = append(parts, f.Themes...)
	parts = append(parts, f.Statuses...)
	switch r := f.Dates; {
	case r.IsZero():
	case r.From == r.To:
		parts = append(parts, r.From.String())
	case r.To.IsZero():
		parts = append(parts, "from-"+r.From.String())
	case r.From.IsZero():
		parts = append(parts, "to-"+r.To.String())
	default:
		parts = append(parts, r.From.String()+"-to-"+r.To.String())
	}
	parts = append(parts, timeline.SearchTerms(f.Text)...)
	var b strings.Builder
	b.WriteString("tlx")
	for _, p := range parts {
		slug := slugify(p)
		if slug == "" {
			continue
		}
		if b.Len()+1+len(slug) > 60 {
			break
		}
		b.WriteByte('-')
		b.WriteString(slug)
	}
	if b.Len() == len("tlx") {
		b.WriteString("-timeline")
	}
	return b.String() + ".md"
}

// slugify keeps letters and digits, lower-cased, and turns anything else into single
// dashes, so that a name is safe in any file system.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(r)
			dash = false
			continue
		}
		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// openedMsg reports that the platform opener was started on a URL, or why it was not.
type openedMsg struct {
	url string
	err error
}

// openCmd opens an http or https URL with the platform's opener. The URL is passed as an
// argument, never through a shell.
func openCmd(u string) tea.Cmd {
	return func() tea.Msg {
		if !safeURL(u) {
			return openedMsg{url: u, err: errors.New("only http and https links are opened")}
		}
		var cmd *exec.Cmd
		switch runtime.GOOS {
		case "darwin":
			cmd = exec.Command("open", u)
		case "windows":
			cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
		default:
			cmd = exec.Command("xdg-open", u)
		}
		if err := cmd.Start(); err != nil {
			return openedMsg{url: u, err: err}
		}
		go cmd.Wait() //nolint:errcheck // the browser's fate is not ours to report
		return openedMsg{url: u}
	}
}
