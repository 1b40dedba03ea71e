package match

import (
	"encoding/binary"
	"slices"
	"strings"
	"unicode/utf8"
)

// mixedIndex finds a Chinese form written half in pinyin: 象ya and xiang牙 for 象牙,
// 穿shan甲 for 穿山甲, chuan shan jia 片 for 穿山甲片. The Latin part is one or more words
// of the text that spell syllables lo..hi-1 of a generated pinyin form (xiang ya), with
// or without the spaces; the characters before and after it (touching it, or across
// white space, not punctuation), n in all, must be the characters at those places of
// one of the entry's Chinese forms of n characters (象 or 像 before ya: 象牙 and 像牙).
// Generating these forms as patterns instead would put every one of them in the
// automaton, at ~4 KB per byte.
//
// A Latin part of one letter does not count: A货, T恤, E卡 are how Chinese writes
// goods, not pinyin. But one capital letter that touches the characters around it and
// is the initial of the character it stands for, in an entry of risk 3 or more that is
// not a trade word, does (豹Y for 豹牙, 雪B皮, 长臂Y, 鶴D紅, 川山J): such a hit counts as
// goods named by their initials (see initialsRisk). A mixed hit reports its pinyin form
// (via xiang ya) and the pinyin fold. Its entry's benign phrases are not applied: they
// are written in characters or in full pinyin.
type mixedIndex struct {
	benignAround [][]aroundPair // the Matcher's around, by term (see coveredAround)
	// parts is keyed by the Latin part as the folded text has it (ya, xiang, shan jia,
	// shanjia), and by every spaced prefix of a key (more: read on to the next word).
	keys  bytesTable[mixedKey]
	parts []mixedPart // a key's parts are parts[from:from+count]
	// keyed has the bit wordHash(k) set for every key k: most Latin words next to
	// Chinese text (g, cm, iPhone) are turned away without a probe.
	keyed [1 << wordHashBits / 64]uint64
	// apart: likewise, but for the keys a word may be without a character beside it
	// (not tiger or bear, which count only written against their characters).
	apart [1 << wordHashBits / 64]uint64
	// hanAt says which of an entry's Chinese forms of n characters (one bit each, up
	// to 64) have r as their k-th character.
	hanAt map[hanPos]uint64
	// initials holds the parts of one capital initial (雪B), keyed by the letter and the
	// character it touches: the one before it, or for a form's first character the one
	// after (see initialKey). T恤 and A货 look up one key each, not every part of T or A.
	initials map[initialKey][]mixedPart
}

type initialKey struct {
	letter byte
	after  bool // r is the character after the letter (the form begins with the initial)
	r      rune
}

type mixedKey struct {
	from     uint32
	count    uint16
	more     bool
	touching bool // every part is an English name that counts only written against its characters
}

// mixedPart is small: the product lexicon has ~11,000 (memory counts twice while a
// new bundle's matcher is built beside the old).
type mixedPart struct {
	pattern    int32
	form, term uint16
	lo, hi, n  uint8 // the Latin part is syllables lo..hi-1 of n
	initial    bool  // the Latin part is syllable lo's initial, a capital
	english    bool  // the Latin part is an English name of the characters (see englishHan)
	touching   bool  // ... one that counts only written against them (see englishHan)
}

// minHalfInitialsRisk is the least risk of an entry one of whose characters may be
// written as its initial (雪B).
const minHalfInitialsRisk = 3

type patternTerm struct {
	term int32
	n    int
}

type hanPos struct {
	term int32
	n, k uint8
	r    rune
}

// maxMixedSyllables bounds the forms indexed: longer Chinese forms are rarely written
// half in pinyin, and each adds n(n+1) keys.
const maxMixedSyllables = 6

// readings holds each character's most likely reading (the bundle's homophone table): a
// capital initial is of that reading only.
func newMixedIndex(patterns []pattern, initialsOK func(term int) bool, readings map[string]string) *mixedIndex {
	ix := &mixedIndex{hanAt: map[hanPos]uint64{}, initials: map[initialKey][]mixedPart{}}
	lengths := map[int32]map[int]int{} // term → length → how many Chinese forms
	formsOf := map[patternTerm][][]rune{}
	for _, p := range patterns {
		n := utf8.RuneCountInString(p.text)
		if n < 2 || n > maxMixedSyllables || !allHan(p.text) {
			continue
		}
		for _, fm := range p.forms {
			if fm.generated != 0 {
				continue
			}
			t := int32(fm.term)
			if lengths[t] == nil {
				lengths[t] = map[int]int{}
			}
			bit := lengths[t][n]
			if bit == 64 {
				continue
			}
			lengths[t][n]++
			formsOf[patternTerm{t, n}] = append(formsOf[patternTerm{t, n}], []rune(p.text))
			k := uint8(0)
			for _, r := range p.text {
				ix.hanAt[hanPos{term: t, n: uint8(n), k: k, r: r}] |= 1 << bit
				k++
			}
		}
	}
	keys := map[string][]mixedPart{}
	prefixes := map[string]bool{}
	for pi, p := range patterns {
		syllables := strings.Split(p.text, " ")
		n := len(syllables)
		if n < 2 || n > maxMixedSyllables {
			continue
		}
		for fi, fm := range p.forms {
			if fm.generated != FoldPinyin || fm.runs != nil || lengths[int32(fm.term)][n] == 0 || fi > 0xFFFF || fm.term > 0xFFFF {
				continue
			}
			for lo := 0; lo < n; lo++ {
				for hi := lo + 1; hi <= n; hi++ {
					if lo == 0 && hi == n {
						continue // all pinyin: the word index's own pattern
					}
					if hi-lo == 1 && initialsOK != nil && initialsOK(fm.term) && len(syllables[lo]) > 1 {
						for _, han := range formsOf[patternTerm{int32(fm.term), n}] {
							if r, ok := readings[string(han[lo])]; ok && r[0] != syllables[lo][0] {
								continue // 豹Q: 龟 read qiu (龟兹) is no one's initial for it
							}
							k := initialKey{letter: syllables[lo][0], after: lo == 0}
							if k.after {
								k.r = han[1]
							} else {
								k.r = han[lo-1]
							}
							part := mixedPart{pattern: int32(pi), form: uint16(fi), term: uint16(fm.term), lo: uint8(lo), hi: uint8(hi), n: uint8(n), initial: true}
							if !slices.Contains(ix.initials[k], part) {
								ix.initials[k] = append(ix.initials[k], part)
							}
						}
					}
					if hi-lo == 1 && len(syllables[lo]) < 2 {
						continue // a lone letter is not pinyin: E卡 (an e-card) is not 阿卡 (e ka)
					}
					part := mixedPart{pattern: int32(pi), form: uint16(fi), term: uint16(fm.term), lo: uint8(lo), hi: uint8(hi), n: uint8(n)}
					for _, key := range slices.Compact([]string{strings.Join(syllables[lo:hi], " "), strings.Join(syllables[lo:hi], "")}) {
						keys[key] = append(keys[key], part)
					}
					for m := lo + 1; m < hi; m++ {
						prefixes[strings.Join(syllables[lo:m], " ")] = true
					}
				}
			}
			// English names for the form's characters, read as its pinyin is (Rhino 角
			// cup, Pangolin 片): the part stands where the characters would, and the
			// characters beside it must be the form's.
			for _, han := range formsOf[patternTerm{int32(fm.term), n}] {
				for word, chars := range englishHan {
					cs := []rune(chars.han)
					for lo := 0; lo+len(cs) <= n; lo++ {
						if lo == 0 && len(cs) == n || string(han[lo:lo+len(cs)]) != chars.han {
							continue
						}
						part := mixedPart{pattern: int32(pi), form: uint16(fi), term: uint16(fm.term), lo: uint8(lo), hi: uint8(lo + len(cs)), n: uint8(n), english: true, touching: chars.touching}
						if !slices.Contains(keys[word], part) {
							keys[word] = append(keys[word], part)
						}
					}
				}
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	table := map[string]mixedKey{}
	for key := range prefixes {
		table[key] = mixedKey{more: true}
	}
	for key, parts := range keys {
		k := table[key]
		k.from, k.count = uint32(len(ix.parts)), uint16(min(len(parts), 0xFFFF))
		k.touching = len(parts) > 0 && !slices.ContainsFunc(parts, func(pt mixedPart) bool { return !pt.touching })
		ix.parts = append(ix.parts, parts[:k.count]...)
		table[key] = k
	}
	ix.parts = slices.Clip(ix.parts)
	ix.keys = newBytesTable(table)
	for k, v := range table {
		h := wordHash([]byte(k))
		ix.keyed[h/64] |= 1 << (h % 64)
		if !v.touching {
			ix.apart[h/64] |= 1 << (h % 64)
		}
	}
	return ix
}

// englishHan are the English names sellers write for the characters of a Chinese form,
// half in English (Rhino 角 cup, Pangolin 片 500g, tiger骨, bear胆): reviewed by hand,
// animals only. Tiger, bear, elephant, leopard and saiga count only written against the
// characters: apart, they are brands and words of their own (Onitsuka Tiger 牙刷, a Bear
// kettle's 熊 logo, the elephant toothpaste experiment). Musk is left out (Elon Musk).
var englishHan = map[string]englishName{
	"rhino": {han: "犀"}, "pangolin": {han: "穿山甲"}, "hawksbill": {han: "玳瑁"}, "hornbill": {han: "鹤顶"},
	"tiger": {han: "虎", touching: true}, "bear": {han: "熊", touching: true}, "elephant": {han: "象", touching: true},
	"leopard": {han: "豹", touching: true}, "saiga": {han: "羚羊", touching: true},
}

type englishName struct {
	han      string
	touching bool
}

func allHan(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}

// find adds the mixed hits whose Latin part begins with the word text[start:end] of a
// block; h is the word's fnvAdd hash.
func (ix *mixedIndex) find(fd *folded, blockStart, blockEnd, start, end int, h uint32, hits []hit) []hit {
	text := fd.text
	// space says whether text[i] is a space (white space only: 象, ya is two clauses).
	space := func(i int) bool { return text[i] == ' ' && fd.meta[i].folds&FoldNoise == 0 }
	before := start // where the characters before the Latin part end
	if before > blockStart && space(before-1) {
		before--
	}
	for words := 1; words <= maxMixedSyllables; words++ {
		k, ok := ix.keys.get(h, text[start:end])
		if !ok {
			return hits
		}
		after := end // where the characters after it begin
		if after < blockEnd && space(after) {
			after++
		}
		// "tiger" between spaces is a word, not a character's name: a map lookup per form
		// it names is spared.
		apart := k.touching && (start == blockStart || text[start-1] < utf8.RuneSelf) && (end == blockEnd || text[end] < utf8.RuneSelf)
		for _, pt := range ix.parts[k.from : k.from+uint32(k.count)] {
			if apart {
				break
			}
			hits = ix.around(fd, blockStart, blockEnd, start, end, before, after, pt, hits)
		}
		if !k.more || end+1 >= blockEnd || text[end] != ' ' || !asciiLetter[text[end+1]] {
			return hits
		}
		next := wordEnd(text, end+1, blockEnd)
		h = fnvAdd(h, text[end:next])
		end = next
	}
	return hits
}

// initial adds the hits of the parts of one capital initial, the letter at text[start]:
// it touches the character before it or after it, as the part needs (雪B, 鹤D红). A small
// letter counts only between two of the term's characters (羚y角, 鹰z龟): at a term's
// edge it would be a letter of a word beside it (雪b). A letter against a digit is
// neither: it is part of a model's name (猎豹Q6, 宝马X5).
func (ix *mixedIndex) initial(fd *folded, blockStart, blockEnd, start int, hits []hit) []hit {
	if len(ix.initials) == 0 {
		return hits
	}
	text := fd.text
	letter := text[start]
	mb := fd.meta[start]
	if mb.end-mb.start != 1 {
		return hits // 雪BB: a repeat
	}
	if againstDigit(fd, start, start+1) {
		return hits
	}
	capital := isCapital(fd.src[mb.start])
	if start > blockStart {
		if r, _ := utf8.DecodeLastRune(text[blockStart:start]); r >= utf8.RuneSelf {
			for _, pt := range ix.initials[initialKey{letter: letter, r: r}] {
				if capital || pt.hi < pt.n {
					hits = ix.around(fd, blockStart, blockEnd, start, start+1, start, start+1, pt, hits)
				}
			}
		}
	}
	if !capital {
		return hits
	}
	if start+1 < blockEnd {
		if r, _ := utf8.DecodeRune(text[start+1 : blockEnd]); r >= utf8.RuneSelf {
			for _, pt := range ix.initials[initialKey{letter: letter, after: true, r: r}] {
				hits = ix.around(fd, blockStart, blockEnd, start, start+1, start, start+1, pt, hits)
			}
		}
	}
	return hits
}

// around adds the hit of part pt, the Latin words at text[start:end], when the
// characters it needs stand before text[before] and from text[after]. A side that needs
// none ends at the Latin words, not at the space beside them (象ya 手镯 is 象ya).
func (ix *mixedIndex) around(fd *folded, blockStart, blockEnd, start, end, before, after int, pt mixedPart, hits []hit) []hit {
	text := fd.text
	forms := ^uint64(0) // the Chinese forms the characters so far agree with
	from := before
	for k := int(pt.lo) - 1; k >= 0 && forms != 0; k-- {
		if from <= blockStart {
			return hits
		}
		r, size := utf8.DecodeLastRune(text[blockStart:from])
		forms &= ix.hanAt[hanPos{term: int32(pt.term), n: pt.n, k: uint8(k), r: r}]
		from -= size
	}
	to := after
	for k := int(pt.hi); k < int(pt.n) && forms != 0; k++ {
		if to >= blockEnd {
			return hits
		}
		r, size := utf8.DecodeRune(text[to:blockEnd])
		forms &= ix.hanAt[hanPos{term: int32(pt.term), n: pt.n, k: uint8(k), r: r}]
		to += size
	}
	if forms == 0 {
		return hits
	}
	if pt.touching && (pt.lo > 0 && before != start || int(pt.hi) < int(pt.n) && after != end) {
		return hits
	}
	if pt.english && to < blockEnd && fd.meta[to].folds&FoldNoise == 0 {
		// A character right after the form makes a word with it (Rhino 角度, a modelling
		// angle): a longer form of the entry names the compound it means (Rhino 角杯).
		if r, _ := utf8.DecodeRune(text[to:blockEnd]); isHan(r) {
			return hits
		}
	}
	if pt.lo == 0 {
		from = start
	}
	if int(pt.hi) == int(pt.n) {
		to = end
	}
	if coveredAround(ix.benignAround[pt.term], text, blockStart, blockEnd, from, to) {
		return hits // mi猴桃: the benign phrase 猕猴桃 with its first character spelled
	}
	return append(hits, hit{start: from, end: to, pattern: int(pt.pattern), form: int(pt.form), term: int(pt.term), initials: pt.initial})
}

func isCapital(c byte) bool { return c >= 'A' && c <= 'Z' }

// hasNonASCII reports whether a block has a byte outside ASCII: a block of English
// alone has no Chinese character for a Latin word to be mixed with.
func hasNonASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// mayKey reports whether a Latin word of hash h may be a key, beside a character
// (touching) or not: find's callers ask first.
func (ix *mixedIndex) mayKey(h uint32, touching bool) bool {
	b := h >> (32 - wordHashBits)
	if touching {
		return ix.keyed[b/64]&(1<<(b%64)) != 0
	}
	return ix.apart[b/64]&(1<<(b%64)) != 0
}
