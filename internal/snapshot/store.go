// Package snapshot keeps what a program built from a large file (for tlx, a parsed
// timeline) in the user's cache folder, so that the next open of the same, unchanged
// file reads it back instead of building it again.
//
// A snapshot is one file per source file, named after the source's path. Its header
// holds a magic number, the store's format version, the kind and version of what it
// holds, the source's path, size, SHA-256 and stamp (Stamp), the program that wrote it,
// and a CRC-32C of everything after the header's first bytes. A snapshot is used only
// when every one of those but the writer agrees with the file as it is now (the reader
// checks a snapshot another program wrote in full). The source's current bytes are
// hashed unless it still has the stamp its snapshot was keyed by, which by Git's racy
// rule shows it has not been written since it was read: so a file edited within the same
// second to the same size is never served from an old snapshot. Anything else (a
// truncated, corrupted, foreign or older snapshot) is a miss, never an error, and the
// next write replaces it.
//
// Writes go to a temporary file renamed into place, so a reader sees a whole snapshot or
// none, and two processes writing the same one at once both succeed. The folder is
// bounded in size: after each write the snapshots used longest ago are removed until
// the rest fit.
package snapshot

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// DefaultLimit bounds the snapshot folder unless TLX_CACHE_LIMIT says otherwise: room
// for the snapshots of about six timelines of 100,000 events.
const DefaultLimit = 1 << 30

// ext names snapshot files; tmpPrefix names those being written.
const (
	ext       = ".snap"
	tmpPrefix = ".tmp-"
)

// staleAge is how old a temporary file must be before it counts as left by a writer that
// was killed: no write takes an hour.
const staleAge = time.Hour

// Store is a folder of snapshots, bounded in size.
type Store struct {
	Dir   string
	Limit int64 // bytes the folder may hold; 0 means DefaultLimit
	// Writer names the program that reads and writes the store, as exactly as it can be
	// told: Default uses the running executable's path, size and modification time
	// (Program). A snapshot that the same Writer wrote was checked by the same code before
	// it was written, which its reader may take for granted (see Get); one that another
	// program wrote, or any snapshot when Writer is "", must be checked in full.
	Writer string

	hashes atomic.Int64 // how many times Get hashed a source, for tests
}

// Default returns the store in the user's cache folder (os.UserCacheDir: on Linux
// $XDG_CACHE_HOME or ~/.cache), under tlx/snapshots, bounded by TLX_CACHE_LIMIT when it
// is set (bytes, or a number with K, M or G), else by DefaultLimit.
func Default() (*Store, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return nil, fmt.Errorf("no cache folder: %w", err)
	}
	s := &Store{Dir: filepath.Join(dir, "tlx", "snapshots"), Writer: Program()}
	if v := os.Getenv("TLX_CACHE_LIMIT"); v != "" {
		n, err := ParseSize(v)
		if err != nil {
			return nil, fmt.Errorf("TLX_CACHE_LIMIT=%s: %w", v, err)
		}
		s.Limit = n
	}
	return s, nil
}

// Program names the running executable: its path with symbolic links resolved, its size
// and its modification time to the nanosecond, or "" when they cannot be told. Another
// build of the program, or another program, has another name: a build installed over the
// old one gets a new modification time.
func Program() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	st, err := os.Stat(exe)
	if err != nil || !st.Mode().IsRegular() {
		return ""
	}
	id := fmt.Sprintf("%d %d %s", st.Size(), st.ModTime().UnixNano(), exe)
	if len(id) > maxWriter {
		return ""
	}
	return id
}

// ParseSize reads a size in bytes: "1073741824", "512M", "2G", "300K".
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(strings.ToUpper(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}} {
		if rest, ok := strings.CutSuffix(strings.TrimSuffix(s, "B"), u.suffix); ok {
			s, mult = rest, u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, errors.New("want a size such as 512M or 2G")
	}
	return n * mult, nil
}

func (s *Store) limit() int64 {
	if s.Limit > 0 {
		return s.Limit
	}
	return DefaultLimit
}

// Source names a file a snapshot is taken of: its absolute path with symbolic links
// resolved, so that every way of naming a file finds one snapshot.
func Source(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return abs, nil
}

// file returns the snapshot file of a source, named by a hash of its path.
func (s *Store) file(source string) string {
	sum := sha256.Sum256([]byte(source))
	return filepath.Join(s.Dir, hex.EncodeToString(sum[:16])+ext)
}

// Info describes one snapshot in the store.
type Info struct {
	File     string    // the snapshot file
	Source   string    // the file it was taken of; "" when its header cannot be read
	Kind     string    // what it holds, and at which version
	Version  uint32    //
	Size     int64     // bytes on disk
	LastUsed time.Time // when it was written or last read
	Current  bool      // the source is as it was, by size alone: the hash is not computed
	Stamped  bool      // its key holds a stamp: an open of the unchanged source hashes nothing
}

// List describes every snapshot in the store, those used longest ago first.
func (s *Store) List() ([]Info, error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ext) {
			continue
		}
		st, err := e.Info()
		if err != nil {
			continue
		}
		in := Info{File: filepath.Join(s.Dir, e.Name()), Size: st.Size(), LastUsed: st.ModTime()}
		if h, err := readHeaderFile(in.File); err == nil {
			in.Source, in.Kind, in.Version, in.Stamped = h.source, h.kind, h.version, h.key.Stamp != (Stamp{})
			if src, err := os.Stat(h.source); err == nil && src.Size() == h.key.Size {
				in.Current = true
			}
		}
		out = append(out, in)
	}
	slices.SortFunc(out, func(a, b Info) int { return a.LastUsed.Compare(b.LastUsed) })
	return out, nil
}

// Clear removes every snapshot and every temporary file of the store, and returns how
// many snapshots it removed and how many bytes they held.
func (s *Store) Clear() (n int, bytes int64, err error) {
	entries, err := os.ReadDir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	var errs []error
	for _, e := range entries {
		name := e.Name()
		snap := strings.HasSuffix(name, ext)
		if !e.Type().IsRegular() || !snap && !strings.HasPrefix(name, tmpPrefix) {
			continue
		}
		st, _ := e.Info()
		if err := os.Remove(filepath.Join(s.Dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		if snap && st != nil {
			n++
			bytes += st.Size()
		}
	}
	return n, bytes, errors.Join(errs...)
}

// Remove removes the snapshot of source, if there is one.
func (s *Store) Remove(source string) error {
	err := os.Remove(s.file(source))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// evict removes the snapshots used longest ago until the folder holds at most the
// store's limit, and the temporary files killed writers left. keep, just written, goes
// last of all: when it alone passes the limit it goes too.
func (s *Store) evict(keep string, now time.Time) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return
	}
	type snap struct {
		path string
		size int64
		used time.Time
	}
	var snaps []snap
	var total int64
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		st, err := e.Info()
		if err != nil {
			continue
		}
		path := filepath.Join(s.Dir, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), tmpPrefix):
			if now.Sub(st.ModTime()) >= staleAge {
				os.Remove(path)
			}
		case strings.HasSuffix(e.Name(), ext):
			snaps = append(snaps, snap{path, st.Size(), st.ModTime()})
			total += st.Size()
		}
	}
	slices.SortFunc(snaps, func(a, b snap) int {
		if (a.path == keep) != (b.path == keep) {
			if a.path == keep {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.used.UnixNano(), b.used.UnixNano())
	})
	for _, sn := range snaps {
		if total <= s.limit() {
			break
		}
		if err := os.Remove(sn.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= sn.size
		}
	}
}

// Key is what a snapshot was taken of: the size of the source's bytes and their SHA-256,
// and the source's stamp when one vouches for them (see Stamp; zero when none does).
type Key struct {
	Size  int64
	Sum   [sha256.Size]byte
	Stamp Stamp
}

// KeyOf returns the key of data, the bytes a snapshot is taken of.
func KeyOf(data []byte) Key { return Key{Size: int64(len(data)), Sum: sha256.Sum256(data)} }

// keyOf hashes the source at path for Get, counting it.
func (s *Store) keyOf(path string, size int64) (Key, error) {
	s.hashes.Add(1)
	return keyOfFile(path, size)
}

// keyOfFile hashes the file at path as it is now, reading at most size+1 bytes: a file
// that grew is not the one hashed before, whatever its hash.
func keyOfFile(path string, size int64) (Key, error) {
	f, err := os.Open(path)
	if err != nil {
		return Key{}, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, size+1))
	if err != nil {
		return Key{}, err
	}
	k := Key{Size: n}
	h.Sum(k.Sum[:0])
	return k, nil
}
