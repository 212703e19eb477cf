// Package data holds the default timeline that ships inside the tlx binary.
package data

import _ "embed"

// Timeline is the TOML source of the default timeline, data/timeline.toml.
//
//go:embed timeline.toml
var Timeline []byte

// Name labels the embedded timeline in messages and export headers: its path in the
// repository, where a problem in it is to be fixed.
const Name = "data/timeline.toml"
