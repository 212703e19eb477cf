package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tlx-dev/tlx/internal/manual/mantest"
	"github.com/tlx-dev/tlx/ui"
)

// runMan runs tlx man with args and returns the roff.
func runMan(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), Build{Version: "test", Date: "2026-01-02T03:04:05Z"}, append([]string{"man"}, args...), &out, &errb)
	if code != 0 {
		t.Fatalf("tlx man %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.Bytes()
}

// TestManGolden compares each page tlx man writes with its golden roff (go test
// ./internal/cli -run TestManGolden -update rewrites them).
func TestManGolden(t *testing.T) {
	for _, page := range []string{"tlx", "tlx-format", "tlx-notebook"} {
		t.Run(page, func(t *testing.T) {
			got := runMan(t, page)
			golden := filepath.Join("testdata", page+".man.golden")
			if *updateGolden {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (-update writes it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("tlx man %s differs from %s (-update rewrites it)", page, golden)
			}
		})
	}
}

// renderedMan is tlx(1) as man shows it at 80 columns, checked to render without a
// warning from groff.
func renderedMan(t *testing.T) string {
	t.Helper()
	text, warnings := mantest.Render(t, runMan(t))
	if warnings != "" {
		t.Errorf("man warns about tlx(1):\n%s", warnings)
	}
	return text
}

// TestManRendered reads tlx(1) as man renders it: the sections a reader looks for, flags
// written as -a, --actor, and paragraphs that are paragraphs.
func TestManRendered(t *testing.T) {
	text := renderedMan(t)
	for _, section := range []string{"NAME", "SYNOPSIS", "DESCRIPTION", "FILTERS", "OPTIONS", "COMMANDS", "KEYS",
		"COLOURS AND MARKS", "FILES", "ENVIRONMENT", "EXIT STATUS", "EXAMPLES", "SEE ALSO"} {
		if !regexp.MustCompile(`(?m)^` + section + `$`).MatchString(text) {
			t.Errorf("tlx(1) has no section %s", section)
		}
	}
	for _, bad := range []string{"--a --actor", "--f --file", "--s --search"} {
		if strings.Contains(text, bad) {
			t.Errorf("tlx(1) writes a flag as %q", bad)
		}
	}
	for _, want := range []string{"-a, --actor ACTOR", "-f, --file FILE", "--marked[=LABEL]", "NO_COLOR", "tlx-format(5)"} {
		if !strings.Contains(text, want) {
			t.Errorf("tlx(1) lacks %q", want)
		}
	}
	// The description is one paragraph of several lines, not a paragraph a line.
	desc := regexp.MustCompile(`(?s)DESCRIPTION\n(.*?)\n\n`).FindStringSubmatch(text)
	if desc == nil || strings.Count(desc[1], "\n") < 2 {
		t.Errorf("tlx(1)'s description does not start with a paragraph of several lines:\n%v", desc)
	}
}

// TestManHasEveryFlag: every flag of every command, cobra's own included, is in tlx(1),
// as it is written there: "-a, --actor" for one with a short form.
func TestManHasEveryFlag(t *testing.T) {
	text := strings.Join(strings.Fields(renderedMan(t)), " ")
	root, _ := newRoot(Build{Version: "test"})
	checked := 0
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			want := "--" + f.Name
			if f.Shorthand != "" {
				want = "-" + f.Shorthand + ", --" + f.Name
			}
			if !strings.Contains(text, want) {
				t.Errorf("tlx(1) lacks %s's flag %s", c.CommandPath(), want)
			}
			checked++
		})
		for _, sub := range c.Commands() {
			if !sub.Hidden {
				walk(sub)
			}
		}
	}
	walk(root)
	if checked < 40 {
		t.Errorf("checked only %d flags", checked)
	}
}

// TestManHasEveryKey: the keys section is the explorer's help, row for row.
func TestManHasEveryKey(t *testing.T) {
	text := strings.Join(strings.Fields(renderedMan(t)), " ")
	for _, sec := range ui.KeyHelp() {
		if !strings.Contains(text, sec.Title) {
			t.Errorf("tlx(1) lacks the keys' section %q", sec.Title)
		}
		for _, r := range sec.Rows {
			want := strings.Join(strings.Fields(r.Keys+" "+r.Desc), " ")
			if !strings.Contains(text, want) {
				t.Errorf("tlx(1) lacks the key %q", want)
			}
		}
	}
	for _, r := range ui.MarkLegend() {
		if want := strings.Join(strings.Fields(r.Keys+" "+r.Desc), " "); !strings.Contains(text, want) {
			t.Errorf("tlx(1) lacks the mark %q", want)
		}
	}
}

// TestManPagesRender: the reference pages render without a warning, and keep their
// tables.
func TestManPagesRender(t *testing.T) {
	for _, page := range []string{"tlx-format", "tlx-notebook"} {
		text, warnings := mantest.Render(t, runMan(t, page))
		if warnings != "" {
			t.Errorf("man warns about %s:\n%s", page, warnings)
		}
		if !strings.Contains(text, strings.ToUpper(page)) {
			t.Errorf("%s renders as:\n%s", page, text)
		}
	}
	code, _, errOut := runCLI(t, "man", "nope")
	if code != exitUsage || !strings.Contains(errOut, "the pages are tlx, tlx-format, tlx-notebook") {
		t.Errorf("tlx man nope: exit %d, %q", code, errOut)
	}
}
