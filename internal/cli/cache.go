package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/internal/load"
	"github.com/tlx-dev/tlx/internal/snapshot"
	"github.com/tlx-dev/tlx/timeline"
)

// cachedFile returns the file --file names when it is one the cache may keep a snapshot
// of: "" for the built-in timeline and standard input.
func (o *options) cachedFile() string {
	if o.file == "-" {
		return ""
	}
	return o.file
}

// openFile opens a timeline file through the cache: from its snapshot when one was taken
// of its current bytes, else by parsing it. A parse of a large file makes a snapshot due,
// which is written beside whatever the command does next and waited for before the
// process ends (finishSnapshot).
func (o *options) openFile(path string) (*timeline.Timeline, error) {
	// A command reads the file once, and searches it only when asked to: a search
	// builds the text it reads then.
	f, t, err := load.Open(path, load.Options{NoCache: o.noCache, Once: true, SearchLater: true})
	if err != nil {
		return nil, err
	}
	if f.SnapshotDue() && o.snapshot == nil {
		o.snapshot = make(chan struct{})
		go func() {
			defer close(o.snapshot)
			f.WriteSnapshot() //nolint:errcheck // a snapshot not written is only a slower next open
		}()
	}
	return t, nil
}

// finishSnapshot waits for the snapshot being written, if any.
func (o *options) finishSnapshot() {
	if o.snapshot != nil {
		<-o.snapshot
	}
}

func newCacheCmd(_ *options) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cache",
		Short: "Show or clear the snapshots of large timelines in the cache folder",
		Long: fmt.Sprintf(`tlx keeps a snapshot of each large timeline file it parses (from %s) in your cache
folder, so that the next open of the same, unchanged file reads the snapshot instead of
parsing it. A snapshot is used only when the file's bytes hash to what they were when
it was taken, or when the file has not been written since it was read (the same file,
size, and modification and change times, of a file that had not changed for some
seconds before); a snapshot that is damaged, of another version of tlx, or of a file
that has changed since is ignored and rewritten. A snapshot that another build of tlx
wrote is checked in full as it is read.

The folder holds at most %s (TLX_CACHE_LIMIT=2G says otherwise); the snapshots used
longest ago go first. --no-cache opens a file without the cache; tlx validate always
parses.`, timeline.SizeText(load.SnapshotFrom), timeline.SizeText(snapshot.DefaultLimit)),
		Args: noArgs,
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "info",
		Short: "Print the cache folder, its bound and its snapshots, used longest ago first",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cacheInfo(cmd.OutOrStdout())
		},
	}, &cobra.Command{
		Use:   "clear",
		Short: "Remove every snapshot",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cacheClear(cmd.OutOrStdout())
		},
	})
	return cmd
}

// cacheStore returns the snapshot store, or an error that says why there is none.
func cacheStore() (*snapshot.Store, error) {
	s, err := snapshot.Default()
	if err != nil {
		return nil, &exitError{code: exitFailed, err: err}
	}
	return s, nil
}

func cacheInfo(w io.Writer) error {
	s, err := cacheStore()
	if err != nil {
		return err
	}
	list, err := s.List()
	if err != nil {
		return &exitError{code: exitFailed, err: fmt.Errorf("read %s: %w", s.Dir, err)}
	}
	var total int64
	for _, in := range list {
		total += in.Size
	}
	limit := s.Limit
	if limit == 0 {
		limit = snapshot.DefaultLimit
	}
	fmt.Fprintln(w, timeline.SanitizeLine("folder:    "+s.Dir))
	fmt.Fprintln(w, timeline.SanitizeLine(fmt.Sprintf("snapshots: %d, %s of at most %s", len(list), timeline.SizeText(total), timeline.SizeText(limit))))
	now := time.Now()
	for _, in := range list {
		source, state := in.Source, ""
		switch {
		case source == "":
			source, state = in.File, "unreadable: the next write replaces it"
		case in.Kind != timeline.SnapshotKind || in.Version != timeline.SnapshotVersion:
			state = fmt.Sprintf("%s version %d, which this tlx does not read", in.Kind, in.Version)
		case !in.Current:
			state = "the file has changed or gone since"
		}
		line := fmt.Sprintf("  %s  %8s  used %s ago", source, timeline.SizeText(in.Size), ago(now.Sub(in.LastUsed)))
		if state != "" {
			line += "  (" + state + ")"
		}
		fmt.Fprintln(w, timeline.SanitizeLine(line))
	}
	return nil
}

func cacheClear(w io.Writer) error {
	s, err := cacheStore()
	if err != nil {
		return err
	}
	n, bytes, err := s.Clear()
	if err != nil {
		return &exitError{code: exitFailed, err: fmt.Errorf("clear %s: %w", s.Dir, err)}
	}
	fmt.Fprintln(w, timeline.SanitizeLine(fmt.Sprintf("Removed %d snapshots (%s) from %s", n, timeline.SizeText(bytes), s.Dir)))
	return nil
}

// ago writes a duration for people, to the unit that matters.
func ago(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}
