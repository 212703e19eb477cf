package main

import (
	"bytes"
	"flag"
	goversion "go/version"
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

// TestREADMECommands checks the README's account of the command line against the
// binary: every command tlx --help lists is named in the README ("tlx NAME"), and every
// flag the README names is a flag of some command's --help.
func TestREADMECommands(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	exe := buildTLX(t)
	help := func(args ...string) string {
		out, err := exec.Command(exe, append(args, "--help")...).Output()
		if err != nil {
			t.Fatalf("tlx %s --help: %v", strings.Join(args, " "), err)
		}
		return string(out)
	}
	_, commands, ok := strings.Cut(help(), "\nCOMMANDS\n")
	if !ok {
		t.Fatal("tlx --help has no COMMANDS section")
	}
	commands, _, _ = strings.Cut(commands, "\n\n")
	flags := regexp.MustCompile(`--[a-z][a-z-]*`)
	known := map[string]bool{}
	for _, f := range flags.FindAllString(help(), -1) {
		known[f] = true
	}
	var names []string
	for _, line := range strings.Split(commands, "\n") {
		if m := regexp.MustCompile(`^  ([a-z]+) `).FindStringSubmatch(line); m != nil {
			names = append(names, m[1])
		}
	}
	if len(names) < 10 {
		t.Fatalf("found only %d commands in tlx --help:\n%s", len(names), commands)
	}
	for _, name := range names {
		if !regexp.MustCompile(`tlx ` + name + `\b`).Match(readme) {
			t.Errorf("README does not name tlx %s, which tlx --help lists", name)
		}
		for _, f := range flags.FindAllString(help(name), -1) {
			known[f] = true
		}
	}
	for _, sub := range [][]string{{"cache", "info"}, {"cache", "clear"}} {
		for _, f := range flags.FindAllString(help(sub...), -1) {
			known[f] = true
		}
	}
	for _, f := range flags.FindAllString(string(readme), -1) {
		if !known[f] {
			t.Errorf("README names %s, which no command's --help lists", f)
		}
	}
}

// TestGoVersion checks that go.mod asks for the lowest Go the build needs: the highest
// go line among the modules it builds with (go 1.26.8 made every 1.26 toolchain before
// it download another), and that the README's "Go 1.26 or newer" names that release.
func TestGoVersion(t *testing.T) {
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go line")
	}
	ours := "go" + string(m[1])
	out, err := exec.Command("go", "list", "-m", "-f", "{{if not .Main}}{{.GoVersion}}{{end}}", "all").Output()
	if err != nil {
		t.Skipf("go list -m all: %v", err)
	}
	need := "go1.0"
	for _, v := range strings.Fields(string(out)) {
		if goversion.Compare("go"+v, need) > 0 {
			need = "go" + v
		}
	}
	if goversion.Compare(ours, need) != 0 {
		t.Errorf("go.mod asks for %s; the modules it builds with need %s: ask for that", ours, need)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if lang := strings.TrimPrefix(goversion.Lang(ours), "go"); !strings.Contains(string(readme), "With Go "+lang+" or newer") {
		t.Errorf("README does not say \"With Go %s or newer\"", lang)
	}
}
