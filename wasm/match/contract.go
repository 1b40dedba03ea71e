package match

import (
	"strings"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// FoldPattern returns the form a lexicon pattern takes after every fold; the lexicon
// compiler uses it to refuse patterns that fold to nothing or to a single character.
// PLACEHOLDER until the fold pipeline lands.
func FoldPattern(t *bundle.Tables, s string) string {
	return strings.ToLower(strings.TrimSpace(s))
}

// TrimDictionary returns the words of a full segmentation dictionary that the
// boundary decisions for terms need. PLACEHOLDER until the segmenter lands.
func TrimDictionary(terms []bundle.Term, full []bundle.Word) []bundle.Word {
	var out []bundle.Word
	for _, w := range full {
		for _, t := range terms {
			if t.Boundary == "word" && strings.Contains(w.Text, t.Term) {
				out = append(out, w)
				break
			}
		}
	}
	return out
}
