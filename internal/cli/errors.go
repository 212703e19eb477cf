package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/ui"
)

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // the command could not do its work: bad file, problems found, write failed
	exitUsage   = 2 // the command line itself is wrong
	exitStopped = 130
)

// exitError carries an exit status. Its message, when not empty, is what the user sees.
// Errors get their status where they are made, by wrapping them in one: usage, failure
// or silent.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// usage marks err as a wrong command line: exit status 2.
func usage(err error) error { return &exitError{code: exitUsage, err: err} }

// usageErrorf reports a wrong command line: exit status 2. %w keeps the chain.
func usageErrorf(format string, args ...any) error { return usage(fmt.Errorf(format, args...)) }

// failure marks err as a command that could not do its work: exit status 1.
func failure(err error) error { return &exitError{code: exitFailed, err: err} }

// silent is an exit status whose message the command has already printed.
func silent(code int) error { return &exitError{code: code, err: errSilent} }

var errSilent = errors.New("")

// exitCode is the one place an error becomes an exit status: the status it was given
// where it was made, 130 for an interrupted command, else 1.
func exitCode(err error) int {
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.Is(err, context.Canceled):
		return exitStopped
	}
	return exitFailed
}

// printError prints a failure: each problem of a bad timeline on a line of its own,
// anything else on one line after "Error:", and, for a wrong command line, where the
// command's help is.
func (o *options) printError(w io.Writer, cmd *cobra.Command, err error) {
	if errors.Is(err, errSilent) || errors.Is(err, context.Canceled) {
		return
	}
	var problems timeline.Problems
	if errors.As(err, &problems) {
		printProblems(w, problems, maxProblems)
		return
	}
	cw := o.colorWriter(w)
	label := ui.NewCLIStyles().Error.Render("Error:")
	// Joined errors (several unknown filter names) print one a line.
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(cw, label, timeline.SanitizeLine(line))
	}
	if exitCode(err) == exitUsage && cmd != nil {
		fmt.Fprintf(cw, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
}

// maxProblems is how many problems of a file are printed unless validate --all-problems
// asks for every one: a generated file can have a million.
const maxProblems = 50

// printProblems prints problems one a line, at most max of them (all when max is 0), then
// how many were left out. It stops at the first failed write.
func printProblems(w io.Writer, problems timeline.Problems, max int) error {
	for i, p := range problems {
		if max > 0 && i == max {
			_, err := fmt.Fprintf(w, "... and %d more problems; tlx validate --all-problems prints them all\n", len(problems)-max)
			return err
		}
		if _, err := fmt.Fprintln(w, timeline.SanitizeLine(p.Error())); err != nil {
			return err
		}
	}
	return nil
}
