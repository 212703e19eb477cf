package timeline

import (
	"bytes"
	"fmt"
	"reflect"
)

// Reopen is the Loader's quick path alone: the timeline, or nil when it takes the full one.
func (l *Loader) Reopen(data []byte) *Timeline { return l.reopen(data) }

// KeptDiff says how what a keeps of its last good open differs from what b keeps; "" when
// nothing.
func KeptDiff(l, full *Loader) string {
	a, b := l.last, full.last
	switch {
	case !reflect.DeepEqual(a.keys, b.keys):
		return "the keys of the pieces differ from a full open's"
	case !reflect.DeepEqual(a.byPos, b.byPos):
		return "the events' places in the file differ from a full open's"
	case !reflect.DeepEqual(a.unmerged, b.unmerged) && len(a.unmerged)+len(b.unmerged) > 0:
		return "the sources kept as the file has them differ from a full open's"
	case a.actors != b.actors || a.themes != b.themes:
		return "the registries' sizes differ from a full open's"
	case (a.split == nil) != (b.split == nil):
		return "one open kept its split, the other not"
	case a.split != nil && (!bytes.Equal(a.split.data, b.split.data) || !reflect.DeepEqual(a.split.pieces, b.split.pieces)):
		return "the split kept differs from a full open's"
	}
	return ""
}

// TimelineDiff says how a differs from b, in everything a Timeline holds and builds when
// it is made; "" when nothing.
func TimelineDiff(a, b *Timeline) string {
	switch {
	case a.Title != b.Title || a.Description != b.Description || a.Path != b.Path:
		return "title, description or path differ"
	case !reflect.DeepEqual(a.Actors, b.Actors) || !reflect.DeepEqual(a.Themes, b.Themes):
		return "registries differ"
	case a.addedActors != b.addedActors || a.addedThemes != b.addedThemes:
		return "added registry entries differ"
	case !reflect.DeepEqual(a.actorIndex, b.actorIndex) || !reflect.DeepEqual(a.themeIndex, b.themeIndex):
		return "registry indexes differ"
	case !reflect.DeepEqual(a.eventIndex, b.eventIndex):
		return "event index differs"
	case a.firstYear != b.firstYear || a.lastYear != b.lastYear || a.maxPublishers != b.maxPublishers:
		return "span or publishers differ"
	case len(a.Events) != len(b.Events):
		return fmt.Sprintf("%d events, want %d", len(a.Events), len(b.Events))
	}
	for i := range a.Events {
		if !reflect.DeepEqual(a.Events[i], b.Events[i]) {
			return fmt.Sprintf("event %d:\n got %+v\nwant %+v", i, a.Events[i], b.Events[i])
		}
	}
	return ""
}

// Years returns the first and last years New worked out for t.
func Years(t *Timeline) (first, last int) { return t.firstYear, t.lastYear }
