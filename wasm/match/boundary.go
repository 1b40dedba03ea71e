package match

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// segmentWindow is how many runes on each side of a hit gse sees. Segmenting whole pages
// runs at ~2 MB/s, so only candidates are segmented, each with a window holding the
// words that could swallow it (出租车, 演出) and their rivals (画出自然: 画/出/自然).
const segmentWindow = 3

// restWord carries, in a trimmed dictionary, the total frequency of the words left out.
// gse prices a word by log(total frequency) − log(its frequency): without it every word
// of a trimmed dictionary would look likelier than gse's full dictionary makes it, and
// unknown characters (priced at a constant) would lose more often. U+E000 is a
// private-use character: no listing text spells a word with it.
const restWord = "\uE000"

type segmenter struct {
	words *wordSegmenter
	empty bool
}

func newSegmenter(words []bundle.Word) *segmenter {
	s := newWordSegmenter(words)
	return &segmenter{words: s, empty: s.words == 0}
}

// isWord reports whether gse, segmenting a window of block around [start, end), cuts at
// both ends of the hit: 出 is a word in 出象牙手镯 (出/象牙/手镯) but not in 出租.
// Separators in the folded text are cuts already, so the window stops at them.
func (s *segmenter) isWord(block []byte, start, end int) bool {
	if s.empty {
		return true
	}
	ws := start
	for n := 0; n < segmentWindow && ws > 0; n++ {
		r, size := utf8.DecodeLastRune(block[:ws])
		if r == ' ' {
			break
		}
		ws -= size
	}
	we := end
	for n := 0; n < segmentWindow && we < len(block); n++ {
		r, size := utf8.DecodeRune(block[we:])
		if r == ' ' {
			break
		}
		we += size
	}
	if start == ws && end == we {
		return true // separators on both sides
	}
	startCut, endCut := s.words.cuts(block[ws:we], start-ws, end-ws)
	return (startCut || start == ws) && (endCut || end == we)
}

// commonWordFreq is the gse frequency from which a word is kept whatever it contains:
// the commonest 3% of the dictionary (自然, 自己, 行程), which compete with the words that
// would swallow a hit (画出自然: 画/出/自然, not 画/出自/然).
const commonWordFreq = 444

// oneCharacter reports whether a form is one Chinese character, perhaps repeated (扣扣
// folds to 扣 written twice): the matcher checks such forms for word boundaries.
func oneCharacter(form string) bool {
	var han rune
	for _, r := range form {
		switch {
		case unicode.Is(unicode.Han, r) && (han == 0 || r == han):
			han = r
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Han, r):
			return false
		}
	}
	return han != 0
}

// TrimDictionary returns the words of a full segmentation dictionary that the boundary
// decisions need, so the wasm engine ships a few thousand words instead of 350,000:
//
//   - every word that shares a character with a form checked for word boundaries (of an
//     entry with boundary: word, or one Chinese character, perhaps repeated): the words
//     that could swallow a hit (出租 for 出);
//   - every common word (commonWordFreq);
//   - restWord, carrying the frequency of everything left out.
//
// TestTrimmedDictionaryAgrees measures how often decisions agree with the full
// dictionary's. One-character words are left out (gse gives them the frequency 2, so
// they cost about what an unknown character costs): with them the bundle carried 60%
// more words and the decisions measured were the same.
func TrimDictionary(terms []bundle.Term, full []bundle.Word) []bundle.Word {
	chars := map[rune]bool{}
	for i := range terms {
		t := &terms[i]
		for _, f := range append([]string{t.Term}, t.Variants...) {
			if t.Boundary != "word" && !oneCharacter(f) {
				continue
			}
			for _, r := range f {
				if unicode.Is(unicode.Han, r) {
					chars[r] = true
				}
			}
		}
	}
	var out []bundle.Word
	var total, kept float64
	seen := map[string]bool{}
	for _, w := range full {
		total += w.Freq
		if seen[w.Text] {
			continue
		}
		need := w.Freq >= commonWordFreq
		for _, r := range w.Text {
			if need || chars[r] {
				need = true
				break
			}
		}
		if need {
			seen[w.Text] = true
			kept += w.Freq
			out = append(out, w)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Text < out[b].Text })
	if rest := total - kept; rest > 0 && len(out) > 0 {
		out = append(out, bundle.Word{Text: restWord, Freq: rest})
	}
	return out
}
