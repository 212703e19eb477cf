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

// TestSymlinkChain re-points the middle link of link1 -> link2 -> file, each in a folder
// of its own: what link1 reads changes though neither link1 nor the file did.
func TestSymlinkChain(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"a", "b", "c"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
	}
	file := filepath.Join(dir, "c", "t.toml")
	other := filepath.Join(dir, "c", "u.toml")
	write(t, file, "one")
	write(t, other, "other")
	link2 := filepath.Join(dir, "b", "link2.toml")
	link1 := filepath.Join(dir, "a", "link1.toml")
	if err := os.Symlink("../c/t.toml", link2); err != nil { // relative, as ln -s often makes them
		t.Skip("no symbolic links here:", err)
	}
	if err := os.Symlink(link2, link1); err != nil {
		t.Fatal(err)
	}
	w, err := New(link1, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()

	write(t, file, "two")
	told(t, w, "a write to the end of the chain")

	// Re-point the middle link, as ln -sf does: a new link renamed over the old.
	tmp := filepath.Join(dir, "b", ".link2.tmp")
	if err := os.Symlink("../c/u.toml", tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, link2); err != nil {
		t.Fatal(err)
	}
	told(t, w, "the middle link pointed at another file")
	if b, _ := os.ReadFile(link1); string(b) != "other" {
		t.Fatalf("link1 reads %q, want the new target's", b)
	}
	write(t, other, "other, changed")
	told(t, w, "a write to the chain's new end")
	write(t, file, "three")
	quiet(t, w, "the file the chain no longer leads to")

	// Removed and made again, the middle link is still watched.
	os.Remove(link2)
	if err := os.Symlink(file, link2); err != nil {
		t.Fatal(err)
	}
	told(t, w, "the middle link made again")
	write(t, file, "four")
	told(t, w, "a write to the first file again")
}

// TestSymlinkLoop: a loop of links is watched without hanging, and told when broken.
func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.toml"), filepath.Join(dir, "b.toml")
	if err := os.Symlink(b, a); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(a, b)
	w, err := New(a, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if got := chain(a); len(got) != maxLinks+1 {
		t.Fatalf("chain of a loop: %d names, want %d", len(got), maxLinks+1)
	}
	os.Remove(b)
	write(t, b, "now a file")
	told(t, w, "the loop broken by a file")
}
