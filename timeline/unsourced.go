package timeline

import "errors"

// OpenUnsourced is Open for a converter that writes an author's starting point: a file
// whose only problems are events without a source (a TimelineJS sheet of text-only
// slides, most of them) gives its timeline all the same, with those problems, so that
// the events can be written for the author to source; tlx convert writes them to TOML
// with a TODO for each. Any other problem fails as Open fails, and every other use of a
// timeline goes through Open, which refuses an event without a source.
func OpenUnsourced(name string, data []byte) (*Timeline, Problems, error) {
	d, err := formats.decode(name, data, nil)
	if err != nil {
		return nil, nil, err
	}
	t, err := d.Build()
	if err == nil {
		return t, nil, nil
	}
	var ps Problems
	if !errors.As(err, &ps) {
		return nil, nil, err
	}
	for _, p := range ps {
		if !errors.Is(p, ErrNoSource) {
			return nil, nil, err
		}
	}
	t = New(d.Title, d.Description, d.Actors, d.Themes, d.Events)
	t.Path = d.Name
	return t, ps, nil
}
