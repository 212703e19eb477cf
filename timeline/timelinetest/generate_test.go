package timelinetest_test

import (
	"bytes"
	"testing"

	"github.com/tlx-dev/tlx/timeline"
	"github.com/tlx-dev/tlx/timeline/timelinetest"
)

func TestGenerateLoads(t *testing.T) {
	for _, n := range []int{0, 1, 50, 2000} {
		b := timelinetest.Generate(n, 7)
		if !bytes.Equal(b, timelinetest.Generate(n, 7)) {
			t.Fatalf("n=%d: same seed gave different bytes", n)
		}
		tl, err := timeline.Open("gen.toml", b)
		if err != nil {
			t.Fatalf("n=%d: generated file does not load: %v", n, err)
		}
		direct := timelinetest.GenerateTimeline(n, 7)
		if len(tl.Events) != n || len(direct.Events) != n {
			t.Fatalf("n=%d: parsed %d events, built %d", n, len(tl.Events), len(direct.Events))
		}
		for i := range tl.Events {
			p, d := &tl.Events[i], &direct.Events[i]
			if p.ID != d.ID || p.Date != d.Date || p.End != d.End || p.Title != d.Title ||
				p.Summary != d.Summary || len(p.Sources) != len(d.Sources) {
				t.Fatalf("n=%d: event %d differs: parsed %+v, built %+v", n, i, p, d)
			}
		}
	}
}

func TestGenerateSeedsDiffer(t *testing.T) {
	if bytes.Equal(timelinetest.Generate(100, 1), timelinetest.Generate(100, 2)) {
		t.Fatal("different seeds gave the same timeline")
	}
}
