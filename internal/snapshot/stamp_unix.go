//go:build linux || darwin

package snapshot

import (
	"os"
	"syscall"
)

// stampOf returns the stamp of a file st describes.
func stampOf(st os.FileInfo) (Stamp, bool) {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return Stamp{}, false
	}
	return Stamp{Dev: uint64(sys.Dev), Ino: sys.Ino, Size: st.Size(), ModTime: st.ModTime().UnixNano(),
		ChangeTime: changeTime(sys)}, true
}
