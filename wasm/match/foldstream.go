package match

import (
	"slices"
	"unicode/utf8"
)

// The stream fold applies the same rules as the unit pipeline (perRune, homoglyphs,
// contextual in fold.go) in one pass over the text, for scans. The unit pipeline
// writes a 16-byte unit per rune over an 8 KB piece and reads it back twice; here
// only the runes of the current word wait in a buffer (the look-alike rule decides a
// word at a time), and everything else goes straight to the folded text. The unit
// pipeline stays as the reference: New folds patterns through it (it also learns which
// symbols patterns need), the stream hands it the rare block it does not decide
// itself, and TestStreamFoldAgrees checks the two give identical text and meta.

// streamASCII is the per-rune fold of an ASCII byte with the symbols patterns need
// already protected (see folder.protected): one lookup per byte.
type streamASCII struct {
	out       byte
	cls       class
	folds     Fold
	candidate bool // may be a look-alike (0 for o, 4 for a)
	fast      bool
	endsWord  bool // cannot continue a word: wordEndsAt for ASCII
}

// freeze builds the stream fold's ASCII table once the protected symbols are known.
func (f *folder) freeze() {
	for c := range f.ascii {
		a := f.ascii[c]
		s := streamASCII{out: a.out, cls: a.cls, folds: a.folds, fast: a.fast}
		if a.cls == clsNoise && len(f.protected) > 0 {
			s.cls = f.protect(rune(a.out), a.cls)
		} else {
			s.candidate = a.homoglyph
		}
		s.endsWord = s.fast && s.cls != clsLatin && s.cls != clsDigit && s.cls != clsOther && s.cls != clsIgnorable
		f.stream[c] = s
	}
	// A rune folding to a line break among other runes would end a block in the
	// middle of a rune: the stream does not handle that, the reference does.
	f.streamOff = false
	for _, e := range f.entries {
		for _, o := range e.out {
			if f.class(o) == clsBreak && len(e.out) > 1 {
				f.streamOff = true
			}
		}
	}
	f.frozen = true
}

// streamState is the contextual rules' state inside one block (line).
type streamState struct {
	f  *folder
	fd *folded
	s  string

	// Where the current block began, in s and in fd, for redo.
	blockFrom, textFrom, metaFrom int

	noiseOn, repeatOn, homoglyphOn bool

	last       int8 // blockStart, afterSep, or written
	lastR      rune
	lastCls    class
	lastSingle bool // the last rune written is a one-letter word
	lastIdeo   bool // the last rune written is ideographic (see ideographic)
	lastByte   int  // its offset in fd.text
	pending    bool // a separator is owed before the next rune
	gap        bool // something was dropped since the last rune
	dirty      bool // what was dropped since the last rune is more than plain spaces
	prevStart  int32
	prevEnd    int32
	prevCls    class // of the rune at prevStart, when it was dropped

	// The current word: runs of letters and digits joined by invisible runes.
	word       []unit
	candidates bool // some rune of the word may be a look-alike
	hard       bool // the block needs the reference pipeline (see flushWord)
}

const (
	blockStart int8 = iota
	afterSep
	written
)

// foldStream is fold without learning symbols (kept == nil): see the top of this file.
func (f *folder) foldStream(s string, fd *folded) {
	fd.reset(s)
	st := streamState{
		f: f, fd: fd, s: s,
		noiseOn:     f.disabled&FoldNoise == 0,
		repeatOn:    f.disabled&FoldRepeat == 0,
		homoglyphOn: f.disabled&FoldHomoglyph == 0,
		word:        fd.units[:0],
	}
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && f.stream[c].fast {
			a := &f.stream[c]
			if a.cls == clsLatin && !a.candidate && len(st.word) == 0 && !st.hard {
				j := i + 1
				for j < len(s) && s[j] < utf8.RuneSelf {
					if b := &f.stream[s[j]]; b.cls != clsLatin || b.candidate || !b.fast {
						break
					}
					j++
				}
				if j == len(s) || s[j] < utf8.RuneSelf && f.stream[s[j]].endsWord || s[j] >= utf8.RuneSelf && st.wordEndsAt(j) {
					st.latinRun(i, j)
					i = j
					continue
				}
			}
			if a.cls == clsDigit && len(st.word) == 0 && !st.hard {
				j := i + 1
				for j < len(s) && s[j] >= '0' && s[j] <= '9' {
					j++
				}
				if j == len(s) || s[j] < utf8.RuneSelf && f.stream[s[j]].endsWord || s[j] >= utf8.RuneSelf && st.wordEndsAt(j) {
					if j == i+1 && a.candidate && st.homoglyphOn && st.spelledDigit(j) {
						// A lone digit among one-letter words (i v 0 r y) is decided by
						// its neighbours (spelledOut): the reference folds this block.
						st.hard, i = true, j
						continue
					}
					st.digitRun(i, j)
					i = j
					continue
				}
			}
			if a.cls == clsNoise && asciiClause(s, i) {
				i++
				st.feed(unit{r: rune(a.out), cls: clsSep, folds: a.folds, start: int32(i - 1), end: int32(i)}, false)
				continue
			}
			if (a.cls == clsSpace || a.cls == clsNoise) && len(st.word) == 0 && !st.hard {
				// step's rule for white space and noise, in line: the commonest byte
				// after letters.
				st.gap, st.pending = true, true
				st.dirty = st.dirty || a.cls != clsSpace || a.out != ' '
				st.fd.passed(rune(a.out))
				st.prevStart, st.prevEnd, st.prevCls = int32(i), int32(i+1), a.cls
				i++
				continue
			}
			i++
			u := unit{r: rune(a.out), cls: a.cls, folds: a.folds, start: int32(i - 1), end: int32(i)}
			if a.cls == clsBreak {
				st.endBlock(u, i)
			} else {
				st.feed(u, a.candidate)
			}
			continue
		}
		r, size := rune(0), 3
		if c := s[i]; c&0xF0 == 0xE0 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
		}
		if r < 0x800 || r&0xF800 == 0xD800 { // not three bytes, or not a valid rune of three
			r, size = decodeRune(s, i)
			fd.invalid = fd.invalid || r == utf8.RuneError && size == 1
		}
		start, end := int32(i), int32(i+size)
		i += size
		idx := f.entryOf(r)
		if idx == 0 && size == 3 && f.classes[r] == clsCJK {
			if !st.hard && len(st.word) > 0 {
				st.flushWord()
			}
			if !st.hard {
				i = st.cjkRun(r, i-3, i)
			}
			continue
		}
		if idx == 0 {
			cls, candidate := f.classOf(r, false)
			if cls == clsSep && inWord(s, r, int(start), i) {
				cls = f.protect(r, clsNoise)
			}
			if u := (unit{r: r, cls: cls, start: start, end: end}); cls == clsBreak {
				st.endBlock(u, i)
			} else {
				st.feed(u, candidate)
			}
			continue
		}
		e := &f.entries[idx]
		sep := f.class(r) == clsSep && !inWord(s, r, int(start), i)
		for _, o := range e.out {
			cls, candidate := f.classOf(o, sep)
			if u := (unit{r: o, cls: cls, folds: e.folds, listNumber: e.listNumber, start: start, end: end}); cls == clsBreak {
				st.endBlock(u, i) // alone in e.out: freeze checked it
			} else {
				st.feed(u, candidate && !numeralDigit(e.folds) && !e.listNumber)
			}
		}
	}
	if !st.hard {
		st.flushWord()
	}
	if st.hard {
		st.redo(len(s))
	}
	fd.units = st.word[:0]
}

// endBlock ends the block with its break u; next is the offset after the break.
func (st *streamState) endBlock(u unit, next int) {
	if !st.hard {
		st.flushWord()
	}
	if st.hard {
		st.redo(next)
		return
	}
	st.fd.put('\n', &u, 0)
	st.resetBlock()
	st.prevStart, st.prevEnd = u.start, u.end
	st.blockFrom, st.textFrom, st.metaFrom = next, len(st.fd.text), len(st.fd.meta)
}

// redo folds the block from st.blockFrom to next (ending with its break, or the text)
// with the reference pipeline, in place of what the stream wrote for it.
func (st *streamState) redo(next int) {
	f, fd := st.f, st.fd
	fd.text, fd.meta = fd.text[:st.textFrom], fd.meta[:st.metaFrom]
	fd.joins, fd.digitLetters = dropFrom(fd.joins, st.textFrom), dropFrom(fd.digitLetters, st.textFrom)
	fd.tags, fd.leets = dropFrom(fd.tags, st.textFrom), dropFrom(fd.leets, st.textFrom)
	units, candidates := f.perRune(st.s[st.blockFrom:next], int32(st.blockFrom), st.word[:0], fd.candidates[:0])
	f.homoglyphs(units, candidates)
	f.contextual(units, fd, nil)
	st.word, fd.candidates = units[:0], candidates[:0]
	st.resetBlock()
	st.hard = false
	st.blockFrom, st.textFrom, st.metaFrom = next, len(fd.text), len(fd.meta)
}

func (st *streamState) resetBlock() {
	st.last, st.pending, st.gap, st.dirty = blockStart, false, false, false
	st.word, st.candidates = st.word[:0], false
}

// feed takes the next unit of a block (never a break).
func (st *streamState) feed(u unit, candidate bool) {
	if st.hard {
		return
	}
	switch u.cls {
	case clsLatin, clsDigit, clsOther:
		st.word = append(st.word, u)
		st.candidates = st.candidates || candidate
		return
	case clsIgnorable:
		if len(st.word) > 0 {
			st.word = append(st.word, u)
			return
		}
	default:
		st.flushWord()
	}
	st.step(&u, false)
}

// flushWord decides the look-alikes of the word waiting (homoglyphs) and writes it.
func (st *streamState) flushWord() {
	word := st.word
	if len(word) == 0 {
		return
	}
	w := st.f.countWord(word)
	if st.candidates && st.homoglyphOn {
		if w.latin == 0 && w.size == 1 && (w.letters == 1 || w.digits == 1 && st.spelledDigit(int(word[len(word)-1].end))) {
			// A lone look-alike (і in і.v.o.r.y, 0 in i v 0 r y) is decided by its
			// neighbouring words (spelledOut): the reference pipeline folds this block.
			st.hard = true
			st.word, st.candidates = st.word[:0], false
			return
		}
		if w.latin == 0 && w.size > 1 && w.letters == w.size {
			// A word of look-alikes alone is decided by its neighbours (latinBeside).
			st.hard = true
			st.word, st.candidates = st.word[:0], false
			return
		}
		st.f.foldLookalikes(word, w)
	}
	single := w.size == 1
	for k := range word {
		st.step(&word[k], single)
	}
	st.word, st.candidates = st.word[:0], false
}

// step is contextual's loop body for one unit; single says the unit is a one-letter word.
func (st *streamState) step(u *unit, single bool) {
	fd := st.fd
	switch u.cls {
	case clsIgnorable:
		st.gap, st.dirty = true, true
		if !st.noiseOn {
			st.pending = true
		}
		st.prevStart, st.prevEnd, st.prevCls = u.start, u.end, u.cls
		return
	case clsSpace, clsNoise:
		st.gap, st.pending = true, true
		st.dirty = st.dirty || u.cls != clsSpace || u.r != ' '
		fd.passed(u.r)
		st.prevStart, st.prevEnd, st.prevCls = u.start, u.end, u.cls
		return
	case clsSep:
		st.gap, st.pending, st.dirty, st.last = true, true, true, afterSep
		st.prevStart, st.prevEnd, st.prevCls = u.start, u.end, u.cls
		return
	}
	var folds Fold
	switch {
	case st.pending && st.last == written && st.noiseOn && st.droppable(u, single):
		folds, st.pending = FoldNoise, false
	case st.pending:
		if st.last != blockStart {
			var noise Fold
			if st.dirty {
				noise = FoldNoise
			}
			if st.prevCls == clsNoise && st.lastCls == clsLatin && u.cls == clsLatin && st.prevEnd == u.start && fd.meta[st.lastByte].end == st.prevStart {
				fd.joins = append(fd.joins, int32(len(fd.text))) // one symbol between two letters
			}
			fd.putByte(' ', st.prevStart, st.prevEnd, noise)
		}
	case st.gap && st.last == written:
		folds = FoldNoise
	}
	if st.repeatOn && !st.pending && st.last == written && st.lastR == u.r && (u.cls == clsCJK || u.cls == clsLatin) {
		fd.join(st.lastByte, u, folds)
	} else {
		st.lastByte = fd.write(u, folds)
	}
	st.pending, st.gap, st.dirty = false, false, false
	st.last, st.lastR, st.lastCls, st.lastSingle, st.lastIdeo = written, u.r, u.cls, single, ideographic(u)
	st.prevStart, st.prevEnd = u.start, u.end
}

// droppable is folder.droppable for the last rune written and the next.
func (st *streamState) droppable(u *unit, single bool) bool {
	if st.lastIdeo && ideographic(u) {
		return true
	}
	return st.lastCls == clsLatin && u.cls == clsLatin && st.lastSingle && single
}

// The two runs below are most of a listing's text: a Chinese run, and a Latin word of
// plain letters. Their first rune takes step's every rule; inside a run nothing is
// pending or dropped, so only the repeat rule is left.

// spelledDigit reports whether the lone digit before s[j] may stand between one-letter
// words (i v 0 r y, 1 v o r y): the last word written was one Latin letter, or the next
// word, past spaces and symbols, is. A superset of spelledOut: it may say yes where the
// reference then folds nothing, never no where it folds.
func (st *streamState) spelledDigit(j int) bool {
	if st.last == written && st.lastCls == clsLatin && st.lastSingle {
		return true
	}
	s, f := st.s, st.f
	for j < len(s) && s[j] < utf8.RuneSelf && (f.stream[s[j]].cls == clsSpace || f.stream[s[j]].cls == clsNoise || f.stream[s[j]].cls == clsIgnorable) {
		j++
	}
	if j == len(s) {
		return false
	}
	if s[j] >= utf8.RuneSelf {
		// Chinese numerals fold to digits (三片装): the ideograph next to one is no
		// letter, and sending every such line to the reference cost a tenth of a scan.
		return !f.ideographAt(s, j)
	}
	if !f.stream[s[j]].fast {
		return true // not decided here: the reference will
	}
	if f.stream[s[j]].cls != clsLatin {
		return false
	}
	j++
	for j < len(s) && s[j] < utf8.RuneSelf && f.stream[s[j]].cls == clsIgnorable {
		j++
	}
	return j == len(s) || s[j] >= utf8.RuneSelf || !f.stream[s[j]].fast || f.stream[s[j]].endsWord
}

// ideographAt reports whether the rune at s[j] is a CJK character that the per-rune
// folds leave without a Latin letter (t2s gives an ideograph, the numeral fold a digit).
func (f *folder) ideographAt(s string, j int) bool {
	r, _ := decodeRune(s, j)
	if r >= 0x10000 || f.classes[r] != clsCJK {
		return false
	}
	if idx := f.entryOf(r); idx != 0 {
		for _, o := range f.entries[idx].out {
			if f.class(o) == clsLatin {
				return false
			}
		}
	}
	return true
}

// wordEndsAt reports whether the rune at s[j] cannot continue a word (a look-alike
// word would need deciding as a whole).
func (st *streamState) wordEndsAt(j int) bool {
	s, f := st.s, st.f
	if j == len(s) {
		return true
	}
	if c := s[j]; c < utf8.RuneSelf {
		return f.stream[c].endsWord
	}
	r, size := decodeRune(s, j)
	return size == 3 && f.bmp[r] == 0 && f.classes[r] == clsCJK
}

// latinRun writes s[i:j], plain Latin letters that make a whole word.
func (st *streamState) latinRun(i, j int) {
	f, fd, s := st.f, st.fd, st.s
	a := &f.stream[s[i]]
	st.step(&unit{r: rune(a.out), cls: clsLatin, folds: a.folds, start: int32(i), end: int32(i + 1)}, j-i == 1)
	// Writes go to local slices grown once: no capacity check per byte.
	n := j - i - 1
	text, meta := slices.Grow(fd.text, n), slices.Grow(fd.meta, n)
	t := len(text)
	text, meta = text[:t+n], meta[:t+n]
	lastByte, lastR := st.lastByte, st.lastR
	for k := i + 1; k < j; k++ {
		a := &f.stream[s[k]]
		if st.repeatOn && rune(a.out) == lastR {
			mb := &meta[lastByte]
			mb.end = int32(k + 1)
			mb.folds |= a.folds
			if mb.runs < 255 {
				mb.runs++
			}
			continue
		}
		lastByte, lastR = t, rune(a.out)
		text[t] = a.out
		meta[t] = byteMeta{start: int32(k), end: int32(k + 1), folds: a.folds, runs: 1}
		t++
	}
	fd.text, fd.meta = text[:t], meta[:t]
	st.lastByte, st.lastR = lastByte, lastR
	st.prevStart, st.prevEnd = int32(j-1), int32(j)
}

// digitRun writes s[i:j], ASCII digits that make a whole word: no letter in it, so no
// look-alike to decide, and digits do not repeat-fold.
func (st *streamState) digitRun(i, j int) {
	fd, s := st.fd, st.s
	a := &st.f.stream[s[i]]
	st.step(&unit{r: rune(a.out), cls: clsDigit, folds: a.folds, start: int32(i), end: int32(i + 1)}, j-i == 1)
	for k := i + 1; k < j; k++ {
		fd.text = append(fd.text, s[k])
		fd.meta = append(fd.meta, byteMeta{start: int32(k), end: int32(k + 1), runs: 1})
	}
	st.lastByte, st.lastR = len(fd.text)-1, rune(s[j-1])
	st.prevStart, st.prevEnd = int32(j-1), int32(j)
}

// cjkRun writes the Chinese character r at s[start:i] and the ones that follow it
// without folds; it returns where the run ends.
func (st *streamState) cjkRun(r rune, start, i int) int {
	f, fd, s := st.f, st.fd, st.s
	st.step(&unit{r: r, cls: clsCJK, start: int32(start), end: int32(i)}, false)
	n := len(s) - i // the run writes at most this many bytes
	text, meta := slices.Grow(fd.text, n), slices.Grow(fd.meta, n)
	t := len(text)
	text, meta = text[:t+n], meta[:t+n]
	lastByte, lastR := st.lastByte, st.lastR
	for i+2 < len(s) {
		c, c1, c2 := s[i], s[i+1], s[i+2]
		if c < 0xE0 || c >= 0xF0 || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 {
			break
		}
		r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
		if f.bmp[r] != 0 || f.classes[r] != clsCJK { // (classes marks no surrogate or overlong form CJK)
			break
		}
		if st.repeatOn && r == lastR {
			mb := &meta[lastByte]
			mb.end = int32(i + 3)
			if mb.runs < 255 {
				mb.runs++
			}
		} else {
			lastByte, lastR = t, r
			text[t], text[t+1], text[t+2] = c, c1, c2
			meta[t] = byteMeta{start: int32(i), end: int32(i + 3), runs: 1}
			t += 3
		}
		i += 3
	}
	fd.text, fd.meta = text[:t], meta[:t]
	st.lastByte, st.lastR = lastByte, lastR
	st.prevStart, st.prevEnd = int32(i-3), int32(i)
	return i
}
