package lexicon

import "embed"

// builtinFS holds the lexicon the binary is built with. Every part of it must exist:
// a binary without its lexicon should not build.
//
//go:embed terms/*.yaml sources.yaml profiles.yaml appearance.yaml
var builtinFS embed.FS
