package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tlx-dev/tlx/internal/manual"
	"github.com/tlx-dev/tlx/timeline"
)

// Help and the man page are built from the command tree into one document model
// (internal/manual) and written as text or roff: a flag, a command or a key appears in
// both from the same description, and tlx --help and man tlx cannot drift apart.

// Annotations of flags, read by help and the man page.
const (
	annotArg    = "tlx_arg"    // what help calls the flag's value: FILE, ACTOR
	annotFilter = "tlx_filter" // the flag is a filter, listed with the filters
)

// setArg names what help calls the value of the flag name of fs.
func setArg(fs *pflag.FlagSet, name, arg string) {
	annotate(fs.Lookup(name), annotArg, arg)
}

func annotate(f *pflag.Flag, key, value string) {
	if f.Annotations == nil {
		f.Annotations = map[string][]string{}
	}
	f.Annotations[key] = []string{value}
}

// isFilter reports whether f is one of the filter flags every command that shows events
// takes.
func isFilter(f *pflag.Flag) bool { return len(f.Annotations[annotFilter]) > 0 }

// flagArg returns what help calls f's value ("" for a switch): its annotation, else the
// word of its usage in backquotes (pflag's convention).
func flagArg(f *pflag.Flag) string {
	if a := f.Annotations[annotArg]; len(a) > 0 {
		return a[0]
	}
	if f.Value.Type() == "bool" {
		return ""
	}
	name, _ := pflag.UnquoteUsage(f)
	return name
}

// flagUsage is f's usage without pflag's backquotes.
func flagUsage(f *pflag.Flag) string {
	_, usage := pflag.UnquoteUsage(f)
	return usage
}

// flagTerm names a flag as help and the man page show it: "-a, --actor ACTOR",
// "--marked[=LABEL]". indent lines long flags up under the long names of flags with a
// short one, for text.
func flagTerm(f *pflag.Flag, indent bool) []manual.Span {
	var spans []manual.Span
	switch {
	case f.Shorthand != "":
		spans = append(spans, manual.C("-"+f.Shorthand), manual.T(", "), manual.C("--"+f.Name))
	case indent:
		spans = append(spans, manual.T("    "), manual.C("--"+f.Name))
	default:
		spans = append(spans, manual.C("--"+f.Name))
	}
	arg := flagArg(f)
	switch {
	case arg == "":
	case f.NoOptDefVal != "":
		spans = append(spans, manual.T("[="), manual.A(arg), manual.T("]"))
	default:
		spans = append(spans, manual.T(" "), manual.A(arg))
	}
	return spans
}

// flagDefs lists flags as terms and their usage, those that keep is true of, sorted by
// name as cobra sorts them.
func flagDefs(fs *pflag.FlagSet, indent bool, keep func(*pflag.Flag) bool) manual.Defs {
	var defs manual.Defs
	anyShort := false
	fs.VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && keep(f) && f.Shorthand != "" {
			anyShort = true
		}
	})
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || !keep(f) {
			return
		}
		usage := flagUsage(f)
		if d := f.DefValue; f.Value.Type() != "bool" && d != "" && d != "[]" && d != "0" && !strings.Contains(usage, "default") {
			usage += fmt.Sprintf(" (default %s)", d)
		}
		defs = append(defs, manual.Def{
			Term: flagTerm(f, indent && anyShort),
			Desc: []manual.Block{manual.Para{manual.T(usage)}},
		})
	})
	return defs
}

// commandHelp is the page tlx CMD --help prints: what the command does, how to call it,
// its commands, filters, flags and examples.
func commandHelp(cmd *cobra.Command) *manual.Doc {
	d := &manual.Doc{Name: cmd.CommandPath()}
	desc := cmd.Long
	if desc == "" {
		desc = cmd.Short
	}
	d.Sections = append(d.Sections, manual.Section{Level: 1, Blocks: manual.Paragraphs(desc)})
	d.Sections = append(d.Sections, manual.Section{Title: "Usage", Level: 1, Blocks: []manual.Block{manual.Literal(useLines(cmd))}})
	if cmd.HasAvailableSubCommands() {
		d.Sections = append(d.Sections, manual.Section{Title: "Commands", Level: 1, Blocks: []manual.Block{commandDefs(cmd)}})
	}
	if !cmd.HasParent() {
		d.Sections = append(d.Sections, manual.Section{Title: "Help topics: tlx help TOPIC", Level: 1, Blocks: []manual.Block{topicDefs()}})
	}
	local, inherited := cmd.LocalFlags(), cmd.InheritedFlags()
	if defs := flagDefs(local, true, isFilter); len(defs) > 0 {
		d.Sections = append(d.Sections, manual.Section{Title: "Filters", Level: 1, Blocks: []manual.Block{defs}})
	}
	notFilter := func(f *pflag.Flag) bool { return !isFilter(f) }
	if defs := flagDefs(local, true, notFilter); len(defs) > 0 {
		d.Sections = append(d.Sections, manual.Section{Title: "Flags", Level: 1, Blocks: []manual.Block{defs}})
	}
	if defs := flagDefs(inherited, true, notFilter); len(defs) > 0 {
		d.Sections = append(d.Sections, manual.Section{Title: "Global flags", Level: 1, Blocks: []manual.Block{defs}})
	}
	if ex := examples(cmd); len(ex) > 0 {
		d.Sections = append(d.Sections, manual.Section{Title: "Examples", Level: 1, Blocks: []manual.Block{ex}})
	}
	if !cmd.HasParent() {
		d.Sections = append(d.Sections, manual.Section{Title: "Learn more", Level: 1, Blocks: []manual.Block{manual.Para{
			manual.T("Use "), manual.C("tlx COMMAND --help"), manual.T(" for more about a command, and "),
			manual.C("tlx man | man -l -"), manual.T(" to read the manual, with the exit statuses, the files and the environment."),
		}}})
	}
	return d
}

// useLines are the ways to call cmd, for Usage and the man page's synopsis.
func useLines(cmd *cobra.Command) []string {
	if !cmd.HasParent() {
		return []string{cmd.Name() + " [-f FILE] [filters]", cmd.Name() + " COMMAND [flags]"}
	}
	line := cmd.CommandPath()
	if rest := strings.TrimSpace(strings.TrimPrefix(cmd.Use, cmd.Name())); rest != "" {
		line += " " + rest
	}
	if cmd.HasAvailableSubCommands() {
		line += " COMMAND"
	}
	hasFlags := false
	cmd.LocalFlags().VisitAll(func(f *pflag.Flag) { hasFlags = hasFlags || f.Name != "help" && !f.Hidden })
	if hasFlags && !strings.Contains(line, "[flags]") {
		line += " [flags]"
	}
	return []string{line}
}

// commandDefs lists cmd's commands with what each does.
func commandDefs(cmd *cobra.Command) manual.Defs {
	var defs manual.Defs
	for _, sub := range cmd.Commands() {
		if !sub.IsAvailableCommand() {
			continue
		}
		defs = append(defs, manual.Def{Term: []manual.Span{manual.C(sub.Name())}, Desc: []manual.Block{manual.Para{manual.T(sub.Short)}}})
	}
	return defs
}

// examples are cmd's examples, their common indentation taken off.
func examples(cmd *cobra.Command) manual.Literal {
	if strings.TrimSpace(cmd.Example) == "" {
		return nil
	}
	lines := strings.Split(strings.TrimRight(cmd.Example, "\n"), "\n")
	cut := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if cut < 0 || n < cut {
			cut = n
		}
	}
	out := make(manual.Literal, len(lines))
	for i, l := range lines {
		out[i] = strings.TrimRight(l[min(cut, len(l)-len(strings.TrimLeft(l, " "))):], " ")
	}
	return out
}

// helpWidth is the width help wraps to: the terminal's, at most 100 columns, or 80 when
// the output is not a terminal.
func helpWidth(w io.Writer) int {
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 0 {
			return min(cols, 100)
		}
	}
	return 80
}

// writeHelp prints cmd's help, coloured as --color says.
func (o *options) writeHelp(cmd *cobra.Command) error {
	out := cmd.OutOrStdout()
	return o.writeDoc(out, commandHelp(cmd))
}

// writeDoc writes a page as text to w, wrapped to w's width and coloured as --color says.
func (o *options) writeDoc(w io.Writer, d *manual.Doc) error {
	cw := o.colorWriter(w)
	return d.Text(cw, helpWidth(w), o.textStyles())
}

// topic is a page of tlx help TOPIC that is not a command.
type topic struct {
	name, short string
	doc         func() *manual.Doc
}

func topics() []topic {
	return []topic{
		{"format", "the timeline format: keys, dates, statuses, sources, filters, errors, limits", formatDoc},
		{"notebook", "the reader's notebook: marks, notes, saved views and where they live", notebookDoc},
		{"keys", "the explorer's keys and mouse, as its help (?) lists them", keysDoc},
	}
}

func topicDefs() manual.Defs {
	var defs manual.Defs
	for _, t := range topics() {
		defs = append(defs, manual.Def{Term: []manual.Span{manual.C(t.name)}, Desc: []manual.Block{manual.Para{manual.T(t.short)}}})
	}
	return defs
}

// newHelpCmd is tlx help [COMMAND | TOPIC]: a command's help, or one of the topics.
func newHelpCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND | TOPIC]",
		Short: "Help about a command, or a topic: " + topicNames(),
		Long: `help prints the help of a command (tlx help list is tlx list --help), or a topic that
is not a command: format, the timeline format; notebook, the reader's notebook; keys,
the explorer's keys. tlx man writes the same as man pages.`,
		Args: argsRange(0, -1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, t := range topics() {
				out = append(out, cobra.CompletionWithDesc(t.name, t.short))
			}
			for _, c := range cmd.Root().Commands() {
				if c.IsAvailableCommand() {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			if len(args) == 0 {
				return o.writeHelp(root)
			}
			if len(args) == 1 {
				for _, t := range topics() {
					if t.name == args[0] {
						return o.writeDoc(cmd.OutOrStdout(), t.doc())
					}
				}
			}
			c, rest, err := root.Find(args)
			if err == nil && len(rest) == 0 && c != root {
				return o.writeHelp(c)
			}
			names := []string{}
			for _, t := range topics() {
				names = append(names, t.name)
			}
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name())
				}
			}
			slices.Sort(names)
			msg := fmt.Sprintf("no help for %s: it is neither a command nor a topic", quoteArg(strings.Join(args, " ")))
			if s := timeline.Suggest(args[0], names); s != "" {
				return usageErrorf("%s; did you mean %s?", msg, quoteArg(s))
			}
			return usageErrorf("%s; they are %s", msg, strings.Join(names, ", "))
		},
	}
}

func topicNames() string {
	var names []string
	for _, t := range topics() {
		names = append(names, t.name)
	}
	return strings.Join(names, ", ")
}
