//go:build windows

package notebook

import (
	"errors"
	"os"
	"syscall"
)

// Windows has no flock; opening the lock file with no sharing for writers is the lock,
// and FILE_FLAG_DELETE_ON_CLOSE removes the file when its handle closes, which also
// happens when the process dies.
const (
	fileFlagDeleteOnClose = 0x04000000
	errSharingViolation   = syscall.Errno(32)
)

// tryLock opens the lock file at lp so that no other process can open it for writing.
func tryLock(lp string) (func(), error) {
	name, err := syscall.UTF16PtrFromString(lp)
	if err != nil {
		return nil, err
	}
	h, err := syscall.CreateFile(name, syscall.GENERIC_READ|syscall.GENERIC_WRITE,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_DELETE, nil, syscall.OPEN_ALWAYS,
		syscall.FILE_ATTRIBUTE_NORMAL|fileFlagDeleteOnClose, 0)
	if errors.Is(err, errSharingViolation) || errors.Is(err, syscall.ERROR_ACCESS_DENIED) && exists(lp) {
		return nil, errHeld
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: lp, Err: err}
	}
	f := os.NewFile(uintptr(h), lp)
	f.WriteString(holderLine())
	return func() { f.Close() }, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// readHolder reads the lock file at lp, sharing it with the holder, which writes it.
func readHolder(lp string) ([]byte, error) {
	name, err := syscall.UTF16PtrFromString(lp)
	if err != nil {
		return nil, err
	}
	h, err := syscall.CreateFile(name, syscall.GENERIC_READ,
		syscall.FILE_SHARE_READ|syscall.FILE_SHARE_WRITE|syscall.FILE_SHARE_DELETE, nil,
		syscall.OPEN_EXISTING, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(h), lp)
	defer f.Close()
	b := make([]byte, 512)
	n, _ := f.Read(b)
	return b[:n], nil
}
