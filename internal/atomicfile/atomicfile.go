// Package atomicfile writes files atomically: into a temporary file in the same folder,
// flushed to disk, then put in place in one step, so that an interrupted write never
// leaves half a file nor destroys the old one, and an existing file is replaced only when
// the caller asks. Exports and (later) the reader's notebook write through it.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// ErrExists is returned by Write and WriteFunc when the target exists and overwriting was
// not asked.
var ErrExists = errors.New("file exists")

// Write writes data to path atomically; see WriteFunc.
func Write(path string, data []byte, overwrite bool) error {
	return WriteFunc(path, overwrite, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFunc writes what write produces to path atomically: into a temporary file in the
// same folder, flushed to disk, then put in place in one step, so that an interrupted
// write never leaves half a file nor destroys the old one. On any failure the temporary
// file is removed and path is as it was.
//
// An existing path is left untouched unless overwrite is true; the check cannot race with
// another writer, since the new file takes its name with a hard link, which fails if the
// name exists. When overwriting, the file keeps its permissions, and a symbolic link is
// followed so that the link stays. A new file gets 0644 less the umask.
//
// Errors name the path and say what to do; a path that exists wraps ErrExists.
func WriteFunc(path string, overwrite bool, write func(io.Writer) error) error {
	return writeFile(path, overwrite, write, os.Link)
}

// writeFile is WriteFunc with the hard-link call given, so tests can take the path
// for file systems without hard links.
func writeFile(path string, overwrite bool, write func(io.Writer) error, link func(old, new string) error) error {
	target := path
	var perm fs.FileMode
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		return fmt.Errorf("cannot write %s: it is a folder; give a file name such as %s", path, filepath.Join(path, "export.md"))
	case err == nil && !overwrite:
		return existsError(path)
	case err == nil:
		if !st.Mode().IsRegular() {
			return fmt.Errorf("cannot write %s: it is not a regular file; choose another name", path)
		}
		perm = st.Mode().Perm()
		if target, err = filepath.EvalSymlinks(path); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return folderError(path, filepath.Dir(path), err)
	default:
		if _, lerr := os.Lstat(path); lerr == nil { // a dangling symbolic link
			if !overwrite {
				return existsError(path)
			}
			return fmt.Errorf("cannot write %s: it is a symbolic link to a missing file; remove it or choose another name", path)
		}
	}

	dir := filepath.Dir(target)
	removeStale(dir, filepath.Base(target), time.Now())
	tmp, err := createTemp(dir, filepath.Base(target))
	if err != nil {
		return folderError(path, dir, err)
	}
	tmpName := tmp.Name()
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()

	bw := bufio.NewWriterSize(tmp, 64<<10)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if perm != 0 {
		if err := tmp.Chmod(perm); err != nil {
			return fmt.Errorf("write %s: keep its permissions: %w", path, err)
		}
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}

	if overwrite {
		if err := os.Rename(tmpName, target); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	} else if err := publish(tmpName, path, link); err != nil {
		return err
	}
	done = true
	syncDir(dir)
	return nil
}

// publish gives the finished temporary file the name path, failing with ErrExists if the
// name is taken, even by a file created a moment ago.
func publish(tmpName, path string, link func(old, new string) error) error {
	err := link(tmpName, path)
	if err == nil {
		os.Remove(tmpName)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return existsError(path)
	}
	// No hard links here (some network and FAT file systems): take the name with an
	// exclusive create, then rename the finished file over that empty placeholder.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return existsError(path)
	}
	if err != nil {
		return folderError(path, filepath.Dir(path), err)
	}
	f.Close()
	if err := os.Rename(tmpName, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func existsError(path string) error {
	return fmt.Errorf("%s: %w and was left untouched", path, ErrExists)
}

// createTemp creates a hidden temporary file next to the target. Unlike os.CreateTemp,
// whose files are 0600, it asks for 0644 so that the umask decides, as for any new file.
func createTemp(dir, base string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("no free temporary file name in %s", dir)
}

// folderError explains why a file could not be created in dir.
func folderError(path, dir string, err error) error {
	var errno syscall.Errno
	errors.As(err, &errno)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &writeError{fmt.Sprintf("cannot write %s: folder %s does not exist; create it first or choose another path", path, dir), err}
	case errors.Is(err, fs.ErrPermission):
		return &writeError{fmt.Sprintf("cannot write %s: no permission to create files in folder %s; choose a folder you can write to", path, dir), err}
	case errno == syscall.EROFS:
		return &writeError{fmt.Sprintf("cannot write %s: folder %s is on a read-only file system; choose another folder", path, dir), err}
	case errno == syscall.ENOTDIR:
		return &writeError{fmt.Sprintf("cannot write %s: part of the path is a file, not a folder", path), err}
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}

// writeError is a failure whose message says all a reader needs, wrapping the system
// error for errors.Is without repeating its text.
type writeError struct {
	msg string
	err error
}

func (e *writeError) Error() string { return e.msg }
func (e *writeError) Unwrap() error { return e.err }

// syncDir flushes a folder's entry list so that a rename survives a crash. Not every
// system can sync a folder; the write itself has succeeded either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
