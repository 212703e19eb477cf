package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/internal/loadgc"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// convertFlags holds the flags of tlx convert beyond the shared filter flags.
type convertFlags struct {
	out   string
	to    string
	force bool
}

func newConvertCmd(o *options) *cobra.Command {
	var x convertFlags
	cmd := &cobra.Command{
		Use:   "convert IN [-o OUT] [--to FORMAT]",
		Short: "Convert a timeline from one format to another",
		Long: `convert reads the timeline IN, in any format tlx reads (TOML, tlx JSON, TimelineJS
JSON, a TimelineJS spreadsheet as CSV), checks it as tlx validate does, and writes the whole of it to OUT, in the format
OUT's name ends with (tlx export writes a filtered view):
` + formatList() + `
--to gives the format when the name does not say it, or overrides it. IN "-" reads
standard input; OUT "-", or no -o, writes to standard output, which needs --to.

An input whose only problems are events without a source (TimelineJS slides without
media, most of them) still converts to TOML: each such event gets a TODO comment where
its source goes, and tlx opens the TOML once each has one. Every other format refuses it.

An existing OUT is left untouched unless --force is given; it is written atomically.
The same input gives the same bytes. tlx help format says what each format holds and
what it leaves out.`,
		Example: `  tlx convert sheet.csv -o timeline.toml      # start a tlx timeline from a Google Sheet
  tlx convert timeline.toml -o timeline.timelinejs.json
  tlx convert timeline.toml -o events.ics
  cat timeline.json | tlx convert - --to toml > timeline.toml`,
		Args: argsRange(1, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.runConvert(cmd, args[0], x)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&x.out, "output", "o", "", "file to write (- or none: standard output)")
	f.StringVar(&x.to, "to", "", "format to write: "+export.Names()+" (default: from OUT's name)")
	f.BoolVar(&x.force, "force", false, "replace OUT if it exists")
	setArg(f, "output", "OUT")
	setArg(f, "to", "FORMAT")
	mustComplete(cmd, "to", completeFormats)
	return cmd
}

// formatList lists the writers with their file name endings, a line each, for help.
func formatList() string {
	s := ""
	for _, f := range export.Formats() {
		s += fmt.Sprintf("  %-11s %-17s %s\n", f.Name, f.Ext(), f.Title)
	}
	return s
}

func (o *options) runConvert(cmd *cobra.Command, in string, x convertFlags) error {
	if x.force && (x.out == "" || x.out == "-") {
		return usageErrorf("--force needs -o FILE: standard output is never a file to protect")
	}
	if o.file != "" {
		return usageErrorf("convert reads IN, not --file; write tlx convert %s -o OUT", timeline.SanitizeLine(o.file))
	}
	format, _, err := outputFormat("--to", x.to, x.out, "")
	var xe *export.ExtError
	switch {
	case err != nil && (x.to != "" || errors.As(err, &xe)):
		return err
	case err != nil && (x.out == "" || x.out == "-"):
		return usageErrorf("--to: give the format to write to standard output, one of %s", listNames())
	case err != nil:
		return usageErrorf("-o %s: its name does not say a format; add --to, one of %s", timeline.SanitizeLine(x.out), listNames())
	}
	name, data := in, []byte(nil)
	if in == "-" {
		name = stdinName
		data, err = timeline.ReadAll(name, cmd.InOrStdin())
	} else {
		data, err = timeline.ReadFile(in)
	}
	if err != nil {
		return failure(err)
	}
	restore := loadgc.Tighten(len(data))
	var t *timeline.Timeline
	var unsourced timeline.Problems
	if format.Name == "toml" {
		// TOML is where an author sources the events a sheet left without: see
		// timeline.OpenUnsourced.
		t, unsourced, err = timeline.OpenUnsourced(name, data)
	} else {
		t, err = timeline.Open(name, data)
	}
	restore()
	if err != nil {
		return err
	}
	events, err := t.Filter(timeline.Filter{})
	if err != nil {
		return err
	}
	opts := export.Options{Version: o.build.Version}
	err = writeOutput(cmd, x.out, x.force, func(w io.Writer) error {
		return format.Write(w, t, events, opts)
	})
	if err == nil && x.out != "" && x.out != "-" {
		fmt.Fprintf(cmd.ErrOrStderr(), "Converted %d events to %s (%s)\n", len(events), timeline.SanitizeLine(x.out), timeline.SanitizeLine(format.Title))
	}
	if err == nil && len(unsourced) > 0 {
		where := "the file"
		if x.out != "" && x.out != "-" {
			where = timeline.SanitizeLine(x.out)
		}
		eventsHave := fmt.Sprintf("%d events have", len(unsourced))
		if len(unsourced) == 1 {
			eventsHave = "1 event has"
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "%s no source yet: each has a TODO comment where its [[events.sources]] goes, and tlx opens %s once each has one (tlx validate lists them)\n", eventsHave, where)
	}
	return err
}

func listNames() string {
	s := ""
	for i, f := range export.Formats() {
		if i > 0 {
			s += ", "
		}
		s += f.Name
	}
	return s
}
