package ui

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/tlx-dev/tlx/internal/atomicfile"
)

// TestExportResult: how an export ended is read from the write's error first. A signal
// that cancels the export after its last write, while the file is being put in place,
// does not make a written file read as cancelled: TestExplorerStopDuringExport/SIGTERM
// once saw "cancelled (stopped by SIGTERM): the temporary file was removed and out.md was
// left as it was" with out.md written.
func TestExportResult(t *testing.T) {
	stopped := errors.New("stopped by SIGTERM")
	live := context.Background()
	cancelled, cancel := context.WithCancelCause(context.Background())
	cancel(stopped)
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want exportedMsg
	}{
		{"written", live, nil, exportedMsg{n: 3, path: "out.md"}},
		{"written, then the signal", cancelled, nil, exportedMsg{n: 3, path: "out.md"}},
		{"stopped by the signal", cancelled, fmt.Errorf("write: %w", stopped), exportedMsg{path: "out.md", err: stopped, cancelled: true}},
		{"appeared meanwhile", live, atomicfile.ErrExists, exportedMsg{path: "out.md", exists: true}},
		{"failed", live, errors.New("disk full"), exportedMsg{path: "out.md", err: errors.New("disk full")}},
	}
	for _, tt := range tests {
		got := exportResult(tt.ctx, "out.md", 3, tt.err)
		if got.n != tt.want.n || got.path != tt.want.path || got.exists != tt.want.exists || got.cancelled != tt.want.cancelled ||
			fmt.Sprint(got.err) != fmt.Sprint(tt.want.err) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
