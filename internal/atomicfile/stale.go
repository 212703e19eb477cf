package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// StaleAge is how old a temporary file of ours must be before a later write to the same
// name removes it. A write removes its temporary file on every failure and on every signal
// its caller catches; only SIGKILL, a crash or a power cut leave one behind, hidden, as
// .NAME.tmp-XXXX beside NAME. No write takes an hour, so one that old is abandoned.
const StaleAge = time.Hour

// removeStale removes the abandoned temporary files of earlier writes to base in dir:
// regular files named as createTemp names them, last modified StaleAge or more before
// now. It is best effort: a file it cannot remove stays.
func removeStale(dir, base string, now time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := "." + base + ".tmp-"
	for _, e := range entries {
		suffix, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || suffix == "" || strings.Trim(suffix, "0123456789abcdefghijklmnopqrstuvwxyz") != "" || !e.Type().IsRegular() {
			continue // not a file createTemp made
		}
		if st, err := e.Info(); err == nil && now.Sub(st.ModTime()) >= StaleAge {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
