package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

// TestLiveTimings measures issue 14's goals from outside, as a user meets them, each
// round side by side with the plain BurntSushi decode of the same file in a fresh process
// (timeline's TestPeakMemory, TLX_PEAK_MODE=plain): a first load, a reopen from the
// snapshot, the first events on screen, a search typed the moment they show, and an
// edit saved under a running explorer. It runs only when TLX_LIVE_TIMINGS names a number
// of rounds; docs/performance.md gives the command and the figures.
func TestLiveTimings(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("TLX_LIVE_TIMINGS"))
	if rounds <= 0 {
		t.Skip("set TLX_LIVE_TIMINGS=ROUNDS to measure")
	}
	needTmux(t)
	if _, err := os.Stat("/usr/bin/time"); err != nil {
		t.Skip("/usr/bin/time is missing: apt-get install time")
	}
	exe := buildTLX(t)
	dir := t.TempDir()
	plainExe := filepath.Join(dir, "timeline.test")
	if out, err := exec.Command("go", "test", "-c", "-o", plainExe, "./timeline").CombinedOutput(); err != nil {
		t.Fatalf("go test -c ./timeline: %v\n%s", err, out)
	}
	big := filepath.Join(dir, "big.toml")
	data := timelinetest.Generate(100_000, 1)
	if err := os.WriteFile(big, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tl, err := timeline.Open(big, data)
	if err != nil {
		t.Fatal(err)
	}
	first := tl.Events[0] // the event selected when the explorer opens

	type figure struct{ wall, rss []float64 }
	figs := map[string]*figure{}
	order := []string{}
	add := func(name string, wall, rss float64) {
		if figs[name] == nil {
			figs[name] = &figure{}
			order = append(order, name)
		}
		figs[name].wall = append(figs[name].wall, wall)
		figs[name].rss = append(figs[name].rss, rss)
	}
	timed := func(env []string, name string, args ...string) (wall, rssMiB float64) {
		cmd := exec.Command("/usr/bin/time", append([]string{"-f", "TIME %e %M"}, append([]string{name}, args...)...)...)
		cmd.Env = append(os.Environ(), env...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = nil, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s %q: %v\n%s", name, args, err, stderr.String())
		}
		m := regexp.MustCompile(`TIME (\S+) (\d+)`).FindStringSubmatch(stderr.String())
		if m == nil {
			t.Fatalf("no time in %q", stderr.String())
		}
		w, _ := strconv.ParseFloat(m[1], 64)
		kb, _ := strconv.ParseFloat(m[2], 64)
		return w, kb / 1024
	}
	count := regexp.MustCompile(`(\d+) of (\d+) events`)
	chip := regexp.MustCompile(`search ["“]oman["”]`)
	for r := 0; r < rounds; r++ {
		cache := filepath.Join(dir, fmt.Sprintf("cache%d", r))
		env := []string{"XDG_CACHE_HOME=" + cache}
		list := []string{"list", "-f", big, "--within", "2100"} // loads, filters, prints nothing

		w, m := timed([]string{"TLX_PEAK_FILE=" + big, "TLX_PEAK_MODE=plain"}, plainExe, "-test.run", "^TestPeakMemory$")
		add("plain decode (timeline.test, TLX_PEAK_MODE=plain)", w, m)
		w, m = timed(env, exe, append(list, "--no-cache")...)
		add("first load: tlx list --no-cache", w, m)
		w, m = timed(env, exe, list...)
		add("first load, writing the snapshot: tlx list", w, m)
		w, m = timed(env, exe, list...)
		add("reopen from the snapshot: tlx list", w, m)

		// The explorer, cold (no snapshot), in tmux: first events on screen, then a search
		// typed at once.
		begin := time.Now()
		s := start(t, 140, 40, dir, nil, exe, "-f", big, "--no-cache")
		s.timeout = 4 * waitTimeout
		s.waitFor("the first events", func(scr string) bool { return count.MatchString(scr) })
		shown := time.Since(begin).Seconds()
		add("first events on screen (tmux, --no-cache)", shown, 0)
		typed := time.Now()
		s.send("/")
		s.typeText("oman")
		s.send("Enter")
		s.waitFor("the search's result", func(scr string) bool {
			c := count.FindStringSubmatch(scr)
			return chip.MatchString(scr) && !strings.Contains(scr, "preview") && c != nil && c[1] != c[2]
		})
		add("a search typed as the list shows, to its result (tmux)", time.Since(typed).Seconds(), 0)
		s.send("C-c")
		s.exitStatus()

		// The explorer's whole first load, cold: from start to the whole timeline shown.
		begin = time.Now()
		s = start(t, 140, 40, dir, nil, exe, "-f", big, "--no-cache")
		s.timeout = 4 * waitTimeout
		s.waitFor("the whole timeline", func(scr string) bool {
			return strings.Contains(scr, "of 100000 events") && !strings.Contains(scr, "so far")
		})
		add("the whole timeline on screen (tmux, --no-cache)", time.Since(begin).Seconds(), 0)
		s.send("C-c")
		s.exitStatus()

		// An edit saved under the explorer, once loaded: the selected event's title.
		s = start(t, 140, 40, dir, env, exe, "-f", big)
		s.timeout = 4 * waitTimeout
		s.waitFor("the whole timeline", func(scr string) bool {
			return strings.Contains(scr, "of 100000 events") && !strings.Contains(scr, "so far")
		})
		title := fmt.Sprintf("Edited in round %d", r)
		edited := editTitle(t, data, first.Line, title)
		tmp := big + ".tmp"
		if err := os.WriteFile(tmp, edited, 0o644); err != nil {
			t.Fatal(err)
		}
		saved := time.Now()
		if err := os.Rename(tmp, big); err != nil {
			t.Fatal(err)
		}
		s.waitText(title)
		add("an edit shown after its save (tmux)", time.Since(saved).Seconds(), 0)
		// The explorer opened from the snapshot, and primes the file for quick reloads
		// beside the reader: a save as soon as the list shows may wait for that. The next
		// save is as an author's usually is, a while after the open.
		title = fmt.Sprintf("Edited again in round %d", r)
		if err := os.WriteFile(tmp, editTitle(t, data, first.Line, title), 0o644); err != nil {
			t.Fatal(err)
		}
		saved = time.Now()
		if err := os.Rename(tmp, big); err != nil {
			t.Fatal(err)
		}
		s.waitText(title)
		add("the next edit shown after its save (tmux)", time.Since(saved).Seconds(), 0)
		s.send("q")
		s.exitStatus()
		if err := os.WriteFile(big, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	median := func(v []float64) float64 {
		v = slices.Clone(v)
		slices.Sort(v)
		if len(v)%2 == 1 {
			return v[len(v)/2]
		}
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	plain := figs[order[0]]
	var out strings.Builder
	fmt.Fprintf(&out, "%d rounds; medians; each ratio is the median of the rounds' ratios to the plain decode of that round\n", rounds)
	fmt.Fprintf(&out, "%-58s %9s %9s %11s %9s\n", "", "wall s", "ratio", "max RSS MiB", "ratio")
	for _, name := range order {
		f := figs[name]
		wr, mr := make([]float64, len(f.wall)), make([]float64, len(f.wall))
		for i := range f.wall {
			wr[i] = f.wall[i] / plain.wall[i]
			mr[i] = f.rss[i] / plain.rss[i]
		}
		rss, rssRatio := "", ""
		if median(f.rss) > 0 {
			rss, rssRatio = fmt.Sprintf("%.0f", median(f.rss)), fmt.Sprintf("%.2fx", median(mr))
		}
		fmt.Fprintf(&out, "%-58s %9.3f %8.3fx %11s %9s  walls %v\n", name, median(f.wall), median(wr), rss, rssRatio, f.wall)
	}
	t.Log("\n" + out.String())
}

// editTitle returns data with the title of the event whose table starts at line replaced.
func editTitle(t *testing.T, data []byte, line int, title string) []byte {
	t.Helper()
	lines := bytes.SplitAfter(data, []byte("\n"))
	for i := line; i < len(lines); i++ {
		if bytes.HasPrefix(lines[i], []byte("title = ")) {
			lines[i] = []byte("title = " + strconv.Quote(title) + "\n")
			return bytes.Join(lines, nil)
		}
	}
	t.Fatalf("no title after line %d", line)
	return nil
}
