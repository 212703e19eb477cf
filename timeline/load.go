package timeline

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/BurntSushi/toml"
)

// Load reads and validates the timeline file at path.
func Load(path string) (*Timeline, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// ReadFile reads a timeline file, turning the ways it can fail into one clear Problem
// each: missing, a directory, unreadable.
func ReadFile(path string) ([]byte, error) {
	fail := func(msg, hint string) error {
		return &Problem{File: path, Kind: ErrFile, Msg: msg, Hint: hint}
	}
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fail("no such file", "check the path")
	case errors.Is(err, fs.ErrPermission):
		return nil, fail("permission denied", "check the file's permissions")
	case err != nil:
		return nil, fail(errors.Unwrap(err).Error(), "")
	case st.IsDir():
		return nil, fail("is a directory", "give the path of a .toml file")
	}
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrPermission):
		return nil, fail("permission denied", "check the file's permissions")
	case err != nil:
		return nil, fail(errors.Unwrap(err).Error(), "")
	}
	return b, nil
}

// ParseProgress is Parse that reports how far it has got: progress(done, total) is called
// from the loading goroutines, with done rising to total. It may be nil.
func ParseProgress(name string, data []byte, progress func(done, total int)) (*Timeline, error) {
	if progress != nil {
		progress(0, len(data))
		defer progress(len(data), len(data))
	}
	return Parse(name, data)
}

// Parse decodes and validates a timeline from data; name labels messages.
//
// This first version decodes the whole file at once and checks little; the full loader
// replaces it.
func Parse(name string, data []byte) (*Timeline, error) {
	var raw rawFile
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	events := make([]Event, 0, len(raw.Events))
	for i, re := range raw.Events {
		e := Event{
			ID: re.ID, Title: re.Title, Summary: re.Summary, Actors: re.Actors, Themes: re.Themes,
			Location: re.Location, Status: re.Status, Related: re.Related, Pos: i + 1,
		}
		var err error
		if e.Date, err = rawDate(re.Date); err != nil {
			return nil, fmt.Errorf("%s: event %d %q: %w", name, i+1, re.ID, err)
		}
		if re.End != nil {
			if e.End, err = rawDate(re.End); err != nil {
				return nil, fmt.Errorf("%s: event %d %q: %w", name, i+1, re.ID, err)
			}
		}
		for _, rs := range re.Sources {
			s := Source{Publisher: rs.Publisher, Title: rs.Title, URL: rs.URL, Via: rs.Via, Quote: rs.Quote}
			if rs.Published != nil {
				if s.Published, err = rawDate(rs.Published); err != nil {
					return nil, fmt.Errorf("%s: event %d %q: %w", name, i+1, re.ID, err)
				}
			}
			e.Sources = append(e.Sources, s)
		}
		events = append(events, e)
	}
	actors := make([]Actor, len(raw.Actors))
	for i, a := range raw.Actors {
		actors[i] = Actor(a)
	}
	themes := make([]Theme, len(raw.Themes))
	for i, th := range raw.Themes {
		themes[i] = Theme(th)
	}
	t := New(raw.Title, raw.Description, actors, themes, events)
	t.Path = name
	return t, nil
}

type rawFile struct {
	Title       string     `toml:"title"`
	Description string     `toml:"description"`
	Actors      []rawActor `toml:"actors"`
	Themes      []rawTheme `toml:"themes"`
	Events      []rawEvent `toml:"events"`
}

type rawActor struct {
	ID          string   `toml:"id"`
	Name        string   `toml:"name"`
	Kind        string   `toml:"kind"`
	Aliases     []string `toml:"aliases"`
	Description string   `toml:"description"`
}

type rawTheme struct {
	ID          string   `toml:"id"`
	Name        string   `toml:"name"`
	Aliases     []string `toml:"aliases"`
	Description string   `toml:"description"`
}

type rawEvent struct {
	ID       string      `toml:"id"`
	Date     any         `toml:"date"`
	End      any         `toml:"end"`
	Title    string      `toml:"title"`
	Summary  string      `toml:"summary"`
	Actors   []string    `toml:"actors"`
	Themes   []string    `toml:"themes"`
	Location string      `toml:"location"`
	Status   string      `toml:"status"`
	Related  []string    `toml:"related"`
	Sources  []rawSource `toml:"sources"`
}

type rawSource struct {
	Publisher string `toml:"publisher"`
	Title     string `toml:"title"`
	URL       string `toml:"url"`
	Published any    `toml:"published"`
	Via       string `toml:"via"`
	Quote     string `toml:"quote"`
}

// rawDate converts a decoded TOML value, a local date or a string, to a Date.
func rawDate(v any) (Date, error) {
	switch v := v.(type) {
	case string:
		return ParseDate(v)
	case time.Time:
		return DateOf(v), nil
	case nil:
		return Date{}, fmt.Errorf("%w: missing", ErrDate)
	}
	return Date{}, fmt.Errorf("%w: %v is a %T, want a date such as 2024-06-15 or \"2024-06\"", ErrDate, v, v)
}
