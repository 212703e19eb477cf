package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// cacheFixture writes a timeline large enough for a snapshot and points the user's cache
// folder at a new one; it returns the timeline's path and the snapshot folder.
func cacheFixture(t *testing.T) (path, snaps string) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	t.Setenv("TLX_CACHE_LIMIT", "")
	path = filepath.Join(dir, "big.toml")
	if err := os.WriteFile(path, timelinetest.Generate(3000, 4), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, filepath.Join(dir, "cache", "tlx", "snapshots")
}

func snapshotFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*.snap"))
	return m
}

func TestCacheCommands(t *testing.T) {
	path, snaps := cacheFixture(t)
	code, want, errs := runCLI(t, "list", "-f", path, "--search", "tehran oman")
	if code != 0 {
		t.Fatalf("list: %d %s", code, errs)
	}
	files := snapshotFiles(t, snaps)
	if len(files) != 1 {
		t.Fatalf("after the first list: %d snapshots, want 1", len(files))
	}
	code, out, _ := runCLI(t, "cache", "info")
	if code != 0 || !strings.Contains(out, "snapshots: 1, ") || !strings.Contains(out, path) || strings.Contains(out, "(") {
		t.Errorf("cache info:\n%s", out)
	}

	// The second list reads the snapshot and prints the same.
	if _, got, _ := runCLI(t, "list", "-f", path, "--search", "tehran oman"); got != want {
		t.Errorf("from the snapshot, list printed otherwise")
	}

	// A damaged snapshot is not used: the list is the same, and the snapshot rewritten.
	b, _ := os.ReadFile(files[0])
	b[len(b)/2] ^= 0x10
	os.WriteFile(files[0], b, 0o600)
	if _, got, _ := runCLI(t, "list", "-f", path, "--search", "tehran oman"); got != want {
		t.Errorf("with a damaged snapshot, list printed otherwise")
	}
	if again, _ := os.ReadFile(files[0]); string(again) == string(b) {
		t.Error("the damaged snapshot was not rewritten")
	}

	code, out, _ = runCLI(t, "cache", "clear")
	if code != 0 || !strings.HasPrefix(out, "Removed 1 snapshots (") {
		t.Errorf("cache clear: %d %q", code, out)
	}
	if n := len(snapshotFiles(t, snaps)); n != 0 {
		t.Errorf("after clear: %d snapshots", n)
	}

	// --no-cache and validate neither read nor write one.
	if _, got, _ := runCLI(t, "list", "--no-cache", "-f", path, "--search", "tehran oman"); got != want {
		t.Errorf("--no-cache printed otherwise")
	}
	if code, _, errs := runCLI(t, "validate", path); code != 0 {
		t.Errorf("validate: %d %s", code, errs)
	}
	if n := len(snapshotFiles(t, snaps)); n != 0 {
		t.Errorf("after --no-cache and validate: %d snapshots, want none", n)
	}
}

// TestValidateParses: validate reports a file's problems even when the cache holds a
// snapshot of the same path taken before the file broke, and never reads one.
func TestValidateParses(t *testing.T) {
	path, _ := cacheFixture(t)
	if code, _, errs := runCLI(t, "list", "-f", path, "--search", "zzzz"); code != 0 {
		t.Fatalf("list: %s", errs)
	}
	data, _ := os.ReadFile(path)
	os.WriteFile(path, append(data, "\n[[events]]\nid = \"x\"\n"...), 0o644)
	code, out, _ := runCLI(t, "validate", path)
	if code != 1 || !strings.Contains(out, "missing date") {
		t.Errorf("validate of a broken file with a snapshot: %d\n%s", code, out)
	}
}

func TestCacheInfoEmpty(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	code, out, _ := runCLI(t, "cache", "info")
	if code != 0 || !strings.Contains(out, "snapshots: 0, 0 bytes of at most 1.0 GiB") {
		t.Errorf("cache info on nothing: %d\n%s", code, out)
	}
	t.Setenv("TLX_CACHE_LIMIT", "lots")
	if code, _, errs := runCLI(t, "cache", "info"); code != 1 || !strings.Contains(errs, "TLX_CACHE_LIMIT=lots") {
		t.Errorf("a bad limit: %d %q", code, errs)
	}
}
