// Package watch tells a program when a file it shows has changed, however the change was
// saved: written in place, truncated and written again, replaced by renaming a new file
// over it (what most editors do), or through a symbolic link, whether the link is
// replaced or what it points to is written.
//
// It watches the folders, not the file: a watch on a file follows its inode, which a
// rename-save replaces, and sees nothing of later saves. A chain of links (link1 ->
// link2 -> file) has the folder of every link watched, so re-pointing any of them is
// seen, and the chain is followed again after each change. Events on other files of the
// folders (an editor's swap and backup files) are ignored. Changes are told once they
// settle: an editor's save is several events, a truncate and a write or a write, a
// rename and a change of mode, and the file is read once after the last of them.
package watch

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Settle is how long a file must go unchanged after an event before the change is told:
// long enough for an editor's save, short enough that the screen follows within a
// second.
const Settle = 100 * time.Millisecond

// Watcher watches one file.
type Watcher struct {
	// C receives a value after the file changed and the changes settled; one pending
	// value at most, so a reader that was busy reads the file once.
	C <-chan struct{}
	// Errors receives what goes wrong with the watch itself, one pending at most.
	Errors <-chan error

	path   string // absolute, as given: a link stays a link
	settle time.Duration
	fs     *fsnotify.Watcher
	c      chan struct{}
	errs   chan error
	done   chan struct{}
	wg     sync.WaitGroup

	mu    sync.Mutex
	names map[string]bool // the path, each link it leads through, and the file
	dirs  map[string]bool // the folders of names, watched
}

// New watches the file at path, telling of changes settle after they stop (0 means
// Settle). The file need not exist yet.
func New(path string, settle time.Duration) (*Watcher, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if settle <= 0 {
		settle = Settle
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	c, errs := make(chan struct{}, 1), make(chan error, 1)
	w := &Watcher{C: c, Errors: errs, path: abs, settle: settle, fs: fw, c: c, errs: errs,
		done: make(chan struct{}), dirs: map[string]bool{}}
	if err := w.follow(); err != nil {
		fw.Close()
		return nil, err
	}
	w.wg.Add(1)
	go w.run()
	return w, nil
}

// Close stops the watch, and closes C: a reader waiting on it is let go.
func (w *Watcher) Close() error {
	select {
	case <-w.done:
		return nil
	default:
	}
	close(w.done)
	err := w.fs.Close()
	w.wg.Wait()
	close(w.c) // run, its only writer, has returned
	return err
}

// maxLinks bounds the links followed from the path, as the kernel's ELOOP does: a
// loop of links is not followed for ever.
const maxLinks = 40

// chain lists path and each name the links from it lead to, in order, ending with the
// file itself (or the first name that does not exist, or a name that is still a link
// after maxLinks). Every one of them is a name whose change may change what path reads.
func chain(path string) []string {
	names := []string{path}
	cur := path
	for range maxLinks {
		fi, err := os.Lstat(cur)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			break
		}
		to, err := os.Readlink(cur)
		if err != nil {
			break
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(cur), to)
		}
		cur = filepath.Clean(to)
		names = append(names, cur)
	}
	return names
}

// follow resolves the file's links and watches the folder of the path, of every link
// along the chain it starts, and of the file they lead to, dropping folders no longer
// needed: re-pointing any link of the chain changes what the path reads.
func (w *Watcher) follow() error {
	names := map[string]bool{}
	for _, n := range chain(w.path) {
		names[n] = true
	}
	if t, err := filepath.EvalSymlinks(w.path); err == nil {
		names[t] = true // a link among the folders too
	}
	want := map[string]bool{}
	for n := range names {
		want[filepath.Dir(n)] = true
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.names = names
	var errs []error
	for d := range want {
		if !w.dirs[d] {
			if err := w.fs.Add(d); err != nil {
				errs = append(errs, err)
				continue
			}
			w.dirs[d] = true
		}
	}
	for d := range w.dirs {
		if !want[d] {
			w.fs.Remove(d)
			delete(w.dirs, d)
		}
	}
	return errors.Join(errs...)
}

// concerns reports whether an event on name may change what the file holds.
func (w *Watcher) concerns(name string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.names[name]
}

func (w *Watcher) run() {
	defer w.wg.Done()
	var timer *time.Timer
	var fire <-chan time.Time
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if !w.concerns(filepath.Clean(ev.Name)) {
				continue
			}
			if timer == nil {
				timer = time.NewTimer(w.settle)
			} else {
				timer.Reset(w.settle)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			// A rename may have made the link name something else, or replaced the
			// link with a file.
			if err := w.follow(); err != nil {
				w.report(err)
			}
			if _, err := os.Stat(w.path); err != nil {
				continue // removed, perhaps on its way to being replaced: the next event tells
			}
			select {
			case w.c <- struct{}{}:
			default:
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.report(err)
		}
	}
}

func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}
