package match

import (
	"strings"
)

// wordIndex finds the patterns made of whole Latin words (ivory, rhino horn, and the
// generated pinyin xiang ya, xiangya) without the automaton. They match only as whole
// words anyway, and they are most of a lexicon's pattern bytes (pinyin alone: every
// Chinese form spelled with and without spaces, for each reading): in
// cloudflare/ahocorasick, which holds ~4 KB per pattern byte, they would take most of
// the matcher's memory. Looked up word by word instead: at each Latin word of the folded
// text one table probe, a map probe when its first letters can begin a pattern, and
// only when the word does, one probe per following word. The automaton keeps every
// pattern with a character other than a-z and single spaces (象牙, 🐘牙, +v, pre 1947).
type wordIndex struct {
	forms map[string]int // folded form → pattern index
	// starts holds every word a form can begin with: the first syllable of a spaced
	// form, or a whole unspaced form.
	starts   map[string]bool
	maxWords int
	held     []bool // by pattern index: looked up here, not in the automaton
	// starters[a][b] has bit n set when some start word of n letters (n ≥ 31: bit 31)
	// begins with the letters a, b (b = 0 for a one-letter word): most words of the
	// text are turned away without hashing.
	starters [27][27]uint32
}

func lengthBit(n int) uint32 { return 1 << min(n, 31) }

func initialsOf(w []byte) (int, int) {
	a, b := int(w[0]|0x20)-'a'+1, 0
	if len(w) > 1 {
		b = int(w[1]|0x20) - 'a' + 1
	}
	return a, b
}

func newWordIndex(patterns []pattern) *wordIndex {
	ix := &wordIndex{forms: map[string]int{}, starts: map[string]bool{}, held: make([]bool, len(patterns))}
	for i, p := range patterns {
		if !wholeWords(p.text) {
			continue
		}
		ix.forms[p.text] = i
		ix.held[i] = true
		words := strings.Split(p.text, " ")
		ix.starts[words[0]] = true
		a, b := initialsOf([]byte(words[0]))
		ix.starters[a][b] |= lengthBit(len(words[0]))
		ix.maxWords = max(ix.maxWords, len(words))
	}
	if len(ix.forms) == 0 {
		return nil
	}
	return ix
}

// wholeWords reports whether a pattern is ASCII letters in words separated by single
// spaces.
func wholeWords(text string) bool {
	for i := 0; i < len(text); i++ {
		if c := text[i]; !isASCIILetter(c) && !(c == ' ' && i > 0 && text[i-1] != ' ') {
			return false
		}
	}
	return text != "" && isASCIILetter(text[len(text)-1])
}

func (ix *wordIndex) holds(pi int) bool {
	return ix != nil && pi < len(ix.held) && ix.held[pi]
}

// find adds the whole-word hits of one block of the folded text.
func (ix *wordIndex) find(m *Matcher, fd *folded, blockStart, blockEnd int, hits []hit) []hit {
	text := fd.text
	for i := blockStart; i < blockEnd; {
		if !isASCIILetter(text[i]) {
			i++
			continue
		}
		start, end := i, wordEnd(text, i, blockEnd)
		i = end
		if a, b := initialsOf(text[start:end]); ix.starters[a][b]&lengthBit(end-start) == 0 || !ix.starts[string(text[start:end])] {
			continue
		}
		for words := 1; ; words++ {
			if pi, ok := ix.forms[string(text[start:end])]; ok {
				hits = m.accept(fd, blockStart, blockEnd, start, end, pi, hits)
			}
			if words == ix.maxWords || end+1 >= blockEnd || text[end] != ' ' || !isASCIILetter(text[end+1]) {
				break
			}
			end = wordEnd(text, end+1, blockEnd)
		}
	}
	return hits
}

func wordEnd(text []byte, i, limit int) int {
	for i < limit && isASCIILetter(text[i]) {
		i++
	}
	return i
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
