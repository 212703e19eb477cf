package timeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
)

// Format is a file format of timelines: how Open recognises it and the reader that
// decodes it into a Draft. A format tlx recognises but does not read yet has no Decode:
// Open then names it, instead of failing on it as if it were another.
type Format struct {
	Name string   // as messages name it: "TOML", "JSON"
	Exts []string // file name extensions, lower-case, with the dot: ".toml"
	// Sniff reports whether data, without a byte-order mark, is in this format, from its
	// content alone; nil for a format known by its extension only. A format with a Sniff
	// wins over one chosen by extension.
	Sniff func(data []byte) bool
	// Decode reads data into a Draft named name. r, which may be nil, is where it says
	// how far it has got and hands over the events it has decoded so far, and holds what
	// it may reuse from the last good decode of the same file: see Reading.
	Decode func(name string, data []byte, r *Reading) (*Draft, error)
}

// Formats is a table of formats, in the order Open tries their sniffers (those of formats
// with a reader first). Its first format with a reader and no sniffer is the default, for
// content nothing recognises.
type Formats []Format

// formats is the table of the formats tlx knows; TOML is its own. It is written here and
// never changed: adding a reader is a file with its Decode and a line here.
var formats = Formats{
	{Name: "TOML", Exts: []string{".toml"}, Decode: decodeTOML},
	{Name: "JSON", Exts: []string{".json"}, Sniff: looksJSON, Decode: decodeJSON},
	{Name: "CSV", Exts: []string{".csv"}, Sniff: looksSheet, Decode: decodeSheet},
	{Name: "YAML", Exts: []string{".yaml", ".yml"}, Sniff: looksYAML},
	{Name: "HTML or XML", Exts: []string{".html", ".htm", ".xml"}, Sniff: looksHTML},
	{Name: "Markdown", Exts: []string{".md", ".markdown"}, Sniff: looksMarkdown},
}

// KnownFormats returns the table of formats Open uses, for a caller that adds one (in a
// test, say) and opens with Formats.Open.
func KnownFormats() Formats { return append(Formats(nil), formats...) }

// Open reads and validates a timeline from data, choosing the reader by content and then
// by name, in the manner of image.Decode: a format whose Sniff recognises the content,
// else the format of name's extension, else TOML. name labels messages. A file that is
// not a timeline at all (empty, not UTF-8, a format tlx does not read) gives a single
// *Problem; a timeline with mistakes gives Problems, every one of them, sorted by place.
//
// Open does not modify data and does not keep it.
func Open(name string, data []byte) (*Timeline, error) { return formats.Open(name, data, nil) }

// OpenProgress is Open that reports how far it has got: progress(done, total) is called
// with the bytes read so far, rising to total = len(data). The calls may come from
// several goroutines but never at the same time, and done never goes down. progress may
// be nil.
func OpenProgress(name string, data []byte, progress func(done, total int)) (*Timeline, error) {
	return formats.Open(name, data, progress)
}

// Open is the package's Open over the formats of fs.
func (fs Formats) Open(name string, data []byte, progress func(done, total int)) (*Timeline, error) {
	var r *Reading
	if progress != nil {
		r = &Reading{progress: progress}
	}
	d, err := fs.decode(name, data, r)
	if err != nil {
		return nil, err
	}
	return d.Build()
}

// decode decodes data with the reader of its format, into a Draft to build.
func (fs Formats) decode(name string, data []byte, r *Reading) (*Draft, error) {
	f, line := fs.choose(name, data)
	if f == nil || f.Decode == nil {
		what := "a format tlx cannot read"
		if f != nil {
			what = f.Name
		}
		return nil, &Problem{File: name, Line: line, Kind: ErrFile,
			Msg: fmt.Sprintf("looks like %s; tlx reads %s timelines", what, fs.readable()), Hint: "see tlx help format"}
	}
	return f.Decode(name, data, r)
}

// choose picks the format of data named name, and the line of the content that gave it
// away (0 when the name did).
func (fs Formats) choose(name string, data []byte) (*Format, int) {
	body := bytes.TrimPrefix(data, bom)
	// A reader that knows its content wins over a guess at a format tlx does not read.
	for _, reads := range []bool{true, false} {
		for i := range fs {
			if (fs[i].Decode != nil) == reads && fs[i].Sniff != nil && fs[i].Sniff(body) {
				_, line, _ := firstContentLine(body)
				return &fs[i], line
			}
		}
	}
	ext := strings.ToLower(filepath.Ext(name))
	for i := range fs {
		for _, e := range fs[i].Exts {
			if e == ext {
				return &fs[i], 0
			}
		}
	}
	for i := range fs {
		if fs[i].Decode != nil && fs[i].Sniff == nil {
			return &fs[i], 0
		}
	}
	return nil, 0
}

// readable names the formats with a reader: "TOML", "TOML or CSV".
func (fs Formats) readable() string {
	var names []string
	for _, f := range fs {
		if f.Decode != nil {
			names = append(names, f.Name)
		}
	}
	switch len(names) {
	case 0:
		return "no"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

var bom = []byte("\xef\xbb\xbf")

// The sniffers of the formats tlx recognises, from the first line that is neither blank
// nor a comment. None recognises what could begin a TOML document: a line with "=" or a
// [header].

func looksJSON(data []byte) bool {
	first, _, _ := firstContentLine(data)
	return first != "" && (first[0] == '{' || first[0] == '[' && jsonArray(data))
}

func looksYAML(data []byte) bool {
	first, _, _ := firstContentLine(data)
	return first != "" && !tomlLine(first) && (first == "---" || yamlKey(first))
}

func looksHTML(data []byte) bool {
	first, _, _ := firstContentLine(data)
	return first != "" && first[0] == '<'
}

func looksMarkdown(data []byte) bool {
	first, _, comments := firstContentLine(data)
	if first == "" || tomlLine(first) {
		return false
	}
	return comments && markdownHeading(data) ||
		strings.HasPrefix(first, "```") || strings.HasPrefix(first, "> ") ||
		strings.HasPrefix(first, "- ") || strings.HasPrefix(first, "* ") || first[0] == '|'
}

// tomlLine reports whether a line could begin a TOML document: a [header] or key = value.
func tomlLine(s string) bool { return s[0] == '[' || isKeyValue(s) }

// jsonArray reports whether data starting with "[" is a JSON array rather than a TOML
// table header such as [events] or [[events]], whose next character is a key or "[".
func jsonArray(data []byte) bool {
	i := bytes.IndexByte(data, '[')
	rest := bytes.TrimLeft(data[i+1:], " \t\r\n")
	if len(rest) > 0 && rest[0] == '[' {
		rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	}
	if len(rest) == 0 || rest[0] == '_' || rest[0]|0x20 >= 'a' && rest[0]|0x20 <= 'z' {
		return false // a key: TOML
	}
	return json.Valid(data)
}
