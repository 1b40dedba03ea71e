// Package match finds lexicon terms in listing text. PLACEHOLDER API: the implementation
// lands with the matcher work.
package match

import (
	"errors"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// Options tune a Matcher; the zero value turns every fold on.
type Options struct {
	// DisableFolds names folds to switch off (tests use it to show each fold's effect).
	DisableFolds []string
}

// Matcher is built once per bundle and is safe for concurrent Scan calls.
type Matcher struct{}

// New builds a matcher for a bundle.
func New(b *bundle.Bundle, opts Options) (*Matcher, error) {
	return nil, errors.New("match: not implemented yet")
}

// Scan matches one listing's text.
func (m *Matcher) Scan(id, text string) Result { return Result{ID: id, Verdict: VerdictClear} }
