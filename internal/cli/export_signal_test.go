//go:build unix

package cli

import (
	"context"
	"errors"
	"os"
	"syscall"
	"testing"
	"time"
)

// TestStopOnSignal checks that each signal that ends a process and can be caught cancels
// an export's context with its name and exit status, instead of ending the process with
// the temporary file in place. (The end-to-end test, TestExportSignals in main_test,
// sends them to a real export.)
func TestStopOnSignal(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		name string
		code int
	}{
		{syscall.SIGINT, "SIGINT", 130}, {syscall.SIGTERM, "SIGTERM", 143},
		{syscall.SIGHUP, "SIGHUP", 129}, {syscall.SIGQUIT, "SIGQUIT", 131},
	} {
		ctx, stop := stopOnSignal(context.Background())
		if err := syscall.Kill(os.Getpid(), tc.sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(10 * time.Second):
			t.Fatalf("%s did not stop the export", tc.name)
		}
		var sig signalError
		if !errors.As(context.Cause(ctx), &sig) || sig.name() != tc.name || sig.exitCode() != tc.code {
			t.Errorf("%s: cause %v, exit %d", tc.name, context.Cause(ctx), sig.exitCode())
		}
		stop()
	}
}
