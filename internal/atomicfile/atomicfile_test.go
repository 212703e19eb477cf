package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// entries lists a folder's names, to check that no temporary file is left behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

func onlyEntries(t *testing.T, dir string, want ...string) {
	t.Helper()
	got := entries(t, dir)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("folder holds %q, want %q (a temporary file left behind?)", got, want)
	}
}

func content(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newFileMode is the mode a new 0644 file gets under the process umask.
func newFileMode(t *testing.T) fs.FileMode {
	t.Helper()
	ref := filepath.Join(t.TempDir(), "ref")
	f, err := os.OpenFile(ref, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	st, err := os.Stat(ref)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode().Perm()
}

func TestWriteFileNew(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	if err := Write(path, []byte("hello\n"), false); err != nil {
		t.Fatal(err)
	}
	if got := content(t, path); got != "hello\n" {
		t.Errorf("content %q", got)
	}
	st, _ := os.Stat(path)
	if want := newFileMode(t); st.Mode().Perm() != want {
		t.Errorf("mode %v, want %v (0644 less the umask, as for any new file)", st.Mode().Perm(), want)
	}
	onlyEntries(t, dir, "out.md")
}

func TestWriteFileRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	os.WriteFile(path, []byte("precious"), 0o600)
	err := Write(path, []byte("new"), false)
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), path) {
		t.Fatalf("error %v, want ErrExists naming %s", err, path)
	}
	if got := content(t, path); got != "precious" {
		t.Errorf("content %q, want it untouched", got)
	}
	onlyEntries(t, dir, "out.md")
}

func TestWriteFileOverwriteKeepsPermissions(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	os.WriteFile(path, []byte("old old old"), 0o600)
	os.Chmod(path, 0o640)
	if err := Write(path, []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	if got := content(t, path); got != "new" {
		t.Errorf("content %q", got)
	}
	if runtime.GOOS != "windows" {
		if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
			t.Errorf("mode %v, want the old file's 0640", st.Mode().Perm())
		}
	}
	onlyEntries(t, dir, "out.md")
}

func TestWriteFileOverwriteFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.md")
	link := filepath.Join(dir, "link.md")
	os.WriteFile(real, []byte("old"), 0o644)
	if err := os.Symlink("real.md", link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if err := Write(link, []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Lstat(link); st.Mode()&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if got := content(t, real); got != "new" {
		t.Errorf("target content %q", got)
	}
	onlyEntries(t, dir, "link.md", "real.md")

	// A dangling link is a name that exists: not replaced without overwrite.
	dangling := filepath.Join(dir, "dangling.md")
	os.Symlink("missing.md", dangling)
	if err := Write(dangling, []byte("x"), false); !errors.Is(err, ErrExists) {
		t.Errorf("dangling link: error %v, want ErrExists", err)
	}
}

// TestWriteFileFailures: every way the target cannot be written gives an error that names
// it and says what to do, and leaves nothing behind.
func TestWriteFileFailures(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "afile"), []byte("x"), 0o644)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	tests := []struct {
		name, path string
		overwrite  bool
		want       string
	}{
		{"missing folder", filepath.Join(dir, "nope", "out.md"), false, "folder " + filepath.Join(dir, "nope") + " does not exist"},
		{"missing folder, force", filepath.Join(dir, "nope", "out.md"), true, "does not exist"},
		{"folder given", filepath.Join(dir, "sub"), false, "is a folder; give a file name such as"},
		{"folder given, force", filepath.Join(dir, "sub"), true, "is a folder"},
		{"file as folder", filepath.Join(dir, "afile", "out.md"), false, "not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(tt.path, []byte("data"), tt.overwrite)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Fatalf("error %v, want one naming %s and saying %q", err, tt.path, tt.want)
			}
		})
	}
	onlyEntries(t, dir, "afile", "sub")
	onlyEntries(t, filepath.Join(dir, "sub"))
}

func TestWriteFileReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("folder permissions do not bind here (Windows, or running as root)")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	err := Write(filepath.Join(dir, "out.md"), []byte("x"), false)
	if !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "no permission") {
		t.Fatalf("error %v, want a permission error that says so", err)
	}
	onlyEntries(t, dir)
}

// TestWriteFileWriteFails: when producing the content fails half-way, the old file is
// intact and the temporary file is gone.
func TestWriteFileWriteFails(t *testing.T) {
	for _, overwrite := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "out.md")
		if overwrite {
			os.WriteFile(path, []byte("old"), 0o644)
		}
		boom := errors.New("boom")
		err := WriteFunc(path, overwrite, func(w io.Writer) error {
			w.Write(make([]byte, 200_000)) // past the buffer, so some reaches the disk
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("error %v, want the writer's", err)
		}
		if overwrite {
			if got := content(t, path); got != "old" {
				t.Errorf("old file became %q bytes", got[:min(len(got), 20)])
			}
			onlyEntries(t, dir, "out.md")
		} else {
			onlyEntries(t, dir)
		}
	}
}

// TestWriteFileNoOverwriteRace: a file that appears after the check but before the new
// one takes its name is not replaced.
func TestWriteFileNoOverwriteRace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	racing := func(old, new string) error {
		os.WriteFile(path, []byte("theirs"), 0o644) // another process wins the race
		return os.Link(old, new)
	}
	err := writeFile(path, false, func(w io.Writer) error { _, err := io.WriteString(w, "ours"); return err }, racing)
	if !errors.Is(err, ErrExists) {
		t.Fatalf("error %v, want ErrExists", err)
	}
	if got := content(t, path); got != "theirs" {
		t.Errorf("content %q, want the other writer's file untouched", got)
	}
	onlyEntries(t, dir, "out.md")
}

// TestWriteFileWithoutHardLinks takes the fallback path of file systems without links.
func TestWriteFileWithoutHardLinks(t *testing.T) {
	noLinks := func(old, new string) error {
		return &os.LinkError{Op: "link", Old: old, New: new, Err: syscall.EPERM}
	}
	write := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	if err := writeFile(path, false, write("first"), noLinks); err != nil {
		t.Fatal(err)
	}
	if got := content(t, path); got != "first" {
		t.Errorf("content %q", got)
	}
	if err := writeFile(path, false, write("second"), noLinks); !errors.Is(err, ErrExists) {
		t.Errorf("error %v, want ErrExists", err)
	}
	racing := func(old, new string) error {
		os.WriteFile(new, []byte("theirs"), 0o644)
		return noLinks(old, new)
	}
	other := filepath.Join(dir, "other.md")
	if err := writeFile(other, false, write("ours"), racing); !errors.Is(err, ErrExists) {
		t.Errorf("race: error %v, want ErrExists", err)
	}
	if got := content(t, path); got != "first" {
		t.Errorf("content %q, want it untouched", got)
	}
	if got := content(t, other); got != "theirs" {
		t.Errorf("content %q, want the other writer's file untouched", got)
	}
	onlyEntries(t, dir, "other.md", "out.md")
}

// TestStaleTemporaryFiles checks that a write removes the temporary files that earlier
// writes to the same name left when they were killed (SIGKILL cannot be caught) once they
// are StaleAge old, and nothing else: not a fresh one, which may be another writer's,
// nor a file of another name.
func TestStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-StaleAge - time.Minute)
	files := map[string]bool{ // name: removed
		".out.md.tmp-3kq9z1x0a": true,
		".out.md.tmp-1":         true,
		".out.md.tmp-fresh1":    false,
		".out.md.tmp-NOT36":     false,
		".other.md.tmp-3kq9z1":  false,
		"out.md.tmp-3kq9z1":     false,
	}
	for name, removed := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
		if removed || name != ".out.md.tmp-fresh1" {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := Write(filepath.Join(dir, "out.md"), []byte("new"), false); err != nil {
		t.Fatal(err)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}
