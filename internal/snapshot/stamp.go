package snapshot

import (
	"os"
	"time"
)

// Stamp is what the file system tells of a file without reading it: which file it is
// (device and inode), its size, and when its bytes (modification time) and its inode
// (change time) last changed, to the nanosecond the file system keeps. A snapshot whose
// key holds a stamp is used without hashing the source again while the source has the
// same stamp.
//
// That is safe because of the rule Git uses for its racily clean index entries. Every
// write to a file sets its change time to the time of the write, as the file system's
// clock gives it (coarser than time.Now, by up to a tick), and nothing but the system can
// set a change time: os.Chtimes, touch -d or a restored modification time all set it to
// now. A stamp is taken only of a file whose change time is more than Settle before the
// moment just ahead of the stat (StampOf), a stat of the open file its bytes are then read
// from: any write after the stat comes at least Settle after the change time the stamp
// holds and, Settle being far more than a tick, gives the file another change time. So
// a file with the stamp its snapshot was keyed by has not been written since the stamp
// was taken, before its bytes were read; a save by rename makes another file, with
// another inode. A file
// changed within Settle of being read (a save and an open in the same second, at the
// same size) gets no stamp, and its next open hashes it, as every open did before.
// Where the platform tells no change time, no stamp is taken.
//
// What the rule does not cover: a system clock set back by more than Settle between two
// writes, and a network file system whose server's clock runs more than Settle behind
// this machine's, on which a file written twice within one tick of the server's clock
// could keep its stamp. Git accepts the same.
type Stamp struct {
	Dev, Ino            uint64
	Size                int64
	ModTime, ChangeTime int64 // nanoseconds since 1970
}

// Settle is how long before a stamp a file must have last changed for the stamp to vouch
// for its bytes: far more than the tick of any file system's clock (two seconds on FAT).
const Settle = 5 * time.Second

// StampOf returns the stamp of the file st describes, and whether it can vouch for the
// bytes read from that file after st was taken (by a Stat of the open file, just before
// reading it: timeline.ReadFileInfo): now is a time before st was taken (the caller's
// time.Now(), a test's time of its choosing), and a file changed within Settle of it, or
// one the platform tells no change time of, gets none.
func StampOf(st os.FileInfo, now time.Time) (Stamp, bool) {
	if st == nil || !st.Mode().IsRegular() {
		return Stamp{}, false
	}
	s, ok := stampOf(st)
	if !ok || now.UnixNano()-s.ChangeTime <= int64(Settle) {
		return Stamp{}, false
	}
	return s, true
}
