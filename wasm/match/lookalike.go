package match

import "strings"

// Capital I and lower-case l are drawn alike in most fonts, and sellers type one for the
// other: pangoIin, hawksbiII, bangIe, lvory, RHlNO HORN. No per-character fold can read
// them (l is a letter of pangolin, I of IVORY), so the word pass reads a whole word: a
// word with an i or an l that, with some of its I written l and its l written i, spells a
// word of a lexicon form letter for letter is that word. The text's own spelling decides,
// not the folded one: the I must be a capital (pangoiin is a typo, not a disguise) and
// the l a small letter, so ordinary words never turn into forms (loin is not lion: o is
// no look-alike of i). Such a hit reports the homoglyph fold.

// lookalikes holds the words of the lexicon's Latin forms that have an i or an l, by
// skeleton: the folded word with every i written l and repeats written once (the
// repeat fold has made hawksbiII hawksbi, and hawksbill hawksbil: both are hawksbl).
type lookalikes struct {
	// skeletons has the bit of each skeleton's hash (see wordHash) set: most words with
	// an i or an l are turned away before their skeleton is written out and looked up.
	skeletons  [1 << wordHashBits / 64]uint64
	bySkeleton map[string][]lookalike
	// lengths[b] has bit n set when a word may be read as a lexicon word if its folded
	// form is n bytes long and begins with b (i read as l): a test that inlines, so most
	// words cost no call.
	lengths [256]uint64
}

// may reports whether the folded word w may be read as a lexicon word.
func (ls *lookalikes) may(w []byte) bool {
	c := w[0]
	if c == 'i' {
		c = 'l'
	}
	return len(w) < 64 && ls.lengths[c]&(1<<len(w)) != 0
}

type lookalike struct {
	spelling string // the lexicon's word in small letters, as the text's is compared
	folded   []byte // the word as forms are folded: the key looked up instead
}

// minLookalike is the shortest word read this way: shorter words (oil, lip) are too
// near too many others.
const minLookalike = 4

// lookalikeByte marks the bytes of folded text a look-alike word needs one of (a byte
// table the word pass ORs as it hashes the word: no branch per byte).
var lookalikeByte = [256]uint8{'i': 1, 'l': 1}

// hasLookalikeByte reports whether a word of folded text has a byte of lookalikeByte.
func hasLookalikeByte(w []byte) bool {
	for _, c := range w {
		if lookalikeByte[c] != 0 {
			return true
		}
	}
	return false
}

func newLookalikes(f *folder, fd *folded, forms []string) *lookalikes {
	ls := &lookalikes{bySkeleton: map[string][]lookalike{}}
	seen := map[string]bool{}
	var buf [maxJoined]byte
	for _, form := range forms {
		for _, w := range strings.Fields(strings.ToLower(form)) {
			if len(w) < minLookalike || len(w) > maxJoined || seen[w] || !asciiLetters(w) || !strings.ContainsAny(w, "il") {
				continue
			}
			seen[w] = true
			folded := f.foldString(w, fd, nil)
			if !asciiLetters(folded) {
				continue
			}
			sk := skeleton(buf[:0], []byte(folded))
			b := skeletonHash(sk) >> (32 - wordHashBits)
			ls.skeletons[b/64] |= 1 << (b % 64)
			// The text's folded word is as long as the skeleton at least (repeats written
			// once) and as long as the spelling at most.
			for n := len(sk); n <= len(w) && n < 64; n++ {
				ls.lengths[sk[0]] |= 1 << n
			}
			ls.bySkeleton[string(sk)] = append(ls.bySkeleton[string(sk)], lookalike{spelling: w, folded: []byte(folded)})
		}
	}
	if len(ls.bySkeleton) == 0 {
		return nil
	}
	return ls
}

func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// skeleton appends w with every i written l and each run of one letter written once.
func skeleton(dst, w []byte) []byte {
	for _, c := range w {
		if c == 'i' {
			c = 'l'
		}
		if n := len(dst); n == 0 || dst[n-1] != c {
			dst = append(dst, c)
		}
	}
	return dst
}

// skeletonHash is the FNV-1a hash of skeleton(w), without writing the skeleton out.
func skeletonHash(w []byte) uint32 {
	h, last := uint32(fnvOffset), byte(0)
	for _, c := range w {
		if c == 'i' {
			c = 'l'
		}
		if c != last {
			h, last = (h^uint32(c))*16777619, c
		}
	}
	return h
}

// read returns the folded lexicon word that the text's word fd.text[start:end] writes
// with look-alikes, or nil.
func (ls *lookalikes) read(fd *folded, start, end int) []byte {
	word := fd.text[start:end]
	if b := skeletonHash(word) >> (32 - wordHashBits); len(word) > maxJoined || ls.skeletons[b/64]&(1<<(b%64)) == 0 {
		return nil
	}
	var buf [maxJoined]byte
	candidates := ls.bySkeleton[string(skeleton(buf[:0], word))]
	if candidates == nil {
		return nil
	}
	var written string // read only once needed: a look at the original is a cache miss
	for _, c := range candidates {
		if string(word) == string(c.folded) {
			continue // the word itself (skin in "snake skin"), no look-alike
		}
		if written == "" {
			written = fd.src[fd.meta[start].start:fd.meta[end-1].end]
		}
		if spells(written, c.spelling) {
			return c.folded
		}
	}
	return nil
}

// spells reports whether written is word letter for letter, ignoring case, with at least
// one capital I for an l or small l for an i.
func spells(written, word string) bool {
	if len(written) != len(word) {
		return false
	}
	swapped := false
	for i := 0; i < len(word); i++ {
		c, w := written[i], word[i]
		switch {
		case c == w || c >= 'A' && c <= 'Z' && c+'a'-'A' == w:
		case c == 'I' && w == 'l', c == 'l' && w == 'i':
			swapped = true
		default:
			return false
		}
	}
	return swapped
}
