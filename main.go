// Command tlx explores a timeline of dated, sourced events in the terminal.
package main

import (
	"context"
	"os"

	"github.com/tlx-dev/tlx/internal/cli"
)

// Set by GoReleaser with -ldflags -X.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

func main() {
	os.Exit(cli.Execute(context.Background(), cli.Build{Version: version, Commit: commit, Date: date}, os.Args[1:]))
}
