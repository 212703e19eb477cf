package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/data"
	"github.com/tlx-dev/tlx/internal/loadgc"
	"github.com/tlx-dev/tlx/timeline"
)

func newValidateCmd(o *options) *cobra.Command {
	var verbose, all bool
	cmd := &cobra.Command{
		Use:   "validate [FILE...]",
		Short: "Check timeline files and print every problem",
		Long: `validate checks timeline files against the format (tlx help format) and prints every
problem it finds, one a line, on standard output (the first 50 of a file, then how many
more; --all-problems prints them all):

  FILE:LINE:COL: message; hint        where the place is known
  FILE: event N "id": message; hint   otherwise

It checks the built-in timeline when no FILE (and no --file) is given; "-" reads
standard input. It prints nothing for a valid file (FILE: ok with --verbose) and exits
with status 0 when every file is valid, 1 when any has a problem, 2 for a wrong command
line.`,
		Example: `  tlx validate mytimeline.toml
  tlx validate drafts/*.toml
  tlx validate -v                        # check the built-in timeline
  cat draft.toml | tlx validate -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return o.runValidate(cmd.InOrStdin(), cmd.OutOrStdout(), args, verbose, all)
		},
	}
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print FILE: ok for each valid file")
	cmd.Flags().BoolVar(&all, "all-problems", false, fmt.Sprintf("print every problem of a file, not only the first %d", maxProblems))
	return cmd
}

// validateSource is one timeline to check: its name in messages and how to read it.
type validateSource struct {
	name string
	read func() ([]byte, error)
}

func (o *options) runValidate(stdin io.Reader, stdout io.Writer, args []string, verbose, all bool) error {
	max := maxProblems
	if all {
		max = 0
	}
	var sources []validateSource
	if o.file != "" {
		args = append([]string{o.file}, args...)
	}
	for _, path := range args {
		switch path {
		case "-":
			sources = append(sources, validateSource{stdinName, func() ([]byte, error) {
				return timeline.ReadAll(stdinName, stdin)
			}})
		default:
			sources = append(sources, validateSource{path, func() ([]byte, error) { return timeline.ReadFile(path) }})
		}
	}
	if len(sources) == 0 {
		sources = append(sources, validateSource{data.Name, func() ([]byte, error) { return data.Timeline, nil }})
	}

	failed := false
	for _, src := range sources {
		problems := check(src)
		if len(problems) == 0 {
			if verbose {
				fmt.Fprintf(stdout, "%s: ok\n", timeline.SanitizeLine(src.name))
			}
			continue
		}
		failed = true
		if err := printProblems(stdout, problems, max); err != nil {
			return failure(fmt.Errorf("write: %w", err))
		}
	}
	if failed {
		return silent(exitFailed)
	}
	return nil
}

// check reads and loads one source and returns its problems, none when it is valid.
func check(src validateSource) timeline.Problems {
	b, err := src.read()
	if err == nil {
		restore := loadgc.Tighten(len(b))
		_, err = timeline.Open(src.name, b)
		restore()
	}
	if err == nil {
		return nil
	}
	var problems timeline.Problems
	if errors.As(err, &problems) {
		return problems
	}
	var p *timeline.Problem
	if errors.As(err, &p) {
		return timeline.Problems{p}
	}
	return timeline.Problems{{File: src.name, Kind: timeline.ErrFile, Msg: err.Error()}}
}
