package notebook

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// A write holds the notebook's lock while it reads the file again, merges its one change
// and puts the new file in place, so that two tlx processes never write from the same
// old copy. The lock is a file beside the notebook, ".NAME.lock", which exists only while
// a write holds it: a notebook kept in git gains no stray file. It holds the process id
// and host of its holder, so a reader kept waiting is told who holds it.

// ErrBusy is wrapped by the error of a change that waited too long for the lock.
var ErrBusy = errors.New("notebook busy")

// defaultLockWait is how long a change waits for another process's write to finish. A
// write takes milliseconds; a lock held this long belongs to a stuck process.
const defaultLockWait = 10 * time.Second

// lockPath returns the path of the lock file of the notebook at path.
func lockPath(path string) string {
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".lock")
}

// acquire takes the lock of the notebook at path, polling until wait has passed. The
// returned function releases it.
func acquire(path string, wait time.Duration) (release func(), err error) {
	lp := lockPath(path)
	deadline := time.Now().Add(wait)
	pause := time.Millisecond
	for {
		release, err := tryLock(lp)
		if err == nil {
			return release, nil
		}
		if !errors.Is(err, errHeld) {
			return nil, lockError(path, lp, err)
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("notebook %s: %w: %s has held its lock (%s) for %s; your change was not saved, try again once it has finished",
				path, ErrBusy, holder(lp), lp, wait.Round(time.Second))
		}
		time.Sleep(pause)
		pause = min(2*pause, 50*time.Millisecond)
	}
}

// errHeld is what tryLock returns when another process holds the lock.
var errHeld = errors.New("lock held")

// lockError explains why the lock file could not be made.
func lockError(path, lp string, err error) error {
	if errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("cannot save notebook %s: no permission to create files in folder %s; choose a folder you can write to with --notebook", path, filepath.Dir(lp))
	}
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("cannot save notebook %s: folder %s does not exist", path, filepath.Dir(lp))
	}
	return fmt.Errorf("cannot save notebook %s: lock %s: %w", path, lp, err)
}

// holderLine is what a lock file holds: "pid PID on HOST".
func holderLine() string {
	host, _ := os.Hostname()
	return "pid " + strconv.Itoa(os.Getpid()) + " on " + host + "\n"
}

// holder names the process that holds the lock at lp, as well as the file says.
func holder(lp string) string {
	b, err := readHolder(lp)
	s := strings.TrimSpace(string(b))
	if err != nil || s == "" || len(s) > 300 || !strings.HasPrefix(s, "pid ") {
		return "another tlx"
	}
	return "another tlx (" + quoteLine(s) + ")"
}
