package timeline

import "github.com/tlx-dev/tlx/internal/tomlsplit"

// Split cuts data into pieces as the loader does, with the checks of limits.go when check
// is set, and returns how many pieces it cut: for benchmarks outside the package.
func Split(data []byte, check bool) int {
	sp := tomlsplit.NewSplitter(data)
	if check {
		sp = tomlsplit.NewCheckingSplitter(data)
	}
	n := 0
	for {
		if _, ok := sp.Next(); !ok {
			return n
		}
		n++
	}
}

// ReadFileLimit is ReadFile with another limit than MaxFileSize.
var ReadFileLimit = readFile

// ReadText is ReadAll reading size bytes when size >= 0, with another limit.
var ReadText = readText
