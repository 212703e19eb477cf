package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tlx-dev/tlx/docs"
	"github.com/tlx-dev/tlx/internal/manual"
	"github.com/tlx-dev/tlx/ui"
)

// manPages are the pages tlx man writes: tlx(1), and the references that ship in the
// binary as tlx-format(5) and tlx-notebook(5).
func manPages(root *cobra.Command) []manPage {
	return []manPage{
		{"tlx", func() *manual.Doc { return tlxPage(root) }},
		{"tlx-format", formatDoc},
		{"tlx-notebook", notebookDoc},
	}
}

type manPage struct {
	name string
	doc  func() *manual.Doc
}

func newManCmd(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "man [PAGE]",
		Short: "Write the manual as a man page: tlx(1), tlx-format(5) or tlx-notebook(5)",
		Long: `man writes a man page to standard output: tlx(1), the manual of the command, its
explorer's keys, files, environment and exit statuses; or, given PAGE, tlx-format(5),
the timeline format (tlx help format prints the same as text), or tlx-notebook(5), the
reader's notebook. Read one with man -l, or install it where man finds it.`,
		Example: `  tlx man | man -l -
  tlx man tlx-format | man -l -
  tlx man > ~/.local/share/man/man1/tlx.1`,
		Args:              argsRange(0, 1),
		ValidArgsFunction: completeManPages,
		RunE: func(cmd *cobra.Command, args []string) error {
			name := "tlx"
			if len(args) == 1 {
				name = args[0]
			}
			var names []string
			for _, p := range manPages(cmd.Root()) {
				names = append(names, p.name)
				if p.name == name || "tlx-"+name == p.name {
					return p.doc().Roff(cmd.OutOrStdout(), manDate(o.build), "tlx "+o.build.Version)
				}
			}
			return usageErrorf("no man page %s; the pages are %s", quoteArg(name), strings.Join(names, ", "))
		},
	}
}

func completeManPages(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, p := range manPages(cmd.Root()) {
		out = append(out, p.name)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// manDate is the day of the build, for the page's footer: GoReleaser stamps the date.
func manDate(b Build) string {
	if len(b.Date) >= 10 {
		return b.Date[:10]
	}
	return ""
}

// tlxPage is tlx(1): the command line and every command, the explorer's keys, and what
// a man page is expected to tell: files, environment, exit statuses.
func tlxPage(root *cobra.Command) *manual.Doc {
	d := &manual.Doc{Name: root.Name(), Section: 1, Summary: "explore a timeline of dated, sourced events in the terminal"}
	sec := func(title string, blocks ...manual.Block) {
		d.Sections = append(d.Sections, manual.Section{Title: title, Level: 1, Blocks: blocks})
	}
	sub := func(title string, blocks ...manual.Block) {
		d.Sections = append(d.Sections, manual.Section{Title: title, Level: 2, Blocks: blocks})
	}
	var synopsis manual.Literal
	synopsis = append(synopsis, useLines(root)[0])
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() || c.Name() == "help" {
			synopsis = append(synopsis, useLines(c)...)
		}
	}
	sec("Synopsis", synopsis)
	sec("Description", manual.Paragraphs(root.Long)...)

	notFilter := func(f *pflag.Flag) bool { return !isFilter(f) }
	sec("Filters", append(manual.Paragraphs(filtersIntro), flagDefs(root.Flags(), false, isFilter))...)
	sec("Options", manual.Paragraphs(optionsIntro)[0], flagDefs(root.Flags(), false, notFilter))

	sec("Commands")
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() && c.Name() != "help" {
			continue
		}
		var blocks []manual.Block
		desc := c.Long
		if desc == "" {
			desc = c.Short
		}
		blocks = append(blocks, manual.Paragraphs(desc)...)
		if defs := flagDefs(c.LocalFlags(), false, notFilter); len(defs) > 0 {
			blocks = append(blocks, defs)
		}
		if c.LocalFlags().Lookup("actor") != nil {
			blocks = append(blocks, manual.Para{manual.T("It takes the filters (see "), manual.B("FILTERS"), manual.T(").")})
		}
		if ex := examples(c); len(ex) > 0 {
			blocks = append(blocks, manual.Para{manual.T("Examples:")}, ex)
		}
		var subs manual.Defs
		for _, s := range c.Commands() {
			if !s.IsAvailableCommand() {
				continue
			}
			desc := []manual.Block{manual.Para{manual.T(s.Short)}}
			if defs := flagDefs(s.LocalFlags(), false, func(f *pflag.Flag) bool { return f.Name != "help" }); len(defs) > 0 {
				desc = append(desc, defs)
			}
			subs = append(subs, manual.Def{Term: []manual.Span{manual.C(s.CommandPath())}, Desc: desc})
		}
		if len(subs) > 0 {
			blocks = append(blocks, subs)
		}
		sub(strings.Join(useLines(c), " "), blocks...)
	}

	sec("Keys", manual.Paragraphs(keysIntro)...)
	for _, ks := range ui.KeyHelp() {
		sub(ks.Title, keyDefs(ks.Rows))
	}
	sec("Colours and marks", append(manual.Paragraphs(coloursText), keyDefs(ui.MarkLegend()))...)
	sec("Files", fileDefs())
	sec("Environment", envDefs())
	sec("Exit status", exitDefs())
	if ex := examples(root); len(ex) > 0 {
		sec("Examples", ex)
	}
	sec("See also", manual.Para{
		manual.B("tlx-format"), manual.T("(5) ("), manual.C("tlx help format"), manual.T("), "),
		manual.B("tlx-notebook"), manual.T("(5) ("), manual.C("tlx help notebook"), manual.T(")."),
	})
	return d
}

const filtersIntro = `tlx, tlx list, tlx export, tlx notes and tlx view take the same filters. Several
values of one kind (a repeated flag, or values separated by commas) mean any of them;
different kinds combine with AND. Each filter is also a key of the query text a view
stores and the explorer shows, such as actor:routh theme:cyber from:2024-06 "golf
course" (see tlx-format(5), The query text).`

const optionsIntro = `These flags go with every command.`

const keysIntro = `With no command, tlx opens the explorer: the list of events beside the detail of the
one selected, the filters above them and a time strip of the events per month. It
answers to these keys, which its help (?) lists too.`

const coloursText = `tlx list, tlx notes, help and error messages use colour on a terminal, and none in a
pipe or a file. --color=always keeps colour in a pipe, --color=never leaves it out on a
terminal too. The NO_COLOR environment variable, set to anything but the empty string,
turns colour off in the command line's output (bold and italics stay) and in the
explorer (bold and reverse video stay). The explorer's colours follow the terminal's
background, dark or light.

The explorer marks each event in the list:`

// keyDefs lists keys, or marks, and what each does.
func keyDefs(rows []ui.KeyRow) manual.Defs {
	var defs manual.Defs
	for _, r := range rows {
		defs = append(defs, manual.Def{Term: []manual.Span{manual.C(r.Keys)}, Desc: []manual.Block{manual.Para{manual.T(r.Desc)}}})
	}
	return defs
}

// def is a definition of a term in plain words.
func def(term, desc string) manual.Def {
	return manual.Def{Term: []manual.Span{manual.C(term)}, Desc: manual.Paragraphs(desc)}
}

func fileDefs() manual.Defs {
	return manual.Defs{
		def("timeline.toml", `The timeline -f names, in TOML (tlx-format(5)), or in tlx JSON, TimelineJS JSON
or a TimelineJS sheet saved as CSV; "-" reads standard input. Without -f, tlx opens
the timeline built into the binary. tlx never changes the timeline it reads.`),
		def("$XDG_DATA_HOME/tlx/notebooks/", `The notebooks, one a timeline, where your marks, notes and saved views are kept
(tlx-notebook(5)); ~/.local/share/tlx/notebooks when XDG_DATA_HOME is unset. On
macOS, ~/Library/Application Support/tlx/notebooks; on Windows, %AppData%\tlx\notebooks.
--notebook names another file; tlx notes --path prints the one in use.`),
		def("tlx-*.md", `What the explorer's export key (e) writes, in the folder tlx was started in unless
you type another path; tlx export -o writes where it is told. An existing file is
replaced only when you say so, and every file is written whole or not at all.`),
	}
}

func envDefs() manual.Defs {
	return manual.Defs{
		def("NO_COLOR", "Any value but the empty string turns colour off, as --color=never does for the command line's output."),
		def("XDG_DATA_HOME", "Where the notebooks' folder is (see FILES)."),
		def("HOME", "Where the notebooks' folder is when XDG_DATA_HOME is unset; ~ in the paths you type in the explorer."),
		def("VISUAL, EDITOR", "The editor tlx note ID opens, VISUAL first; a shell command, such as \"code --wait\"."),
		def("BROWSER", "The program the explorer's open key (o) runs on a source's link, before the system's own."),
		def("TERM", "The terminal; TERM=dumb turns colour off."),
	}
}

func exitDefs() manual.Defs {
	return manual.Defs{
		def("0", "Success; with --fail-empty, at least one event matched."),
		def("1", `The timeline did not load or has problems, a file could not be written, a notebook
could not be read, or, with --fail-empty, no event matched.`),
		def("2", `The command line is wrong: an unknown command or flag, a malformed value, a filter
value the timeline does not have (an actor, a theme...), a view that does not exist.`),
		def("130", "Interrupted (ctrl+c) before it was done."),
		def("128+N", `tlx export -o was stopped by signal N (129 SIGHUP, 131 SIGQUIT, 143 SIGTERM) and
removed its temporary file; the file it was to write was left as it was.`),
	}
}

// formatDoc is the timeline format's reference, docs/format.md, as tlx-format(5) and tlx
// help format.
func formatDoc() *manual.Doc {
	return &manual.Doc{Name: "tlx-format", Section: 5, Summary: "the tlx timeline format",
		Sections: manual.FromMarkdown(docs.Format, docLink)}
}

// notebookDoc is the notebook's reference, docs/notebook.md.
func notebookDoc() *manual.Doc {
	return &manual.Doc{Name: "tlx-notebook", Section: 5, Summary: "the reader's notebook of marks, notes and views",
		Sections: manual.FromMarkdown(docs.Notebook, docLink)}
}

// keysDoc is tlx help keys: the explorer's keys.
func keysDoc() *manual.Doc {
	d := &manual.Doc{Name: "tlx-keys"}
	d.Sections = append(d.Sections, manual.Section{Level: 1, Blocks: manual.Paragraphs(keysIntro)})
	for _, ks := range ui.KeyHelp() {
		d.Sections = append(d.Sections, manual.Section{Title: ks.Title, Level: 1, Blocks: []manual.Block{keyDefs(ks.Rows)}})
	}
	d.Sections = append(d.Sections, manual.Section{Title: "Marks in the list", Level: 1, Blocks: []manual.Block{keyDefs(ui.MarkLegend())}})
	return d
}

// docLink turns a link of the docs into what a reader of the binary can follow: a web
// address as it is, another page of the docs as its help topic, an anchor of the same
// page as nothing (the section is named in the text).
func docLink(dest string) string {
	switch {
	case strings.HasPrefix(dest, "https://"), strings.HasPrefix(dest, "http://"):
		return dest
	case strings.HasPrefix(dest, "format.md"):
		return "tlx help format"
	case strings.HasPrefix(dest, "notebook.md"):
		return "tlx help notebook"
	}
	return ""
}
