package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/export"
)

// The real consumers of the writers: TimelineJS itself in headless Chromium, Python's
// icalendar and Python's csv module. .ci/run installs them (Debian's chromium and
// python3-icalendar, and @knight-lab/timelinejs from npm into .ci/consumers); a test
// whose consumer is missing skips locally and fails under CI, where CI is set.

// need skips the test, or fails it under CI, when a consumer is missing.
func need(t *testing.T, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing under CI, where .ci/run installs it: %v", what, err)
	}
	t.Skipf("%s is missing (bash .ci/run installs it): %v", what, err)
}

// consumerTimelines are the timelines every consumer reads: the embedded one, the
// hostile one (markup, escapes and entities in every field) and the uncertain one.
func consumerTimelines(t *testing.T) map[string]*timeline.Timeline {
	return map[string]*timeline.Timeline{"embedded": embeddedTL(t), "hostile": hostile(t), "uncertain": uncertain(t)}
}

// consumerNotes marks every other event of tl with two labels and gives it a note of two
// lines with characters each format escapes.
func consumerNotes(tl *timeline.Timeline) book {
	b := book{marks: map[string][]string{}, notes: map[string]string{}}
	for i := 0; i < len(tl.Events); i += 2 {
		id := tl.Events[i].ID
		b.marks[id] = []string{"key", "check"}
		b.notes[id] = "Reader line one & <b>\nReader line two, \"quoted\""
	}
	return b
}

// shown is a title as a reader must see it: sanitised, on one line, spaces collapsed.
func shown(s string) string { return strings.Join(strings.Fields(timeline.SanitizeLine(s)), " ") }

func chromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium on PATH")
}

// timelineJSDist finds TimelineJS's dist folder: $TLX_TIMELINEJS, else where .ci/run
// installs it.
func timelineJSDist() (string, error) {
	dir := os.Getenv("TLX_TIMELINEJS")
	if dir == "" {
		dir = filepath.Join("..", "..", ".ci", "consumers", "node_modules", "@knight-lab", "timelinejs", "dist")
	}
	if _, err := os.Stat(filepath.Join(dir, "js", "timeline.js")); err != nil {
		return "", err
	}
	return filepath.Abs(dir)
}

const timelineJSPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>tlx export in TimelineJS</title>
<link rel="stylesheet" href="/tl/css/timeline.css">
<script src="/tl/js/timeline.js"></script>
<style>html, body { height: 100%%; margin: 0 }</style></head>
<body><div id="timeline-embed" style="width: 100%%; height: 100%%"></div>
<script>
window.timeline = new TL.Timeline('timeline-embed', '/timeline.json',
  {script_path: '%s/tl/js/', font: null, language: 'en', hash_bookmark: false, start_at_slide: %d});
</script></body></html>`

// TestTimelineJSRendersExport: TimelineJS, served from this machine, renders each export
// in headless Chromium, and every exported headline can be read back from the page, as
// text: the HTML escaping shows markup as written.
func TestTimelineJSRendersExport(t *testing.T) {
	browser, err := chromium()
	need(t, "chromium", err)
	dist, err := timelineJSDist()
	need(t, "TimelineJS (npm @knight-lab/timelinejs)", err)
	for name, tl := range consumerTimelines(t) {
		t.Run(name, func(t *testing.T) {
			out := writeNotes(t, "timelinejs", tl, timeline.Filter{}, consumerNotes(tl))
			dom, requests := renderTimelineJS(t, browser, dist, out, "", 0)
			// The reader's note is on the page, under its label, its lines apart.
			if !strings.Contains(dom, "Reader's note:</strong><br>Reader line one &amp; &lt;b&gt;<br>Reader line two") {
				t.Errorf("the reader's note is not on the rendered page as written")
			}
			var got []string
			for _, m := range regexp.MustCompile(`(?s)<h2 class="tl-headline"[^>]*>(.*?)</h2>`).FindAllStringSubmatch(dom, -1) {
				text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(m[1], "")
				got = append(got, strings.Join(strings.Fields(html.UnescapeString(text)), " "))
			}
			if len(got) == 0 {
				t.Fatalf("no headline on the rendered page; requests %v; page:\n%.3000s", requests, dom)
			}
			for _, e := range tl.Events {
				if !slices.Contains(got, shown(e.Title)) {
					t.Errorf("headline %q is not on the rendered page", shown(e.Title))
				}
			}
			for _, r := range requests {
				if !strings.HasPrefix(r, "/tl/") && r != "/" && r != "/timeline.json" && r != "/favicon.ico" {
					t.Errorf("the page asked for %s", r)
				}
			}
		})
	}
}

// renderTimelineJS serves the page, TimelineJS's files and the export on a loopback
// address, has Chromium render it, and returns the DOM and the paths asked for. With
// screenshot set, it writes a PNG of the page there instead.
func renderTimelineJS(t *testing.T, browser, dist string, export []byte, screenshot string, slide int) (string, []string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	var mu sync.Mutex
	var requests []string
	mux := http.NewServeMux()
	mux.Handle("/tl/", http.StripPrefix("/tl/", http.FileServer(http.Dir(dist))))
	mux.HandleFunc("/timeline.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(export)
	})
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, timelineJSPage, base, slide)
	})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		requests = append(requests, r.URL.Path)
		mu.Unlock()
		mux.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir(),
		// Nothing but this machine resolves: the page cannot reach the internet.
		"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
		"--virtual-time-budget=20000", "--window-size=1280,900"}
	if screenshot != "" {
		args = append(args, "--screenshot="+screenshot)
	} else {
		args = append(args, "--dump-dom")
	}
	cmd := exec.CommandContext(ctx, browser, append(args, base+"/")...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	mu.Lock()
	defer mu.Unlock()
	return stdout.String(), slices.Clone(requests)
}

// TestTimelineJSScreenshot writes a screenshot of the embedded timeline's export in
// TimelineJS to $TLX_SCREENSHOT, at slide $TLX_SLIDE (0, the title, by default), for a
// person to look at; it does nothing without it.
func TestTimelineJSScreenshot(t *testing.T) {
	path := os.Getenv("TLX_SCREENSHOT")
	if path == "" {
		t.Skip("set TLX_SCREENSHOT=file.png to write a screenshot")
	}
	browser, err := chromium()
	need(t, "chromium", err)
	dist, err := timelineJSDist()
	need(t, "TimelineJS (npm @knight-lab/timelinejs)", err)
	slide, _ := strconv.Atoi(os.Getenv("TLX_SLIDE"))
	renderTimelineJS(t, browser, dist, write(t, "timelinejs", embeddedTL(t), timeline.Filter{}), path, slide)
}

// python returns a Python 3 that can import module: the one on PATH, else Debian's.
func python(module string) (string, error) {
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		if path, err := exec.LookPath(p); err == nil && exec.Command(path, "-c", "import "+module).Run() == nil {
			return path, nil
		}
	}
	return "", fmt.Errorf("no python3 that imports %s", module)
}

// runPython runs script with the file as its argument and decodes the JSON it prints.
func runPython(t *testing.T, py, script string, data []byte, out any) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "export")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", script, file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", py, err, stderr.String())
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
}

// TestICalendarParses: Python's icalendar parses each export with one VEVENT per event,
// each with its title as SUMMARY and all-day dates, DTEND after DTSTART.
func TestICalendarParses(t *testing.T) {
	py, err := python("icalendar")
	need(t, "python3-icalendar", err)
	const script = `
import sys, json, datetime, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for ev in cal.walk('VEVENT'):
    s, e = ev.decoded('DTSTART'), ev.decoded('DTEND')
    out.append({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']), 'start': s.isoformat(), 'end': e.isoformat(),
                'allday': type(s) is datetime.date and type(e) is datetime.date, 'description': str(ev.get('DESCRIPTION', ''))})
print(json.dumps(out))
`
	for name, tl := range consumerTimelines(t) {
		t.Run(name, func(t *testing.T) {
			var got []struct {
				UID, Summary, Start, End, Description string
				Allday                                bool
			}
			ann := consumerNotes(tl)
			runPython(t, py, script, writeNotes(t, "ics", tl, timeline.Filter{}, ann), &got)
			if len(got) != len(tl.Events) {
				t.Fatalf("%d VEVENTs, want %d", len(got), len(tl.Events))
			}
			for i, e := range tl.Events {
				g := got[i]
				if g.Summary != shown(e.Title) || !g.Allday || g.End <= g.Start {
					t.Errorf("event %q: %+v", e.ID, g)
				}
				if !strings.HasPrefix(g.Description, e.Span()) {
					t.Errorf("event %q: description %q does not start with %q", e.ID, g.Description, e.Span())
				}
				if note := ann.Note(e.ID); note != "" && !strings.HasSuffix(g.Description, "\n\nReader's mark: key, check\n\nReader's note:\n"+note) {
					t.Errorf("event %q: description %q does not end with the reader's mark and note", e.ID, g.Description)
				}
			}
		})
	}
}

// TestSheetOpensInPythonCSV: Python's csv module reads each sheet with a row per event
// after the title row, each Headline the event's title.
func TestSheetOpensInPythonCSV(t *testing.T) {
	py, err := python("csv")
	need(t, "python3", err)
	const script = `
import sys, csv, json
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
print(json.dumps(rows))
`
	for name, tl := range consumerTimelines(t) {
		t.Run(name, func(t *testing.T) {
			var rows []map[string]string
			ann := consumerNotes(tl)
			runPython(t, py, script, writeNotes(t, "csv", tl, timeline.Filter{}, ann), &rows)
			if len(rows) != len(tl.Events)+1 {
				t.Fatalf("%d rows, want %d events and the title row", len(rows), len(tl.Events))
			}
			if rows[0]["Type"] != "title" {
				t.Errorf("first row %v is not the title row", rows[0])
			}
			for i, e := range tl.Events {
				h := html.UnescapeString(strings.TrimPrefix(rows[i+1]["Headline"], "'"))
				if h != shown(e.Title) {
					t.Errorf("row %d: Headline %q, want %q", i+2, h, shown(e.Title))
				}
				note := "<p><strong>Reader&#39;s note:</strong><br>Reader line one &amp; &lt;b&gt;<br>Reader line two, &quot;quoted&quot;</p></div>"
				if ann.Note(e.ID) != "" && !strings.HasSuffix(rows[i+1]["Text"], note) {
					t.Errorf("row %d: Text %q does not end with the reader's note", i+2, rows[i+1]["Text"])
				}
			}
		})
	}
}

// TestMarkdownLinksInPandoc renders Markdown exports with pandoc -f gfm, which names
// headings as GitHub does, and follows every link to a related event: each must land on
// a heading. The export's header says its links are for those renderers.
func TestMarkdownLinksInPandoc(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	need(t, "pandoc", err)
	tl := embeddedTL(t)
	for name, f := range map[string]timeline.Filter{
		"all":   {},
		"iran":  timeline.Filter{}.With(timeline.ActorFilter, "iran"),
		"routh": timeline.Filter{}.With(timeline.ActorFilter, "routh"),
	} {
		t.Run(name, func(t *testing.T) {
			events, err := tl.Filter(f)
			if err != nil {
				t.Fatal(err)
			}
			var md bytes.Buffer
			if err := export.Markdown(&md, tl, events, export.Options{Filter: f}); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(md.String(), "use GitHub's heading anchors: they work on GitHub and in pandoc -f gfm") {
				t.Errorf("the header does not say which renderers the links are for:\n%.600s", md.String())
			}
			cmd := exec.Command(pandoc, "-f", "gfm", "-t", "html")
			cmd.Stdin = &md
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("pandoc: %v", err)
			}
			ids := map[string]bool{}
			for _, m := range regexp.MustCompile(`\sid="([^"]*)"`).FindAllSubmatch(out, -1) {
				ids[html.UnescapeString(string(m[1]))] = true
			}
			links := regexp.MustCompile(`\shref="#([^"]*)"`).FindAllSubmatch(out, -1)
			if len(links) == 0 {
				t.Fatal("no link to a related event")
			}
			for _, m := range links {
				if id := html.UnescapeString(string(m[1])); !ids[id] {
					t.Errorf("the link to #%s lands on no heading", id)
				}
			}
		})
	}
}
