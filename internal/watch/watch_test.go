package watch

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// told waits for w to tell of a change.
func told(t *testing.T, w *Watcher, what string) {
	t.Helper()
	select {
	case <-w.C:
	case err := <-w.Errors:
		t.Fatalf("%s: %v", what, err)
	case <-time.After(10 * time.Second):
		t.Fatalf("%s: no change told", what)
	}
}

// quiet checks that w tells of nothing for a while.
func quiet(t *testing.T, w *Watcher, what string) {
	t.Helper()
	select {
	case <-w.C:
		t.Fatalf("%s: a change was told", what)
	case <-time.After(5 * Settle):
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renameSave saves text to path as most editors do: a new file renamed over the old.
func renameSave(t *testing.T, path, text string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(path), ".save.tmp")
	write(t, tmp, text)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestSaveStyles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.toml")
	write(t, path, "one")
	w, err := New(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	write(t, path, "two") // truncate and write
	told(t, w, "truncate and write")
	renameSave(t, path, "three")
	told(t, w, "a rename over the file")
	renameSave(t, path, "four") // the watch survives the first rename
	told(t, w, "a second rename")

	// A burst of writes is told once.
	for _, s := range []string{"a", "ab", "abc"} {
		write(t, path, s)
	}
	told(t, w, "a burst")
	quiet(t, w, "after a burst")

	// Other files of the folder are not the file.
	write(t, filepath.Join(dir, ".t.toml.swp"), "swap")
	write(t, filepath.Join(dir, "other.toml"), "other")
	quiet(t, w, "other files")

	// Removed, then written again.
	os.Remove(path)
	write(t, path, "back")
	told(t, w, "removed and written again")
}

func TestSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	os.Mkdir(real, 0o755)
	target := filepath.Join(real, "t.toml")
	write(t, target, "one")
	link := filepath.Join(dir, "link.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	w, err := New(link, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	write(t, link, "two") // through the link: writes the target
	told(t, w, "a write through the link")
	renameSave(t, target, "three") // the target replaced in its own folder
	told(t, w, "the target renamed over")

	// The link pointed elsewhere.
	other := filepath.Join(real, "u.toml")
	write(t, other, "other")
	quiet(t, w, "a file the link does not name")
	tmpLink := filepath.Join(dir, ".link.tmp")
	os.Symlink(other, tmpLink)
	os.Rename(tmpLink, link)
	told(t, w, "the link pointed at another file")
	write(t, other, "other, changed")
	told(t, w, "a write to the link's new target")
}
