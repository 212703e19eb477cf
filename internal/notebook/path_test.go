package notebook

import (
	"errors"
	"path/filepath"
	"regexp"
	"testing"
)

func TestDataDir(t *testing.T) {
	env := func(vars map[string]string) func(string) string {
		return func(k string) string { return vars[k] }
	}
	config := func() (string, error) { return "/config", nil }
	noConfig := func() (string, error) { return "", errors.New("$HOME is not defined") }
	tests := []struct {
		goos   string
		vars   map[string]string
		config func() (string, error)
		want   string // "" for an error
	}{
		{"linux", map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/ann"}, config, "/xdg/tlx/notebooks"},
		{"linux", map[string]string{"HOME": "/home/ann"}, config, "/home/ann/.local/share/tlx/notebooks"},
		{"linux", map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/ann"}, config, "/home/ann/.local/share/tlx/notebooks"},
		{"freebsd", map[string]string{"XDG_DATA_HOME": "/xdg"}, config, "/xdg/tlx/notebooks"},
		{"linux", map[string]string{}, config, ""},
		{"darwin", map[string]string{"XDG_DATA_HOME": "/xdg"}, config, "/config/tlx/notebooks"},
		{"windows", map[string]string{}, config, "/config/tlx/notebooks"},
		{"windows", map[string]string{}, noConfig, ""},
	}
	for _, tt := range tests {
		got, err := dataDir(tt.goos, env(tt.vars), tt.config)
		if tt.want == "" {
			if err == nil || !errors.Is(err, ErrNoDataDir) {
				t.Errorf("%s %v: %q, %v; want an error", tt.goos, tt.vars, got, err)
			}
			continue
		}
		if err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("%s %v: %q, %v; want %q", tt.goos, tt.vars, got, err, tt.want)
		}
	}
}

func TestFileName(t *testing.T) {
	name := func(src Source) string {
		t.Helper()
		n, err := fileName(src)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if got := name(Source{Title: "Whatever"}); got != "built-in.toml" {
		t.Errorf("built-in: %q", got)
	}
	a := name(Source{Path: "/data/iran.toml", Title: "Iran & the 2024 election: a timeline"})
	if !regexp.MustCompile(`^iran-the-2024-election-a-timeline-[0-9a-f]{12}\.toml$`).MatchString(a) {
		t.Errorf("name = %q", a)
	}
	if b := name(Source{Path: "/data/iran.toml", Title: "Iran & the 2024 election: a timeline"}); b != a {
		t.Errorf("the same timeline has two names: %q, %q", a, b)
	}
	for _, other := range []Source{
		{Path: "/elsewhere/iran.toml", Title: "Iran & the 2024 election: a timeline"},
		{Path: "/data/iran.toml", Title: "Another title"},
	} {
		if b := name(other); b == a {
			t.Errorf("%+v shares the notebook %q", other, a)
		}
	}
	if got := name(Source{Path: "/data/My Notes.toml"}); !regexp.MustCompile(`^my-notes-[0-9a-f]{12}\.toml$`).MatchString(got) {
		t.Errorf("untitled: %q", got)
	}
	if got := name(Source{Path: "/data/سیاست.toml", Title: "سیاست"}); !regexp.MustCompile(`^timeline-[0-9a-f]{12}\.toml$`).MatchString(got) {
		t.Errorf("no ASCII: %q", got)
	}
	// A relative path is keyed by its absolute form.
	rel := name(Source{Path: "x.toml", Title: "t"})
	abs, _ := filepath.Abs("x.toml")
	if name(Source{Path: abs, Title: "t"}) != rel {
		t.Errorf("relative and absolute paths differ")
	}
}
