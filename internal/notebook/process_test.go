package notebook

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The test binary doubles as a helper process: with TLX_NOTEBOOK_HELPER set, it does
// one job on a notebook instead of running the tests, so that tests can run several real
// processes against one file.
func TestMain(m *testing.M) {
	if job := os.Getenv("TLX_NOTEBOOK_HELPER"); job != "" {
		os.Exit(helper(job))
	}
	os.Exit(m.Run())
}

// helper runs one job; its output is read by the test that started it.
func helper(job string) int {
	path := os.Getenv("TLX_NOTEBOOK_PATH")
	switch job {
	case "writer":
		return writer(path, os.Getenv("TLX_NOTEBOOK_WRITER"))
	case "mark":
		// Open, then mark: report both errors, for the permission tests.
		nb, err := Open(path, Options{})
		fmt.Printf("open: %v\n", err)
		if nb != nil {
			_, err = nb.Mark("a", "")
			fmt.Printf("mark: %v\n", err)
		}
		return 0
	}
	fmt.Fprintln(os.Stderr, "unknown helper job", job)
	return 2
}

// writerNotes is how many notes each writer process writes.
const writerNotes = 60

// writer waits for the start file, then writes its own notes, marks a shared event with
// its own label, and appends its own lines to one shared note, as a reader would in two
// windows at once.
func writer(path, name string) int {
	start := path + ".start"
	for deadline := time.Now().Add(30 * time.Second); ; {
		if _, err := os.Stat(start); err == nil {
			break
		}
		if time.Now().After(deadline) {
			fmt.Fprintln(os.Stderr, "no start signal")
			return 1
		}
		time.Sleep(time.Millisecond)
	}
	nb, err := Open(path, Options{LockWait: 30 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var base string
	for i := range writerNotes {
		id := fmt.Sprintf("%s-%03d", name, i)
		if _, _, err := nb.EditNote(id, "", "note "+strconv.Itoa(i)+" by "+name+"\nsecond line"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		switch i % 10 {
		case 0:
			// The reader opens the shared note in an editor...
			base = nb.State().Note("shared")
		case 9:
			// ... and saves it after a while, during which the other process may have
			// saved it too: then both texts are kept.
			if _, _, err := nb.EditNote("shared", base, base+"\nline "+strconv.Itoa(i)+" by "+name); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			if _, err := nb.Mark("shared", name); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
		}
	}
	return 0
}

// helperCmd returns a command that runs the test binary as a helper doing job on path.
func helperCmd(t *testing.T, exe, job, path string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "TLX_NOTEBOOK_HELPER="+job, "TLX_NOTEBOOK_PATH="+path)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

// TestTwoProcesses runs two real processes writing notes to one notebook at once, and
// checks that every note each wrote survives, with both marks and every line of the
// note both edited.
func TestTwoProcesses(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "shared.toml")
	writers := []string{"one", "two"}
	var wg sync.WaitGroup
	outs := make([]string, len(writers))
	errs := make([]error, len(writers))
	for i, name := range writers {
		cmd := helperCmd(t, exe, "writer", path, "TLX_NOTEBOOK_WRITER="+name)
		wg.Go(func() {
			out, err := cmd.CombinedOutput()
			outs[i], errs[i] = string(out), err
		})
	}
	os.WriteFile(path+".start", nil, 0o644) // both are waiting for it: go
	wg.Wait()
	for i := range writers {
		if errs[i] != nil {
			t.Fatalf("writer %s: %v\n%s", writers[i], errs[i], outs[i])
		}
	}
	nb, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := nb.State()
	for _, name := range writers {
		for i := range writerNotes {
			id := fmt.Sprintf("%s-%03d", name, i)
			want := "note " + strconv.Itoa(i) + " by " + name + "\nsecond line"
			if got := s.Note(id); got != want {
				t.Errorf("note %s = %q, want %q", id, got, want)
			}
		}
		if !s.HasLabel("shared", name) {
			t.Errorf("the shared event lost %s's label", name)
		}
		for i := 9; i < writerNotes; i += 10 {
			line := "line " + strconv.Itoa(i) + " by " + name
			if !strings.Contains(s.Note("shared"), line) {
				t.Errorf("the shared note lost %q:\n%s", line, s.Note("shared"))
			}
		}
	}
	if got, want := s.Len(), 2*writerNotes+1; got != want {
		t.Errorf("%d entries, want %d", got, want)
	}
	if _, err := os.Stat(lockPath(path)); !os.IsNotExist(err) {
		t.Errorf("the lock file stays: %v", err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*tmp*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestGoroutines is TestTwoProcesses within one process: notebooks opened separately
// on one file, written from many goroutines, lose nothing.
func TestGoroutines(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nb.toml")
	const workers, each = 4, 15
	var wg sync.WaitGroup
	for w := range workers {
		nb, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("w%d-%d", w, i)
				if _, err := nb.Mark(id, "key"); err != nil {
					t.Error(err)
				}
				if _, _, err := nb.EditNote(id, "", id); err != nil {
					t.Error(err)
				}
				nb.State().Entries() // readers meanwhile, for the race detector
			}
		})
	}
	wg.Wait()
	nb, _ := Open(path, Options{})
	s := nb.State()
	if s.Len() != workers*each || s.MarkCount() != workers*each || s.NoteCount() != workers*each {
		t.Fatalf("%d entries, %d marks, %d notes; want %d of each", s.Len(), s.MarkCount(), s.NoteCount(), workers*each)
	}
}
