package cli

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tlx-dev/tlx/timeline"
)

// noArgs is the Args of a command that takes none. Given one, a command with subcommands
// says it knows no such command and suggests the nearest ("tlx lst": did you mean
// list?), or -f for a word that names a file.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if !cmd.HasSubCommands() {
		return usageErrorf("%s takes no arguments, got %s", cmd.CommandPath(), quoteArg(args[0]))
	}
	msg := fmt.Sprintf("unknown command %s for %q", quoteArg(args[0]), cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return usageErrorf("%s; did you mean %s?", msg, quoteArg(s[0]))
	}
	if fi, err := os.Stat(args[0]); err == nil && !fi.IsDir() && cmd == cmd.Root() {
		return usageErrorf("%s; to open the file, give it with -f: %s -f %s", msg, cmd.CommandPath(), args[0])
	}
	return usageErrorf("%s; run %q for the list", msg, cmd.CommandPath()+" --help")
}

// argsRange is the Args of a command that takes from least to most arguments (most < 0: any
// number), as its Use line names them after the command's name: "ID [LABELS]".
func argsRange(least, most int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		names := strings.TrimSpace(strings.TrimPrefix(cmd.Use, cmd.Name()))
		use := cmd.CommandPath() + " " + names
		switch {
		case len(args) < least:
			// The arguments it needs are the words outside brackets.
			missing := strings.Fields(optional.ReplaceAllString(names, ""))
			missing = missing[min(len(args), len(missing)):]
			return usageErrorf("%s: missing %s; usage: %s", cmd.CommandPath(), strings.Join(missing, " "), use)
		case most >= 0 && len(args) > most:
			return usageErrorf("%s: too many arguments (%s); usage: %s", cmd.CommandPath(), quoteArgs(args), use)
		}
		return nil
	}
}

// optional matches the optional parts of a Use line: [LABELS].
var optional = regexp.MustCompile(`\[[^]]*\]`)

// quoteArgs quotes arguments from the command line for a message.
func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = quoteArg(a)
	}
	return strings.Join(q, " ")
}

// typeUsageErrors makes every error cobra finds in a command line a usage error (exit
// status 2) where cobra makes it, so that no one need recognise cobra's messages: a flag
// that does not parse, through the flag error function every command inherits; and
// arguments a command does not take, by wrapping each command's Args, cobra's own
// commands (completion, help) included. A command without Args would get cobra's
// untyped default, so it is given one, and one that has subcommands is given noArgs; a command that only groups others (completion)
// fails when given none of them instead of printing its help.
func typeUsageErrors(root *cobra.Command) {
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usage(suggestFlag(cmd, err)) })
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	root.InitDefaultVersionFlag()
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		check := c.Args
		switch {
		case c.HasSubCommands():
			check = noArgs // a word that is not one of them: say so, and suggest
		case check == nil:
			check = cobra.ArbitraryArgs
		}
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usage(err)
			}
			return nil
		}
		c.SuggestionsMinimumDistance = 2 // cobra's default, which it applies only itself
		c.InitDefaultHelpFlag()          // now, not as it runs, so that help and man list it
		if !c.Runnable() && c.HasSubCommands() {
			// cobra would print the help and exit 0, without even looking at the
			// arguments: "tlx completion zssh" would seem to work.
			c.RunE = func(cmd *cobra.Command, _ []string) error {
				var names []string
				for _, sub := range cmd.Commands() {
					if sub.IsAvailableCommand() {
						names = append(names, sub.Name())
					}
				}
				return usageErrorf("%s needs one of: %s", cmd.CommandPath(), strings.Join(names, ", "))
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// quoteArg quotes a value from the command line for a message.
func quoteArg(s string) string { return fmt.Sprintf("%q", s) }

// suggestFlag adds to an unknown long flag's error the nearest flag the command has, as
// an unknown command gets the nearest command: "unknown flag: --actr; did you mean
// --actor?". Other errors are returned as they are.
func suggestFlag(cmd *cobra.Command, err error) error {
	var ne *pflag.NotExistError
	if !errors.As(err, &ne) || ne.GetSpecifiedName() == "" {
		return err
	}
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if near := timeline.Suggest(ne.GetSpecifiedName(), names); near != "" {
		return fmt.Errorf("%w; did you mean --%s?", err, near)
	}
	return err
}
