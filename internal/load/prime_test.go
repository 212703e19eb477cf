package load

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tlx-dev/tlx/internal/snapshot"
	"github.com/tlx-dev/tlx/timeline"
)

// TestPrime: a File opened from its snapshot, once primed, answers a save of the same
// bytes with ErrUnchanged (it keeps them) and reloads an edit as a fresh open reads it; a
// file that changed before the priming is not primed, and its next reload shows the change.
func TestPrime(t *testing.T) {
	dir := t.TempDir()
	store := &snapshot.Store{Dir: filepath.Join(dir, "cache")}
	path, data := large(t, dir)
	f, _ := open(t, path, Options{Store: store})
	if f.Prime() {
		t.Error("a File whose open parsed was primed")
	}
	if _, err := f.WriteSnapshot(); err != nil {
		t.Fatal(err)
	}

	f, _ = open(t, path, Options{Store: store})
	if f.Origin() != Snapshot {
		t.Fatalf("origin %v, want the snapshot", f.Origin())
	}
	if !f.Prime() {
		t.Fatal("a File opened from the snapshot of its bytes was not primed")
	}
	if _, err := f.Reload(Options{}); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("the same bytes after priming: %v, want ErrUnchanged", err)
	}
	at := bytes.LastIndex(data, []byte("\ntitle = \"")) + len("\ntitle = \"")
	edited := append(append(bytes.Clone(data[:at]), "Edited "...), data[at:]...)
	os.WriteFile(path, edited, 0o644)
	got, err := f.Reload(Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := timeline.Open(path, edited)
	if err != nil {
		t.Fatal(err)
	}
	if titles(got) != titles(want) || f.Reused() != len(want.Events)-1 {
		t.Errorf("the reload after priming differs from a fresh open, or reused %d events, want %d", f.Reused(), len(want.Events)-1)
	}

	// Changed between the open from the snapshot and the priming: in the top of the file,
	// where no event's bytes tell.
	os.WriteFile(path, data, 0o644)
	if _, err := f.Reload(Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteSnapshot(); err != nil {
		t.Fatal(err)
	}
	f, _ = open(t, path, Options{Store: store})
	top := bytes.Replace(data, []byte("title = \""), []byte("title = \"Changed "), 1)
	os.WriteFile(path, top, 0o644)
	if f.Prime() {
		t.Error("a File was primed with bytes its snapshot was not taken of")
	}
	got, err = f.Reload(Options{})
	if err != nil {
		t.Fatalf("the reload after the change: %v", err)
	}
	if want, _ := timeline.Open(path, top); got.Title != want.Title {
		t.Errorf("title %q after the reload, want %q", got.Title, want.Title)
	}
}
