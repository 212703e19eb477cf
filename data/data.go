// Package data holds the default timeline that ships inside the tlx binary.
package data

import _ "embed"

// Timeline is the TOML source of the default timeline, data/timeline.toml.
//
//go:embed timeline.toml
var Timeline []byte

// Name labels the embedded timeline in messages and export headers.
const Name = "embedded timeline (data/timeline.toml)"
