package timeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The JSON reader. A JSON timeline is tlx JSON (json_tlx.go), which says so with a
// top-level "format": "tlx", or else TimelineJS's JSON (json_timelinejs.go). Both are
// read the same way: the file is scanned for the limits a timeline must keep to
// (MaxDepth, MaxKeyBytes) before it is decoded, so that a hostile file cannot drive the
// decoder; then it is decoded into a tree, and the tree is converted into a Draft field by
// field, each problem placed by its path in the file: events[3].start_date.month
// (indexes from 0, as jq counts).

// decodeJSON is the JSON reader: see above.
func decodeJSON(name string, data []byte, r *Reading) (*Draft, error) {
	r.Progress(0, len(data))
	defer r.Progress(len(data), len(data))
	data, p := wholeText(name, data)
	if p != nil {
		return nil, p
	}
	if p := jsonLimits(name, data); p != nil {
		return nil, p
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var tree any
	if err := dec.Decode(&tree); err != nil {
		return nil, jsonSyntax(name, data, err, dec.InputOffset())
	}
	if _, err := dec.Token(); err != io.EOF {
		off := int(dec.InputOffset())
		line, col := lineCol(data[:min(off, len(data))])
		return nil, &Problem{File: name, Line: line, Col: col, Kind: ErrSyntax,
			Msg: "invalid JSON: more after the end of the document", Hint: "a timeline is one JSON object; remove what follows it"}
	}
	top, _ := tree.(map[string]any)
	_, tlx := top["format"]
	_, events := top["events"]
	title, titled := top["title"]
	_, slide := title.(map[string]any)
	switch {
	case tlx:
		return tlxJSON(name, top), nil
	case events && (!titled || title == nil || slide):
		return timelineJS(name, top), nil
	}
	_, line, _ := firstContentLine(data)
	return nil, &Problem{File: name, Line: line, Kind: ErrFile,
		Msg:  "looks like JSON, but neither tlx JSON nor TimelineJS JSON",
		Hint: `tlx JSON starts {"format": "tlx", ...}, TimelineJS JSON has "events": [...] and a "title" slide; see tlx help format`}
}

// MaxJSONContainers is how many objects and arrays a JSON timeline may hold: each costs
// the decoder a map or a slice, and a timeline of 100,000 events holds about 1,200,000
// in tlx JSON. It bounds the memory a file of small empty objects could make tlx take.
const MaxJSONContainers = 8_000_000

// wholeText readies data for a reader that decodes it whole (JSON, a sheet): without its
// byte-order mark, or the one Problem of a file that is no text to read: empty, UTF-16,
// not UTF-8.
func wholeText(name string, data []byte) ([]byte, *Problem) {
	data = bytes.TrimPrefix(data, bom)
	if p := checkContent(name, data); p != nil {
		return nil, p
	}
	if !utf8.Valid(data) {
		return nil, notUTF8(name, data)
	}
	return data, nil
}

// jsonLimits scans data for a value nested deeper than MaxDepth, a key longer than
// MaxKeyBytes or more than MaxJSONContainers objects and arrays, before any decoding, and
// returns the first as a Problem with its line and column, or nil.
func jsonLimits(name string, data []byte) *Problem {
	depth, containers := 0, 0
	line, lineStart := 1, 0
	fail := func(off int, msg, hint string) *Problem {
		return &Problem{File: name, Line: line, Col: utf8.RuneCount(data[lineStart:off]) + 1, Kind: ErrLimit, Msg: msg, Hint: hint}
	}
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line, lineStart = line+1, i+1
		case '{', '[':
			depth++
			containers++
			if containers > MaxJSONContainers {
				return fail(i, fmt.Sprintf("more than %d objects and arrays, past the limit", MaxJSONContainers),
					"a timeline of 100,000 events holds about 1,200,000; split the timeline into several files")
			}
			if depth > MaxDepth {
				return fail(i, fmt.Sprintf("nested %d levels deep, past the limit of %d", depth, MaxDepth),
					"each object and each array adds a level; a timeline needs 6 at most")
			}
		case '}', ']':
			depth--
		case '"':
			start := i
			for i++; i < len(data) && data[i] != '"'; i++ {
				if data[i] == '\\' {
					i++
				}
			}
			n := i - start - 1
			if n > MaxKeyBytes {
				j := i + 1
				for j < len(data) && (data[j] == ' ' || data[j] == '\t' || data[j] == '\r' || data[j] == '\n') {
					j++
				}
				if j < len(data) && data[j] == ':' {
					return fail(start, fmt.Sprintf("key of %d bytes, past the limit of %d", n, MaxKeyBytes),
						"the keys of a timeline are short names such as title or publisher")
				}
			}
		}
	}
	return nil
}

// jsonSyntax turns a decoding error into a Problem with the line and column it is at.
func jsonSyntax(name string, data []byte, err error, inputOff int64) *Problem {
	off := int(inputOff)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	msg := err.Error()
	switch {
	case errors.As(err, &se):
		off = int(se.Offset) - 1
		msg = strings.TrimPrefix(se.Error(), "json: ")
	case errors.As(err, &te):
		off = int(te.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = len(data)
		msg = "unexpected end of the document"
	}
	off = max(0, min(off, len(data)))
	line, col := lineCol(data[:off])
	hint := ""
	switch {
	case strings.Contains(msg, "end of the document"):
		hint = "something opened here is never closed: a string, an array or an object"
	case strings.Contains(msg, "looking for beginning of object key string"):
		hint = `keys are in double quotes, and no comma follows the last item`
	case strings.Contains(msg, "invalid character '\\''"):
		hint = "JSON strings are in double quotes"
	case strings.Contains(msg, "after object key:value pair"), strings.Contains(msg, "after array element"):
		hint = "separate the items with commas"
	case strings.Contains(msg, "in string literal"):
		hint = `write a line break in a string as \n and a tab as \t`
	}
	return &Problem{File: name, Line: line, Col: col, Kind: ErrSyntax, Msg: "invalid JSON: " + msg, Hint: hint}
}

// jsonTypeName names a decoded JSON value's type for messages.
func jsonTypeName(v any) string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return "an empty string"
		}
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// jsonPath is where a value is in a JSON document: events[3].start_date.month.
type jsonPath string

func (p jsonPath) key(k string) jsonPath {
	if p == "" {
		return jsonPath(k)
	}
	return p + "." + jsonPath(k)
}

func (p jsonPath) index(i int) jsonPath { return p + jsonPath("["+strconv.Itoa(i)+"]") }

// jsonConv converts a JSON tree into a Draft, collecting issues and the path of every ref
// it reports about, which Locate then returns.
type jsonConv struct {
	d      *Draft
	issues []Issue
	paths  map[Ref]string
	ref    Ref // the item being converted
	kind   string
	id     string
	pos    int
}

func newJSONConv(name string) *jsonConv {
	c := &jsonConv{d: &Draft{Name: name}, paths: map[Ref]string{}}
	c.d.Locate = func(r Ref) Place {
		if p, ok := c.paths[r]; ok {
			return Place{Path: p}
		}
		if r.Key != "" {
			r.Key = ""
			if p, ok := c.paths[r]; ok {
				return Place{Path: p}
			}
		}
		if r.Source > 0 {
			r.Source = 0
			if p, ok := c.paths[r]; ok {
				return Place{Path: p}
			}
		}
		return Place{}
	}
	return c
}

// draft hands over the draft with the issues.
func (c *jsonConv) draft() *Draft {
	c.d.Issues = append(c.d.Issues, c.issues...)
	return c.d
}

// at records that the field key of the item being converted is at path.
func (c *jsonConv) at(key string, path jsonPath) {
	r := c.ref
	r.Key = key
	c.paths[r] = string(path)
}

// item starts converting an item: its table, index, source and where it is.
func (c *jsonConv) item(ref Ref, kind string, pos int, path jsonPath) {
	c.ref, c.kind, c.id, c.pos = ref, kind, "", pos
	c.paths[ref] = string(path)
}

func (c *jsonConv) in() string {
	if c.kind == "" {
		return ""
	}
	return " in " + itemName(c.kind, c.id, c.pos, c.ref.Source)
}

func (c *jsonConv) add(key string, kind error, hint, format string, args ...any) {
	ref := c.ref
	ref.Key = key
	c.issues = append(c.issues, Issue{Ref: ref, Kind: kind, Msg: fmt.Sprintf(format, shortenArgs(args)...), Hint: hint})
}

func (c *jsonConv) give(key string, how Given) {
	ref := c.ref
	ref.Key = key
	c.d.Give(ref, how)
}

// object returns v as an object, or reports that it is not one.
func (c *jsonConv) object(key string, v any, path jsonPath, hint string) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		c.at(key, path)
		c.add(key, ErrType, hint, "%s%s must be an object, not %s", key, c.in(), jsonTypeName(v))
		c.give(key, GivenWrong)
	}
	return m, ok
}

// unknownKeys reports the keys of m that known does not list, sorted.
func (c *jsonConv) unknownKeys(m map[string]any, known []string, path jsonPath) {
	for _, k := range unknownKeys(m, known) {
		key := "?" + k // a ref of its own, so that it is placed at its own path
		c.at(key, path.key(k))
		c.add(key, ErrUnknownKey, keyHint(k, known), "unknown key %q%s", shorten(k), c.in())
	}
}

// text reads a string; null or a missing key is "". Another type is an issue.
func (c *jsonConv) text(m map[string]any, key string, path jsonPath) string {
	v, ok := m[key]
	if !ok || v == nil {
		return ""
	}
	c.at(key, path.key(key))
	s, ok := v.(string)
	if !ok {
		c.add(key, ErrType, `write it in double quotes: "`+key+`": "..."`, "%s%s must be a string, not %s", key, c.in(), jsonTypeName(v))
		c.give(key, GivenWrong)
		return ""
	}
	if s == "" {
		c.give(key, GivenBlank)
	}
	return s
}

// list reads an array of strings.
func (c *jsonConv) list(m map[string]any, key string, path jsonPath) []string {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	c.at(key, path.key(key))
	arr, ok := v.([]any)
	if !ok {
		c.add(key, ErrType, `write a list: "`+key+`": ["..."]`, "%s%s must be an array of strings, not %s", key, c.in(), jsonTypeName(v))
		return nil
	}
	out := make([]string, 0, len(arr))
	for i, x := range arr {
		s, ok := x.(string)
		if !ok {
			c.at(key, path.key(key).index(i))
			c.add(key, ErrType, "write each item in double quotes", "item %d of %s%s must be a string, not %s", i+1, key, c.in(), jsonTypeName(x))
			continue
		}
		out = append(out, s)
	}
	return out
}

// array reads an array of objects, reporting every item that is not one.
func (c *jsonConv) array(m map[string]any, key string, path jsonPath, hint string) []map[string]any {
	v, ok := m[key]
	if !ok || v == nil {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		c.at(key, path.key(key))
		c.add(key, ErrType, hint, "%s%s must be an array of objects, not %s", key, c.in(), jsonTypeName(v))
		c.give(key, GivenWrong)
		return nil
	}
	out := make([]map[string]any, len(arr))
	for i, x := range arr {
		o, ok := x.(map[string]any)
		if !ok {
			c.at(key, path.key(key).index(i))
			c.add(key, ErrType, hint, "item %d of %s%s must be an object, not %s", i+1, key, c.in(), jsonTypeName(x))
			if len(arr) == 1 {
				c.give(key, GivenWrong)
			}
			continue
		}
		out[i] = o
	}
	return out
}
