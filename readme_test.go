package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite README.md's example outputs and screen text from the real binary")

// consoleBlock matches a README example: a ```console fence, a "$ tlx ..." command line,
// and the output the command prints.
var consoleBlock = regexp.MustCompile("(?s)```console\n\\$ (tlx[^\n]*)\n(.*?)```")

// screenBlock matches the text capture of the explorer inside the README's details block.
var screenBlock = regexp.MustCompile("(?s)(<summary>The same screen as text</summary>\n\n```text\n)(.*?)(```)")

// TestREADME runs every command the README shows and checks that its output is what the
// README says, so that the examples cannot drift from the program. go test -update . run
// from the repository rewrites them.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	exe := buildTLX(t)
	bin := filepath.Dir(exe)
	data := t.TempDir() // the examples' notebooks, never the user's
	var failed bool
	out := consoleBlock.ReplaceAllFunc(readme, func(block []byte) []byte {
		m := consoleBlock.FindSubmatch(block)
		command, want := string(m[1]), string(m[2])
		cmd := exec.Command("sh", "-c", command)
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "NO_COLOR=1", "XDG_DATA_HOME="+data)
		var stdout bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stdout
		_ = cmd.Run() // a failing command's output is part of the example (validate exits 1)
		got := stdout.String()
		if got != want {
			failed = true
			if !*update {
				t.Errorf("README example %q prints\n%s\nbut the README shows\n%s", command, got, want)
			}
		}
		return []byte("```console\n$ " + command + "\n" + got + "```")
	})
	if len(consoleBlock.FindAll(readme, -1)) < 4 {
		t.Errorf("found only %d console examples in README.md", len(consoleBlock.FindAll(readme, -1)))
	}

	screen, err := os.ReadFile(filepath.Join("docs", "screen.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := trimRight(string(screen))
	m := screenBlock.FindSubmatchIndex(out)
	if m == nil {
		t.Fatal("README.md has no text capture of the screen")
	}
	if string(out[m[4]:m[5]]) != text {
		failed = true
		if !*update {
			t.Error("README's text capture differs from docs/screen.txt; run go test -update . to copy it")
		}
	}
	out = append(append(append([]byte{}, out[:m[4]]...), text...), out[m[5]:]...)

	if *update && failed {
		if err := os.WriteFile("README.md", out, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("README.md updated")
	}
}

// trimRight drops trailing spaces on each line and trailing blank lines, as a terminal
// capture pads them.
func trimRight(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n") + "\n"
}
