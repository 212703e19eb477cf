package tomlsplit

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/BurntSushi/toml"
)

// FuzzScanLimits checks the splitter's pass that stops nesting and long keys before they
// reach the decoder. Checking must not change how the file is split (the pieces before the
// stop are those the plain splitter cuts); a stop must be placed inside the file, after
// the pieces returned; and a file the check accepts must decode, when it decodes at all,
// to a tree no deeper than twice MaxDepth (an [[a.b]] header may add an array and a table
// for each part) with no key longer than MaxKeyBytes.
func FuzzScanLimits(f *testing.F) {
	files, _ := filepath.Glob("../testdata/*/*.toml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"x = [[[[[[]]]]]]", "x = {a={b={c=1}}}", "a.b.c.d = 1", "[a.b.c]\nd.e = [{f.g = [1]}]",
		"x = [\n[\n[\n]]]\n", `"a.b" . 'c' = {"d" = 1, e . f = 2}`, "x = '[[[' # [[[\ny = \"\"\"\n{{{\"\"\"",
		"[[a]]\n[[a.b]]\n[[a.b.c]]\nx = 1", "x = [{a=[{b=[{c=1}]}]}]",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // as the loader does
		plain := Split(data)
		sp := NewCheckingSplitter(data)
		var checked []Piece
		for {
			p, ok := sp.Next()
			if !ok {
				break
			}
			checked = append(checked, p)
		}
		over := sp.sc.limits.over
		if over == nil {
			if !slices.Equal(checked, plain) {
				t.Fatalf("checking changed the pieces:\n%+v\n%+v", checked, plain)
			}
		} else {
			if len(checked) > len(plain) || !slices.Equal(checked, plain[:len(checked)]) {
				t.Fatalf("the pieces before the stop differ:\n%+v\n%+v", checked, plain)
			}
			p := over.error(data)
			if p.Line < 1 || p.Col < 1 || p.Line > bytes.Count(data, []byte("\n"))+1 || over.off > len(data) {
				t.Fatalf("stop placed outside the file: %v", p)
			}
			if len(checked) > 0 && checked[len(checked)-1].End > over.off {
				t.Fatalf("stop at %d inside a piece returned before it, %+v", over.off, checked[len(checked)-1])
			}
			return
		}
		var tree map[string]any
		if _, err := toml.Decode(string(data), &tree); err != nil {
			return
		}
		if d, k := treeDepth(tree, 0); d > 2*MaxDepth || k > MaxKeyBytes {
			t.Fatalf("the check passed a tree %d deep with a key of %d bytes", d, k)
		}
	})
}

// treeDepth returns how many tables and arrays the deepest value of v sits in, and the
// length of its longest key.
func treeDepth(v any, depth int) (int, int) {
	deepest, longest := depth, 0
	visit := func(x any) {
		d, k := treeDepth(x, depth+1)
		deepest, longest = max(deepest, d), max(longest, k)
	}
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			longest = max(longest, len(k))
			visit(x)
		}
	case []map[string]any:
		for _, x := range v {
			visit(x)
		}
	case []any:
		for _, x := range v {
			visit(x)
		}
	}
	return deepest, longest
}
