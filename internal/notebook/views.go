package notebook

import (
	"fmt"
	"slices"
	"strings"
)

// SaveView saves query under name, replacing the view's query if it is base ("" for a
// new view). If the view on disk holds another query, saved meanwhile or not known to
// the caller, nothing is written and the error wraps ErrViewChanged: ask the reader, then
// call again with that query as base.
func (nb *Notebook) SaveView(name, query, base string) (*State, error) {
	name, query = strings.TrimSpace(name), strings.TrimSpace(query)
	if p := keyProblem(name); p != "" {
		return nil, inputError("view name %s %s", quoteLine(name), p)
	}
	if p := textProblem(query, false, maxLine); p != "" {
		return nil, inputError("the query of view %s %s", quoteLine(name), p)
	}
	return nb.change(func(disk *State) (*State, error) {
		if v, ok := disk.View(name); ok && v.Query != strings.TrimSpace(base) && v.Query != query {
			return nil, fmt.Errorf("%w: view %s is saved as %s; replace it or choose another name", ErrViewChanged, quoteLine(name), quoteLine(v.Query))
		}
		next := disk.clone()
		next.views = slices.DeleteFunc(next.views, func(v View) bool { return v.Name == name })
		next.views = append(next.views, View{Name: name, Query: query})
		return next, nil
	})
}

// DeleteView removes the view called name if its query is still base; if another query
// was saved under the name meanwhile, the error wraps ErrViewChanged. Removing a view
// that is not there changes nothing.
func (nb *Notebook) DeleteView(name, base string) (*State, error) {
	name = strings.TrimSpace(name)
	return nb.change(func(disk *State) (*State, error) {
		v, ok := disk.View(name)
		if !ok {
			return disk, nil
		}
		if v.Query != strings.TrimSpace(base) {
			return nil, fmt.Errorf("%w: view %s was saved meanwhile as %s; it was kept", ErrViewChanged, quoteLine(name), quoteLine(v.Query))
		}
		next := disk.clone()
		next.views = slices.DeleteFunc(next.views, func(v View) bool { return v.Name == name })
		return next, nil
	})
}
