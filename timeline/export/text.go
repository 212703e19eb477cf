package export

import (
	"strings"

	"github.com/tlx-dev/tlx/timeline"
)

// The writers of files that keep the timeline's text as it is (tlx JSON, TOML) keep what
// the loader accepts, tabs and line ends included, so that a timeline read back is the
// same; anything else the loader refuses is replaced as timeline.Sanitize replaces it.
// The loader has refused such text already: this is the second line of defence.

// keep returns s unchanged when it holds only what a timeline's text may hold, else s
// sanitised.
func keep(s string) string {
	if asciiText(s) {
		return s
	}
	if _, _, bad := timeline.ControlChar(s); !bad {
		if _, _, bad := timeline.InvisibleChar(s, false); !bad {
			return s
		}
	}
	return timeline.Sanitize(s)
}

// keepLine is keep for one-line fields: a line break or a tab becomes a space.
func keepLine(s string) string {
	if plainLine(s) {
		return s
	}
	s = keep(s)
	if strings.ContainsAny(s, "\r\n\t") {
		s = timeline.SanitizeLine(s)
	}
	return s
}

// keepAll is keepLine over a list, which it returns as it is when nothing changes.
func keepAll(list []string) []string {
	for _, s := range list {
		if keepLine(s) != s {
			out := make([]string, len(list))
			for j, s := range list {
				out[j] = keepLine(s)
			}
			return out
		}
	}
	return list
}

// exported says which events are in an export, for the writers of timeline files, which
// keep only the related ids an export holds: a file whose related events are left out
// would not load. nil when the export holds every event of t.
type exported map[string]bool

func exportedSet(t *timeline.Timeline, events []*timeline.Event) exported {
	if len(events) == len(t.Events) {
		return nil
	}
	set := make(exported, len(events))
	for _, e := range events {
		set[e.ID] = true
	}
	return set
}

// related returns the ids of ids that are in the export.
func (x exported) related(ids []string) []string {
	if x == nil {
		return ids
	}
	var out []string
	for _, id := range ids {
		if x[id] {
			out = append(out, id)
		}
	}
	return out
}

// actorName returns the name of e's i-th actor through the index New built, or its id
// when the timeline has no such actor.
func actorName(t *timeline.Timeline, e *timeline.Event, i int) string {
	if a := t.EventActor(e, i); a != nil {
		return a.Name
	}
	return e.Actors[i]
}

// themeName is actorName for themes.
func themeName(t *timeline.Timeline, e *timeline.Event, i int) string {
	if th := t.EventTheme(e, i); th != nil {
		return th.Name
	}
	return e.Themes[i]
}
