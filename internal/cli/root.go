// Package cli is tlx's command line: the root command that opens the explorer, and the
// list, export and validate subcommands. It turns flags into a timeline.Filter, loads the
// timeline, and maps failures to exit statuses; main only calls Execute.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/internal/loadgc"
	"github.com/tlx-dev/tlx/internal/notebook"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/ui"
)

// Build describes the binary; GoReleaser stamps it with -ldflags -X.
type Build struct {
	Version string // "dev" when not stamped
	Commit  string
	Date    string
}

// Execute runs tlx with args and returns the exit status.
func Execute(ctx context.Context, build Build, args []string) int {
	return runIO(ctx, build, args, os.Stdin, os.Stdout, os.Stderr)
}

// run is Execute with its output streams given, so tests can capture them.
func run(ctx context.Context, build Build, args []string, stdout, stderr io.Writer) int {
	return runIO(ctx, build, args, os.Stdin, stdout, stderr)
}

// runIO is Execute with its streams given.
func runIO(ctx context.Context, build Build, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root, o := newRoot(build)
	o.stdin = stdin
	root.SetIn(stdin)
	root.SetArgs(joinAlone(root, args))
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil {
		o.printError(stderr, cmd, err)
	}
	o.finishSnapshot()
	return exitCode(err)
}

// options holds what the flags say; every command that shows events reads the same ones.
type options struct {
	build    Build
	file     string    // --file: a timeline file, "-" for standard input, "" for the built-in one
	stdin    io.Reader // where -f - reads
	notebook string    // --notebook: the notebook file instead of the timeline's default one
	color    colorFlag // --color: auto, always or never
	view     string    // --view: a saved view of the notebook to start from
	// filters holds the arguments of each filter flag, as given, by kind.
	filters  map[timeline.FilterKind][]string
	noCache  bool          // --no-cache: neither read nor write snapshots
	snapshot chan struct{} // closed when the snapshot the command's load made due is written
}

// stdinName is standard input's name in messages.
const stdinName = "standard input"

// newRoot builds the command tree, and the options its flags fill.
func newRoot(build Build) (*cobra.Command, *options) {
	o := &options{build: build, color: colorAuto, filters: map[timeline.FilterKind][]string{}}
	root := &cobra.Command{
		Use:   "tlx",
		Short: "Explore a timeline of dated, sourced events in the terminal",
		Long: `tlx opens a timeline of dated events in a full-screen explorer: a chronological list
beside every source each event rests on, filters by actor, theme, date and text, and
export of exactly the filtered view to Markdown.

With no --file it opens the timeline built into the binary: Iran, Trump and the US
election, 2020-2026.`,
		Example: `# Explore the built-in timeline, or your own:
tlx
tlx -f mytimeline.toml
# Open with filters applied:
tlx --actor iran --from 2024-06 --to 2024-09
# Print, export or check without the explorer:
tlx list --theme cyber
tlx export --actor routh -o routh.md
tlx validate mytimeline.toml`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.runExplorer(cmd.Context())
		},
	}
	root.Version = version(build)
	root.SilenceErrors = true // run prints them, with the command's own help to point to
	root.SilenceUsage = true
	pf := root.PersistentFlags()
	pf.StringVarP(&o.file, "file", "f", "", "timeline file to open instead of the built-in one (- reads standard input)")
	setArg(pf, "file", "FILE")
	pf.StringVar(&o.notebook, "notebook", "", "notebook file of marks, notes and views (default: the timeline's own, in your data folder; tlx notes --path prints it)")
	setArg(pf, "notebook", "FILE")
	pf.Var(&o.color, "color", "when output has colour: auto (on a terminal unless NO_COLOR is set), always or never")
	setArg(pf, "color", "WHEN")
	pf.BoolVar(&o.noCache, "no-cache", false, "parse the timeline file even when the cache has a snapshot of it, and write none (see tlx cache)")
	mustComplete(root, "file", completeTimelineFiles)
	mustComplete(root, "notebook", completeTOMLFiles)
	mustComplete(root, "color", completeWords("auto", "on a terminal, unless NO_COLOR is set", "always", "even into a pipe or a file", "never", "no colour at all"))
	addFilterFlags(root, o)
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) {
		if err := o.writeHelp(cmd); err != nil {
			fmt.Fprintln(cmd.ErrOrStderr(), "Error:", timeline.SanitizeLine(err.Error()))
		}
	})
	root.SetHelpCommand(newHelpCmd(o))
	// Every subcommand, in one place: a new command is one more line here.
	root.AddCommand(
		newListCmd(o),
		newSourcesCmd(o),
		newFacetsCmd(o),
		newExportCmd(o),
		newValidateCmd(o),
		newNotesCmd(o),
		newMarkCmd(o),
		newNoteCmd(o),
		newViewCmd(o),
		newConvertCmd(o),
		newManCmd(o),
		newCacheCmd(o),
	)
	typeUsageErrors(root)
	return root, o
}

// version is what --version prints after "tlx version": the version, and the commit's
// first seven digits when the release stamped it.
func version(b Build) string {
	v := b.Version
	if v == "" {
		v = "dev"
	}
	if len(b.Commit) >= 7 {
		v += " (" + b.Commit[:7] + ")"
	}
	return v
}

// addFilterFlags gives cmd a flag for each kind of filter, and one for each of its
// shorthands (--min-sources, --single-source), as the kind describes them.
func addFilterFlags(cmd *cobra.Command, o *options) {
	f := cmd.Flags() // not persistent: validate, completion and man take no filters
	for _, k := range timeline.FilterKinds() {
		fl := f.VarPF(&filterFlag{kind: k, args: o.filters}, k.Name(), k.Short(), k.Usage())
		fl.NoOptDefVal = k.Alone()
		annotate(fl, annotFilter, k.Name())
		annotate(fl, annotArg, k.Arg())
		mustComplete(cmd, k.Name(), o.completeKind(k))
		for _, sh := range k.Shorthands() {
			fl := f.VarPF(&filterFlag{kind: k, args: o.filters, value: sh.Value, noArg: sh.Arg == ""}, sh.Name, "", sh.Usage)
			annotate(fl, annotFilter, k.Name())
			annotate(fl, annotArg, sh.Arg)
			if sh.Arg == "" {
				fl.NoOptDefVal = "true" // a switch: --single-source
			} else {
				mustComplete(cmd, sh.Name, o.completeMinSources)
			}
		}
	}
	addNotebookFlags(cmd, o)
}

// filterFlag collects the arguments of one kind's flag, which may be repeated. A
// shorthand's flag turns its argument into the kind's value first.
type filterFlag struct {
	kind  timeline.FilterKind
	args  map[timeline.FilterKind][]string
	value func(arg string) string // nil for the kind's own flag
	noArg bool                    // a switch, such as --single-source
}

func (v *filterFlag) String() string {
	if v.value != nil {
		return "" // the kind's own flag shows the value
	}
	return strings.Join(v.args[v.kind], ",")
}

func (v *filterFlag) Set(arg string) error {
	if v.noArg {
		switch arg {
		case "true":
		case "false":
			return nil
		default:
			return fmt.Errorf("takes no value, got %q", arg)
		}
	}
	if v.value != nil {
		// Checked here, so that the message names the flag as typed.
		if n, err := strconv.Atoi(strings.TrimSpace(arg)); !v.noArg && (err != nil || n < 1) {
			return errors.New("want a whole number, 1 or more")
		}
		arg = v.value(arg)
	}
	v.args[v.kind] = append(v.args[v.kind], arg)
	return nil
}

func (v *filterFlag) Type() string {
	switch {
	case v.noArg:
		return "bool"
	case v.value != nil:
		return "int"
	case v.kind.Single() || v.kind == timeline.TextFilter:
		return "string"
	}
	return "strings"
}

// filter turns the flags into a Filter, checking dates. Names are checked against the
// timeline by the filter itself.
func (o *options) filter() (timeline.Filter, error) {
	var f timeline.Filter
	for _, k := range timeline.FilterKinds() {
		var values []string
		for _, arg := range o.filters[k] {
			vals, err := k.ParseArg(arg)
			var ve *timeline.ValueError
			if errors.As(err, &ve) {
				err = ve.Err
			}
			if err != nil {
				return f, usageErrorf("--%s: %w", k.Name(), err)
			}
			values = append(values, vals...)
		}
		f = f.With(k, values...)
	}
	if err := f.Check(); err != nil {
		var inv *timeline.InvertedError
		if errors.As(err, &inv) {
			return f, usageErrorf("--to %s is before --from %s; swap them", inv.To, inv.From)
		}
		return f, usage(err)
	}
	return f, nil
}

// source returns the name and the bytes of the timeline to open: the built-in one, a
// file, or standard input for "-", read as a pipe is (bounded, checked as it comes).
func (o *options) source() (string, func() ([]byte, error)) {
	switch o.file {
	case "":
		return data.Name, func() ([]byte, error) { return data.Timeline, nil }
	case "-":
		return stdinName, func() ([]byte, error) { return timeline.ReadAll(stdinName, o.stdin) }
	}
	return o.file, func() ([]byte, error) { return timeline.ReadFile(o.file) }
}

// load reads and validates the timeline the flags name: a file from its snapshot when
// the cache has one of its current bytes (see openFile).
func (o *options) load() (*timeline.Timeline, error) {
	if path := o.cachedFile(); path != "" {
		t, err := o.openFile(path)
		if err != nil {
			return nil, failure(err)
		}
		return t, nil
	}
	name, read := o.source()
	b, err := read()
	if err != nil {
		return nil, failure(err)
	}
	defer loadgc.Tighten(len(b))()
	t, err := timeline.Open(name, b)
	if err != nil {
		return nil, failure(err)
	}
	return t, nil
}

// selected loads the timeline and applies the filter flags.
func (o *options) selected() (*timeline.Timeline, timeline.Filter, []*timeline.Event, error) {
	f, err := o.filter()
	if err != nil {
		return nil, f, nil, err
	}
	t, err := o.load()
	if err != nil {
		return nil, f, nil, err
	}
	if f, err = o.withNotebook(t, f); err != nil {
		return nil, f, nil, err
	}
	events, err := t.Filter(f)
	if err != nil {
		return nil, f, nil, o.filterError(t, err)
	}
	return t, f, events, nil
}

func (o *options) runExplorer(ctx context.Context) error {
	f, err := o.filter()
	if err != nil {
		return err
	}
	if err := needTerminal(); err != nil {
		return err
	}
	if f, err = o.explorerNotebook(f); err != nil {
		return err
	}
	name, read := o.source()
	// The explorer stops on the signals an export does (a closed terminal sends SIGHUP),
	// restoring the terminal and cancelling an export being written.
	ctx, stop := stopOnSignal(ctx)
	defer stop()
	err = ui.Run(ctx, ui.Options{
		Name:      name,
		Path:      o.cachedFile(),
		NoCache:   o.noCache,
		Read:      read,
		FromStdin: o.file == "-",
		Filter:    f,
		Version:   o.build.Version,
		NoColor:   o.color == colorNever,
		Stdin:     os.Stdin,
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		// The notebook of the timeline once it is loaded: --notebook FILE, or the
		// timeline's own in the data folder, made when something is first saved.
		Notebook: func(t *timeline.Timeline) (*notebook.Notebook, error) {
			return notebook.OpenFor(o.notebook, o.notebookSource(t), notebook.Options{Timeline: t, MakeDir: o.notebook == ""})
		},
	})
	var sig signalError
	if errors.As(err, &sig) {
		return &exitError{code: sig.exitCode(), err: errSilent}
	}
	if errors.Is(err, timeline.ErrUnknownValue) {
		// A filter flag names a value the timeline, which the explorer loaded, lacks.
		return o.filterError(nil, err)
	}
	return err
}

// needTerminal explains, instead of Bubble Tea's "could not open TTY", that the explorer
// needs a terminal to draw on and to read keys from.
func needTerminal() error {
	const hint = "use tlx list or tlx export to print events without it"
	if !term.IsTerminal(os.Stdout.Fd()) {
		return fmt.Errorf("the explorer needs a terminal, and standard output is not one; %s", hint)
	}
	if term.IsTerminal(os.Stdin.Fd()) || runtime.GOOS == "windows" { // Windows reads the console
		return nil
	}
	tty, err := os.Open("/dev/tty") // keys come from here when standard input is a pipe
	if err != nil {
		return fmt.Errorf("the explorer needs a terminal to read keys from, and there is none; %s", hint)
	}
	return tty.Close()
}
