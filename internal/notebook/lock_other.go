//go:build !unix && !windows

package notebook

import (
	"errors"
	"io/fs"
	"os"
)

// tryLock creates the lock file at lp exclusively: on systems without flock, the file's
// existence is the lock. A process that dies holding it leaves it behind, and the error
// after the wait names the file to remove.
func tryLock(lp string) (func(), error) {
	f, err := os.OpenFile(lp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errHeld
	}
	if err != nil {
		return nil, err
	}
	f.WriteString(holderLine())
	return func() {
		f.Close()
		os.Remove(lp)
	}, nil
}

// readHolder reads the lock file at lp.
func readHolder(lp string) ([]byte, error) { return readSmall(lp) }
