package lexicon

import (
	"errors"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	_ "unsafe" // for go:linkname

	_ "github.com/go-ego/gse" // holds the dictionary text read below

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// gseSimplified is gse's embedded simplified Chinese dictionary, one "word freq pos"
// line per word. gse exposes it only through its loader, which builds a trie and
// pre-segments every word: ~2.5 s of every command that compiles a lexicon, for a list
// we only read. TestFullDictionaryMatchesGseLoader keeps this reading equal to gse's.
//
//go:linkname gseSimplified github.com/go-ego/gse.zhS
var gseSimplified string

// gseMinFreq is gse's default MinTokenFreq: its loader drops rarer words.
const gseMinFreq = 2

var fullDictionary = sync.OnceValues(func() ([]bundle.Word, error) {
	return parseGseDictionary(gseSimplified)
})

// FullDictionary returns gse's embedded simplified Chinese dictionary (~350k words) as
// gse's loader would hold it: in file order, words below gse's minimum frequency
// dropped, one-character words at frequency 2, Latin letters lower-cased, the first of
// duplicates kept. It is read once per process and shared: callers must not modify it.
func FullDictionary() ([]bundle.Word, error) {
	return fullDictionary()
}

func parseGseDictionary(text string) ([]bundle.Word, error) {
	if text == "" {
		return nil, errors.New("gse dictionary: empty (was the binary built with -tags ne?)")
	}
	words := make([]bundle.Word, 0, strings.Count(text, "\n")+1)
	seen := make(map[string]bool, cap(words))
	for line := range strings.SplitSeq(text, "\n") {
		f := strings.Split(line, " ")
		if len(f) < 2 {
			continue
		}
		raw := strings.TrimSpace(f[0])
		freq, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
		if err != nil || freq < gseMinFreq {
			continue
		}
		if utf8.RuneCountInString(raw) < 2 {
			freq = 2
		}
		w := bundle.Word{Text: gseLower(raw), Freq: freq}
		if len(f) > 2 {
			w.Pos = strings.TrimSpace(f[2])
		}
		if seen[w.Text] {
			continue
		}
		seen[w.Text] = true
		words = append(words, w)
	}
	return words, nil
}

// gseLower lower-cases what gse's SplitTextToWords lower-cases: letters and digits
// encoded in at most two bytes (Latin, Greek, Cyrillic), not CJK.
func gseLower(s string) string {
	return strings.Map(func(r rune) rune {
		if utf8.RuneLen(r) <= 2 && (unicode.IsLetter(r) || unicode.IsNumber(r)) {
			return unicode.ToLower(r)
		}
		return r
	}, s)
}
