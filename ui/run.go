// Package ui is tlx's explorer: a Bubble Tea program that reads a timeline.
package ui

import (
	"context"
	"errors"
	"io"

	"github.com/tlx-dev/tlx/timeline"
)

// Options says what the explorer opens.
type Options struct {
	Name    string                 // names the timeline in the title bar and messages
	Read    func() ([]byte, error) // reads the timeline's TOML
	Filter  timeline.Filter        // filters applied at start
	Version string                 // tlx version, for exports
	Stdin   io.Reader
	Stdout  io.Writer
}

// Run opens the explorer and returns when the user quits.
func Run(ctx context.Context, opts Options) error {
	return errors.New("the explorer is not built yet; use tlx list")
}
