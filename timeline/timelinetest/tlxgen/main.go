// Command tlxgen writes a synthetic timeline of N events to standard output or a file, so
// that anyone can reproduce the load and filter figures on a large file:
//
//	go run ./timeline/timelinetest/tlxgen -n 100000 -o /tmp/100k.toml
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

func main() {
	n := flag.Int("n", 1000, "number of events")
	seed := flag.Int64("seed", 1, "random seed; the same n and seed give the same file")
	out := flag.String("o", "", "write to `FILE` instead of standard output")
	flag.Parse()
	data := timelinetest.Generate(*n, *seed)
	var err error
	if *out == "" {
		_, err = os.Stdout.Write(data)
	} else {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tlxgen:", err)
		os.Exit(1)
	}
}
