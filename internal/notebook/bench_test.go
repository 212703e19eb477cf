package notebook

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkChange measures one mark on notebooks of growing size: every change reads
// the file again under the lock, applies itself and writes the whole file. The first
// size is the baseline the others are read against.
func BenchmarkChange(b *testing.B) {
	for _, n := range []int{10, 1000, 10000} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "nb.toml")
			nb, err := Open(path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			next := nb.State().clone()
			for i := range n {
				id := fmt.Sprintf("event-%06d", i)
				next.entries[id] = &Entry{ID: id, Title: "An event of the timeline, with a title of usual length", Marked: i%2 == 0, Labels: []string{"key"},
					Note: "A note of a few lines.\nWith a second line.\n\nAnd a paragraph."}
			}
			if _, err := nb.change(func(*State) (*State, error) { return next, nil }); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				if _, err := nb.Mark(fmt.Sprintf("event-%06d", i%n), "check"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
