package match

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// wordIndex finds the patterns made of whole Latin words (ivory, rhino horn, and the
// generated pinyin xiang ya, xiangya) without the automaton. They match only as whole
// words anyway, and they are most of a lexicon's pattern bytes (pinyin alone: every
// Chinese form spelled with and without spaces, for each reading): in
// cloudflare/ahocorasick, which holds ~4 KB per pattern byte, they would take most of
// the matcher's memory. Looked up word by word instead: at each Latin word of the folded
// text one bit of a hash set, a map probe when the word may begin a form, and one probe
// per following word while the words so far begin a longer form. The automaton keeps every
// pattern with a character other than a-z and single spaces (象牙, 🐘牙, +v, pre 1947).
type wordIndex struct {
	// words holds every form (pattern ≥ 0) and every word a form can begin with (start):
	// the first syllable of a spaced form, or a whole unspaced form. One probe answers
	// both questions for a text's word, and a multi-word lookup extends the hash it
	// has instead of hashing again.
	words bytesTable[wordEntry]
	held  []bool // by pattern index: looked up here, not in the automaton
	// starters has the bit wordHash(w) set for every start word w: most words of the
	// text are turned away without a probe (a false positive costs one probe).
	starters [1 << wordHashBits / 64]uint64
	// splitStarts has the bit wordHash(p) set for every p that may be the first piece
	// of a form's first word broken by a space (see split).
	splitStarts [1 << wordHashBits / 64]uint64
	// phraseKeys has the bit set for every key of two words or more, by the hash phrases
	// extends word by word: "big deal" and "star wars" are turned away without a probe,
	// where "big cat skin" and "star tort" begin forms.
	phraseKeys [1 << wordHashBits / 64]uint64
	mixed      *mixedIndex // nil without generated pinyin
	lookalikes *lookalikes // nil without a Latin word with an i or an l, or with the homoglyph fold off
}

type wordEntry struct {
	pattern int32 // -1: no form is this text
	start   bool
	more    bool // some longer form begins with this text and a space
}

const wordHashBits = 15

// wordHash is the hash of a Latin word that starters is indexed by.
func wordHash(w []byte) uint32 { return fnvAdd(fnvOffset, w) >> (32 - wordHashBits) }

func (ix *wordIndex) mayStart(h uint32) bool {
	b := h >> (32 - wordHashBits)
	return ix.starters[b/64]&(1<<(b%64)) != 0
}

func (ix *wordIndex) mayPhrase(h uint32) bool {
	b := h >> (32 - wordHashBits)
	return ix.phraseKeys[b/64]&(1<<(b%64)) != 0
}

func (ix *wordIndex) maySplit(h uint32) bool {
	b := h >> (32 - wordHashBits)
	return ix.splitStarts[b/64]&(1<<(b%64)) != 0
}

func newWordIndex(patterns []pattern, initialsOK func(term int) bool, readings map[string]string) *wordIndex {
	ix := &wordIndex{held: make([]bool, len(patterns))}
	words := map[string]wordEntry{}
	entry := func(text string) wordEntry {
		if e, ok := words[text]; ok {
			return e
		}
		return wordEntry{pattern: -1}
	}
	for i, p := range patterns {
		if !wholeWords(p.text) {
			continue
		}
		e := entry(p.text)
		e.pattern = int32(i)
		words[p.text] = e
		ix.held[i] = true
		parts := strings.Split(p.text, " ")
		e = entry(parts[0])
		e.start = true
		words[parts[0]] = e
		for k := 1; k < len(parts); k++ {
			prefix := strings.Join(parts[:k], " ")
			e = entry(prefix)
			e.more = true
			words[prefix] = e
		}
		h := wordHash([]byte(parts[0]))
		ix.starters[h/64] |= 1 << (h % 64)
		// Lexicon forms only: generated pinyin is already spelled syllable by syllable
		// (xiang ya), and its prefixes would fill the filter.
		for k := minSplitFirst; fromLexicon(&p) && k <= len(parts[0])-minSplitPiece; k++ {
			h := wordHash([]byte(parts[0][:k]))
			ix.splitStarts[h/64] |= 1 << (h % 64)
		}
	}
	if len(words) == 0 {
		return nil
	}
	ix.words = newBytesTable(words)
	for key := range words {
		if strings.Contains(key, " ") {
			h := wordHash([]byte(key))
			ix.phraseKeys[h/64] |= 1 << (h % 64)
		}
	}
	ix.mixed = newMixedIndex(patterns, initialsOK, readings)
	return ix
}

// fromLexicon reports whether some form of p is written in the lexicon, not generated.
func fromLexicon(p *pattern) bool {
	for i := range p.forms {
		if p.forms[i].generated == 0 {
			return true
		}
	}
	return false
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
	mixed := ix.mixed != nil && hasNonASCII(text[blockStart:blockEnd])
	// The joins, tag marks and letters folded from digits at or after the current word.
	// Most words follow no # or @: then their original is not looked at.
	noiseOn := m.folder.disabled&FoldNoise == 0
	var joins, tags []int32
	if noiseOn {
		joins = fd.joins[from(fd.joins, &fd.joinsSeen, blockStart):]
		tags = fd.tags[from(fd.tags, &fd.tagsSeen, blockStart):]
	}
	digits := fd.digitLetters[from(fd.digitLetters, &fd.digitsSeen, blockStart):]
	var leets []int32
	if m.folder.disabled&FoldHomoglyph == 0 {
		leets = fd.leets[from(fd.leets, &fd.leetsSeen, blockStart):]
	}
	moreStart, moreEnd := 0, -2 // the last word that began a form of several
	for i := blockStart; i < blockEnd; {
		if c := text[i]; !asciiLetter[c] {
			i += int(runeLength[c]) // a Chinese character at a time: most of a zh listing
			continue
		}
		// wordEnd and fnvAdd in one pass: every Latin word of the text comes here.
		start, end, h, il := i, i, uint32(fnvOffset), uint8(0)
		for end < blockEnd && asciiLetter[text[end]] {
			h = (h ^ uint32(text[end])) * 16777619
			il |= lookalikeByte[text[end]]
			end++
		}
		i = end
		for len(tags) > 0 && int(tags[0]) < start-1 {
			tags = tags[1:]
		}
		if len(tags) > 0 && int(tags[0]) <= start && end-start > minTagForm && hashtag(fd, start) {
			hits = ix.inHashtag(m, fd, blockStart, blockEnd, start, end, hits)
		}
		for len(leets) > 0 && int(leets[0]) < start-1 {
			leets = leets[1:]
		}
		if mixed && ix.mixed.mayKey(h, start > blockStart && text[start-1] >= utf8.RuneSelf || end < blockEnd && text[end] >= utf8.RuneSelf) { // tested here: a call per word is dear in wasm
			hits = ix.mixed.find(fd, blockStart, blockEnd, start, end, h, hits)
		}
		if mixed && end-start == 1 && (start > blockStart && text[start-1] >= utf8.RuneSelf || end < blockEnd && text[end] >= utf8.RuneSelf) {
			hits = ix.mixed.initial(fd, blockStart, blockEnd, start, hits) // 雪B, 鹤D红
		}
		begins, more := false, false
		if ix.mayStart(h) { // most words begin no form: no probe, no call
			if e, ok := ix.words.get(h, text[start:end]); ok && e.start {
				begins, more = true, e.more
				if e.pattern >= 0 {
					hits = m.accept(fd, blockStart, blockEnd, start, end, int(e.pattern), hits)
				}
				if e.more && end+1 < blockEnd && text[end] == ' ' && asciiLetter[text[end+1]] {
					hits = ix.phrases(m, fd, blockStart, blockEnd, start, end, h, hits)
				}
			}
		}
		// A symbol in or at the word, or in the words after one that begins a form of
		// several (elephant h@ir); two digits after it, which the fold left as a number
		// (t00th, hornbi11, b34r); a letter written as a digit in a word that begins no
		// form (turt1e: 1 for l, where the fold read i).
		pair := end+1 < blockEnd && isDigit(text[end]) && isDigit(text[end+1])
		if len(leets) > 0 && (int(leets[0]) <= end || more && int(leets[0]) <= end+leetReach) ||
			pair || !begins && digitIn(digits, start, end) {
			n := len(hits)
			var pipe bool
			if hits, pipe = ix.leetWord(m, fd, blockStart, blockEnd, start, end, 'i', hits); pipe && len(hits) == n {
				hits, _ = ix.leetWord(m, fd, blockStart, blockEnd, start, end, 'l', hits) // turt|e
			}
		}
		if (pair || !begins && digitIn(digits, start, end)) && moreEnd+1 == start && text[moreEnd] == ' ' {
			// ... and such digits, or a letter written as a digit, in the word after one
			// that begins a form of several (tiger t33th, giant c1am), looked for from
			// that word.
			hits, _ = ix.leetWord(m, fd, blockStart, blockEnd, moreStart, moreEnd, 'i', hits)
		}
		if more {
			moreStart, moreEnd = start, end
		}
		if il != 0 && !begins && ix.lookalikes != nil && ix.lookalikes.may(text[start:end]) {
			if w := ix.lookalikes.read(fd, start, end); w != nil { // pangoIin, lvory
				hits = ix.formsFrom(m, fd, blockStart, blockEnd, start, end, w, fnvAdd(fnvOffset, w), FoldHomoglyph, hits)
			}
		}
		if noiseOn && end+2 < blockEnd && text[end] == ' ' && asciiLetter[text[end+1]] && ix.maySplit(h) {
			hits = ix.split(m, fd, blockStart, blockEnd, start, end, h, hits)
		}
		for len(joins) > 0 && int(joins[0]) < end {
			joins = joins[1:]
		}
		if len(joins) > 0 && int(joins[0]) == end {
			hits = ix.joined(m, fd, blockStart, blockEnd, start, end, hits)
			hits = ix.possessive(m, fd, blockStart, blockEnd, start, end, hits)
		}
		for len(digits) > 0 && int(digits[0]) < start {
			digits = digits[1:]
		}
		if noiseOn && (end+1 < blockEnd && isToneNumber(text[end]) || len(digits) > 0 && int(digits[0]) < end) &&
			(start == blockStart || !asciiLetter[text[start-1]] && !isDigit(text[start-1])) {
			hits = ix.toneNumbers(m, fd, blockStart, blockEnd, start, hits)
		}
		if len(digits) > 0 && int(digits[0]) < end && end-start > 1 {
			// A letter folded from a digit at the word's edge may be a number written
			// against it (ivory1, 3ivory): the word is looked up without it too.
			if m.folder.edgeDigit(fd, end-1) {
				hits = ix.lookup(m, fd, blockStart, blockEnd, start, end-1, end, hits)
			}
			if digits[0] == int32(start) {
				hits = ix.lookup(m, fd, blockStart, blockEnd, start+1, end, end, hits)
			}
		}
	}
	return hits
}

// digitIn reports whether a letter folded from a digit stands in text[start:end]; digits
// holds their offsets in order, none before the previous word.
func digitIn(digits []int32, start, end int) bool {
	for _, d := range digits {
		if int(d) >= end {
			return false
		}
		if int(d) >= start {
			return true
		}
	}
	return false
}

// from returns the index of the first offset at or after blockStart in offsets, which
// seen remembers: blocks come in order, so each list is walked once per scan.
func from(offsets []int32, seen *int, blockStart int) int {
	i := *seen
	if i > len(offsets) || i > 0 && int(offsets[i-1]) >= blockStart {
		i, _ = slices.BinarySearch(offsets, int32(blockStart)) // out of order
	}
	for i < len(offsets) && int(offsets[i]) < blockStart {
		i++
	}
	*seen = i
	return i
}

// lookup adds the hits of the forms that are or begin with the word text[start:end]:
// find's lookup, for a word it cut from a longer one (see edgeDigit). written is where
// the word as written ends: past end when a digit was cut from its end, and a form of
// several words goes on after it (tiger5 bone; pinyin with tone numbers, xiang4 ya2).
func (ix *wordIndex) lookup(m *Matcher, fd *folded, blockStart, blockEnd, start, end, written int, hits []hit) []hit {
	text := fd.text
	h := fnvAdd(fnvOffset, text[start:end])
	if !ix.mayStart(h) {
		return hits
	}
	e, ok := ix.words.get(h, text[start:end])
	if !ok || !e.start {
		return hits
	}
	if e.pattern >= 0 {
		hits = m.accept(fd, blockStart, blockEnd, start, end, int(e.pattern), hits)
	}
	switch {
	case !e.more:
	case written == end:
		hits = ix.phrases(m, fd, blockStart, blockEnd, start, end, h, hits)
	case written+1 < blockEnd && text[written] == ' ' && asciiLetter[text[written+1]] && end-start <= maxJoined/2:
		next := wordEnd(text, written+1, blockEnd)
		var buf [maxJoined]byte
		key := append(append(buf[:0], text[start:end]...), text[written:next]...)
		hits = ix.formsFrom(m, fd, blockStart, blockEnd, start, next, key, fnvAdd(h, text[written:next]), FoldNoise, hits)
	}
	return hits
}

// phrases adds the hits of the forms of several words that begin with the word
// text[start:end] (hash h), which some longer form begins with.
func (ix *wordIndex) phrases(m *Matcher, fd *folded, blockStart, blockEnd, start, end int, h uint32, hits []hit) []hit {
	text := fd.text
	for end+1 < blockEnd && text[end] == ' ' && asciiLetter[text[end+1]] {
		next := wordEnd(text, end+1, blockEnd)
		joinable := next+1 < blockEnd && fd.joinAt(next) // hornbill c@sque, rhino h-orn
		nextHash := fnvAdd(h, text[end:next])
		var e wordEntry
		ok := false
		if ix.mayPhrase(nextHash) {
			e, ok = ix.words.get(nextHash, text[start:next])
		}
		edge := m.folder.edgeDigit(fd, next-1) // rhino horn5
		// The separator is looked at (a cache miss) only when the next word could count.
		if !ok && !joinable && !edge {
			if ix.lookalikes != nil && hasLookalikeByte(text[end+1:next]) && ix.lookalikes.may(text[end+1:next]) {
				if w := ix.lookalikes.read(fd, end+1, next); w != nil && !clauseBetween(fd, end) { // ivory bangIe
					var buf [maxJoined]byte
					if key := append(append(buf[:0], text[start:end+1]...), w...); len(key) <= maxJoined {
						hits = ix.formsFrom(m, fd, blockStart, blockEnd, start, next, key, fnvAdd(h, key[end-start:]), FoldHomoglyph, hits)
					}
				}
			}
			break
		}
		if clauseBetween(fd, end) {
			break
		}
		if joinable {
			hits = ix.joined(m, fd, blockStart, blockEnd, start, next, hits)
		}
		h, end = nextHash, next
		if ok && e.pattern >= 0 {
			hits = m.accept(fd, blockStart, blockEnd, start, end, int(e.pattern), hits)
		}
		if edge {
			trimmed := text[start : end-1]
			if e, ok := ix.words.get(fnvAdd(fnvOffset, trimmed), trimmed); ok && e.pattern >= 0 {
				hits = m.accept(fd, blockStart, blockEnd, start, end-1, int(e.pattern), hits)
			}
		}
		if !ok || !e.more {
			break
		}
	}
	return hits
}

// joined adds the hits of forms whose word is written in pieces joined by single
// symbols (ivo-ry, iv*ory, pan.go.lin, rhi_no horn): the Latin counterpart of 象*牙,
// which the noise rule leaves alone because the pieces are not single letters. Up to
// four pieces; the hits report the noise fold. text[start:end] ends with the first
// piece; words before it (hornbill c@sque: phrases) are part of the key.
func (ix *wordIndex) joined(m *Matcher, fd *folded, blockStart, blockEnd, start, end int, hits []hit) []hit {
	text := fd.text
	if s := end + 2; end+1 < blockEnd && text[end+1] == 's' && (s >= blockEnd || !asciiLetter[text[s]]) {
		if apostrophe := fd.src[fd.meta[end].start:fd.meta[end].end]; apostrophe == "'" || apostrophe == "’" {
			return hits // a possessive (Gibbon's), not a word in pieces: the word is a hit of its own
		}
	}
	// The pieces joined (iv-ory, pan.go.lin); symbols read as letters (p@ngolin) are
	// leetWord's.
	var buf [maxJoined]byte
	key := append(buf[:0], text[start:end]...)
	h := fnvAdd(fnvOffset, text[start:end])
	// The filter holds first words only: a key of several words is looked up as it is.
	first := bytes.IndexByte(key, ' ') < 0
	for pieces := 1; pieces < 4 && end+1 < blockEnd && asciiLetter[text[end+1]] && fd.joinAt(end); pieces++ {
		next := wordEnd(text, end+1, blockEnd)
		if len(key)+next-end > maxJoined/2 {
			break
		}
		key, h = append(key, text[end+1:next]...), fnvAdd(h, text[end+1:next])
		end = next
		if !first || ix.mayStart(h) {
			hits = ix.formsFrom(m, fd, blockStart, blockEnd, start, end, key, h, FoldNoise, hits)
		}
	}
	return hits
}

// clauseBetween reports whether the original text behind the separator at text[i], between
// two Latin words, holds clause punctuation (, ; : . ! ?): the words are items of a list
// or of two sentences ("Colour: ivory, bangle size M"), not one phrase, which spaces,
// hyphens and symbols (rhino-horn, rhino*horn) join.
//
// A full stop after a word spelled out letter by letter (i.v.o.r.y. bangle) is the
// spelling's last dot, not a sentence's end.
func clauseBetween(fd *folded, i int) bool {
	from, to := fd.meta[i-1].end, fd.meta[i+1].start
	if from >= to || to-from == 1 && fd.src[from] == ' ' || !strings.ContainsAny(fd.src[from:to], ",;:.!?") {
		return false
	}
	return strings.TrimRight(fd.src[from:to], " ") != "." || fd.meta[i-1].folds&FoldNoise == 0
}

// split adds the hits of the single-word forms written in two pieces with one space
// between them (ivo ry, hawks bill, pango lin): joined's rule for a space, which the
// noise rule keeps between pieces that are not single letters. text[start:end] is the
// first piece, h its hash. The pieces are letters (the first at least minSplitFirst) with
// nothing but spaces between them (ivo, ry is two words).
func (ix *wordIndex) split(m *Matcher, fd *folded, blockStart, blockEnd, start, end int, h uint32, hits []hit) []hit {
	text := fd.text
	next := wordEnd(text, end+1, blockEnd)
	if end-start < minSplitFirst || next-end-1 < minSplitPiece || next-start > maxJoined/2 {
		return hits
	}
	hs := fnvAdd(h, text[end+1:next])
	if !ix.mayStart(hs) || fd.meta[end].folds&FoldNoise != 0 { // more than plain spaces between the pieces
		return hits
	}
	var buf [maxJoined]byte
	key := append(append(buf[:0], text[start:end]...), text[end+1:next]...)
	if e, ok := ix.words.get(hs, key); !ok || e.pattern >= 0 && len(key) < minSplitForm && !e.more {
		return hits
	}
	if _, ok := ix.words.get(fnvAdd(h, text[end:next]), text[start:next]); ok {
		return hits // written as a form of two words (tiger claw, xiang ya): phrases finds it
	}
	// Goods only: "we chat" and "snap chat" are how people write the contact channels.
	n := len(hits)
	hits = ix.formsFrom(m, fd, blockStart, blockEnd, start, next, key, hs, FoldNoise, hits)
	kept := n
	for _, h := range hits[n:] {
		if m.patterns[h.pattern].goods() {
			hits[kept], kept = h, kept+1
		}
	}
	return hits[:kept]
}

// minSplitFirst, minSplitPiece and minSplitForm bound split: a first piece of one letter
// is the noise rule's (i vory), one of two letters would be every to, in and be of English
// text, and shorter forms are too easily spelled by two short words. The last piece may
// be one letter (ivor y): no English word of one letter ends a goods word.
const (
	minSplitFirst = 3
	minSplitPiece = 1
	minSplitForm  = 5
)

// toneNumbers adds the hit of a pinyin form written with tone numbers inside one word
// (xiang4ya2, xi1niu2jiao3): pinyin typed without tone marks puts each syllable's tone
// after it. The run of letters and digits from text[start] is read without the digits 1-5
// that follow a syllable's final letter (a vowel, n, g or r), whether the look-alike fold
// made them letters (4 is a) or not; a run that reads as a one-word form is a hit,
// reported as noise. Tone numbers after whole words (xiang4 ya2) are edgeDigit's.
func (ix *wordIndex) toneNumbers(m *Matcher, fd *folded, blockStart, blockEnd, start int, hits []hit) []hit {
	text := fd.text
	var buf [maxJoined / 2]byte
	key, h, dropped := buf[:0], uint32(fnvOffset), false
	i := start
	for syllables := 0; ; syllables++ {
		toned := false // the run's last syllable ends with its tone number
		for ; i < blockEnd && (asciiLetter[text[i]] || isDigit(text[i])); i++ {
			c := text[i]
			tone := isToneNumber(c)
			if !tone && m.folder.edgeDigit(fd, i) { // a letter the look-alike fold made of a digit
				mb := fd.meta[i]
				tone = isToneNumber(fd.src[mb.end-1])
				if tone && mb.runs > 1 && asciiLetter[fd.src[mb.start]|0x20] && len(key) < len(buf) {
					// The repeat fold wrote the digit into the letter before it (xi1).
					key, h = append(key, c), (h^uint32(c))*16777619
				}
			}
			if tone && len(key) > 0 && pinyinFinal[key[len(key)-1]] {
				dropped, toned = true, true
				continue
			}
			if !asciiLetter[c] || len(key) == len(buf) {
				return hits
			}
			key, h, toned = append(key, c), (h^uint32(c))*16777619, false
		}
		if dropped && ix.mayStart(h) {
			if e, ok := ix.words.get(h, key); ok && e.pattern >= 0 && m.bounded(fd, blockStart, blockEnd, start, i, int(e.pattern)) {
				hits = m.acceptForms(fd, blockStart, blockEnd, start, i, int(e.pattern), FoldNoise, hits)
			}
		}
		// Syllables with their tone numbers, spaced (chuan1 shan1 jia3): the next run is
		// read on, as the form's unspaced spelling.
		if !toned || syllables == 5 || i+1 >= blockEnd || text[i] != ' ' || !asciiLetter[text[i+1]] {
			return hits
		}
		i++
	}
}

func isDigit(c byte) bool      { return c >= '0' && c <= '9' }
func isToneNumber(c byte) bool { return c >= '1' && c <= '5' }

// pinyinFinal holds the letters a pinyin syllable can end with (ü is typed v).
var pinyinFinal = func() (t [256]bool) {
	for _, c := range "aeiouvngr" {
		t[c] = true
	}
	return t
}()

// leetWord adds the hits of forms whose words are written with symbols for letters,
// alone or mixed with digits and other separators (!vory, p@ngolin, m@c@w, $hahtoo$h,
// r.h!n.o, 3l3ph@nt h@ir): each word as written, from the word at text[start:end] (and up
// to two symbols before it) through the pieces joined to it, is read with every symbol
// as its letter (leetLetters; | as i, or as l when pipe says so), every digit as its
// look-alike letter and other separators as nothing; up to two symbols after a form's
// last letter are its letters too (t0t0@b@, she||). Reported as a look-alike, and as
// noise when a symbol or separator stood inside a word. ASCII only: other runes have
// their own folds.
func (ix *wordIndex) leetWord(m *Matcher, fd *folded, blockStart, blockEnd, start, end int, pipe byte, hits []hit) (_ []hit, pipes bool) {
	text, src := fd.text, fd.src
	from, at := symbolsBefore(src, int(fd.meta[start].start))
	lead := at - from
	var buf, keyBuf [maxJoined]byte
	key, symbols := keyBuf[:0], 0
	inside := false // a symbol or separator stood inside a word: reported as noise (!vory is not)
	wordStart := start
	for words := 0; words < 4; words++ {
		pieces := 1
		for {
			for end < blockEnd && (asciiLetter[text[end]] || isDigit(text[end])) {
				end++ // t00th: a pair of digits the look-alike fold leaves, as a number
			}
			if pieces == 4 || end+1 >= blockEnd || !asciiLetter[text[end+1]] || !fd.joinAt(end) {
				break
			}
			end, pieces = wordEnd(text, end+1, blockEnd), pieces+1
		}
		to := int(fd.meta[end-1].end)
		trailing := 0 // symbols after the word's last letter (t0t0@b@, turt|e, she||)
		for trailing < 2 && to+trailing < len(src) && leetLetters[src[to+trailing]] != 0 {
			trailing++
		}
		if to+trailing < len(src) && wordByte[src[to+trailing]] {
			trailing = 0
		}
		if to-from+len(key)+2 >= maxJoined/2 {
			return hits, pipes
		}
		word, read := buf[:0], false     // read: a symbol or digit was read as a letter, or pieces joined
		letters, between := false, false // between: a symbol or separator after a letter…
		var onesBuf [8]int
		ones := onesBuf[:0] // where in word a 1 stood: read as i, tried as l when i makes no word (turt1e)
		for k := from; k < to; k++ {
			switch c := src[k]; {
			case asciiLetter[c]:
				word = append(word, c|0x20)
			case c >= '0' && c <= '9':
				l, ok := m.folder.homoglyph(rune(c))
				if !ok {
					return hits, pipes // a number, not a letter
				}
				if c == '1' && len(ones) < cap(ones) {
					ones = append(ones, len(word))
				}
				word, read = append(word, byte(l)), true
				if k > from && isDigit(src[k-1]) {
					symbols++ // t00th, b34r: a pair the look-alike fold left as a number
				}
			case c == '|':
				word, symbols, read, pipes, between = append(word, pipe), symbols+1, true, true, letters
				continue
			case leetLetters[c] != 0:
				word, symbols, read, between = append(word, leetLetters[c]), symbols+1, true, letters
				continue
			case c >= utf8.RuneSelf:
				// Other folds inside the word: a character that draws nothing
				// (h@wksbi\u200bll) is a separator, a look-alike its letter (lе0pard).
				r, size := decodeRune(src, k)
				if m.folder.class(r) == clsIgnorable {
					between, k = letters, k+size-1
					continue
				}
				l := m.folder.latinLetter(r)
				if l == 0 {
					return hits, pipes
				}
				word, read, k = append(word, l), true, k+size-1
			default:
				between = letters
				continue
			}
			letters = true
			inside = inside || between // …and a letter after it: inside the word (m@c@w)
		}
		if words > 0 {
			key = append(key, ' ')
		}
		stem := len(key)
		if read || pieces > 1 {
			key = m.folder.appendLatin(key, word)
		} else {
			key = append(key, text[wordStart:end]...) // as the fold wrote it
		}
		h := fnvAdd(fnvOffset, key)
		if words == 0 && trailing == 0 && len(ones) == 0 && !ix.mayStart(h) {
			return hits, pipes
		}
		e, ok := ix.words.get(h, key)
		if (!ok || words == 0 && !e.start) && len(ones) > 0 { // each word on its own: E1ephant ha1r
			for _, i := range ones {
				word[i] = 'l'
			}
			lkey := m.folder.appendLatin(key[:stem], word)
			if le, lok := ix.words.get(fnvAdd(fnvOffset, lkey), lkey); lok {
				key, e, ok, symbols = lkey, le, lok, symbols+1
			} else {
				for _, i := range ones {
					word[i] = 'i'
				}
			}
		}
		if trailing > 0 && (!ok || e.pattern < 0 && !e.more) { // symbols after the word: its last letters?
			for k := to; k < to+trailing; k++ {
				letter := leetLetters[src[k]]
				if src[k] == '|' {
					letter, pipes = pipe, true
				}
				word = append(word, letter)
			}
			key = m.folder.appendLatin(key[:stem], word)
			h = fnvAdd(fnvOffset, key)
			if e, ok = ix.words.get(h, key); ok {
				symbols, to = symbols+trailing, to+trailing
			}
		}
		if !ok || words == 0 && !e.start {
			return hits, pipes
		}
		if e.pattern >= 0 && symbols > 0 && m.bounded(fd, blockStart, blockEnd, start, end, int(e.pattern)) {
			n := len(hits)
			folds := FoldHomoglyph
			if inside || pieces > 1 {
				folds |= FoldNoise
			}
			hits = m.acceptForms(fd, blockStart, blockEnd, start, end, int(e.pattern), folds, hits)
			for k := n; k < len(hits); k++ {
				hits[k].trail = int8(to - int(fd.meta[end-1].end))
			}
			for k := n; k < len(hits) && lead > 0; k++ {
				if start > blockStart && text[start-1] == ' ' && int(fd.meta[start-1].start) == int(fd.meta[start].start)-lead {
					hits[k].start = start - 1 // the separator the symbols became
				} else {
					hits[k].lead = int8(lead)
				}
			}
		}
		if !e.more || end+1 >= blockEnd || text[end] != ' ' || !asciiLetter[text[end+1]] {
			return hits, pipes
		}
		wordStart = end + 1
		end = wordEnd(text, wordStart, blockEnd)
		// Symbols before the next word are its letters (mammoth !vory); what stands
		// between the two is a separator, which must not end a clause.
		from, _ = symbolsBefore(src, int(fd.meta[wordStart].start))
		if to > from || strings.ContainsAny(src[to:from], ",;:.!?") {
			return hits, pipes
		}
	}
	return hits, pipes
}

// appendLatin appends the small Latin letters of word as the fold writes them: each run
// of one letter once, as the repeat fold writes a word of the text and of the lexicon's
// forms (shahtoosh is shahtosh to both). No fold of its own: no allocation per word.
func (f *folder) appendLatin(dst, word []byte) []byte {
	for i, c := range word {
		if i == 0 || word[i-1] != c || f.disabled&FoldRepeat != 0 {
			dst = append(dst, c)
		}
	}
	return dst
}

// leetReach is how far after a word that begins a form of several words a symbol is
// looked for: the next word or two (elephant h@ir, hornbill c@$que). Prices ($350) and
// exclamations further on cost nothing.
const leetReach = 24

// symbolsBefore returns where up to two symbols that may stand for letters (see
// leetLetters) begin before src[at], when no letter or digit stands before them, and at.
func symbolsBefore(src string, at int) (from, word int) {
	from = at
	for k := 0; k < 2 && from > 0 && leetLetters[src[from-1]] != 0 && (from == 1 || !wordByte[src[from-2]]); k++ {
		from--
	}
	return from, at
}

// wordByte says whether an original byte continues a word (letter or digit): a symbol
// after one is inside a word, not at its start.
var wordByte = func() (t [256]bool) {
	for c := range t {
		t[c] = asciiLetter[c] || c >= '0' && c <= '9' || c >= utf8.RuneSelf
	}
	return t
}()

// leetLetters maps the symbols typed for a letter (p@ngolin, be@r bile, t!ger, $hark fin)
// to the letter (see leetWord). Indexed by the symbol's byte.
var leetLetters = func() (t [256]byte) {
	t['@'], t['$'], t['!'], t['|'] = 'a', 's', 'i', 'i'
	return t
}()

// formsFrom adds the hits of the forms that are key (hash h), the words written from
// text[start] to end, or begin with it and go on with the words after end: as phrases
// does, for a key that is not the text as written. The hits report folds.
func (ix *wordIndex) formsFrom(m *Matcher, fd *folded, blockStart, blockEnd, start, end int, key []byte, h uint32, folds Fold, hits []hit) []hit {
	text := fd.text
	e, ok := ix.words.get(h, key)
	for ok {
		if e.pattern >= 0 && m.bounded(fd, blockStart, blockEnd, start, end, int(e.pattern)) {
			hits = m.acceptForms(fd, blockStart, blockEnd, start, end, int(e.pattern), folds, hits)
		}
		if !e.more || end+1 >= blockEnd || text[end] != ' ' || !asciiLetter[text[end+1]] {
			break
		}
		next := wordEnd(text, end+1, blockEnd)
		if len(key)+next-end > maxJoined {
			break
		}
		key, h = append(key, text[end:next]...), fnvAdd(h, text[end:next])
		end = next
		e, ok = ix.words.get(h, key)
		if m.folder.edgeDigit(fd, end-1) { // as in phrases: xiang4 ya4
			if e, ok := ix.words.get(fnvAdd(fnvOffset, key[:len(key)-1]), key[:len(key)-1]); ok && e.pattern >= 0 &&
				m.bounded(fd, blockStart, blockEnd, start, end-1, int(e.pattern)) {
				hits = m.acceptForms(fd, blockStart, blockEnd, start, end-1, int(e.pattern), folds, hits)
			}
		}
	}
	return hits
}

// possessive adds the hits of the forms of several words whose first word, at
// text[start:end], is written with a possessive 's (rhino's horn, tiger's bone,
// elephant’s tusk): the fold wrote the apostrophe as a join, so "'s" is the one-letter
// word s after it.
func (ix *wordIndex) possessive(m *Matcher, fd *folded, blockStart, blockEnd, start, end int, hits []hit) []hit {
	text := fd.text
	s := end + 2 // after "'s"
	if s+1 >= blockEnd || text[end+1] != 's' || text[s] != ' ' || !asciiLetter[text[s+1]] {
		return hits
	}
	if apostrophe := fd.src[fd.meta[end].start:fd.meta[end].end]; apostrophe != "'" && apostrophe != "’" {
		return hits
	}
	h := fnvAdd(fnvOffset, text[start:end])
	if e, ok := ix.words.get(h, text[start:end]); !ok || !e.start || !e.more || end-start > maxJoined/2 {
		return hits
	}
	next := wordEnd(text, s+1, blockEnd)
	var buf [maxJoined]byte
	key := append(append(buf[:0], text[start:end]...), text[s:next]...)
	return ix.formsFrom(m, fd, blockStart, blockEnd, start, next, key, fnvAdd(h, text[s:next]), FoldNoise, hits)
}

// maxJoined bounds the bytes of a joined word and the words after it (see joined).
const maxJoined = 128

// minTagForm is the shortest form looked for inside a hashtag: shorter ones (he, ma)
// are too often pieces of other words.
const minTagForm = 5

// hashtag reports whether the word at fd.text[start] is written right after # or ＃,
// or @ or ＠ (a handle: @rhinohornshop).
func hashtag(fd *folded, start int) bool {
	src, o := fd.src, int(fd.meta[start].start)
	return o > 0 && (src[o-1] == '#' || src[o-1] == '@') || o >= 3 && (src[o-3:o] == "＃" || src[o-3:o] == "＠")
}

// inHashtag adds the single-word forms found inside the hashtag or handle word
// fd.text[start:end] (#ivorycarving, #rhinohornforsale): a hashtag runs words
// together, so the word rule does not apply inside it. Its hits report the noise fold,
// as forms written together do. The whole word is find's.
func (ix *wordIndex) inHashtag(m *Matcher, fd *folded, blockStart, blockEnd, start, end int, hits []hit) []hit {
	text := fd.text
	for p := start; p+minTagForm <= end; p++ {
		h := fnvAdd(fnvOffset, text[p:p+minTagForm-1])
		for q := p + minTagForm; q <= end; q++ {
			h = fnvAdd(h, text[q-1:q])
			if p == start && q == end || !ix.mayStart(h) {
				continue
			}
			if e, ok := ix.words.get(h, text[p:q]); ok && e.pattern >= 0 {
				hits = m.acceptForms(fd, blockStart, blockEnd, p, q, int(e.pattern), FoldNoise, hits)
			}
		}
	}
	return hits
}

func wordEnd(text []byte, i, limit int) int {
	for i < limit && asciiLetter[text[i]] {
		i++
	}
	return i
}

// wordStart returns where the ASCII word ending at text[i] begins, looking no further
// back than limit: wordEnd's mirror.
func wordStart(text []byte, limit, i int) int {
	for i > limit && asciiLetter[text[i-1]] {
		i--
	}
	return i
}

func isASCIILetter(c byte) bool { return asciiLetter[c] }

// runeLength is the length of the UTF-8 sequence a byte begins, 1 for a byte that
// begins none (the folded text is valid UTF-8: only a continuation byte, never met
// where a rune begins).
var runeLength = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= 0xF8:
			t[c] = 1
		case c >= 0xF0:
			t[c] = 4
		case c >= 0xE0:
			t[c] = 3
		case c >= 0xC0:
			t[c] = 2
		default:
			t[c] = 1
		}
	}
	return t
}()

var asciiLetter = func() (t [256]bool) {
	for c := range t {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return t
}()
