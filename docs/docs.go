// Package docs embeds the reference pages that ship inside the tlx binary: the timeline
// format and the reader's notebook, which tlx help format, tlx help notebook and the man
// pages print, and the JSON Schema that tlx list --schema prints, so that an installed
// binary carries what its messages point to.
package docs

import _ "embed"

// Format is the timeline format's reference, format.md.
//
//go:embed format.md
var Format []byte

// Notebook is the reader's notebook's reference, notebook.md.
//
//go:embed notebook.md
var Notebook []byte

// Schema is the JSON Schema of tlx JSON and of tlx list --json and --jsonl, tlx.schema.json.
//
//go:embed tlx.schema.json
var Schema []byte
