package main

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// TestVersion builds the binary as a user would and as GoReleaser does, and checks what
// --version prints: "dev" unless the release stamped a version, and then the commit too.
func TestVersion(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	tests := []struct {
		name    string
		ldflags string
		want    string
	}{
		{"go build", "", "tlx version dev\n"},
		{
			"release build",
			"-s -w -X main.version=1.2.3 -X main.commit=0123456789abcdef0123456789abcdef01234567 -X main.date=2026-01-02T03:04:05Z",
			"tlx version 1.2.3 (0123456)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exe := filepath.Join(t.TempDir(), "tlx")
			build := exec.Command(gobin, "build", "-o", exe, "-ldflags", tt.ldflags, ".")
			if out, err := build.CombinedOutput(); err != nil {
				t.Fatalf("go build -ldflags %q: %v\n%s", tt.ldflags, err, out)
			}
			for _, flag := range []string{"--version", "-v"} {
				out, err := exec.Command(exe, flag).Output()
				if err != nil {
					t.Fatalf("tlx %s: %v", flag, err)
				}
				if got := string(out); got != tt.want {
					t.Errorf("tlx %s printed %q, want %q", flag, got, tt.want)
				}
			}
		})
	}
}
