package cli

import (
	"fmt"
	"io"
	"os"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/tlx-dev/tlx/internal/manual"
	"github.com/tlx-dev/tlx/ui"
)

// colorFlag is --color: when output carries colour and other styles.
type colorFlag string

// The values of --color.
const (
	colorAuto   colorFlag = "auto"   // on a terminal, unless NO_COLOR is set
	colorAlways colorFlag = "always" // even into a pipe or a file, NO_COLOR or not
	colorNever  colorFlag = "never"  // never an escape sequence
)

func (c *colorFlag) String() string { return string(*c) }
func (c *colorFlag) Type() string   { return "string" }
func (c *colorFlag) Set(s string) error {
	switch v := colorFlag(s); v {
	case colorAuto, colorAlways, colorNever:
		*c = v
		return nil
	}
	return fmt.Errorf("want auto, always or never, got %q", s)
}

// noColorEnv reports whether NO_COLOR is set to anything but the empty string, which
// the convention (no-color.org) says turns colour off; colorprofile reads only values
// such as 1 and true.
func noColorEnv() bool { return os.Getenv("NO_COLOR") != "" }

// colorProfile is what output to w may carry: with --color=auto, colour on a terminal
// unless NO_COLOR is set (bold and italics stay, as the convention allows), nothing
// into a pipe or a file; --color=always and never decide alone.
func (o *options) colorProfile(w io.Writer) colorprofile.Profile {
	switch o.color {
	case colorNever:
		return colorprofile.NoTTY
	case colorAlways:
		return colorprofile.ANSI // the styles use the 16 ANSI colours alone
	}
	p := colorprofile.Detect(w, os.Environ())
	if noColorEnv() && p > colorprofile.Ascii {
		p = colorprofile.Ascii
	}
	return p
}

// colorWriter writes to w what its colour profile allows, dropping the rest.
func (o *options) colorWriter(w io.Writer) *colorprofile.Writer {
	return &colorprofile.Writer{Forward: w, Profile: o.colorProfile(w)}
}

// textStyles colour the text of help pages.
func (o *options) textStyles() manual.Styles {
	s := ui.NewCLIStyles()
	render := func(st lipgloss.Style) func(string) string {
		return func(text string) string { return st.Render(text) }
	}
	return manual.Styles{Heading: render(s.Heading), Term: render(s.Term), Arg: render(s.Arg)}
}
