package lexicon

import "embed"

// builtinFS holds the lexicon the binary is built with.
var builtinFS embed.FS
