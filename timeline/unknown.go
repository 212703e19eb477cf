package timeline

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// ErrUnknownValue is wrapped by the error of every filter value the timeline (or, for
// marked, the notebook) does not have: an actor, a theme, a status, a place, a
// publisher, a label. The error is an *UnknownValueError, which says the kind, so that
// a caller can list what there is to choose from (Timeline.Values).
var ErrUnknownValue = errors.New("unknown filter value")

// UnknownValueError is a filter value the timeline does not have.
type UnknownValueError struct {
	Kind       FilterKind
	Value      string // as given
	Suggestion string // the nearest known name, or ""
}

// Error says what is unknown and suggests the nearest: unknown actor "iarn"; did you
// mean "iran"?
func (e *UnknownValueError) Error() string {
	noun := unknownNouns[e.Kind]
	if noun == "" {
		noun = e.Kind.Name() + " value"
	}
	msg := fmt.Sprintf("unknown %s %q", noun, e.Value)
	if e.Suggestion != "" {
		msg += fmt.Sprintf("; did you mean %q?", e.Suggestion)
	}
	return msg
}

// Unwrap returns ErrUnknownValue.
func (e *UnknownValueError) Unwrap() error { return ErrUnknownValue }

// unknownNouns name what a kind's values are, in messages.
var unknownNouns = map[FilterKind]string{
	ActorFilter: "actor", ThemeFilter: "theme", StatusFilter: "status",
	LocationFilter: "location", PublisherFilter: "publisher", MarkedFilter: "label",
}

// unknown builds the error for a value of kind k that is not among the known ones, with
// the nearest known name as a suggestion when one is close.
func unknown(k FilterKind, name string, known []Value) error {
	names := make([]string, 0, 2*len(known))
	for _, v := range known {
		names = append(names, v.Key)
		if v.Name != v.Key {
			names = append(names, v.Name)
		}
		names = append(names, v.Aliases...)
	}
	s := Suggest(name, names)
	if s == "" {
		s = wordPrefix(name, names)
	}
	return &UnknownValueError{Kind: k, Value: name, Suggestion: s}
}

// wordPrefix returns the one candidate with a word that starts with name, ignoring case
// ("asharq" for "Asharq Al-Awsat"), or "" when none or several have.
func wordPrefix(name string, candidates []string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		return ""
	}
	found := ""
	for _, c := range candidates {
		for _, w := range strings.Fields(strings.ToLower(c)) {
			if strings.HasPrefix(w, name) {
				if found != "" && !strings.EqualFold(found, c) {
					return ""
				}
				found = c
				break
			}
		}
	}
	return found
}

// maxSuggestBytes is the longest name Suggest looks for near candidates.
const maxSuggestBytes = 128

// Suggest returns the candidate nearest to name by edit distance, ignoring case, or ""
// when none is near enough to be a likely typo.
func Suggest(name string, candidates []string) string {
	if len(name) > maxSuggestBytes {
		return "" // the distance costs the product of the lengths; no typo is this long
	}
	name = strings.ToLower(name)
	best, bestDist := "", len(name)/2+2
	for _, c := range candidates {
		if len(c) > utf8.UTFMax*(len(name)+bestDist) {
			continue // more characters than an edit distance under bestDist allows
		}
		d := editDistance(name, strings.ToLower(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist > max(1, len([]rune(name))/3+1) {
		return ""
	}
	return best
}

// editDistance is the Damerau-Levenshtein (optimal string alignment) distance, so that a
// swap of two letters ("iarn" for "iran") counts as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
