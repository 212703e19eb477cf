package notebook

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds the notebook reader arbitrary bytes. It must never panic; it either
// fails with a *ParseError naming the file, or gives a notebook that tlx writes in a form
// that reads back as the same notebook and writes back byte for byte.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"testdata/good", "testdata/bad"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
		for _, file := range files {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("[events.a]\nnote = '''\n'''\n"))
	f.Add([]byte("[events.\"\\u0000\"]\nmarked = true\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("fuzz.toml", data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.toml" {
				t.Fatalf("error %T %v is not a *ParseError naming the file", err, err)
			}
			return
		}
		roundTrip(t, s)
	})
}
