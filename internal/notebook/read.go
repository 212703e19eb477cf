package notebook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

func sameStamp(a, b fs.FileInfo) bool {
	return os.SameFile(a, b) && a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// read reads the file and makes what it holds the notebook's state, returning it and
// whether there is a file: an empty notebook when there is none. Bytes this process last
// read or wrote are not parsed again, so that a change to a large notebook costs a read
// and a write, not a decode, unless another process wrote meanwhile. On error the state
// stays as it was. The caller holds nb.mu, or has the notebook to itself.
func (nb *Notebook) read() (st *State, exists bool, err error) {
	data, info, err := readFile(nb.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		st = emptyState()
	case err != nil:
		return nil, false, err
	case nb.data != nil && bytes.Equal(data, nb.data):
		st = nb.state.Load()
	default:
		if st, err = Parse(nb.path, data); err != nil {
			return nil, false, err
		}
	}
	nb.state.Store(st)
	nb.stamp, nb.data = info, data
	return st, info != nil, nil
}

// readFile reads a notebook file of at most maxFile bytes. Anything but a regular file
// is refused before it is opened: opening a named pipe would wait for a writer, and a
// device could be read forever.
func readFile(path string) ([]byte, fs.FileInfo, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		return nil, nil, notRegular(path, st)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, openError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, nil, openError(path, err)
	}
	if !info.Mode().IsRegular() { // replaced between the two looks
		return nil, nil, notRegular(path, info)
	}
	if info.Size() > maxFile {
		return nil, nil, &ParseError{File: path, Msg: fmt.Sprintf("the file is larger than %d MiB, far more than a notebook holds", maxFile>>20), Hint: "check that --notebook names a notebook"}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, nil, openError(path, err)
	}
	return data, info, nil
}

// notRegular explains why a folder, a device or a pipe is no notebook.
func notRegular(path string, st fs.FileInfo) error {
	if st.IsDir() {
		return &ParseError{File: path, Msg: "is a folder, not a notebook", Hint: "give --notebook a file name, such as " + filepath.Join(path, "notebook.toml")}
	}
	return &ParseError{File: path, Msg: "is not a regular file (a device, a pipe or a socket)", Hint: "give --notebook the name of a file"}
}

// openError explains why a notebook could not be read. A missing file keeps
// fs.ErrNotExist, which load takes for an empty notebook.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return err
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot read notebook %s: permission denied; check the file's permissions: %w", path, fs.ErrPermission)
	}
	return fmt.Errorf("cannot read notebook %s: %w", path, err)
}

// readSmall reads the first bytes of a small file, such as a lock file.
func readSmall(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 512))
}
