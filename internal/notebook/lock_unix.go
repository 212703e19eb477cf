//go:build unix

package notebook

import (
	"errors"
	"os"
	"syscall"
)

// tryLock creates the lock file at lp, or opens the one another process made, and takes
// an exclusive flock on it without waiting. The kernel drops a flock when its process
// dies, so a crash never leaves the notebook locked.
//
// The holder removes the file before it lets go. A process that was waiting may then
// get the lock on a file that no longer has the name, so after locking it checks that
// the name still leads to the file it locked, and tries again if not.
func tryLock(lp string) (func(), error) {
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) || errors.Is(err, syscall.EINTR) {
			return nil, errHeld
		}
		return nil, err
	}
	mine, err1 := f.Stat()
	named, err2 := os.Stat(lp)
	if err1 != nil || err2 != nil || !os.SameFile(mine, named) {
		f.Close() // the previous holder removed it: take the name anew
		return nil, errHeld
	}
	f.Truncate(0)
	f.WriteString(holderLine())
	return func() {
		os.Remove(lp)
		f.Close()
	}, nil
}

// readHolder reads the lock file at lp.
func readHolder(lp string) ([]byte, error) { return readSmall(lp) }
