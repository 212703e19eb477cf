package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/docs"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
	"github.com/tlx-dev/tlx/ui"
)

// listFlags are list's own flags: how to print the events, and whether none is a failure.
type listFlags struct {
	json, jsonl, count, ids bool
	schema                  bool
	format                  string
	failEmpty               bool
}

func newListCmd(o *options) *cobra.Command {
	var x listFlags
	cmd := &cobra.Command{
		Use:   "list [filters]",
		Short: "Print the matching events, one a line",
		Long: `list prints the events that the filters select, one a line: DATE  ID  TITLE, with
dates at their precision (2024, 2024-06 or 2024-06-15), a window of dates as one
(2024-06..07: some day in June or July 2024; by 2026-02-04; since 2024-08) and an
event that lasted with an arrow (2024-06→). Under a date filter (--from, --to), an
event that only may fall in the dates, its date being a window or too coarse to be
sure, ends with [may fall outside the dates] (◌ where a terminal is too narrow);
--within keeps only those certainly inside. On a terminal, titles are cut with … to
its width, one event a line; output that is not a terminal keeps them whole and
carries no colour.

For scripts, instead of those lines:
  --count   the number of events selected
  --ids     their ids, one a line
  --json    one JSON document: "format": "tlx-list", "version": 1, the
            timeline's title, description, file, the filter as query text,
            how many events it has, its actors and themes, and the events,
            each as tlx JSON writes it (tlx help format): every field
            present, each date with its precision and the first and last
            days it may stand for; then "publishers", how many independent
            publishers support it, and "may_fall_outside", whether it only
            may fall in a date filter's dates
  --jsonl   the same events, one JSON object a line, without the document
  --format  a Go template (text/template) run on each event's JSON object,
            with a newline after each: {{.id}}, {{.title}}, {{.date.text}},
            {{.date.first}}, {{.status}}, {{.publishers}},
            {{join .actors ","}}, {{range .sources}}...{{end}}, {{json .}};
            the fields are those of --jsonl

--schema prints the JSON Schema of --json and --jsonl (docs/tlx.schema.json in tlx's
source), which the tests check the output against.

--fail-empty makes a selection of no events exit with status 1, as grep does: 0 when
events matched, 1 when none did (or the timeline is bad), 2 for a wrong command line.`,
		Example: `  tlx list --actor iran --theme cyber
  tlx list --from 2024-06 --to 2024-09 --search phishing
  tlx list --status alleged,denied --json | jq '.events[].id'
  tlx list --theme cyber --count
  tlx list --format '{{.date.first}} {{.id}} {{.publishers}}'
  tlx list --actor routh --ids --fail-empty || echo none
  tlx list --within 2024-08 --single-source`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return o.runList(cmd, x)
		},
	}
	addFilterFlags(cmd, o)
	fl := cmd.Flags()
	fl.BoolVar(&x.json, "json", false, "print one JSON document of the events, with every field (tlx-list)")
	fl.BoolVar(&x.jsonl, "jsonl", false, "print one JSON object an event, a line each")
	fl.BoolVar(&x.count, "count", false, "print only how many events the filters select")
	fl.BoolVar(&x.ids, "ids", false, "print only the ids of the events, one a line")
	fl.StringVar(&x.format, "format", "", "print each event through a Go template of its JSON fields: '{{.date.text}} {{.id}}'")
	setArg(fl, "format", "TEMPLATE")
	fl.BoolVar(&x.failEmpty, "fail-empty", false, "exit with status 1 when no event matches")
	fl.BoolVar(&x.schema, "schema", false, "print the JSON Schema of --json and --jsonl, and nothing else")
	mustComplete(cmd, "format", completeWords(
		"{{.id}}", "the id of each event",
		"{{.date.text}} {{.id}} {{.title}}", "date, id and title",
		"{{.date.first}} {{.date.last}} {{.id}}", "the first and last days each may stand for",
		"{{.id}} {{.publishers}}", "how many independent publishers support each",
		"{{.id}} {{join .actors \",\"}}", "the actors of each",
		"{{.id}}{{range .sources}} {{.url}}{{end}}", "the links of the sources of each"))
	return cmd
}

func (o *options) runList(cmd *cobra.Command, x listFlags) error {
	var outputs []string
	for _, name := range []string{"json", "jsonl", "count", "ids", "format", "schema"} {
		if cmd.Flags().Changed(name) {
			outputs = append(outputs, "--"+name)
		}
	}
	if len(outputs) > 1 {
		return usageErrorf("%s each print the events their own way; give one of them", strings.Join(outputs, " and "))
	}
	if x.schema {
		_, err := cmd.OutOrStdout().Write(docs.Schema)
		return err
	}
	var tmpl *template.Template
	if x.format != "" {
		var err error
		if tmpl, err = parseEventTemplate(x.format); err != nil {
			return usageErrorf("--format: %w", err)
		}
	}
	t, f, events, err := o.selected()
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	mayOnly := f.MayOnly()
	switch {
	case x.json:
		err = export.JSONList(out, t, events, export.ListInfo{File: o.fileLabel(), Filter: f})
	case x.jsonl:
		err = writeJSONLines(out, events, mayOnly)
	case x.count:
		_, err = fmt.Fprintln(out, len(events))
	case x.ids:
		err = writeIDs(out, events)
	case tmpl != nil:
		err = writeTemplate(out, tmpl, events, mayOnly)
	default:
		err = writeList(o.colorWriter(out), events, mayOnly, termWidth(out))
	}
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return err // a template that fails on an event: a usage error
		}
		return failure(err)
	}
	if x.failEmpty && len(events) == 0 {
		return silent(exitFailed)
	}
	return nil
}

// fileLabel names the timeline's file in output: its path as given, "built-in" for the
// timeline in the binary, "-" for standard input.
func (o *options) fileLabel() string {
	if o.file == "" {
		return "built-in"
	}
	return o.file
}

// writeIDs prints the ids of events, one a line.
func writeIDs(w io.Writer, events []*timeline.Event) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	for _, e := range events {
		bw.WriteString(timeline.SanitizeLine(e.ID))
		if err := bw.WriteByte('\n'); err != nil {
			return err // the first failed write, which bufio keeps
		}
	}
	return bw.Flush()
}

// parseEventTemplate parses a --format template, with the functions it documents: join
// a list with a separator, and json to print a value as compact JSON. A field the
// objects do not have is an error, not "<no value>", so that a typo shows.
func parseEventTemplate(text string) (*template.Template, error) {
	return template.New("format").Option("missingkey=error").Funcs(template.FuncMap{
		"join": func(list []any, sep string) string {
			s := make([]string, len(list))
			for i, v := range list {
				s[i] = fmt.Sprint(v)
			}
			return strings.Join(s, sep)
		},
		"json": func(v any) (string, error) {
			b, err := json.Marshal(v)
			return string(b), err
		},
	}).Parse(text)
}

// writeTemplate runs tmpl on each event's JSON object, as --jsonl prints it, and ends
// each with a newline, as docker's and gh's --format do.
func writeTemplate(w io.Writer, tmpl *template.Template, events []*timeline.Event, mayOnly func(*timeline.Event) bool) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	var obj, b bytes.Buffer
	for _, e := range events {
		obj.Reset()
		if err := export.JSONListEvent(&obj, e, mayOnly); err != nil {
			return err
		}
		dec := json.NewDecoder(&obj)
		dec.UseNumber()
		var v map[string]any
		if err := dec.Decode(&v); err != nil {
			return err
		}
		b.Reset()
		if err := tmpl.Execute(&b, v); err != nil {
			return templateError(err, v)
		}
		b.WriteByte('\n')
		if _, err := bw.Write(b.Bytes()); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// writeJSONLines prints each event's JSON object on a line of its own.
func writeJSONLines(w io.Writer, events []*timeline.Event, mayOnly func(*timeline.Event) bool) error {
	bw := bufio.NewWriterSize(w, 32<<10)
	var obj, line bytes.Buffer
	for _, e := range events {
		obj.Reset()
		line.Reset()
		if err := export.JSONListEvent(&obj, e, mayOnly); err != nil {
			return err
		}
		if err := json.Compact(&line, obj.Bytes()); err != nil {
			return err
		}
		line.WriteByte('\n')
		if _, err := bw.Write(line.Bytes()); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// mayFallMark ends the line of an event that only may fall in the filter's dates.
const mayFallMark = "[may fall outside the dates]"

// mayFallShort marks those events on a terminal too narrow for mayFallMark beside a
// title: the explorer's mark.
const mayFallShort = "◌"

// termWidth returns the columns of w when it is a terminal, else 0: a list piped to a
// file or another program keeps whole titles.
func termWidth(w io.Writer) int {
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(f.Fd()) {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 0 {
			return cols
		}
	}
	return 0
}

// minTitle is the fewest columns fitTitle leaves a title: on a terminal too narrow for
// the columns before it, the line wraps rather than showing nothing of the title.
const minTitle = 16

// fitTitle cuts title with … to end by column width when it starts at column at, tail
// being the columns that follow it; width 0 keeps it whole. On a terminal a list reads
// one event a line, as the explorer's does, instead of wrapping mid-word (F21 of
// tryout3).
func fitTitle(title string, at, tail, width int) string {
	if width <= 0 {
		return title
	}
	return ansi.Truncate(title, max(width-at-tail, minTitle), "…")
}

// writeList prints DATE  ID  TITLE with the columns aligned, each date as the explorer's
// list writes it (Event.ShortSpan: "2024-06..07" for a window, never a duration). Colour is
// written as ANSI, for w (a colorWriter) to keep or drop as --color and NO_COLOR say.
// Titles are cut to end by column width (0: kept whole).
func writeList(w io.Writer, events []*timeline.Event, mayOnly func(*timeline.Event) bool, width int) error {
	idWidth, dateWidth := 0, 10
	for _, e := range events {
		idWidth = max(idWidth, lipgloss.Width(timeline.SanitizeLine(e.ID)))
		if e.Date.IsWindow() || !e.End.IsZero() || e.Date.From.Qual != 0 {
			dateWidth = max(dateWidth, lipgloss.Width(e.ShortSpan()))
		}
	}
	styles := ui.NewCLIStyles()
	for _, e := range events {
		id := timeline.SanitizeLine(e.ID)
		date := e.ShortSpan()
		at, mark := dateWidth+2+idWidth+2, ""
		if mayOnly != nil && mayOnly(e) {
			mark = mayFallMark
			if width > 0 && at+minTitle+2+len(mark) > width {
				mark = mayFallShort // as the explorer marks them
			}
		}
		tail := 0
		if mark != "" {
			tail = 2 + ansi.StringWidth(mark)
		}
		line := fmt.Sprintf("%s  %s%*s  %s",
			styles.Date.Render(date+strings.Repeat(" ", dateWidth-lipgloss.Width(date))),
			styles.ID.Render(id), idWidth-lipgloss.Width(id), "",
			fitTitle(timeline.SanitizeLine(e.Title), at, tail, width))
		if mark != "" {
			line += "  " + styles.Date.Render(mark)
		}
		line += "\n"
		if _, err := io.WriteString(w, line); err != nil {
			return err
		}
	}
	return nil
}

// missingField matches text/template's error for a field an event's object lacks:
// `template: format:1:2: executing "format" at <.Date>: map has no entry for key "Date"`.
var missingField = regexp.MustCompile(`^template: (\S+): executing "[^"]*" at <([^>]*)>: map has no entry for key "([^"]*)"$`)

// templateError words an error of --format's template. A field the objects lack, most
// often a Go name such as .Date or .ID, is named with the field it is closest to and the
// fields there are, which are lower case, as --jsonl prints them.
func templateError(err error, v map[string]any) error {
	m := missingField.FindStringSubmatch(err.Error())
	if m == nil {
		return usageErrorf("--format: %w", err)
	}
	at, expr, key := m[1], m[2], m[3]
	// The map the key was looked up in: the object, or a field of it (.date.Text).
	in := v
	parts := strings.Split(strings.TrimPrefix(expr, "."), ".")
	for _, p := range parts[:max(len(parts)-1, 0)] {
		next, ok := in[p].(map[string]any)
		if !ok {
			break
		}
		in = next
	}
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	hint := ""
	for _, k := range keys {
		if strings.EqualFold(k, key) || strings.EqualFold(strings.ReplaceAll(k, "_", ""), key) {
			hint = k
			break
		}
	}
	if hint == "" {
		hint = timeline.Suggest(strings.ToLower(key), keys)
	}
	if hint != "" {
		hint = "did you mean ." + hint + "? "
	}
	top := make([]string, 0, len(v))
	for k := range v {
		top = append(top, "."+k)
	}
	slices.Sort(top)
	return usageErrorf("--format: no field %q at %s; %sThe fields are those --jsonl prints, in lower case: %s", timeline.SanitizeLine(key), at, hint, strings.Join(top, ", "))
}
