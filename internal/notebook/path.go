package notebook

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Source names the timeline a notebook belongs to. Its default notebook is keyed by the
// file's absolute path and the timeline's title, so that each timeline has its own and
// the same timeline finds the same one next time.
type Source struct {
	// Path is the timeline's file, made absolute for the key; "" for the timeline built
	// into tlx, whose notebook keeps one key across versions of tlx and of its title.
	Path string
	// Title is the timeline's title.
	Title string
}

// about is what a new notebook records of its timeline.
func (s Source) about() About {
	if s.Path == "" {
		return About{Title: s.Title, File: "built-in"}
	}
	return About{Title: s.Title, File: filepath.Base(s.Path)}
}

// DefaultPath returns where the notebook of src lives unless --notebook says otherwise:
// a file in DataDir named after the timeline, with a short hash of its key so that two
// timelines of the same name keep apart.
func DefaultPath(src Source) (string, error) {
	dir, err := DataDir()
	if err != nil {
		return "", err
	}
	name, err := fileName(src)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, name), nil
}

// fileName returns the base name of src's default notebook: "built-in.toml" for the
// built-in timeline, else "SLUG-HASH.toml", SLUG from the title (or the file's name) and
// HASH the first 12 hex digits of the SHA-256 of the absolute path, a NUL and the title.
func fileName(src Source) (string, error) {
	if src.Path == "" {
		return "built-in.toml", nil
	}
	abs, err := filepath.Abs(src.Path)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(abs + "\x00" + src.Title))
	slug := slugify(src.Title)
	if slug == "" {
		slug = slugify(strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs)))
	}
	if slug == "" {
		slug = "timeline"
	}
	return slug + "-" + hex.EncodeToString(sum[:6]) + ".toml", nil
}

// slugify keeps ASCII letters and digits, lower-cased, with single dashes between runs,
// at most 40 bytes: a file name that is safe everywhere and still says what it is.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			if b.Len() >= 40 {
				break
			}
			continue
		}
		dash = true
	}
	return b.String()
}

// DataDir returns the folder of the default notebooks:
//
//   - Linux and other Unix systems: $XDG_DATA_HOME/tlx/notebooks, or
//     ~/.local/share/tlx/notebooks when XDG_DATA_HOME is unset or not absolute, as the
//     XDG Base Directory specification says;
//   - macOS: ~/Library/Application Support/tlx/notebooks;
//   - Windows: %AppData%\tlx\notebooks, which roams with the user's profile.
//
// The folder is created, private to the user, on the first write.
func DataDir() (string, error) {
	return dataDir(runtime.GOOS, os.Getenv, os.UserConfigDir)
}

// ErrNoDataDir is wrapped when the system gives no folder for notebooks (no $HOME).
var ErrNoDataDir = errors.New("no folder for notebooks")

func dataDir(goos string, getenv func(string) string, configDir func() (string, error)) (string, error) {
	switch goos {
	case "darwin", "ios", "windows", "plan9":
		dir, err := configDir()
		if err != nil {
			return "", fmt.Errorf("%w: %v; name a notebook file with --notebook", ErrNoDataDir, err)
		}
		return filepath.Join(dir, "tlx", "notebooks"), nil
	}
	if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "tlx", "notebooks"), nil
	}
	home := getenv("HOME")
	if home == "" || !filepath.IsAbs(home) {
		return "", fmt.Errorf("%w: neither $XDG_DATA_HOME nor $HOME is set; name a notebook file with --notebook", ErrNoDataDir)
	}
	return filepath.Join(home, ".local", "share", "tlx", "notebooks"), nil
}

// OpenFor opens the notebook of the timeline src: the file at path when path is not ""
// (tlx's --notebook), else DefaultPath(src), whose folder is made on the first write.
// opts.Source is set to src. As with Open, an error comes with a read-only Notebook
// holding nothing, so that the explorer can carry on without one.
func OpenFor(path string, src Source, opts Options) (*Notebook, error) {
	opts.Source = src
	if path == "" {
		var err error
		if path, err = DefaultPath(src); err != nil {
			nb := &Notebook{opts: opts, readOnly: err}
			nb.state.Store(emptyState())
			return nb, err
		}
		opts.MakeDir = true
		nb, err := Open(path, opts)
		nb.byDefault = true
		return nb, err
	}
	return Open(path, opts)
}
