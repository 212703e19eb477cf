//go:build unix

package notebook

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPermissions: a notebook the reader may not read fails to open with a clear error;
// one in a folder the reader may not write to opens, and its change fails saying why,
// leaving the file as it was. Root may read and write anything, so as root the check runs
// in a helper process that drops to the user nobody.
func TestPermissions(t *testing.T) {
	dir := t.TempDir()
	os.Chmod(dir, 0o755)
	good := header + "version = 1\n\n[events.z]\nmarked = true\n"

	unreadable := filepath.Join(dir, "unreadable", "nb.toml")
	os.Mkdir(filepath.Dir(unreadable), 0o755)
	os.WriteFile(unreadable, []byte(good), 0o600)
	os.Chmod(unreadable, 0o000)

	locked := filepath.Join(dir, "locked", "nb.toml")
	os.Mkdir(filepath.Dir(locked), 0o755)
	os.WriteFile(locked, []byte(good), 0o644)
	os.Chmod(filepath.Dir(locked), 0o555)
	t.Cleanup(func() { os.Chmod(filepath.Dir(locked), 0o755) })

	tests := []struct {
		path       string
		open, mark string // what each error must say; "<nil>" for none
	}{
		{unreadable, "cannot read notebook " + unreadable + ": permission denied", "is read-only"},
		{locked, "<nil>", "no permission to create files in folder " + filepath.Dir(locked)},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(filepath.Dir(tt.path)), func(t *testing.T) {
			out := markAsUser(t, tt.path)
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "open: ") || !strings.HasPrefix(lines[1], "mark: ") {
				t.Fatalf("helper said:\n%s", out)
			}
			if !strings.Contains(lines[0], tt.open) {
				t.Errorf("%s\nwant it to say %q", lines[0], tt.open)
			}
			if !strings.Contains(lines[1], tt.mark) {
				t.Errorf("%s\nwant it to say %q", lines[1], tt.mark)
			}
			os.Chmod(tt.path, 0o644)
			if b, _ := os.ReadFile(tt.path); string(b) != good {
				t.Errorf("the notebook changed:\n%s", b)
			}
		})
	}
}

// markAsUser opens the notebook at path and marks an event, in this process unless it
// runs as root, else in a helper process running as nobody; it returns what the
// attempts said.
func markAsUser(t *testing.T, path string) string {
	t.Helper()
	if os.Getuid() != 0 {
		var b strings.Builder
		nb, err := Open(path, Options{})
		b.WriteString("open: " + errString(err) + "\n")
		_, err = nb.Mark("a", "")
		b.WriteString("mark: " + errString(err) + "\n")
		return b.String()
	}
	// nobody must be able to run the test binary: copy it where it can.
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(filepath.Dir(filepath.Dir(path)), "notebook.test")
	if _, err := os.Stat(bin); err != nil {
		copyFile(t, exe, bin)
	}
	// The test's own folders, up to the system's temporary folder, must let nobody in.
	root := filepath.Clean(os.TempDir())
	for d := filepath.Dir(bin); strings.HasPrefix(d, root+string(filepath.Separator)); d = filepath.Dir(d) {
		if st, err := os.Stat(d); err == nil && st.Mode().Perm()&0o005 != 0o005 {
			os.Chmod(d, st.Mode().Perm()|0o005)
		}
	}
	if st, err := os.Stat(root); err != nil || st.Mode().Perm()&0o001 == 0 {
		t.Skipf("the user nobody cannot enter %s, where the test's files are", root)
	}
	cmd := helperCmd(t, bin, "mark", path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper as nobody: %v\n%s", err, out)
	}
	return string(out)
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestFIFO: a named pipe given as the notebook is refused at once, not waited on.
func TestFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe.toml")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Open(path, Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is not a regular file") {
			t.Errorf("Open(fifo) = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Open waits on a named pipe")
	}
}
