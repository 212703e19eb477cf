package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/internal/atomicfile"
	"github.com/tlx-dev/tlx/timeline/export"
)

func init() { extraCommands = append(extraCommands, newExportCmd) }

// exportFlags holds the flags of tlx export beyond the shared filter flags.
type exportFlags struct {
	out   string
	force bool
	title string
	stamp bool
}

func newExportCmd(o *options) *cobra.Command {
	var x exportFlags
	cmd := &cobra.Command{
		Use:   "export [filters] [-o FILE]",
		Short: "Write the matching events as a Markdown document",
		Long: `export writes the events that the filters select as a Markdown (CommonMark) document:
a title, a header naming the timeline, the filters in words and the number of events,
then the events under a heading per year, each with its actors, themes, status,
location, summary, related events and numbered sources. The explorer's export key
writes the same document for the same filters.

The document goes to standard output, or with -o to FILE. An existing FILE is left
untouched unless --force is given; the file is written atomically, so an interrupted
export never leaves half a file or destroys the old one.

The same export gives the same bytes every time; --stamp adds the time of export.`,
		Example: `  tlx export --actor routh -o routh.md
  tlx export --theme cyber --from 2024 --title "Iran's hacking, 2024" -o cyber.md
  tlx export -f mytimeline.toml --status alleged,disputed > contested.md
  tlx export -o report.md --force --stamp`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.runExport(cmd, x)
		},
	}
	addFilterFlags(cmd, o)
	f := cmd.Flags()
	f.StringVarP(&x.out, "output", "o", "", "write to this file instead of standard output (- is standard output)")
	f.BoolVar(&x.force, "force", false, "replace FILE if it exists")
	f.StringVar(&x.title, "title", "", "document title (default: the timeline's title)")
	f.BoolVar(&x.stamp, "stamp", false, "add the time of export to the header")
	return cmd
}

func (o *options) runExport(cmd *cobra.Command, x exportFlags) error {
	if x.force && x.out == "" {
		return usageErrorf("--force needs -o FILE: standard output is never a file to protect")
	}
	t, f, events, err := o.selected()
	if err != nil {
		return err
	}
	opts := export.Options{Title: x.title, Filter: f, Version: o.build.Version}
	if x.stamp {
		opts.Stamp = time.Now()
	}
	if x.out == "" || x.out == "-" {
		if err := export.Markdown(cmd.OutOrStdout(), t, events, opts); err != nil {
			return &exitError{code: exitFailed, err: fmt.Errorf("write to standard output: %w", err)}
		}
		return nil
	}
	// An interrupt stops the writing through the error path, which removes the temporary
	// file, instead of killing the process with the file half written beside the target.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err = atomicfile.WriteFunc(x.out, x.force, func(w io.Writer) error {
		return export.Markdown(stopWriter{ctx, w}, t, events, opts)
	})
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(cmd.ErrOrStderr(), "Export interrupted; %s was left as it was\n", x.out)
		return err
	}
	if errors.Is(err, atomicfile.ErrExists) {
		return &exitError{code: exitFailed, err: fmt.Errorf("%s already exists and was left untouched; add --force to replace it, or choose another name with -o", x.out)}
	}
	if err != nil {
		return &exitError{code: exitFailed, err: err}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Exported %d of %d events to %s\n", len(events), len(t.Events), x.out)
	return nil
}

// stopWriter fails every write once ctx is done.
type stopWriter struct {
	ctx context.Context
	w   io.Writer
}

func (s stopWriter) Write(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		return 0, err
	}
	return s.w.Write(p)
}
