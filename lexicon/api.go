package lexicon

import (
	"errors"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// Lexicon is a parsed and validated lexicon source. PLACEHOLDER: the parser lands next.
type Lexicon struct {
	Terms    []bundle.Term
	Sources  map[string]bundle.Source
	Profiles []bundle.Profile
}

// Load reads a lexicon from a YAML file or a directory of them.
func Load(path string) (*Lexicon, error) { return nil, errors.New("lexicon: not implemented yet") }

// Builtin returns the lexicon embedded in the binary (lexicon/terms, sources, profiles).
func Builtin() (*Lexicon, error) { return nil, errors.New("lexicon: not implemented yet") }

// Compile builds a bundle of the given version.
func (l *Lexicon) Compile(version int64) (*bundle.Bundle, error) {
	return nil, errors.New("lexicon: not implemented yet")
}
