package timeline

import "github.com/BurntSushi/toml"

// SyntaxMessage describes a TOML decoder error as the loader reports it: a lower-case
// message on one line, and a hint for the mistakes people make most, or "". tlx's other
// TOML files (the reader's notebook) report their syntax errors in the same words.
func SyntaxMessage(pe toml.ParseError) (msg, hint string) { return friendlySyntax(pe) }
