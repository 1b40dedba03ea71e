package match

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// soundIndex reads goods forms of three to six characters by sound. A text whose
// characters read as a form's and differ from it in one character is that form with a
// homophone swapped in (穿山钾片 for 穿山甲片, 犀牛脚杯 for 犀牛角杯), as sellers write goods
// names to pass a filter, where gse cuts the text at both ends of it as it cuts a word
// (segmenter.isWord: 海归蛋糕 is 海归 and 蛋糕), whatever its tone (河顶红 for 鹤顶红, he2 for
// he4). A swapped character at the form's edge counts only with no character touching it
// on that side: there it may be a word's with that character (只会鹦鹉学舌 holds no 灰鹦鹉,
// 大猫找领养 no 大猫爪, 果园麝香葡萄 no 原麝香), which the bundle's trimmed dictionary, holding
// the words around the lexicon's forms and not around their sounds, cannot tell. One
// character only, and only in
// forms of three characters or more: two-character names have homophones in everyday
// words (像牙 of 像牙膏, "like toothpaste"), and a name spelled wholly by sound is a pun,
// not a listing. The readings come from the bundle (Tables.Homophone).
type soundIndex struct {
	canon  [0x10000]uint16      // per BMP rune: the first code point of those of its reading, tone aside (itself if none)
	pairs  [0x10000 / 64]uint64 // bitset over pairHash: the canonical first two characters of a form
	threes [0x10000 / 64]uint64 // likewise of the first three (tripleHash)
	forms  map[string][]int32   // canonical text of a pattern → the patterns
	exact  map[string]bool      // the text of every Chinese pattern of those lengths
	most   int                  // the most characters of a form indexed
}

// pairHash and tripleHash fold two and three canonical runes to 16 bits for the filters.
func pairHash(a, b uint16) uint16 { return uint16((uint32(a)<<16 | uint32(b)) * 0x9E3779B1 >> 16) }

func tripleHash(a, b, c uint16) uint16 {
	return uint16((uint64(a)<<32 | uint64(b)<<16 | uint64(c)) * 0x9E3779B97F4A7C15 >> 48)
}

// minSoundRunes and maxSoundRunes bound the forms read by sound.
const minSoundRunes, maxSoundRunes = 3, 6

// minSoundRisk is the least risk of an entry whose forms are read by sound: goods the
// trade names, not the weak words (白料, 海马) a swapped character would make of prose.
const minSoundRisk = 3

func newSoundIndex(table map[string]string, patterns []pattern, terms []bundle.Term) *soundIndex {
	if len(table) == 0 {
		return nil
	}
	s := &soundIndex{forms: map[string][]int32{}, exact: map[string]bool{}}
	for r := range s.canon {
		s.canon[r] = uint16(r)
	}
	type reading struct {
		r        rune
		syllable string
	}
	var readings []reading
	first := map[string]rune{} // a reading without its tone → the least rune read so
	for char, pinyin := range table {
		r, size := utf8.DecodeRuneInString(char)
		if size != len(char) || r > 0xFFFF || pinyin == "" {
			continue
		}
		syllable := strings.TrimRight(pinyin, "01234")
		readings = append(readings, reading{r, syllable})
		if f, ok := first[syllable]; !ok || r < f {
			first[syllable] = r
		}
	}
	for _, rd := range readings {
		s.canon[rd.r] = uint16(first[rd.syllable])
	}
	var key []byte
	for pi := range patterns {
		p := &patterns[pi]
		n := utf8.RuneCountInString(p.text)
		if n < minSoundRunes || n > maxSoundRunes || !allHan(p.text) {
			continue
		}
		s.exact[p.text] = true
		if !soundForm(p, terms) {
			continue
		}
		key = s.key(key[:0], p.text)
		if key == nil {
			continue
		}
		s.forms[string(key)] = append(s.forms[string(key)], int32(pi))
		rs := []rune(string(key[:9]))
		h := pairHash(uint16(rs[0]), uint16(rs[1]))
		s.pairs[h/64] |= 1 << (h % 64)
		h = tripleHash(uint16(rs[0]), uint16(rs[1]), uint16(rs[2]))
		s.threes[h/64] |= 1 << (h % 64)
		s.most = max(s.most, n)
	}
	if len(s.forms) == 0 {
		return nil
	}
	return s
}

// soundForm reports whether some form of the pattern names goods of minSoundRisk or
// more, as written in the lexicon (not a generated spelling).
func soundForm(p *pattern, terms []bundle.Term) bool {
	for _, fm := range p.forms {
		t := &terms[fm.term]
		if fm.generated == 0 && t.Kind != KindTradeContext && t.Risk >= minSoundRisk {
			return true
		}
	}
	return false
}

// key appends the canonical text of Chinese text: each character as the first of its
// reading group. nil for a character outside the BMP.
func (s *soundIndex) key(dst []byte, text string) []byte {
	for _, r := range text {
		if r > 0xFFFF {
			return nil
		}
		dst = utf8.AppendRune(dst, s.canonical(r))
	}
	return dst
}

func (s *soundIndex) canonical(r rune) rune { return rune(s.canon[uint16(r)]) }

// han3 decodes the three-byte CJK character at text[i], or returns 0.
func han3(text []byte, i int) rune {
	if i+2 >= len(text) || text[i] < 0xE3 || text[i] > 0xE9 || text[i+1]&0xC0 != 0x80 || text[i+2]&0xC0 != 0x80 {
		return 0
	}
	r := rune(text[i]&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
	if !isHan(r) {
		return 0
	}
	return r
}

// find adds the hits of forms written with one character swapped for a homophone. Each
// is judged by acceptForms as if the form were written (the window holds the form's
// bytes while it is: every character is three bytes), so the form's benign phrases,
// negations and context words apply (海归蛋糕 is 海龟蛋糕's, if the lexicon lists it).
func (s *soundIndex) find(m *Matcher, fd *folded, block func(int) (int, int), hits []hit) []hit {
	text := fd.text
	var key [maxSoundRunes * 3]byte
	var saved [maxSoundRunes * 3]byte
	next, nextAt := uint16(0), -1 // the canonical character at nextAt, read as a second one
	for i := 0; i+3*minSoundRunes <= len(text); {
		// Every character is looked at, once: the lead byte says whether it is CJK, and
		// a filter of the canonical first two characters of the forms turns away all but
		// a few before a continuation byte is checked or a map is asked.
		if b := text[i]; b < 0xE3 || b > 0xE9 {
			i++
			for i+8 <= len(text) && binary.LittleEndian.Uint64(text[i:])&0x8080808080808080 == 0 {
				i += 8 // a run of ASCII, eight bytes at a time
			}
			continue
		}
		c := next
		if nextAt != i {
			c = s.canon[uint16(text[i]&0x0F)<<12|uint16(text[i+1]&0x3F)<<6|uint16(text[i+2]&0x3F)]
		}
		c2 := s.canon[uint16(text[i+3]&0x0F)<<12|uint16(text[i+4]&0x3F)<<6|uint16(text[i+5]&0x3F)]
		next, nextAt = c2, i+3
		if h := pairHash(c, c2); s.pairs[h/64]&(1<<(h%64)) == 0 {
			i += 3
			continue
		}
		if han3(text, i) == 0 || han3(text, i+3) == 0 || han3(text, i+6) == 0 {
			i += 3
			continue
		}
		c3 := s.canon[uint16(han3(text, i+6))]
		if h := tripleHash(c, c2, c3); s.threes[h/64]&(1<<(h%64)) == 0 {
			i += 3
			continue
		}
		k := utf8.AppendRune(utf8.AppendRune(utf8.AppendRune(key[:0], rune(c)), rune(c2)), rune(c3))
		for n := 3; n <= s.most; n++ {
			if n > 3 {
				rn := han3(text, i+3*(n-1))
				if rn == 0 {
					break
				}
				k = utf8.AppendRune(k, s.canonical(rn))
			}
			candidates := s.forms[string(k)]
			if len(candidates) == 0 || s.exact[string(text[i:i+3*n])] {
				continue // none, or written as a form is (贺顶红 reads as 鹤顶红, which is here)
			}
			for _, pi := range candidates {
				p := &m.patterns[pi]
				window := text[i : i+len(p.bytes)]
				swapped := swappedRune(window, p.bytes)
				if swapped < 0 {
					continue
				}
				if swapped == 0 && touchingHan(fd, i-3, i) || swapped == n-1 && touchingHan(fd, i+len(window), i+len(window)-3) {
					continue // at an edge a word beside it may own (大猫找领养)
				}
				bs, be := block(i)
				if !m.segmenter().isWord(text[bs:be], i-bs, i+len(p.bytes)-bs) {
					continue // 海归蛋糕 is 海归 and 蛋糕: the sound ran across two words
				}
				copy(saved[:], window)
				copy(window, p.bytes)
				hits = m.acceptForms(fd, bs, be, i, i+len(p.bytes), int(pi), FoldHomophone, hits)
				copy(window, saved[:len(window)])
			}
		}
		i += 3
	}
	return hits
}

// touchingHan reports whether the folded text has a character at `at` that touches the
// one at `next` (before or after it) in the original, nothing written between them.
func touchingHan(fd *folded, at, next int) bool {
	if at < 0 || han3(fd.text, at) == 0 {
		return false
	}
	a, b := fd.meta[at], fd.meta[next]
	return a.end == b.start || b.end == a.start
}

// swappedRune returns the index of the one three-byte character in which a and b, of one
// length, differ, or -1 when they differ in none or in more.
func swappedRune(a, b []byte) int {
	at := -1
	for i := 0; i+2 < len(a); i += 3 {
		if a[i] != b[i] || a[i+1] != b[i+1] || a[i+2] != b[i+2] {
			if at >= 0 {
				return -1
			}
			at = i / 3
		}
	}
	return at
}
