package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime/pprof"
	"testing"

	"github.com/tlx-dev/tlx/internal/cli"
	"github.com/tlx-dev/tlx/internal/load"
	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// TestPGOProfile writes the CPU profile that tlx is built with. go build and go run read
// default.pgo beside main.go and optimize the hot paths it shows, in tlx and in the
// libraries it calls (profile-guided optimization: https://go.dev/doc/pgo). It runs only
// when TLX_PGO names the file to write:
//
//	TLX_PGO=$PWD/default.pgo go test -count=1 -run '^TestPGOProfile$' .
//
// The profile is of what takes tlx's time on a large file: first loads, by a command and
// by the explorer's loader, a reopen from the snapshot, a search, and a reload after an
// edit. Write it again when the load's code changes much; docs/performance.md says what
// it gains.
func TestPGOProfile(t *testing.T) {
	out := os.Getenv("TLX_PGO")
	if out == "" {
		t.Skip("set TLX_PGO=FILE to write the profile tlx is built with")
	}
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	big := filepath.Join(dir, "big.toml")
	data := timelinetest.Generate(100_000, 1)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	run := func(args ...string) {
		t.Helper()
		stdout := os.Stdout
		os.Stdout = null // the lists found
		defer func() { os.Stdout = stdout }()
		if code := cli.Execute(context.Background(), cli.Build{Version: "dev"}, args); code != 0 {
			t.Fatalf("tlx %q: exit %d", args, code)
		}
	}

	var prof bytes.Buffer
	if err := pprof.StartCPUProfile(&prof); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		run("list", "-f", big, "--within", "2100", "--no-cache")
	}
	run("list", "-f", big, "--within", "2100")               // writes the snapshot
	run("list", "-f", big, "--search", "oman", "--no-cache") // a search
	run("list", "-f", big, "--search", "oman")               // from the snapshot

	// The explorer's loader: events shown while they load, each event keyed and given its
	// search text as it is decoded; then a save of one edited event.
	f, tl, err := load.Open(big, load.Options{NoCache: true, Partial: func(*timeline.Timeline) {}})
	if err != nil {
		t.Fatal(err)
	}
	edited := editTitle(t, data, tl.Events[0].Line, "Edited")
	if err := os.WriteFile(big, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Reload(load.Options{}); err != nil {
		t.Fatal(err)
	}
	pprof.StopCPUProfile()
	if err := os.WriteFile(out, prof.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
