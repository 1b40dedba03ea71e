package match

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// Fold names one normalisation step. Match.Folds lists the ones a hit needed, in this
// order (the pipeline's, but for emoji, applied right after compat);
// Options.DisableFolds switches them off by name.
type Fold uint16

const (
	FoldCompat Fold = 1 << iota
	FoldCase
	FoldT2S
	FoldNumeral
	FoldHomoglyph
	FoldNoise
	FoldRepeat
	FoldPinyin
	FoldEmoji
	FoldReverse
	FoldHomophone
	numFolds = iota
)

var foldNames = [numFolds]string{"compat", "case", "t2s", "numeral", "homoglyph", "noise", "repeat", "pinyin", "emoji", "reverse", "homophone"}

// FoldNames lists every fold in pipeline order.
func FoldNames() []string { return append([]string(nil), foldNames[:]...) }

// names lists the folds in f. Every set of folds has one shared slice, so a scan does
// not allocate one per hit: callers must not modify Match.Folds.
func (f Fold) names() []string { return foldNameSets()[f] }

var foldNameSets = sync.OnceValue(func() [][]string {
	sets := make([][]string, 1<<numFolds)
	for f := range sets {
		sets[f] = []string{}
		for i, name := range foldNames {
			if f&(1<<i) != 0 {
				sets[f] = append(sets[f], name)
			}
		}
	}
	return sets
})

func parseFolds(names []string) (Fold, error) {
	var f Fold
	for _, name := range names {
		found := false
		for i, n := range foldNames {
			if n == name {
				f |= 1 << i
				found = true
			}
		}
		if !found {
			return 0, fmt.Errorf("match: unknown fold %q (folds: %s)", name, strings.Join(foldNames[:], ", "))
		}
	}
	return f, nil
}

// class is what a folded rune is to the contextual rules.
type class uint8

const (
	clsOther     class = iota // a letter of another script, or a symbol some pattern contains
	clsLatin                  // a Latin-script letter
	clsDigit                  // a decimal digit
	clsCJK                    // a Han ideograph
	clsSpace                  // white space inside a block
	clsNoise                  // punctuation, symbols, emoji: droppable between CJK / single letters
	clsIgnorable              // zero-width, joiners, variation selectors, combining marks: always dropped
	clsSep                    // CJK sentence punctuation: a separator that is never dropped
	clsBreak                  // a block boundary: newline, paragraph separator
)

func classify(r rune) class {
	switch {
	case r < 0x80:
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			return clsLatin
		case r >= '0' && r <= '9':
			return clsDigit
		case r == '\n' || r == '\r' || r == '\v' || r == '\f':
			return clsBreak
		case r == ' ' || r == '\t':
			return clsSpace
		case r < 0x20 || r == 0x7F:
			return clsIgnorable
		}
		return clsNoise
	case r == 0x85 || r == 0x2028 || r == 0x2029:
		return clsBreak
	case strings.ContainsRune(strokeMarks, r):
		return clsNoise
	case isHan(r) || r == '〇':
		return clsCJK
	case unicode.Is(unicode.Latin, r):
		return clsLatin
	case unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r):
		return clsIgnorable // letters that draw nothing: the Hangul fillers (象\u3164牙)
	case unicode.IsDigit(r):
		return clsDigit
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		return clsOther
	case unicode.IsSpace(r):
		return clsSpace
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc, unicode.Variation_Selector) ||
		r >= 0x1F3FB && r <= 0x1F3FF: // skin-tone modifiers
		return clsIgnorable
	case r < 0x10000 && strings.ContainsRune(sentencePunct, r): // (all in the BMP; string(r) allocates)
		return clsSep
	}
	return clsNoise
}

// strokeMarks are ideographs of a single stroke that sellers write as separators
// (象丶牙, 象丨牙) and that no word uses: noise, like * or |.
const strokeMarks = "丶丨丿乀乁"

// sentencePunct separates clauses in Chinese text: dropping it would join the last
// word of one clause to the first of the next (大象。牙齿 is not 象牙). Full-width forms
// are judged before the compat fold turns them into ASCII.
const sentencePunct = "。，、；：！？「」『』【】《》〈〉（）〔〕…—―．｡､﹐﹑﹒﹔﹕﹖﹗，！？；："

// hanBMP has the bit of every character of the Basic Multilingual Plane in unicode.Han:
// the clause and bracket rules ask about the characters beside each punctuation mark,
// and unicode.Is searches a range table (in wasm, a tenth of a listing's fold).
var hanBMP = func() (t [0x10000 / 64]uint64) {
	for _, rg := range unicode.Han.R16 {
		for r := uint32(rg.Lo); r <= uint32(rg.Hi); r += uint32(rg.Stride) {
			t[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()

// isHan is unicode.Is(unicode.Han, r).
func isHan(r rune) bool {
	if r >= 0 && r < 0x10000 {
		return hanBMP[r/64]&(1<<(r%64)) != 0
	}
	return unicode.Is(unicode.Han, r)
}

// asciiClause reports whether s[i] is ASCII clause punctuation (, ; : ! ?) beside a
// Chinese character: typed in half-width, it ends a clause as its full-width form does
// (大象,牙齿 is not 象牙; 老虎,骨头 is not 虎骨). Between Latin letters it stays noise
// (i,v,o,r,y), and so it does, as its full-width form, between two characters one of
// which stands alone (loneBeside: 象,牙 手镯 and 犀,牛,角 are marks put inside a word;
// 出售象,牙手镯 reads as two clauses).
func asciiClause(s string, i int) bool {
	switch s[i] {
	case ',', ';', ':', '!', '?':
	default:
		return false
	}
	before, _ := tailRune(s[:i])
	after, _ := leadRune(s[i+1:])
	return (isHan(before) || isHan(after)) && !loneBeside(s, i, i+1)
}

// loneBeside reports whether the mark s[start:end] stands between two Chinese characters
// one of which stands alone, with no character on its far side: a mark put inside a
// word (象,牙 手镯, 象，牙, 犀,牛,角), not one between two clauses (大象,牙齿).
func loneBeside(s string, start, end int) bool {
	before, bs := tailRune(s[:start])
	after, as := leadRune(s[end:])
	if !isHan(before) || !isHan(after) {
		return false
	}
	farBefore, _ := tailRune(s[:start-bs])
	farAfter, _ := leadRune(s[end+as:])
	return !isHan(farBefore) || !isHan(farAfter)
}

// loneLetters reports whether the mark at s[start:end] stands between two Latin letters
// each of which is a word of one letter (i．v．o．r．y), as the noise rule drops an ASCII
// full stop there.
func loneLetters(s string, start, end int) bool {
	before, bs := tailRune(s[:start])
	after, as := leadRune(s[end:])
	if !unicode.Is(unicode.Latin, before) || !unicode.Is(unicode.Latin, after) {
		return false
	}
	farBefore, _ := tailRune(s[:start-bs])
	farAfter, _ := leadRune(s[end+as:])
	return !unicode.IsLetter(farBefore) && !unicode.IsLetter(farAfter)
}

// leadRune and tailRune are utf8.DecodeRuneInString and DecodeLastRuneInString with
// the three-byte runes of Chinese text decoded in line: the clause rules look at the
// characters around every punctuation mark, and in wasm the library calls cost a tenth
// of a listing's fold.
func leadRune(s string) (rune, int) {
	if len(s) >= 3 && s[0]&0xF0 == 0xE0 && s[1]&0xC0 == 0x80 && s[2]&0xC0 == 0x80 {
		if r := rune(s[0]&0x0F)<<12 | rune(s[1]&0x3F)<<6 | rune(s[2]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s)
}

func tailRune(s string) (rune, int) {
	if n := len(s); n >= 3 && s[n-3]&0xF0 == 0xE0 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80 {
		if r := rune(s[n-3]&0x0F)<<12 | rune(s[n-2]&0x3F)<<6 | rune(s[n-1]&0x3F); r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
			return r, 3
		}
	}
	return utf8.DecodeLastRuneInString(s)
}

// inWord reports whether the clause punctuation s[start:end] stands inside a word, where
// a seller put it to break the word up: it is noise there, like *. Three shapes:
//   - a dash or ellipsis with no twin beside it. Chinese writes its clause dash and
//     ellipsis doubled (——, ……); one alone between two characters (象—牙, 象…牙) is a
//     symbol.
//   - one of a pair of brackets around a single character (象【牙】, 【犀】角, 象「牙」).
//     A title's brackets hold a phrase (【包邮】), which stays apart from its neighbours.
//   - a clause mark (，；：！？。) between two characters one of which stands alone
//     (象，牙 手镯; loneBeside). A list's 、 always separates: 象、牙 lists two things.
func inWord(s string, r rune, start, end int) bool {
	switch r {
	case '—', '―', '…':
		d := s[start:end]
		return !strings.HasPrefix(s[end:], d) && !strings.HasSuffix(s[:start], d)
	case '，', '；', '：', '！', '？':
		return loneBeside(s, start, end)
	case '。', '．', '｡': // 象。牙; Ｒ．Ｈ．Ｉ．Ｎ．Ｏ, letters spelled out with a full stop
		return loneBeside(s, start, end) || loneLetters(s, start, end)
	}
	if pair, opens := bracketPair(r); opens {
		c, size := utf8.DecodeRuneInString(s[end:])
		next, _ := utf8.DecodeRuneInString(s[end+size:])
		return next == pair && isHan(c)
	} else if pair != 0 {
		c, size := utf8.DecodeLastRuneInString(s[:start])
		before, _ := utf8.DecodeLastRuneInString(s[:start-size])
		return before == pair && isHan(c)
	}
	return false
}

// bracketPair returns the other half of one of sentencePunct's CJK brackets and whether
// r opens the pair; 0 for any other rune.
func bracketPair(r rune) (pair rune, opens bool) {
	switch r {
	case '「':
		return '」', true
	case '『':
		return '』', true
	case '【':
		return '】', true
	case '《':
		return '》', true
	case '〈':
		return '〉', true
	case '（':
		return '）', true
	case '〔':
		return '〕', true
	case '」':
		return '「', false
	case '』':
		return '『', false
	case '】':
		return '【', false
	case '》':
		return '《', false
	case '〉':
		return '〈', false
	case '）':
		return '（', false
	case '〕':
		return '〔', false
	}
	return 0, false
}

// unit is one rune of the text after the per-rune folds.
type unit struct {
	r          rune
	cls        class
	listNumber bool // see runeFold
	folds      Fold
	start, end int32 // byte span of the original text this rune came from
}

// asciiFold is the per-rune fold of an ASCII character that folds to one ASCII
// character (fast), precomputed: most listing text is ASCII or CJK.
type asciiFold struct {
	out       byte
	cls       class
	folds     Fold
	fast      bool
	homoglyph bool
}

// runeFold is the per-rune part of the pipeline (compat, emoji, case, t2s, numeral), composed
// once per matcher into a flat table so the hot loop does one lookup per rune.
type runeFold struct {
	out   []rune
	folds Fold
	// listNumber: r is an enclosed number (①, ❸), which lists number their items with:
	// a digit, never a letter's look-alike (③hornbill casque is item 3, not ehornbill).
	listNumber bool
}

// folder holds everything the fold pipeline needs; it is immutable once built.
type folder struct {
	disabled Fold
	bmp      []uint16 // per BMP rune: 0, or 1+index into entries
	astral   map[rune]uint16
	entries  []runeFold
	classes  []class // per BMP rune, the class of the rune as folded (shared: read only)
	ascii    [utf8.RuneSelf]asciiFold
	homo     map[rune]rune  // look-alikes outside the BMP
	homoBMP  [0x10000]uint8 // look-alikes in the BMP
	digitTo  [256]bool      // the letters a digit folds to (see edgeDigit)
	// emojiBytes is the longest text the emoji table writes for one emoji (see emojiOnly).
	emojiBytes int
	// protected runes would be noise but begin or end some pattern (🐘牙, +V): they
	// stay significant, with the class of their neighbour in the pattern, so 🐘 牙
	// loses its space as 象 牙 does.
	protected map[rune]class

	// The stream fold's table (see freeze); until frozen, fold uses the reference.
	stream    [utf8.RuneSelf]streamASCII
	frozen    bool
	streamOff bool
}

func newFolder(t *bundle.Tables, disabled Fold) (*folder, error) {
	f := &folder{
		disabled:  disabled,
		bmp:       make([]uint16, 0x10000),
		astral:    map[rune]uint16{},
		entries:   []runeFold{{}},
		classes:   bmpClasses(),
		homo:      map[rune]rune{},
		protected: map[rune]class{},
	}
	compat, err := runeTable("compat", t.Compat)
	if err != nil {
		return nil, err
	}
	t2s, err := runeTable("t2s", t.T2S)
	if err != nil {
		return nil, err
	}
	numeral, err := runeTable("numeral", t.Numeral)
	if err != nil {
		return nil, err
	}
	emoji, err := runeTable("emoji", t.Emoji)
	if err != nil {
		return nil, err
	}
	for _, v := range emoji {
		f.emojiBytes = max(f.emojiBytes, len(string(v)))
	}
	homo, err := runeTable("homoglyph", t.Homoglyph)
	if err != nil {
		return nil, err
	}
	// An upper-case look-alike whose small letter looks like another Latin letter, or like
	// none (Greek Ν is N but ν is v; Μ is M, μ nothing), keeps its case through the case
	// fold, so that the look-alike rule still sees which letter was typed (ΡΑΝGΟLΙΝ,
	// ΜUSK); the rule then writes the small Latin letter, as the case fold would have.
	keepCase := map[rune]bool{}
	for k, v := range homo {
		if len(v) != 1 || v[0] >= utf8.RuneSelf {
			return nil, fmt.Errorf("match: homoglyph table maps %q to %q: want one ASCII letter or digit", k, string(v))
		}
		to := v[0]
		if disabled&FoldCase == 0 {
			to = unicode.ToLower(to)
			if l := unicode.ToLower(k); k >= utf8.RuneSelf && l != k {
				if lv, ok := homo[l]; !ok || len(lv) != 1 || unicode.ToLower(lv[0]) != to {
					keepCase[k] = true
				}
			}
		}
		if k < rune(len(f.homoBMP)) {
			f.homoBMP[k] = uint8(to)
		} else {
			f.homo[k] = to
		}
		if k >= '0' && k <= '9' {
			f.digitTo[v[0]] = true
		}
	}
	// Every rune some table mentions, plus every rune whose case folds, gets an entry;
	// all other runes fold to themselves.
	keys := map[rune]bool{}
	for _, m := range []map[rune][]rune{compat, emoji, t2s, numeral} {
		for k := range m {
			keys[k] = true
		}
	}
	for _, rt := range unicode.Upper.R16 {
		for r := rune(rt.Lo); r <= rune(rt.Hi); r += rune(rt.Stride) {
			keys[r] = true
		}
	}
	for _, rt := range unicode.Upper.R32 {
		for r := rune(rt.Lo); r <= rune(rt.Hi); r += rune(rt.Stride) {
			keys[r] = true
		}
	}
	step := func(rs []rune, fold Fold, apply func(rune) []rune) ([]rune, bool) {
		if disabled&fold != 0 {
			return rs, false
		}
		var out []rune
		changed := false
		for _, r := range rs {
			if o := apply(r); o != nil {
				out = append(out, o...)
				changed = true
			} else {
				out = append(out, r)
			}
		}
		return out, changed
	}
	lookup := func(m map[rune][]rune) func(rune) []rune {
		return func(r rune) []rune { return m[r] }
	}
	lower := func(r rune) []rune {
		if l := unicode.ToLower(r); l != r && !keepCase[r] {
			return []rune{l}
		}
		return nil
	}
	for r := range keys {
		rs := []rune{r}
		var folds Fold
		for _, s := range []struct {
			fold  Fold
			apply func(rune) []rune
		}{{FoldCompat, lookup(compat)}, {FoldEmoji, lookup(emoji)}, {FoldCase, lower}, {FoldT2S, lookup(t2s)}, {FoldNumeral, lookup(numeral)}} {
			var changed bool
			if rs, changed = step(rs, s.fold, s.apply); changed {
				folds |= s.fold
			}
		}
		if folds == 0 {
			continue
		}
		if len(f.entries) >= 0xFFFF {
			return nil, fmt.Errorf("match: fold tables too large (%d entries)", len(f.entries))
		}
		idx := uint16(len(f.entries))
		f.entries = append(f.entries, runeFold{out: rs, folds: folds, listNumber: folds&FoldCompat != 0 && enclosedNumber(r) && allDigits(rs)})
		if r < 0x10000 {
			f.bmp[r] = idx
		} else {
			f.astral[r] = idx
		}
	}
	for c := range f.ascii {
		a := asciiFold{out: byte(c), fast: true}
		if idx := f.bmp[c]; idx != 0 {
			e := f.entries[idx]
			a.folds = e.folds
			a.fast = len(e.out) == 1 && e.out[0] < utf8.RuneSelf
			if a.fast {
				a.out = byte(e.out[0])
			}
		}
		a.cls = f.classes[a.out]
		_, a.homoglyph = f.homoglyph(rune(a.out))
		f.ascii[c] = a
	}
	return f, nil
}

// bmpClasses is classify for every BMP rune, computed once per process and shared. It
// paints Unicode's range tables in classify's order of precedence, lowest first:
// calling classify 65,536 times takes a second in wasm. TestClassTable checks that the
// two agree.
var bmpClasses = sync.OnceValue(func() []class {
	classes := make([]class, 0x10000)
	paint := func(cls class, tables ...*unicode.RangeTable) {
		for _, t := range tables {
			for _, rg := range t.R16 {
				for r := int(rg.Lo); r <= int(rg.Hi); r += int(rg.Stride) {
					classes[r] = cls
				}
			}
			for _, rg := range t.R32 {
				for r := int(rg.Lo); r <= int(rg.Hi) && r < len(classes); r += int(rg.Stride) {
					classes[r] = cls
				}
			}
		}
	}
	for r := range classes {
		classes[r] = clsNoise
	}
	for _, r := range sentencePunct {
		classes[r] = clsSep
	}
	paint(clsIgnorable, unicode.Mn, unicode.Me, unicode.Cf, unicode.Cc, unicode.Variation_Selector)
	paint(clsSpace, unicode.White_Space)
	paint(clsOther, unicode.L, unicode.N)
	paint(clsDigit, unicode.Nd)
	paint(clsLatin, unicode.Latin)
	paint(clsIgnorable, unicode.Other_Default_Ignorable_Code_Point)
	paint(clsCJK, unicode.Han)
	classes['〇'] = clsCJK
	for _, r := range strokeMarks {
		classes[r] = clsNoise
	}
	for _, r := range []rune{0x85, 0x2028, 0x2029} {
		classes[r] = clsBreak
	}
	for r := range rune(utf8.RuneSelf) {
		classes[r] = classify(r)
	}
	return classes
})

func runeTable(name string, m map[string]string) (map[rune][]rune, error) {
	out := make(map[rune][]rune, len(m))
	for k, v := range m {
		r, size := utf8.DecodeRuneInString(k)
		if size != len(k) || r == utf8.RuneError {
			return nil, fmt.Errorf("match: %s table key %q is not one rune", name, k)
		}
		if v == "" {
			return nil, fmt.Errorf("match: %s table maps %q to nothing", name, k)
		}
		out[r] = []rune(v)
	}
	return out, nil
}

func (f *folder) class(r rune) class {
	if r < 0x10000 {
		return f.classes[r]
	}
	return classify(r)
}

// folded is a text after the whole pipeline, with the way back to the original.
type folded struct {
	src string // the text folded
	// tags holds, in order, the offsets in text reached when a # or @ was passed (after
	// the compat fold: ＃ ＠ too): a word that begins there or one separator later may be
	// a hashtag or handle (see hashtag).
	tags []int32
	// digitLetters holds, in order, the offsets in text of the letters folded from a
	// digit (b0n3's 0 and 3): a word may end or begin with one (see edgeDigit).
	digitLetters []int32
	// joins holds, in order, the offsets in text of the separators that stand for one
	// symbol written between two Latin letters (ivo-ry: see wordIndex.joined).
	joins []int32
	// leets holds, in order, the offsets in text reached when a symbol that may stand for
	// a letter (! $ | @) was passed as noise: a word that begins there or one separator
	// later may begin with it (!vory: see wordIndex.leetWord). Without the list every
	// word would look up its original, a cache miss apiece.
	leets []int32
	// kindsNamed holds the terms of the generic animal names whose kinds the text names
	// (虎皮鹦鹉 for 鹦鹉), as matching meets them (see Matcher.kindNamed).
	kindsNamed []int32
	// benignSpans holds the hits a benign phrase covered (vegetable ivory's ivory), with
	// the phrase's span, in the order accept met them: see dropShadowing.
	benignSpans []coveredHit
	// notices and wordNotices hold where the prohibition phrases found end, Chinese
	// ones and Latin-word ones (see Matcher.prohibited).
	notices, wordNotices []int
	// refusals holds where the refusal phrases found begin (see Matcher.refused).
	refusals []int
	// marks holds where the phrases that say something of the whole listing start (see
	// listingMark).
	marks []markAt
	// taxidermy: whether the text says taxidermy, once Matcher.taxidermy has looked: 0 not
	// yet, 1 no, 2 yes (a look through the whole text per depiction word would be quadratic).
	taxidermy uint8
	// titleOpens holds where the text's opening title marks (《, 〈) stand in the original,
	// in order, once titlesFound says titled has looked.
	titleOpens  []int
	titlesFound bool
	// titleLine is 1 + the start of the last line titled asked about, titleInLine whether
	// that line has an opening title mark.
	titleLine   int
	titleInLine bool
	// joinsSeen, digitsSeen, tagsSeen and leetsSeen: how far wordIndex.find has walked
	// the lists.
	joinsSeen, digitsSeen, tagsSeen, leetsSeen int
	// invalid: the text holds a byte that is not UTF-8 (utf16Offsets then decodes
	// rune by rune rather than count eight bytes at a time).
	invalid    bool
	text       []byte
	meta       []byteMeta // one per byte of text
	units      []unit
	candidates []int32 // units that may be homoglyphs
	// merged is Matcher.find's buffer for merging two runs of hits, kept between scans.
	merged []hit
}

// byteMeta leads from a rune of folded text back to the original: the original span of
// the rune, the folds that produced it (FoldNoise on a rune means noise was dropped
// just before it), and how many times it was written in a row (the repeat fold writes
// it once). fd.meta has one per byte of text, but only the entry at a rune's first
// byte is written: the others hold whatever an earlier text left there, and writing
// three entries per Chinese character was a tenth of the fold's time.
type byteMeta struct {
	start, end int32
	folds      Fold
	runs       uint8
}

func (fd *folded) reset(src string) {
	size := len(src)
	fd.src, fd.tags, fd.digitLetters, fd.joins, fd.leets = src, fd.tags[:0], fd.digitLetters[:0], fd.joins[:0], fd.leets[:0]
	fd.kindsNamed, fd.notices, fd.wordNotices, fd.marks, fd.refusals = fd.kindsNamed[:0], fd.notices[:0], fd.wordNotices[:0], fd.marks[:0], fd.refusals[:0]
	fd.benignSpans = fd.benignSpans[:0]
	fd.titleOpens, fd.titlesFound, fd.titleLine = fd.titleOpens[:0], false, 0
	fd.taxidermy, fd.invalid = 0, false
	fd.joinsSeen, fd.digitsSeen, fd.tagsSeen, fd.leetsSeen = 0, 0, 0, 0
	if cap(fd.text) < size {
		fd.text = make([]byte, 0, size+size/4)
		fd.meta = make([]byteMeta, 0, size+size/4)
	}
	fd.text, fd.meta, fd.units, fd.candidates = fd.text[:0], fd.meta[:0], fd.units[:0], fd.candidates[:0]
}

// fold runs the pipeline over s (see the package documentation for each rule). kept, if
// not nil, receives the noise runes that survived because no rule dropped them; New
// uses it to learn which symbols patterns need.
func (f *folder) fold(s string, fd *folded, kept map[rune]class) {
	if kept == nil && f.frozen && !f.streamOff {
		f.foldStream(s, fd)
		return
	}
	f.foldUnits(s, fd, kept)
}

// foldUnits is the reference pipeline: per-rune folds into units, then look-alikes,
// then the contextual rules, a piece of text at a time.
func (f *folder) foldUnits(s string, fd *folded, kept map[rune]class) {
	fd.reset(s)
	fd.invalid = !utf8.ValidString(s)
	// A long text is folded a piece at a time, each ending at a newline, where every
	// rule starts afresh: the per-rune buffer then stays in cache.
	for p := 0; p < len(s); {
		q := len(s)
		if len(s)-p > foldPiece {
			if k := strings.IndexByte(s[p+foldPiece:], '\n'); k >= 0 {
				q = p + foldPiece + k + 1
			}
		}
		units, candidates := f.perRune(s[p:q], int32(p), fd.units[:0], fd.candidates[:0])
		f.homoglyphs(units, candidates)
		f.contextual(units, fd, kept)
		fd.units, fd.candidates = units, candidates
		p = q
	}
}

// foldPiece is the least text folded at once (see fold).
const foldPiece = 8 << 10

// protect gives a noise rune that begins or ends a pattern the class it has there.
func (f *folder) protect(r rune, cls class) class {
	if c, ok := f.protected[r]; ok {
		return c
	}
	return cls
}

// perRune applies compat, emoji, case, t2s and numeral, one table lookup per rune.
// It also returns the indices of the units that may be homoglyphs.
func (f *folder) perRune(s string, base int32, units []unit, candidates []int32) ([]unit, []int32) {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && f.ascii[c].fast {
			a := &f.ascii[c]
			cls := a.cls
			if cls == clsNoise && len(f.protected) > 0 {
				cls = f.protect(rune(a.out), cls)
			} else if a.homoglyph {
				candidates = append(candidates, int32(len(units)))
			}
			if cls == clsNoise && asciiClause(s, i) {
				cls = clsSep
			}
			units = append(units, unit{r: rune(a.out), cls: cls, folds: a.folds, start: base + int32(i), end: base + int32(i) + 1})
			i++
			continue
		}
		r, size := decodeRune(s, i)
		start, end := base+int32(i), base+int32(i+size)
		i += size
		idx := f.entryOf(r)
		if idx == 0 {
			cls, candidate := f.classOf(r, false)
			if cls == clsSep && inWord(s, r, i-size, i) {
				cls = f.protect(r, clsNoise)
			}
			if candidate {
				candidates = append(candidates, int32(len(units)))
			}
			units = append(units, unit{r: r, cls: cls, start: start, end: end})
			continue
		}
		e := &f.entries[idx]
		sep := f.class(r) == clsSep && !inWord(s, r, i-size, i)
		for _, o := range e.out {
			cls, candidate := f.classOf(o, sep)
			if candidate && !numeralDigit(e.folds) && !e.listNumber {
				candidates = append(candidates, int32(len(units)))
			}
			units = append(units, unit{r: o, cls: cls, folds: e.folds, listNumber: e.listNumber, start: start, end: end})
		}
	}
	return units, candidates
}

// entryOf returns 1+r's index in f.entries, or 0 when no per-rune fold changes r.
func (f *folder) entryOf(r rune) uint16 {
	if r < 0x10000 {
		return f.bmp[r]
	}
	return f.astral[r]
}

// classOf is the class of a rune the per-rune folds wrote, and whether it may be a
// look-alike. sep says the original rune separates clauses: the compat fold turns a
// full-width comma into an ASCII one, which still separates.
func (f *folder) classOf(o rune, sep bool) (cls class, candidate bool) {
	cls = f.class(o)
	if sep && (cls == clsNoise || cls == clsSpace) {
		cls = clsSep
	}
	if cls == clsNoise {
		return f.protect(o, cls), false
	}
	_, candidate = f.homoglyph(o)
	return cls, candidate
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the three-byte case (all of CJK)
// decoded in line: small enough to be inlined, as a call per rune is dear in wasm.
func decodeRune(s string, i int) (rune, int) {
	if i+2 < len(s) && s[i]&0xF0 == 0xE0 && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
		if r := rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F); r >= 0x800 && r&0xF800 != 0xD800 {
			return r, 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// homoglyphs folds look-alikes inside words that contain a Latin letter. A word is a
// run of letters and digits; a digit (0 1 3 4 5 7 for o i e a s t) folds only alone,
// with no digit beside it, so 100g, 10kg and 1947 stay numbers while 1vory, iv0ry and
// b0n3 do not.
func (f *folder) homoglyphs(units []unit, candidates []int32) {
	if f.disabled&FoldHomoglyph != 0 {
		return
	}
	done := 0 // units before it belong to words already decided
	for _, c := range candidates {
		i, j := int(c), int(c)+1
		if i < done {
			continue
		}
		for i > 0 && (isWordClass(units[i-1].cls) || units[i-1].cls == clsIgnorable) {
			i--
		}
		for j < len(units) && (isWordClass(units[j].cls) || units[j].cls == clsIgnorable) {
			j++
		}
		done = j
		w := f.countWord(units[i:j])
		if w.latin == 0 && w.size == 1 && (w.letters == 1 || w.digits == 1) && f.spelledOut(units, int(c)) {
			w.latin = 1 // і in і.v.o.r.y, 0 in i v 0 r y: a letter of a word spelled out
		}
		if w.latin == 0 && w.size > 1 && w.letters == w.size && latinBeside(units, i, j) {
			w.latin = 1 // Ѕеа turtle: a word of look-alikes alone beside a Latin word
		}
		f.foldLookalikes(units[i:j], w)
	}
}

// wordCounts counts a word's runes by what they are to the look-alike rule.
type wordCounts struct{ latin, letters, digits, size, disguise int }

// disguiseScript reports whether r is a look-alike from a script that listings are not
// written in, only disguised with (Cherokee, Lisu, Canadian syllabics, Coptic,
// Tifinagh): a word of such look-alikes alone is a Latin word in disguise. A word of
// Cyrillic or Greek letters alone is a word of those languages.
func disguiseScript(r rune) bool {
	return r >= 0x13A0 && r <= 0x13FF || r >= 0xAB70 && r <= 0xABBF || r >= 0xA4D0 && r <= 0xA4FF ||
		r >= 0x1400 && r <= 0x167F || r >= 0x2C80 && r <= 0x2CFF || r >= 0x2D30 && r <= 0x2D7F
}

func (f *folder) countWord(word []unit) wordCounts {
	var w wordCounts
	for k := range word {
		switch word[k].cls {
		case clsLatin:
			w.latin++
			w.letters++
		case clsDigit:
			if !word[k].listNumber {
				w.digits++
			}
		case clsOther:
			if _, ok := f.homoglyph(word[k].r); ok {
				w.letters++
				if disguiseScript(word[k].r) {
					w.disguise++
				}
			}
		}
		if word[k].cls != clsIgnorable {
			w.size++
		}
	}
	if w.latin == 0 && w.size >= 3 && w.disguise == w.size {
		w.latin = 1 // ᏴᎬᎪᏒ: Cherokee capitals, no Cherokee word: a Latin word's look-alikes
	}
	return w
}

// foldLookalikes folds the look-alikes of a word with a Latin letter; a digit only when
// no digit stands beside it (a number is two digits or more).
func (f *folder) foldLookalikes(word []unit, w wordCounts) {
	if w.latin == 0 {
		return
	}
	for k := range word {
		u := &word[k]
		to, ok := f.homoglyph(u.r)
		// Latin-script look-alikes (ı, ɑ) fold too; a-z are themselves.
		if !ok || u.cls == clsLatin && u.r < utf8.RuneSelf || u.cls == clsDigit && (w.digits > 1 && besideDigit(word, k) || numeralDigit(u.folds) || u.listNumber) {
			continue
		}
		u.r, u.cls, u.folds = to, clsLatin, u.folds|FoldHomoglyph
	}
}

// besideDigit reports whether the rune before or after word[k] (invisible runes
// skipped) is a digit not yet folded.
func besideDigit(word []unit, k int) bool {
	for _, dir := range [2]int{-1, 1} {
		j := k + dir
		for j >= 0 && j < len(word) && word[j].cls == clsIgnorable {
			j += dir
		}
		if j >= 0 && j < len(word) && word[j].cls == clsDigit && !word[j].listNumber {
			return true
		}
	}
	return false
}

// homoglyph returns the Latin letter r looks like. A flat array answers for the BMP
// (every rune of a text is asked); a map holds the rest.
func (f *folder) homoglyph(r rune) (rune, bool) {
	if r < rune(len(f.homoBMP)) {
		to := f.homoBMP[r]
		return rune(to), to != 0
	}
	if len(f.homo) == 0 {
		return 0, false
	}
	to, ok := f.homo[r]
	return to, ok
}

// latinLetter is the small ASCII letter the per-rune folds and the look-alike fold
// make of r (ｈ, 𝐡, Cyrillic һ), or 0.
func (f *folder) latinLetter(r rune) byte {
	if idx := f.entryOf(r); idx != 0 {
		if out := f.entries[idx].out; len(out) == 1 {
			r = out[0]
		} else {
			return 0
		}
	}
	if r < utf8.RuneSelf && isASCIILetter(byte(r)) {
		return byte(r) | 0x20
	}
	if l, ok := f.homoglyph(r); ok && l < utf8.RuneSelf && isASCIILetter(byte(l)) {
		return byte(l) | 0x20
	}
	return 0
}

// spelledOut reports whether the one-letter word at units[i] stands next to another
// one-letter Latin word with only noise between (і.v.o.r.y).
func (f *folder) spelledOut(units []unit, i int) bool {
	for _, dir := range []int{-1, 1} {
		j := i + dir
		for j >= 0 && j < len(units) && (units[j].cls == clsNoise || units[j].cls == clsSpace || units[j].cls == clsIgnorable) {
			j += dir
		}
		if j != i+dir && j >= 0 && j < len(units) && units[j].cls == clsLatin && singleLetter(units, j) {
			return true
		}
	}
	return false
}

// latinBeside reports whether the word units[i:j] has, across white space only, a
// neighbouring word with a Latin letter. A word of Cyrillic or Greek look-alikes alone
// is a word of its language (айвори, сорт), but one written against an English word is
// that word's disguised neighbour (Ѕеа turtlе): no language puts the two side by side.
func latinBeside(units []unit, i, j int) bool {
	for _, dir := range [2]int{-1, 1} {
		k, spaced := i-1, false
		if dir > 0 {
			k = j
		}
		for k >= 0 && k < len(units) && (units[k].cls == clsSpace || units[k].cls == clsIgnorable) {
			spaced = spaced || units[k].cls == clsSpace
			k += dir
		}
		for spaced && k >= 0 && k < len(units) && (isWordClass(units[k].cls) || units[k].cls == clsIgnorable) {
			if units[k].cls == clsLatin {
				return true
			}
			k += dir
		}
	}
	return false
}

func isWordClass(c class) bool { return c == clsLatin || c == clsDigit || c == clsOther }

// contextual drops noise, collapses white space and repeats, and writes the folded text.
func (f *folder) contextual(units []unit, fd *folded, kept map[rune]class) {
	noiseOn := f.disabled&FoldNoise == 0
	repeatOn := f.disabled&FoldRepeat == 0
	const blockStart, afterSep = -1, -2
	last := blockStart // index in units of the last rune written
	lastByte := 0      // offset in fd.text of the last rune written
	pending := false   // a separator is owed before the next rune
	gap := false       // something was dropped since the last rune
	noiseFrom := 0     // first unit of the current run of noise
	keep := func(to, neighbour int) {
		if kept == nil {
			return
		}
		cls := clsOther
		if neighbour >= 0 && neighbour < len(units) && units[neighbour].cls == clsCJK {
			cls = clsCJK
		}
		for k := noiseFrom; k < to; k++ {
			if units[k].cls == clsNoise {
				if prev, seen := kept[units[k].r]; !seen || prev != clsCJK {
					kept[units[k].r] = cls
				}
			}
		}
	}
	for i := range units {
		u := &units[i]
		switch u.cls {
		case clsIgnorable:
			gap = true
			if !noiseOn {
				pending = true
			}
			continue
		case clsSpace, clsNoise:
			gap, pending = true, true
			fd.passed(u.r)
			continue
		case clsSep:
			gap, pending, last = true, true, afterSep
			continue
		case clsBreak:
			keep(i, last)
			fd.put('\n', u, 0)
			last, pending, gap, noiseFrom = blockStart, false, false, i+1
			continue
		}
		var folds Fold
		switch {
		case pending && last >= 0 && noiseOn && f.droppable(units, last, i):
			folds, pending = FoldNoise, false
		case pending:
			if last == blockStart {
				keep(i, i) // a symbol that begins a pattern (+V) is part of it
			} else {
				if last >= 0 && units[last].cls == clsLatin && u.cls == clsLatin && units[i-1].cls == clsNoise &&
					units[last].end == units[i-1].start && units[i-1].end == u.start { // one symbol between two letters
					fd.joins = append(fd.joins, int32(len(fd.text)))
				}
				fd.putByte(' ', units[i-1].start, units[i-1].end, f.noiseIn(units, noiseFrom, i))
			}
		case gap && last >= 0:
			folds = FoldNoise // only invisible runes were dropped
		}
		if repeatOn && !pending && last >= 0 && units[last].r == u.r && (u.cls == clsCJK || u.cls == clsLatin) {
			fd.join(lastByte, u, folds)
		} else {
			lastByte = fd.write(u, folds)
		}
		pending, gap, noiseFrom, last = false, false, i+1, i
	}
	keep(len(units), last) // and one that ends it
}

// droppable reports whether the noise between units[l] and units[r] goes: between two
// CJK characters, or between two single Latin letters (i.v.o.r.y).
func (f *folder) droppable(units []unit, l, r int) bool {
	if ideographic(&units[l]) && ideographic(&units[r]) {
		return true
	}
	a, b := units[l].cls, units[r].cls
	return a == clsLatin && b == clsLatin && singleLetter(units, l) && singleLetter(units, r)
}

// ideographic reports whether a unit is a CJK character, or was one before the numeral
// fold made it a digit: 陆 (six, and a land tortoise's 陆龟) and 三 are characters to the
// noise rule, so 辐*射*陆*龟 is 辐射陆龟 and 十 三 鳞 is 十三鳞 as 象*牙 is 象牙. So is a digit
// written in a CJK width or shape (３, ⑬, ㈢) that the compat fold made ASCII: ⑬ 鳞 is 13鳞.
//
// So is a letter of the other scripts written without spaces between words (Thai, Lao,
// Khmer, Myanmar): ง า ช้ า ง is งาช้าง, as 象 牙 is 象牙.
func ideographic(u *unit) bool {
	return u.cls == clsCJK || u.cls == clsDigit && u.folds&(FoldNumeral|FoldCompat) != 0 ||
		u.cls == clsOther && unspacedScript(u.r)
}

func unspacedScript(r rune) bool {
	return r >= 0x0E01 && r <= 0x0EFF || r >= 0x1000 && r <= 0x109F || r >= 0x1780 && r <= 0x17FF
}

// numeralDigit reports whether folds made a digit of a Chinese numeral (一, 叁), not of a
// digit typed in another width (３; ③ is a list's number, see runeFold): no look-alike of a letter, so she xiang一克 is not
// she xiangi克.
func numeralDigit(folds Fold) bool {
	return folds&(FoldNumeral|FoldCompat) == FoldNumeral
}

// enclosedNumber reports whether r is a number in a circle, in parentheses or with a
// full stop (①, ⑴, ⒈, ❶, ㉑, 🄁): how lists number their items.
func enclosedNumber(r rune) bool {
	return r >= 0x2460 && r <= 0x24FF || r >= 0x2776 && r <= 0x2793 || r >= 0x3251 && r <= 0x325F ||
		r >= 0x32B1 && r <= 0x32BF || r >= 0x1F100 && r <= 0x1F10C
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if r < '0' || r > '9' {
			return false
		}
	}
	return len(rs) > 0
}

func singleLetter(units []unit, i int) bool {
	for j := i - 1; j >= 0 && units[j].cls != clsBreak; j-- {
		if isWordClass(units[j].cls) {
			return false
		}
		if units[j].cls != clsIgnorable {
			break
		}
	}
	for j := i + 1; j < len(units); j++ {
		if isWordClass(units[j].cls) {
			return false
		}
		if units[j].cls != clsIgnorable {
			break
		}
	}
	return true
}

// join adds a repeat of the rune written at offset at: its original span grows.
func (fd *folded) join(at int, u *unit, folds Fold) {
	mb := &fd.meta[at]
	mb.end = u.end
	mb.folds |= u.folds | folds
	if n := len(fd.digitLetters); fd.fromDigit(u) && (n == 0 || int(fd.digitLetters[n-1]) != at) {
		fd.digitLetters = append(fd.digitLetters, int32(at)) // t0oth's o; xi1's i, a tone number
	}
	if mb.runs < 255 {
		mb.runs++
	}
}

// srcEnd is where in the original the folded text[:end] ends: the end of its last
// character's original (the meta of a character's continuation bytes is not kept).
// apart reports whether the original text holds something the fold dropped (a space, a
// symbol) between the folded rune that holds byte a and the one that begins at b.
func (fd *folded) apart(a, b int) bool {
	for a > 0 && !utf8.RuneStart(fd.text[a]) {
		a--
	}
	return fd.meta[b].start > fd.meta[a].end
}

func (fd *folded) srcEnd(end int) int {
	last := end - 1
	for last > 0 && !utf8.RuneStart(fd.text[last]) {
		last--
	}
	return int(fd.meta[last].end)
}

// fromDigit reports whether u is a letter the look-alike fold made of a digit.
func (fd *folded) fromDigit(u *unit) bool {
	return u.folds&FoldHomoglyph != 0 && u.end-u.start == 1 && fd.src[u.start]-'0' < 10
}

// write appends u's rune and returns its offset in fd.text.
func (fd *folded) write(u *unit, folds Fold) int {
	at := len(fd.text)
	if fd.fromDigit(u) {
		fd.digitLetters = append(fd.digitLetters, int32(at))
	}
	if mb := (byteMeta{start: u.start, end: u.end, folds: u.folds | folds, runs: 1}); u.r < utf8.RuneSelf {
		fd.text = append(fd.text, byte(u.r))
		fd.meta = append(fd.meta, mb)
	} else if u.r < 0x10000 && u.r >= 0x800 {
		fd.text = append(fd.text, byte(0xE0|u.r>>12), byte(0x80|u.r>>6&0x3F), byte(0x80|u.r&0x3F))
		fd.meta = append(fd.meta, mb)
		fd.skipMeta(2)
	} else {
		fd.put(u.r, u, folds)
	}
	return at
}

func (fd *folded) put(r rune, u *unit, folds Fold) {
	m := byteMeta{start: u.start, end: u.end, folds: u.folds | folds, runs: 1}
	if r < utf8.RuneSelf {
		fd.text = append(fd.text, byte(r))
		fd.meta = append(fd.meta, m)
		return
	}
	n := len(fd.text)
	fd.text = utf8.AppendRune(fd.text, r)
	fd.meta = append(fd.meta, m)
	fd.skipMeta(len(fd.text) - n - 1)
}

// skipMeta gives the continuation bytes of the rune just written their places in
// fd.meta without writing them: only a rune's first byte holds its meta (see byteMeta).
func (fd *folded) skipMeta(n int) {
	if len(fd.meta)+n <= cap(fd.meta) {
		fd.meta = fd.meta[:len(fd.meta)+n]
		return
	}
	fd.meta = append(fd.meta, make([]byteMeta, n)...)
}

// edgeDigit reports whether the letter at fd.text[i] was folded from a digit: at a
// word's edge it bounds a hit as the digit would (ivory1). Only the letters the
// homoglyph table gives digits are searched for.
func (f *folder) edgeDigit(fd *folded, i int) bool {
	if len(fd.digitLetters) == 0 || !f.digitTo[fd.text[i]] {
		return false
	}
	_, found := slices.BinarySearch(fd.digitLetters, int32(i))
	return found
}

// dropFrom returns offsets without those at or after at (a block the stream fold
// hands to the reference pipeline is written again).
func dropFrom(offsets []int32, at int) []int32 {
	n, _ := slices.BinarySearch(offsets, int32(at))
	return offsets[:n]
}

// joinAt reports whether the separator at text[i] stands for one symbol between two
// Latin letters.
func (fd *folded) joinAt(i int) bool {
	_, found := slices.BinarySearch(fd.joins, int32(i))
	return found
}

func (fd *folded) putByte(b byte, start, end int32, folds Fold) {
	fd.text = append(fd.text, b)
	fd.meta = append(fd.meta, byteMeta{start: start, end: end, folds: folds, runs: 1})
}

// passed records where the text had got to when the noise or space r was passed, if r may
// begin a hashtag or stand for a letter (see folded.tags and folded.leets).
func (fd *folded) passed(r rune) {
	if isTagMark(r) {
		fd.tags = append(fd.tags, int32(len(fd.text)))
	}
	if r < utf8.RuneSelf && leetLetters[r] != 0 {
		fd.leets = append(fd.leets, int32(len(fd.text)))
	}
}

// isTagMark reports whether r begins a hashtag or a handle.
func isTagMark(r rune) bool { return r == '#' || r == '@' }

// noiseIn returns FoldNoise when units[from:to] holds more than white space: the
// separator written for rhino-horn stands for a hyphen, for rhino  horn only for spaces.
func (f *folder) noiseIn(units []unit, from, to int) Fold {
	for _, u := range units[from:to] {
		if u.cls != clsSpace || u.r != ' ' {
			return FoldNoise
		}
	}
	return 0
}

// foldsApplied is every fold the last folded string went through.
func (fd *folded) foldsApplied() Fold {
	var f Fold
	for i, m := range fd.meta {
		if utf8.RuneStart(fd.text[i]) {
			f |= m.folds
		}
	}
	return f
}

// learn records the symbols pattern s begins or ends with (🐘 in 🐘牙, + in +V): they
// are part of it, so they must never be dropped as noise.
func (f *folder) learn(s string, fd *folded) {
	f.fold(s, fd, f.protected)
}

// foldString folds a pattern or a dictionary word. The pipeline writes no separator
// before the first rune or after the last, so fd.runs lines up with the result.
func (f *folder) foldString(s string, fd *folded, kept map[rune]class) string {
	f.fold(s, fd, kept)
	return string(fd.text)
}
