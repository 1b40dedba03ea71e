package match

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"math/bits"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cloudflare/ahocorasick"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// Options tune a Matcher; the zero value turns every fold on.
type Options struct {
	// DisableFolds names folds to switch off (see FoldNames); tests use it to show each
	// fold's effect.
	DisableFolds []string
}

// Matcher is built once per bundle and is safe for concurrent Scan calls.
type Matcher struct {
	terms []bundle.Term
	byID  map[string]int
	// kin gives each entry the first entry of its species (the same scientific name), or
	// itself: ivory and 象牙 name one thing in two scripts (see dropGlosses).
	kin    []int32
	folder *folder

	// patterns holds each folded form once, with every lexicon form that folds to it.
	patterns []pattern
	// The automaton finds every pattern but those made of whole Latin words, which
	// words looks up word by word instead (see wordIndex). It holds keys, not patterns:
	// two characters of each pattern (see keyOf), once however many patterns hold them,
	// and acKeys lists each key's patterns with where it stands in them. Since day 14 a
	// pattern is keyed by the two characters the most patterns share (象牙 in 象牙手镯 and
	// 老象牙), not always its first: 3,403 key bytes instead of 4,400, 25.6 MB held
	// instead of 29.6, for 1% more instructions in find. The automaton costs ~4 KB
	// a byte: the keys are 2,519 of the patterns' 6,080 bytes (day 7), and the matcher
	// holds 15.7 MB instead of 29.8 (BenchmarkNew). A key reported is then located in the
	// chunk and its patterns compared where it occurs: about 4% more work in find than
	// locating whole patterns the automaton reported (three characters held 24.4 MB at
	// no cost in speed measurable; two leave the budget room for the lexicon to grow).
	ac     *ahocorasick.Matcher
	acKeys []automatonKey
	// asciiAnchors find the few patterns of ASCII bytes only that are not whole words
	// (+v, pre 1947) outside the automaton, so that every pattern in it holds a byte
	// above 0x7F and it can skip ASCII text (find). Each pattern is found by the byte of
	// it that text holds least often (see asciiCommonness), patterns that share it in
	// one pass: a bytes.Index per pattern went through the text a dozen times and, in
	// wasm (no assembly Index), by Rabin-Karp for those beginning with a common letter
	// or a digit: 6% of a no-hit scan there.
	asciiAnchors []asciiAnchor
	acMu         sync.Mutex // ahocorasick.Matcher.Match mutates a counter
	maxLen       int
	words        *wordIndex
	sounds       *soundIndex // nil without homophone tables (see soundIndex)
	// looks holds the bundle's appearance words: a hit followed by one is a look, not
	// the goods (rhino horn shaped, 犀牛角造型). Latin words follow after a separator,
	// the others directly.
	looks wordSet
	// depicts holds the bundle's depiction words: a hit next to one names what the
	// item depicts (pangolin plush, 卡通老虎). Latin words count up to two words away,
	// the others right beside the hit.
	depicts wordSet
	// supplies holds the bundle's supply words: a species hit followed by one is a
	// supply for the animal (macaw cage, 陆龟粮), as appearance words follow a hit.
	supplies wordSet
	// youngs holds the bundle's young-animal words: a species hit beside one is a young
	// animal offered live, one more booster (see youngAnimal).
	youngs wordSet
	// discourse holds the bundle's discourse words, and beforeGoods its discourse verbs
	// and materials: a goods hit right before one of the first is talked about (象牙走私,
	// rhino horn trade), and one right after one of the second too (拒绝象牙, seized
	// ivory) or made of something else (树脂象牙摆件, resin rhino horn replica). See
	// notGoods.
	discourse, beforeGoods wordSet
	purposes               wordSet // before an animal a supply is for (see purposeOfSupply)
	objects                wordSet // after a weak product, the object it is made into (see madeInto)
	materials              wordSet // the bundle's materials alone (see madeInto)
	offers                 *offers // nil without offer words
	fillers                wordSet // goodsFillers
	evidence               []bool  // by term: a tell of the real material (see coverSpan)
	// around holds, by term, what its benign phrases write before and after one of its
	// Chinese forms (金鱼 after 鹤顶红 in 鹤顶红金鱼): a hit that spells the form in Latin
	// letters is covered when the text around it reads the same (see coveredAround).
	around [][]aroundPair
	// contexts holds, by term, its benign_context words folded: one in a hit's clause
	// says the form is used in its other sense (see inOtherSense).
	contexts [][][]byte
	// termTexts holds each entry's term folded: a Chinese variant of its length (代帽 for
	// 玳瑁, 像牙 for 象牙) is read in the term's benign phrases as a Latin spelling is.
	termTexts []string
	admission []bool   // by term: a tell that needs a claimed cover (see coverSpan)
	covers    [][]byte // the bundle's covers, folded (see coversAbove)
	coverTerm []bool   // by term: the entry's term is one of the covers (see provenanced)
	fossils   [][]byte // fossilNames, folded as the covers are
	stuffed   []byte   // see taxidermy
	preserved [][]byte // see taxidermy

	// boundary is built on first need (see Prepare): gse's segmenter over the
	// bundle's words is half of New's time in wasm.
	boundary func() *segmenter
	segments atomic.Pointer[segmenter] // boundary's result once built: a load per hit, not a call
	scratch  sync.Pool
}

// pattern is one folded form, in the automaton or in the word index.
type pattern struct {
	text  string
	bytes []byte // text, for locating it in a chunk
	// anchor is the byte of text that locate looks for first: a UTF-8 continuation
	// byte if there is one (each of 64 values, ~1% of Chinese text) rather than a lead
	// byte (0xE4-0xE9 is a third of it), so few candidates need comparing.
	anchor int
	forms  []form
	// latinStart and latinEnd: the pattern begins (ends) with a Latin letter, so a Latin
	// letter just outside it means it is inside a longer word. digitStart and digitEnd:
	// likewise with digits and numbers (3号料 is not in 13号料).
	latinStart, latinEnd bool
	digitStart, digitEnd bool
	// short: a Latin form under minRepeatedForm letters, which the repeat fold does not
	// reach (see acceptForms).
	short bool
	// notice: a phrase of a platform's rules (禁止发布), not a form: find records where it
	// ends, and goods named after it in its clause do not count (see prohibited).
	notice bool
	// wordNotice: a prohibition phrase of whole Latin words (say no to), found by the
	// word index; accept records where it ends.
	wordNotice bool
	// refusal: a phrase refusing goods named before it (一律不收不卖): find records where
	// it begins (see refused).
	refusal bool
	// mark: a phrase that says something of the whole listing (see listingMark), not a
	// form; find records where it starts, or accept for one of whole Latin words
	// (wordMark), which the word index finds.
	mark     listingMark
	wordMark bool
}

// goods reports whether some form of the pattern names goods (not trade context).
func (p *pattern) goods() bool {
	for i := range p.forms {
		if p.forms[i].goods {
			return true
		}
	}
	return false
}

// form is one lexicon form that folds to a pattern.
type form struct {
	term    int    // index into Matcher.terms
	variant string // the form as written in the lexicon, or as generated from it
	// generated: the fold a generated form stands for (see source), reported with its hits
	generated Fold
	// runs, when the form has a letter written several times in a row (猩猩), says for
	// each byte of the pattern how many times; the text must have at least as many.
	runs []uint8
	// folds are the folds the form itself went through (加V is lower-cased too, 下三滥
	// has a numeral): a hit reports the folds applied to its text or to its form but
	// not to both, the ones that made them meet.
	folds    Fold
	word     bool // count only where gse makes the hit a word of its own
	goods    bool // not a trade-context entry: a depiction word beside it cancels it
	animal   bool // a species entry: a supply word after it cancels it
	initials bool // the initials of the entry's pinyin: see abbreviated
	// weak: a Latin product form of risk 1-2 (ivory, mostly a colour): an object word
	// after it makes it the object's material (see madeInto).
	weak bool
	// material: a form of a code word that names a material (白料, 非洲料, 黑料): a Chinese
	// object word right after it makes it the object's material (see materialCode).
	material bool
	// negatable: a product or species entry, which a negation before it (非犀角) denies;
	// a code word's negation (不是牛骨) claims the real thing.
	negatable bool
	benign    covers
	// generic: the form is a generic animal name (a species entry of risk 1-2: 鹦鹉,
	// parrot) with benign phrases that end with it and so name a kind of it (虎皮鹦鹉, a
	// budgie; 仿真鹦鹉, a fake one): cover.kind. A listing that names one is about that
	// kind, and the bare generic name elsewhere in it (出售鹦鹉 … 虎皮鹦鹉一对) does not
	// count (see kindNamed).
	generic bool
}

// cover is a benign phrase of the form's entry, positioned over the pattern: the phrase
// (folded) occurs in the text starting offset bytes before the hit.
type cover struct {
	phrase string
	runs   []uint8 // the phrase's repeat counts, nil when it repeats nothing (see repeats)
	offset int32
	kind   bool // the phrase ends with the pattern and names a kind of a generic animal
	// wholeWords: the phrase covers only where no letter continues a Latin word at its
	// edges (see foldedPhrase).
	wholeWords bool
	// probe is the phrase's byte at probeAt outside the pattern (the last byte of the
	// character beside it: lead bytes of Chinese characters are alike), compared
	// before the phrase: most covers of a hit fail on it.
	probeAt int32
	probe   byte
}

// covers are a form's benign phrases, grouped by where their probe byte lies from the
// hit's start: a hit asks each group one bit (is the text's byte there a probe of the
// group?) before comparing any phrase. 象牙's 82 phrases fall in a few groups (the
// character before, the character after), and a dense scan meets 象牙 often.
type covers struct {
	all    []cover
	groups []coverGroup
}

type coverGroup struct {
	rel     int       // the probe's offset from the hit's start
	probes  [4]uint64 // the probe bytes, as a bit set
	members []int32   // indices into all, ascending
}

// clip gives back what appending left unused: a matcher holds thousands of covers.
func (cs *covers) clip() {
	cs.all = slices.Clone(cs.all)
	cs.groups = slices.Clone(cs.groups)
	for i := range cs.groups {
		cs.groups[i].members = slices.Clone(cs.groups[i].members)
	}
}

func (cs *covers) add(c cover) {
	i := int32(len(cs.all))
	cs.all = append(cs.all, c)
	rel := int(c.probeAt - c.offset)
	k := slices.IndexFunc(cs.groups, func(g coverGroup) bool { return g.rel == rel })
	if k < 0 {
		k = len(cs.groups)
		cs.groups = append(cs.groups, coverGroup{rel: rel})
	}
	g := &cs.groups[k]
	g.probes[c.probe>>6] |= 1 << (c.probe & 63)
	g.members = append(g.members, i)
}

// covering returns the index in cs.all of the first phrase that covers the hit at
// block[start:], -1 if none does. meta is the block's. No phrase begins inside a Latin
// word (no real ivory is not in "piano real ivory"); one may end inside one (ivory
// tower covers ivory towers), and a generated pinyin one must not (see foldedPhrase).
func (cs *covers) covering(block []byte, meta []byteMeta, start int) int {
	first := -1
	for gi := range cs.groups {
		g := &cs.groups[gi]
		p := start + g.rel
		if p < 0 || p >= len(block) || g.probes[block[p]>>6]&(1<<(block[p]&63)) == 0 {
			continue
		}
		for _, i := range g.members {
			if first >= 0 && int(i) > first {
				break
			}
			c := &cs.all[i]
			s := start - int(c.offset)
			if s >= 0 && s+len(c.phrase) <= len(block) && block[p] == c.probe && string(block[s:s+len(c.phrase)]) == c.phrase &&
				(c.runs == nil || enoughRepeats(meta[s:s+len(c.phrase)], c.runs)) &&
				atWordStart(block, s) && (!c.wholeWords || wordEdges(block, s, s+len(c.phrase))) {
				first = int(i)
				break
			}
		}
	}
	return first
}

// plainPhrase reports whether the n folded bytes at fd.text[at:] that a benign phrase
// covers hold no separator the fold made of a sentence's end: "bekko look" (frames) does
// not cover "anyone have bekko? looking for …", where a question ends. Other marks are
// how names are written (NE·TIGER 东北虎, "bekko" pattern).
func plainPhrase(fd *folded, at, n int) bool {
	for i := at; i < at+n; i++ {
		if fd.text[i] != ' ' || fd.meta[i].folds&FoldNoise == 0 {
			continue
		}
		// The separator holds the last rune it stands for: read the whole gap.
		from, to := int(fd.meta[i].start), int(fd.meta[i].end)
		if i > 0 {
			from = fd.srcEnd(i)
		}
		if i+1 < len(fd.text) {
			to = int(fd.meta[i+1].start)
		}
		if from < to && strings.ContainsAny(fd.src[from:to], "?!;。？！；") {
			return false
		}
	}
	return true
}

// wordEdges reports whether block[start:end] neither begins nor ends inside a Latin word.
func wordEdges(block []byte, start, end int) bool {
	return atWordStart(block, start) && !(end < len(block) && isASCIILetter(block[end-1]) && isASCIILetter(block[end]))
}

// atWordStart reports whether block[start:] does not begin inside a Latin word.
func atWordStart(block []byte, start int) bool {
	return !(start > 0 && isASCIILetter(block[start]) && isASCIILetter(block[start-1]))
}

// inOtherSense reports whether the clause of the hit at text[start:end] holds one of
// an entry's benign_context words (a Latin one as a whole word), not right after a
// negation nor before words that turn its askers away: Bear claws 🐻 (pastry) dozen is a
// bakery's, "bear claws, not pastries" and hdh原料（问金鱼的别来）a seller's wink. The
// clause is found in the original text (see clauseAround): the fold drops the
// punctuation between Chinese characters.
func inOtherSense(words [][]byte, fd *folded, blockStart, blockEnd, start, end int) bool {
	text := fd.text
	from := -1 // the clause in the original, found at the first word in the line: most lines hold none
	var to int
	for _, w := range words {
		for off := blockStart; ; {
			k := bytes.Index(text[off:blockEnd], w)
			if k < 0 {
				break
			}
			k += off
			off = k + 1
			if from < 0 {
				from, to = clauseAround(fd.src, int(fd.meta[start].start), fd.srcEnd(end))
			}
			// negated reads a Latin negation with its space (not pastry), a Chinese one
			// without (不是 金鱼 as 不是金鱼).
			if at := int(fd.meta[k].start); at >= from && at < to && wordEdges(text[blockStart:blockEnd], k-blockStart, k-blockStart+len(w)) &&
				!negated(text[blockStart:k]) && !negated(bytes.TrimRight(text[blockStart:k], " ")) && !turnedAway(text[k+len(w):blockEnd]) {
				return true
			}
		}
	}
	return false
}

// turnedAwayWords, after a word of the other sense, turn its askers away: 问金鱼的别来
// (goldfish askers, stay away) says the hdh on offer is no goldfish.
var turnedAwayWords = [][]byte{[]byte("别来"), []byte("勿扰"), []byte("别问"), []byte("勿问"), []byte("免问"), []byte("绕道")}

// turnedAway reports whether the text after a benign_context word begins, after an
// optional 的, with one of turnedAwayWords.
func turnedAway(after []byte) bool {
	after = bytes.TrimPrefix(after, []byte("的"))
	for _, w := range turnedAwayWords {
		if bytes.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// clauseAround returns the span of the original text's clause that holds src[start:end]:
// its line cut at a Chinese sentence's end (。！？；) and at a comma beside a Chinese
// character, where Chinese lists one item after another (麝香葡萄新鲜上市，另有野生麝香仁).
// English punctuation is left alone: an English line goes on about one item after a
// comma or a full stop (Bear claws out the oven this morning! almond filling, dozen).
func clauseAround(src string, start, end int) (int, int) {
	cuts := func(i int) (bool, int) { // at src[i]: whether a clause ends there, and the rune's size
		r, size := utf8.DecodeRuneInString(src[i:])
		switch r {
		case '\n', '。', '！', '？', '；', '，':
			return true, size
		case ',':
			before, _ := utf8.DecodeLastRuneInString(src[:i])
			after, _ := utf8.DecodeRuneInString(strings.TrimLeft(src[i+1:], " "))
			return unicode.Is(unicode.Han, before) || unicode.Is(unicode.Han, after), size
		}
		return false, size
	}
	from := start
	for from > 0 {
		_, size := utf8.DecodeLastRuneInString(src[:from])
		if cut, _ := cuts(from - size); cut {
			break
		}
		from -= size
	}
	to := end
	for to < len(src) {
		cut, size := cuts(to)
		if cut {
			break
		}
		to += size
	}
	return from, to
}

// aroundPair is what a benign phrase writes before and after a form of its entry.
type aroundPair struct{ before, after string }

// addAround adds the pairs of the lexicon's benign phrases (not the generated pinyin ones)
// that hold the folded form, once each.
func addAround(pairs []aroundPair, benign []foldedPhrase, form string) []aroundPair {
	for _, b := range benign {
		if b.wholeWords {
			continue
		}
		for off := 0; ; {
			k := strings.Index(b.text[off:], form)
			if k < 0 {
				break
			}
			k += off
			if p := (aroundPair{b.text[:k], b.text[k+len(form):]}); p != (aroundPair{}) && !slices.Contains(pairs, p) {
				pairs = append(pairs, p)
			}
			off = k + 1
		}
	}
	return pairs
}

// soundAlike reports whether a hit's Chinese text is another writing of its entry's term,
// of the same length (代帽 for 玳瑁, 像牙 for 象牙, 贺顶红 for 鹤顶红): a homophone or a
// variant character, which stands in the term's benign phrases as the term does (代帽猫,
// 像牙红, 贺顶红 金鱼).
func (m *Matcher) soundAlike(term int, hit []byte) bool {
	t := m.termTexts[term]
	return len(hit) == len(t) && string(hit) != t && !isASCII(t)
}

// coveredAround reports whether a hit of a Chinese entry that spells one of its forms in
// Latin letters, in whole or in part (hdh, mi猴, she香), or writes its term with other
// characters of its sound (代帽猫: see soundAlike), stands where the form stands in a
// benign phrase of the entry: the text before and after it reads as the phrase does
// around the form (hdh 金鱼 as 鹤顶红金鱼, mi猴桃 as 猕猴桃). A space between a Latin letter
// and a Chinese character is allowed; a Latin edge must be a word's.
func coveredAround(pairs []aroundPair, text []byte, blockStart, blockEnd, start, end int) bool {
	for _, p := range pairs {
		from, to := start, end // the phrase as the text writes it, grown around the hit
		if p.before != "" {
			if from > blockStart && text[from-1] == ' ' && text[start] < utf8.RuneSelf {
				from--
			}
			if from-len(p.before) < blockStart || string(text[from-len(p.before):from]) != p.before {
				continue
			}
			from -= len(p.before)
		}
		if p.after != "" {
			if to < blockEnd && text[to] == ' ' && text[end-1] < utf8.RuneSelf {
				to++
			}
			if to+len(p.after) > blockEnd || string(text[to:to+len(p.after)]) != p.after {
				continue
			}
			to += len(p.after)
		}
		if wordEdges(text, from, to) {
			return true
		}
	}
	return false
}

// foldedPhrase is a benign phrase folded, with the repeat counts it needs (see repeats).
type foldedPhrase struct {
	text string
	runs []uint8
	// wholeWords: a Latin letter at the phrase's edge must be a word's (a generated
	// pinyin spelling: dai mao ban, 玳瑁板, does not cover daimao bangle).
	wholeWords bool
}

// repeats returns how many times each rune of the folded fd was written in a row, by
// byte offset (0 on continuation bytes, whose meta is not written: see byteMeta), or nil
// when none was written more than once: a form or benign phrase that writes a letter
// twice (猩猩, 虎崽崽) needs it twice in the text, which the repeat fold writes once.
func repeats(fd *folded) []uint8 {
	for i, mb := range fd.meta {
		if utf8.RuneStart(fd.text[i]) && mb.runs > 1 {
			runs := make([]uint8, len(fd.meta))
			for k, mb := range fd.meta {
				if utf8.RuneStart(fd.text[k]) {
					runs[k] = mb.runs
				}
			}
			return runs
		}
	}
	return nil
}

func newCover(p foldedPhrase, offset, patternLen int, kind bool) cover {
	phrase := p.text
	c := cover{phrase: phrase, runs: p.runs, offset: int32(offset), kind: kind, wholeWords: p.wholeWords}
	if offset > 0 {
		c.probeAt = int32(offset - 1)
	} else {
		_, n := utf8.DecodeRuneInString(phrase[offset+patternLen:])
		c.probeAt = int32(offset + patternLen + n - 1)
	}
	c.probe = phrase[c.probeAt]
	return c
}

// New builds a matcher for a bundle.
func New(b *bundle.Bundle, opts Options) (*Matcher, error) {
	if b == nil {
		return nil, fmt.Errorf("match: nil bundle")
	}
	disabled, err := parseFolds(opts.DisableFolds)
	if err != nil {
		return nil, err
	}
	f, err := newFolder(&b.Tables, disabled)
	if err != nil {
		return nil, err
	}
	m := &Matcher{terms: b.Terms, byID: make(map[string]int, len(b.Terms)), folder: f}
	for i, t := range b.Terms {
		if t.ID == "" {
			return nil, fmt.Errorf("match: term %d (%q) has no id", i, t.Term)
		}
		if _, dup := m.byID[t.ID]; dup {
			return nil, fmt.Errorf("match: duplicate term id %q", t.ID)
		}
		m.byID[t.ID] = i
	}
	m.kin = make([]int32, len(b.Terms))
	firstOf := map[string]int32{}
	for i, t := range b.Terms {
		m.kin[i] = int32(i)
		if t.Species != nil && t.Species.Sci != "" {
			if first, ok := firstOf[t.Species.Sci]; ok {
				m.kin[i] = first
			} else {
				firstOf[t.Species.Sci] = int32(i)
			}
		}
	}
	m.evidence, m.admission = make([]bool, len(b.Terms)), make([]bool, len(b.Terms))
	m.around = make([][]aroundPair, len(b.Terms))
	m.contexts = make([][][]byte, len(b.Terms))
	m.termTexts = make([]string, len(b.Terms))
	for _, id := range b.Evidence {
		if i, ok := m.byID[id]; ok { // validation refuses others; an older lexicon tool may not have
			m.evidence[i] = true
		}
	}
	for _, id := range b.Admissions {
		if i, ok := m.byID[id]; ok {
			m.evidence[i], m.admission[i] = true, true
		}
	}

	// Which symbols patterns begin or end with must be known before patterns are
	// folded for good: fold them once to learn it.
	var fd folded
	for i := range b.Terms {
		for _, src := range termForms(&b.Terms[i], disabled) {
			f.learn(src.text, &fd)
		}
	}

	f.freeze()

	index := map[string]int{}
	var written []string // the forms as the lexicon writes them (no generated pinyin)
	for i := range b.Terms {
		t := &b.Terms[i]
		var benign []foldedPhrase
		phrases := t.Benign
		if disabled&FoldPinyin == 0 {
			phrases = slices.Concat(t.Benign, t.BenignPinyin)
		}
		for k, p := range phrases {
			if fb := f.foldString(p, &fd, nil); fb != "" {
				benign = append(benign, foldedPhrase{text: fb, runs: repeats(&fd), wholeWords: k >= len(t.Benign)})
			}
		}
		for _, w := range t.BenignContext {
			if fw := f.foldString(w, &fd, nil); fw != "" {
				m.contexts[i] = append(m.contexts[i], []byte(fw))
			}
		}
		for _, src := range termForms(t, disabled) {
			text := f.foldString(src.text, &fd, nil)
			if src.generated == 0 && src.text == t.Term {
				m.termTexts[i] = text
			}
			if src.generated == 0 {
				written = append(written, src.text)
				if !isASCII(text) {
					m.around[i] = addAround(m.around[i], benign, text)
				}
			}
			if text == "" || strings.Contains(text, "\n") {
				continue // a form across lines can never match: lines are blocks
			}
			fm := form{term: i, variant: cmp.Or(src.variant, src.text), generated: src.generated, folds: fd.foldsApplied(), initials: src.initials}
			fm.runs = repeats(&fd)
			hasCJK := false
			for _, r := range text {
				hasCJK = hasCJK || f.class(r) == clsCJK
			}
			fm.word = hasCJK && (t.Boundary == "word" || utf8.RuneCountInString(text) == 1)
			fm.goods = t.Kind != KindTradeContext
			fm.animal = t.Kind == KindSpecies
			fm.weak = t.Kind == KindProduct && t.Risk <= 2 && f.class(lastRune(text)) == clsLatin
			fm.material = materialCode(t) && hasCJK
			fm.negatable = fm.goods && t.Kind != KindCodeWord
			for _, phrase := range benign {
				for off := 0; ; {
					k := strings.Index(phrase.text[off:], text)
					if k < 0 {
						break
					}
					kind := fm.animal && t.Risk <= 2 && off+k > 0 && off+k+len(text) == len(phrase.text)
					fm.benign.add(newCover(phrase, off+k, len(text), kind))
					fm.generic = fm.generic || kind
					off += k + 1
				}
			}
			fm.benign.clip()
			pi, ok := index[text]
			if !ok {
				pi = len(m.patterns)
				index[text] = pi
				first, last := f.class(firstRune(text)), f.class(lastRune(text))
				m.patterns = append(m.patterns, pattern{text: text, bytes: []byte(text), anchor: anchorOf(text),
					latinStart: first == clsLatin, latinEnd: last == clsLatin,
					digitStart: first == clsDigit, digitEnd: last == clsDigit,
					short: len(text) < minRepeatedForm && wholeWords(text)})
			}
			m.patterns[pi].forms = append(m.patterns[pi].forms, fm)
		}
	}
	m.looks = newWordSet(f, &fd, b.Appearance)
	m.depicts = newWordSet(f, &fd, b.Depiction)
	for _, c := range b.Covers {
		if t := f.foldString(c, &fd, nil); t != "" {
			m.covers = append(m.covers, []byte(t))
		}
	}
	m.coverTerm = make([]bool, len(b.Terms))
	for i := range b.Terms {
		t := f.foldString(b.Terms[i].Term, &fd, nil)
		m.coverTerm[i] = slices.ContainsFunc(m.covers, func(c []byte) bool { return string(c) == t })
	}
	for _, name := range fossilNames {
		m.fossils = append(m.fossils, []byte(f.foldString(name, &fd, nil))) // mammoth folds to mamoth
	}
	m.stuffed = []byte(f.foldString("stuffed", &fd, nil)) // as the text's is folded: stufed
	for _, w := range preservedWords {
		m.preserved = append(m.preserved, []byte(f.foldString(w, &fd, nil)))
	}
	m.supplies = newWordSet(f, &fd, b.Supplies)
	m.youngs = newWordSet(f, &fd, b.Young)
	m.purposes = newWordSet(f, &fd, b.Purpose)
	m.objects = newWordSet(f, &fd, b.Objects)
	m.materials = newWordSet(f, &fd, b.Materials)
	m.offers = newOffers(f, &fd, b.Offers)
	m.discourse = newWordSet(f, &fd, b.Discourse)
	m.beforeGoods = newWordSet(f, &fd, slices.Concat(b.DiscourseVerbs, b.Materials))
	m.fillers = newWordSet(f, &fd, goodsFillers)
	for b, ends := range m.fillers.tail { // a filler may stand between a verb and the goods
		m.beforeGoods.tail[b] = m.beforeGoods.tail[b] || ends
	}
	// Prohibition phrases are patterns too; the automaton holds their first two
	// characters (禁止, 严禁), as for every pattern.
	for _, phrase := range b.Prohibition {
		text := f.foldString(phrase, &fd, nil)
		if wholeWords(text) {
			if pi, ok := index[text]; ok {
				m.patterns[pi].wordNotice = true
				continue
			}
			index[text] = len(m.patterns)
			m.patterns = append(m.patterns, pattern{text: text, bytes: []byte(text), latinStart: true, latinEnd: true, wordNotice: true})
			continue
		}
		if text == "" || isASCII(text) {
			continue // validation refuses these; an older lexicon tool may not have
		}
		if pi, ok := index[text]; ok {
			m.patterns[pi].notice = true
			continue
		}
		index[text] = len(m.patterns)
		m.patterns = append(m.patterns, pattern{text: text, bytes: []byte(text), anchor: anchorOf(text), notice: true})
	}
	for _, phrase := range b.Refusals {
		text := f.foldString(phrase, &fd, nil)
		if text == "" || isASCII(text) {
			continue // validation refuses these; an older lexicon tool may not have
		}
		pi, ok := index[text]
		if !ok {
			pi = len(m.patterns)
			index[text] = pi
			m.patterns = append(m.patterns, pattern{text: text, bytes: []byte(text), anchor: anchorOf(text)})
		}
		m.patterns[pi].refusal = true
	}
	for _, list := range []struct {
		mark    listingMark
		phrases []string
	}{{markPermit, b.Permits}, {markAdvocacy, b.Advocacy}, {markProvenance, b.Provenance}} {
		mark := list.mark
		for _, phrase := range list.phrases {
			text := f.foldString(phrase, &fd, nil)
			latin := wholeWords(text)
			if text == "" || !latin && isASCII(text) {
				continue // validation refuses these; an older lexicon tool may not have
			}
			pi, ok := index[text]
			if !ok {
				pi = len(m.patterns)
				index[text] = pi
				m.patterns = append(m.patterns, pattern{text: text, bytes: []byte(text), anchor: anchorOf(text), latinStart: latin, latinEnd: latin})
			}
			m.patterns[pi].mark |= mark
			m.patterns[pi].wordMark = latin
		}
	}
	// Folding every form and benign phrase leaves most of New's garbage (~30 MB of its 56):
	// collected here, before the word index, a live update's peak (a second matcher
	// prepared beside the first) is 55.4 MB in every run instead of 58–63, when the
	// collector's own pacing decided it.
	runtime.GC()
	m.words = newWordIndex(m.patterns, func(term int) bool {
		t := &b.Terms[term]
		return t.Risk >= minHalfInitialsRisk && t.Kind != KindTradeContext
	}, b.Tables.Homophone)
	if m.words != nil && m.words.mixed != nil {
		m.words.mixed.benignAround = m.around
	}
	if m.words != nil && disabled&FoldHomoglyph == 0 {
		m.words.lookalikes = newLookalikes(f, &fd, written)
	}
	if disabled&FoldHomophone == 0 {
		m.sounds = newSoundIndex(b.Tables.Homophone, m.patterns, b.Terms)
	}
	var dict [][]byte
	keys := map[string]int{}
	var inAutomaton []int
	for i, p := range m.patterns {
		if m.words.holds(i) {
			continue
		}
		if isASCII(p.text) {
			m.asciiAnchors = addASCIIAnchor(m.asciiAnchors, p.text, i)
			continue
		}
		inAutomaton = append(inAutomaton, i)
		m.maxLen = max(m.maxLen, len(p.text))
	}
	// Each pattern is keyed by the candidate key (see keysIn) that the most patterns
	// share: the automaton's nodes are its keys' distinct prefixes, and 象牙 inside a
	// hundred forms is one key where their first characters were dozens.
	candidates := make([][]keyCandidate, len(inAutomaton))
	shared := map[string]int{}
	for n, i := range inAutomaton {
		candidates[n] = keysIn(m.patterns[i].text)
		for _, c := range candidates[n] {
			shared[c.key]++
		}
	}
	for n, i := range inAutomaton {
		cands := candidates[n]
		best := cands[0]
		for _, c := range cands[1:] {
			if shared[c.key] > shared[best.key] {
				best = c
			}
		}
		k, ok := keys[best.key]
		if !ok {
			k = len(dict)
			keys[best.key] = k
			dict = append(dict, []byte(best.key))
			m.acKeys = append(m.acKeys, automatonKey{pattern: pattern{text: best.key, bytes: []byte(best.key), anchor: anchorOf(best.key)}})
		}
		m.acKeys[k].patterns = append(m.acKeys[k].patterns, keyedPattern{int32(i), int32(best.at)})
	}
	// The automaton is most of what a matcher holds (~10 MB; ~25 MB before it held
	// keys): the garbage of folding the patterns is collected before it is built, or a
	// live update (a second matcher built beside the first) peaked at 59-64 MB of heap
	// instead of 56 (budget 64).
	runtime.GC()
	m.ac = ahocorasick.NewMatcher(dict)

	m.boundary = sync.OnceValue(func() *segmenter {
		// The segmenter's dictionary is folded word by word: its garbage and New's are
		// collected first, or a live update (a second matcher prepared beside the first)
		// peaked over the 64 MB budget in some runs.
		runtime.GC()
		var fd folded
		words := make([]bundle.Word, 0, len(b.Words))
		for _, w := range b.Words {
			if text := f.foldString(w.Text, &fd, nil); text != "" {
				words = append(words, bundle.Word{Text: text, Freq: w.Freq, Pos: w.Pos})
			}
		}
		seg := newSegmenter(words)
		m.segments.Store(seg)
		return seg
	})
	m.scratch.New = func() any { return new(scanState) }
	return m, nil
}

// segmenter returns the boundary segmenter, built on first use.
func (m *Matcher) segmenter() *segmenter {
	if seg := m.segments.Load(); seg != nil {
		return seg
	}
	return m.boundary()
}

// automatonKey is what the automaton holds for the patterns that begin with it (see
// keyOf), located as a pattern is.
type automatonKey struct {
	pattern                 // only text, bytes and anchor
	patterns []keyedPattern // the patterns that hold the key
}

// keyedPattern is a pattern of an automaton key and where in it the key stands.
type keyedPattern struct {
	pattern int32 // index into Matcher.patterns
	at      int32 // the key's byte offset in the pattern
}

// keyCandidate is a key a pattern may be found by, and where in the pattern it stands.
type keyCandidate struct {
	key string
	at  int
}

// keysIn returns the pattern's candidate keys: keyOf of the pattern, and of every suffix
// that begins with a character beyond ASCII and holds a second character.
func keysIn(text string) []keyCandidate {
	k, at := keyOf(text)
	out := []keyCandidate{{k, at}}
	for i, r := range text {
		if i == 0 || r < utf8.RuneSelf {
			continue
		}
		if utf8.RuneCountInString(text[i:]) >= 2 {
			k, at := keyOf(text[i:])
			out = append(out, keyCandidate{k, i + at})
		}
	}
	return out
}

// keyOf returns a pattern's automaton key and where in the pattern it begins: its first
// two characters, and more while they are ASCII, so that every key holds a byte above
// 0x7F, as the pattern does (find skips runs of ASCII). Of two characters beyond ASCII
// the second's last byte is left out when it has three (all of CJK): the automaton
// allocates a 4 KB node for every byte of its dictionary, shared or not, and the byte
// before fixes the second character to one of 64 code points, so keys stay about as
// selective (locate then tries the key's patterns) while those that differ in that byte
// alone become one: 3 MB less held, 6 MB less at the peak of a live update (day 12,
// BenchmarkNew). Of a first character in the common CJK blocks the lead byte (0xE4-0xE9,
// six values) is left out too: the two bytes after it fix the character to one of six,
// few of them common, for 1% more instructions in find and 2.5 MB less held (day 16).
func keyOf(text string) (key string, at int) {
	n, end := 0, 0
	for end < len(text) && (n < 2 || isASCII(text[:end])) {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
		n++
	}
	if n == 2 && text[0] >= utf8.RuneSelf && end >= 3 && text[end-3] >= 0xE0 && text[end-3] < 0xF0 {
		end--
		if text[0] >= 0xE4 && text[0] <= 0xE9 && end > 3 {
			at = 1
		}
	}
	return text[at:end], at
}

// locate returns the first offset from off at which the pattern occurs in chunk, or -1.
func (p *pattern) locate(chunk []byte, off int) int {
	a, n := p.anchor, len(p.bytes)
	for off+n <= len(chunk) {
		k := bytes.IndexByte(chunk[off+a:len(chunk)-n+a+1], p.bytes[a])
		if k < 0 {
			return -1
		}
		if start := off + k; bytes.Equal(chunk[start:start+n], p.bytes) {
			return start
		}
		off += k + 1
	}
	return -1
}

// asciiAnchor is a byte and the ASCII patterns found by it (see Matcher.asciiAnchors),
// with where it stands in each.
type asciiAnchor struct {
	anchor   byte
	patterns []keyedPattern
}

// asciiCommonness lists ASCII bytes from the most common in folded listing text to the
// least (English letter frequency, then digits and punctuation as prices and titles
// use them); bytes it leaves out are rarer still.
const asciiCommonness = " etaoinsrhldcumfpgwybv.,k0x1j2-q5z3948/67:'()!\"?+&#*%$@;=[]_<>{}|\\^`~"

// addASCIIAnchor adds the ASCII pattern i (text) to the anchor of its least common byte.
func addASCIIAnchor(anchors []asciiAnchor, text string, i int) []asciiAnchor {
	at := 0
	for j := 1; j < len(text); j++ {
		if rarer(text[j], text[at]) {
			at = j
		}
	}
	kp := keyedPattern{int32(i), int32(at)}
	for n := range anchors {
		if anchors[n].anchor == text[at] {
			anchors[n].patterns = append(anchors[n].patterns, kp)
			return anchors
		}
	}
	return append(anchors, asciiAnchor{text[at], []keyedPattern{kp}})
}

// rarer reports whether ASCII byte a is less common in text than b (asciiCommonness).
func rarer(a, b byte) bool {
	ra, rb := strings.IndexByte(asciiCommonness, a), strings.IndexByte(asciiCommonness, b)
	return rb >= 0 && (ra < 0 || ra > rb)
}

func anchorOf(text string) int {
	for i := 0; i < len(text); i++ {
		if !utf8.RuneStart(text[i]) {
			return i
		}
	}
	return 0
}

type source struct {
	text    string
	variant string // what Match.Variant names, when not text (a plural: the lexicon's form)
	// generated is the fold a form made from the lexicon's stands for: FoldPinyin for
	// generated pinyin, FoldNoise for Latin words written together.
	generated Fold
	initials  bool // the initials of a pinyin spelling (xy for 象牙: see abbreviated)
}

// termForms lists what an entry is found by: its term, its variants, the English plural
// of those that end in an English word (leopard skins, turtle shells: goods, not trade
// words), the same written as one word when they are Latin words (rhinohorn,
// #tigerbone: hashtags and handles drop the spaces), and its generated pinyin, with and
// without the spaces between syllables.
func termForms(t *bundle.Term, disabled Fold) []source {
	out := []source{{text: t.Term}}
	for _, v := range t.Variants {
		out = append(out, source{text: v})
	}
	written := len(out)
	if t.Kind != KindTradeContext {
		for _, src := range out {
			if p, ok := englishPlural(src.text); ok {
				out = append(out, source{text: p, variant: src.text})
			}
		}
	}
	if disabled&FoldNoise == 0 {
		for _, src := range out {
			if latinWords(src.text) {
				out = append(out, source{text: strings.Join(strings.Fields(src.text), ""), generated: FoldNoise})
			}
		}
	}
	if disabled&FoldEmoji == 0 && t.Kind != KindTradeContext {
		for _, src := range out[:written] {
			out = append(out, emojiWordForms(src.text)...)
		}
	}
	if disabled&FoldReverse == 0 && t.Kind != KindTradeContext {
		for _, src := range out[:written] {
			if r, ok := reversed(src.text, t); ok {
				out = append(out, source{text: r, variant: src.text, generated: FoldReverse})
			}
		}
	}
	if disabled&FoldPinyin == 0 {
		for _, p := range t.Pinyin {
			if !strings.Contains(p, " ") {
				continue // one syllable (si, ma) is too often an ordinary word
			}
			out = append(out, source{text: p, generated: FoldPinyin})
			if joined := strings.ReplaceAll(p, " ", ""); len(joined) > maxShortJoined || len(joined) == maxShortJoined && t.Risk >= minShortJoinedRisk {
				out = append(out, source{text: joined, generated: FoldPinyin})
			}
			if syllables := strings.Fields(p); p == t.Pinyin[0] && len(syllables) == utf8.RuneCountInString(t.Term) && len(syllables) <= 3 &&
				allHan(t.Term) && t.Risk >= minInitialsRisk && (t.Kind == KindProduct || t.Kind == KindCodeWord) {
				var initials []byte
				for _, s := range syllables {
					initials = append(initials, s[0])
				}
				out = append(out, source{text: string(initials), generated: FoldPinyin, initials: true})
				if chars := []rune(t.Term); len(chars) == 2 { // half in initials: 象Y, 犀J, X牙
					out = append(out, source{text: string(chars[0]) + string(initials[1]), generated: FoldPinyin, initials: true},
						source{text: string(initials[0]) + string(chars[1]), generated: FoldPinyin, initials: true})
				}
			}
		}
	}
	return out
}

// emojiWords are the emoji sellers write for the English word a form begins with (🐻 paws,
// 🐆 skin rug, 🦉 chicks, ⭐ tortoise): the English counterpart of the bundle's emoji table,
// which reads an emoji as a Chinese character. Reviewed by hand, animals and parts only.
var emojiWords = map[string][]string{
	"elephant": {"🐘"}, "rhino": {"🦏"}, "tiger": {"🐯", "🐅"}, "leopard": {"🐆"},
	"bear": {"🐻"}, "turtle": {"🐢"}, "tortoise": {"🐢"}, "parrot": {"🦜"}, "macaw": {"🦜"},
	"owl": {"🦉"}, "eagle": {"🦅"}, "hawk": {"🦅"}, "falcon": {"🦅"}, "shark": {"🦈"},
	"monkey": {"🐒", "🐵"}, "otter": {"🦦"}, "lion": {"🦁"}, "whale": {"🐋", "🐳"},
	"crocodile": {"🐊"}, "lizard": {"🦎"}, "gecko": {"🦎"}, "deer": {"🦌"}, "star": {"⭐"},
	"tooth": {"🦷"}, "teeth": {"🦷"}, "bone": {"🦴"}, "bones": {"🦴"}, "egg": {"🥚"}, "eggs": {"🥚"},
}

// emojiWordForms returns the forms of a Latin form of two words or more with its first
// word written as its emoji (bear paws: 🐻 paws, leopard skin rug: 🐆 skin rug), each
// reported as the form it stands for. The first word only: a form with an emoji inside
// (snow 🐆 pelt) is a key of its own to the automaton, and all of them took the matcher
// from 28.5 to 36.9 MB held (78 MB with a second beside it; the budget is 64). Never a
// form of one word: an emoji alone is decoration.
func emojiWordForms(form string) []source {
	words := strings.Fields(form)
	if len(words) < 2 || !latinWords(form) {
		return nil
	}
	var out []source
	rest := strings.Join(words[1:], " ")
	for _, e := range emojiWords[strings.ToLower(words[0])] {
		out = append(out, source{text: e + " " + rest, variant: form, generated: FoldEmoji})
	}
	return out
}

// minReversed3Risk is the least risk of an entry whose three-character term is read
// backwards: three characters backwards are seldom a word (甲山穿, 红顶鹤).
const minReversed3Risk = 3

// reversed returns form written backwards, as sellers write goods to pass a filter
// (yrovi, enob regit, 牙象 手镯, 角犀碗, 甲山穿 生片): a Latin form of five letters or more,
// its words reversed with their order (reversed, no English word), or the entry's own
// Chinese term of two characters when the entry is goods of risk 4 or more, of three
// when of minReversed3Risk or more; acceptForms then wants it to begin its run of
// characters (刷牙象征 holds no 象牙).
func reversed(form string, t *bundle.Term) (string, bool) {
	rs := []rune(form)
	switch {
	case len(rs) >= 5 && asciiLetters(strings.ReplaceAll(strings.ToLower(form), " ", "")):
	case len(rs) == 2 && form == t.Term && allHan(form) && t.Risk >= minInitialsRisk:
	case len(rs) == 3 && form == t.Term && allHan(form) && t.Risk >= minReversed3Risk:
	default:
		return "", false
	}
	slices.Reverse(rs)
	return string(rs), true
}

// maxShortJoined is the most letters of a short pinyin spelling written together: none
// shorter is generated, an ordinary word too often (aka for 阿卡), and one this long only
// for entries of minShortJoinedRisk or more (hugu, HuPi; not suka for 苏卡, Malay for
// "like", or bosu for 白色塑料, a fitness ball).
const maxShortJoined, minShortJoinedRisk = 4, 3

// minInitialsRisk is the least risk of the goods whose pinyin initials are a form: two
// letters stand for many words, so only the goods the trade hides this way (xy 象牙,
// xj 犀角, hg 虎骨, xd 熊胆, dm 玳瑁, cq 砗磲) are read from them, and only from the
// entry's own term in its most likely reading (the first spelling).
const minInitialsRisk = 4

// initialsRisk is what goods named by their initials count as, beside the words of the
// listing: xy 手串 alone could be anything; xy 手串 … 私聊 is not. Written right against
// the form goods are sold in (XD粉, DM手镯, HG酒, CQ原壳) they count as initialsGoodsRisk,
// enough to flag alone: two letters and a goods word leave few readings but the trade's.
const initialsRisk, initialsGoodsRisk = 3, 4

// abbreviated reports whether the hit text[start:end] of an initials form is written as
// the trade writes such a code: right against the Chinese word it qualifies (XY手镯,
// XD粉, 出XJ杯), not inside a sentence of Latin words (DM for price, XY axis) nor after a
// number, where it is a unit (50Hz电源).
func abbreviated(fd *folded, blockStart, blockEnd, start, end int) bool {
	if start > blockStart && isDigit(fd.text[start-1]) {
		return false
	}
	if end+1 < blockEnd && fd.text[end] == ' ' && fd.meta[end].end-fd.meta[end].start == 1 {
		return goodsAfter(fd.text[end+1 : blockEnd]) // XD 粉, XY 手镯: a space, then what they are
	}
	return end < blockEnd && fd.text[end] >= 0xE3 && fd.text[end] <= 0xE9 && fd.meta[end].start == fd.meta[end-1].end &&
		!chatAfter(fd.text[end:blockEnd])
}

// beforeObject reports whether the initials at text[start:end] stand before a Latin
// object word across a space (xy seal, XJ cup): a code qualifying the object, as
// abbreviated's Chinese goods words are, and not after a number.
func (m *Matcher) beforeObject(fd *folded, start, end, blockEnd int) bool {
	return (start == 0 || !isDigit(fd.text[start-1])) && latinAfter(&m.objects, fd, end, blockEnd) >= 0
}

// goodsWords are the Chinese words for the forms goods are sold in: initials followed by
// one of them across a space (XD 粉, XY 手镯, DM 梳子) name goods as written against it.
var goodsWords = [][]byte{[]byte("粉"), []byte("手镯"), []byte("镯子"), []byte("手串"), []byte("佛珠"), []byte("珠子"),
	[]byte("挂件"), []byte("吊坠"), []byte("摆件"), []byte("雕件"), []byte("把件"), []byte("牌子"), []byte("杯"),
	[]byte("梳子"), []byte("筷子"), []byte("印章"), []byte("原料"), []byte("整支"), []byte("整根"), []byte("整个"),
	[]byte("整颗"), []byte("整只"), []byte("尖"), []byte("片"), []byte("碗"), []byte("胶"), []byte("胆"), []byte("酒"), []byte("原壳"),
	[]byte("皮"), []byte("整张"), []byte("干货"), []byte("鞭")}

func goodsAfter(text []byte) bool { return startsWithAny(text, goodsWords) }

// goodsNext reports whether a goods word follows the folded text's byte end, against it
// or across one space, with nothing else between in the original (XD粉, XJ 手镯, 雪B 皮).
func goodsNext(fd *folded, end int) bool {
	if end >= len(fd.text) || int(fd.meta[end].start) != fd.srcEnd(end) {
		return false
	}
	if fd.text[end] == ' ' && fd.meta[end].end-fd.meta[end].start == 1 {
		end++
		if end >= len(fd.text) || fd.meta[end].start != fd.meta[end-1].end {
			return false
		}
	}
	return goodsAfter(fd.text[end:])
}

// partWords end the initials forms that name an animal's part or the form it is sold
// in, one capital standing for a character inside, after one (犀J片, 抹香J牙, 熊D粉):
// goods, as initials followed by a goods word are; not X牙, whose 牙 is the form's own
// second character.
var partWords = [][]byte{[]byte("牙"), []byte("角"), []byte("骨"), []byte("片"), []byte("皮"), []byte("胆"), []byte("粉"),
	[]byte("鞭"), []byte("爪"), []byte("甲"), []byte("胶")}

// endsWithAny reports whether text ends with one of words, after something else.
func endsWithAny(text []byte, words [][]byte) bool {
	for _, w := range words {
		if len(text) > len(w) && bytes.HasSuffix(text, w) {
			return true
		}
	}
	return false
}

// startsWithAny reports whether text begins with one of words.
func startsWithAny(text []byte, words [][]byte) bool {
	for _, w := range words {
		if bytes.HasPrefix(text, w) {
			return true
		}
	}
	return false
}

// againstDigit reports whether the original text has a digit right before or after a
// letter at the edge of the hit text[start:end]: a letter written against a number is part
// of a model's name (猎豹Q6, 宝马X5), not an initial; a character is not (X牙6 is six).
func againstDigit(fd *folded, start, end int) bool {
	from, to := int(fd.meta[start].start), fd.srcEnd(end)
	return isASCIILetter(fd.text[start]) && from > 0 && isDigit(fd.src[from-1]) ||
		isASCIILetter(fd.text[end-1]) && to < len(fd.src) && isDigit(fd.src[to])
}

// chatWords are the Chinese words a chat abbreviation is written against (DM报价, DM我,
// DM咨询: "direct message"), not goods initials qualifying a goods word (DM手镯).
var chatWords = [][]byte{[]byte("报价"), []byte("咨询"), []byte("询价"), []byte("我"), []byte("私聊"), []byte("详聊"),
	[]byte("聊"), []byte("了解"), []byte("下单"), []byte("预约"), []byte("问"), []byte("留言"), []byte("联系")}

func chatAfter(text []byte) bool { return startsWithAny(text, chatWords) }

// englishPlural returns the plural of a form whose last word is English (a-z, three
// letters or more, not ending in s): +es after x, z, ch, sh; y after a consonant → ies;
// otherwise +s. Irregular plurals (teeth) are the lexicon's variants.
func englishPlural(s string) (string, bool) {
	last := s[strings.LastIndexByte(s, ' ')+1:]
	if len(last) < 3 || !wholeWords(s) {
		return "", false
	}
	switch l := strings.ToLower(last); {
	case strings.HasSuffix(l, "s"):
		return "", false
	case strings.HasSuffix(l, "x") || strings.HasSuffix(l, "z") || strings.HasSuffix(l, "ch") || strings.HasSuffix(l, "sh"):
		return s + "es", true
	case strings.HasSuffix(l, "y") && !strings.ContainsRune("aeiou", rune(l[len(l)-2])):
		return s[:len(s)-1] + "ies", true
	default:
		return s + "s", true
	}
}

// latinWords reports whether s is several words of Latin letters and digits.
func latinWords(s string) bool {
	letters := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r):
			letters = true
		case r == ' ' || unicode.IsDigit(r):
		default:
			return false
		}
	}
	return letters && strings.Contains(strings.TrimSpace(s), " ")
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// Prepare builds what New leaves to the first scan that needs it, the word-boundary
// segmenter (gse over the bundle's words: ~0.4 s in wasm), so that a host can build
// it while idle rather than in a listing's scan. Scans give the same results either way.
func (m *Matcher) Prepare() { m.boundary() }

// Describe returns the entry behind a term id, for the hover card.
func (m *Matcher) Describe(termID string) (bundle.Term, bool) {
	i, ok := m.byID[termID]
	if !ok {
		return bundle.Term{}, false
	}
	return m.terms[i], true
}

// Listing is one text to scan in a batch.
type Listing struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

// ScanBatch scans many listings in one call (one wasm round trip per page, not per node).
func (m *Matcher) ScanBatch(listings []Listing) []Result {
	out := make([]Result, len(listings))
	for i, l := range listings {
		out[i] = m.Scan(l.ID, l.Text)
	}
	return out
}

// scanState is the per-scan working memory, pooled so steady scanning allocates little.
type scanState struct {
	fd       folded
	hits     []hit
	spans    []span
	newlines []int
}

// hit is an occurrence of a pattern in the folded text that passed its form's rules.
type hit struct {
	start, end int // in the folded text
	pattern    int
	form       int
	term       int  // the form's, kept here for sorting
	folds      Fold // reported besides the text's and the form's (a form inside a hashtag: noise)
	// cancelled: the words around the span say it is not the goods (appearance,
	// depiction, supplies); the span also cancels the hits inside it (see dropCancelled).
	cancelled bool
	young     bool // an animal hit beside a young-animal word (see youngAnimal)
	object    bool // a weak product hit made into an object (see madeInto)
	initials  bool // goods named by their pinyin initials, or a span one of those lost to (see initialsRisk)
	// lead: original bytes before the hit's first folded byte that belong to it, a
	// symbol typed for the first letter that the fold wrote as nothing (!vory at a
	// line's start; see wordIndex.leetWord).
	lead int8
	// trail: likewise after the hit's last folded byte (t0t0@b@, she||: see wordIndex.leetWord).
	trail int8
}

// chunkSize bounds the text each automaton call sees. The automaton says which patterns
// occur in a chunk, not where; each reported pattern is then located (pattern.locate)
// inside that chunk only, each search resuming after the last occurrence found. Work is
// therefore O(len(text) + reported·chunkSize), where reported counts (chunk, pattern)
// pairs the automaton reports, never patterns × text. Chunks overlap by the longest
// pattern less one byte so an occurrence that starts in a chunk lies inside it; a chunk
// owns only occurrences that start in it. Smaller chunks locate faster, larger ones pay
// the automaton's per-call cost less often: 512 bytes, 1 KB and 2 KB measured alike.
const chunkSize = 1024

// minASCIISkip is the shortest run of ASCII the automaton skips (at least 2·maxLen): a
// cut costs an automaton call and its result slice, which a short run does not repay.
// 256 bytes measured as fast as 42 with a third of the allocations (2,764 → 970 per MB
// of text without hits).
const minASCIISkip = 256

// Scan matches one listing's text.
func (m *Matcher) Scan(id, text string) Result {
	st := m.scratch.Get().(*scanState)
	defer m.scratch.Put(st)
	fd := &st.fd
	m.folder.fold(text, fd, nil)
	var split int
	st.hits, split, st.newlines = m.find(fd, st.hits[:0], st.newlines)
	if len(fd.notices) > 0 {
		slices.Sort(fd.notices)
		m.prohibited(fd, st.hits, fd.notices, clauseEnds)
	}
	if len(fd.wordNotices) > 0 {
		slices.Sort(fd.wordNotices)
		m.prohibited(fd, st.hits, fd.wordNotices, sentenceEnds)
	}
	if len(fd.refusals) > 0 {
		slices.Sort(fd.refusals)
		m.refused(fd, st.hits)
	}
	m.kindNamed(fd, st.hits)
	st.hits, split = dropCancelled(st.hits, split)
	st.hits, split = dropShadowing(fd.benignSpans, st.hits, split)
	st.hits, split = dropGlosses(fd, m.kin, fd.benignSpans, st.hits, split)
	st.spans = m.select_(st.hits[:split], st.hits[split:], st.spans[:0])
	spans := st.spans
	res := Result{ID: id, Verdict: VerdictClear, Matches: make([]Match, 0, len(spans))}
	young, offered := -1, -1 // the first young animal's match, and the first offered's
	var rules []riskRule     // by match: a rule that sets what it counts as
	var tells map[int]int    // a tell's start in the original: its start in the folded text (see coversAbove)
	for i, s := range spans {
		res.Matches = append(res.Matches, m.describeSpan(text, fd, s))
		if m.evidence[m.formOf(s.hit).term] {
			if tells == nil {
				tells = map[int]int{}
			}
			tells[res.Matches[i].Start] = s.start
		}
		if young < 0 && s.young {
			young = i
		}
		if s.object || s.initials {
			if rules == nil {
				rules = make([]riskRule, len(spans))
			}
			rules[i] = ruleObject
			if s.initials {
				rules[i] = ruleInitials
				if goodsNext(fd, s.end) || fd.text[s.start] >= utf8.RuneSelf && endsWithAny(fd.text[s.start:s.end], partWords) {
					rules[i] = ruleInitialsGoods // XD粉, DM手镯, HG酒, XJ 手镯, 雪B 皮, 犀J片
				}
			}
		}
		if offered < 0 && m.offers != nil && res.Matches[i].Kind == KindSpecies {
			bs, be := blockAround(st.newlines, len(fd.text), s.start)
			if m.offers.beside(fd.text, bs, be, s.start, s.end) {
				offered = i
			}
		}
	}
	utf16Offsets(text, !fd.invalid, res.Matches)
	coversAbove := func(tell *Match) []coverSpan {
		if at, ok := tells[tell.Start]; ok {
			return m.coversAbove(fd, st.newlines, at)
		}
		return nil
	}
	barkShown := func(tell *Match) bool { // in the tell's line, near it
		if at, ok := tells[tell.Start]; ok {
			from, to := blockAround(st.newlines, len(fd.text), at)
			return showsBark(fd.text[max(from, at-barkReach):min(to, at+barkReach)])
		}
		return false
	}
	var barkedFossil listingMark
	res.Matches, barkedFossil = m.provenanced(fd, res.Matches)
	marks := m.listingMarks(fd, st.newlines) | barkedFossil
	if tell, start, end := m.score(&res, text, young, offered, rules, marks, coversAbove, barkShown); tell >= 0 {
		res.Matches = markCover(res.Matches, text, !fd.invalid, start, end, res.Matches[tell])
	}
	if marks&markAdvocacy != 0 {
		res.Matches = m.appealed(fd, res.Matches)
	}
	return res
}

// markCover adds the span of the cover a tell made the goods (the horn of "Horn cup, not
// buffalo, fibrous like horse hair"; 仿象牙 before 火烧不臭) to the matches, in order and
// under the tell's entry, counting nothing: the moderator sees the object the listing
// disguises, as well as the tell that gives it away. A cover that is a match already, or
// overlaps one, is left as it is.
func markCover(ms []Match, text string, valid bool, start, end int, tell Match) []Match {
	at, _ := slices.BinarySearchFunc(ms, start, func(mt Match, start int) int { return cmp.Compare(mt.Start, start) })
	if at > 0 && ms[at-1].End > start || at < len(ms) && ms[at].Start < end {
		return ms
	}
	cover := []Match{{TermID: tell.TermID, Term: tell.Term, Kind: tell.Kind, Risk: tell.Risk,
		Text: text[start:end], Start: start, End: end, Variant: tell.Variant, Folds: []string{}}}
	utf16Offsets(text, valid, cover)
	return slices.Insert(ms, at, cover[0])
}

// blockAround returns the block (line) around offset i of a folded text of size bytes
// whose line breaks are at newlines (in order).
func blockAround(newlines []int, size, i int) (int, int) {
	n, _ := slices.BinarySearch(newlines, i)
	start, end := 0, size
	if n > 0 {
		start = newlines[n-1] + 1
	}
	if n < len(newlines) {
		end = newlines[n]
	}
	return start, end
}

// kindNamed cancels the hits of a generic animal name in a listing that names a kind of
// it (see form.generic). accept recorded the kinds it met, as benign phrases covering
// the name: no second look at the text.
func (m *Matcher) kindNamed(fd *folded, hits []hit) {
	if len(fd.kindsNamed) == 0 {
		return
	}
	for i := range hits {
		h := &hits[i]
		if !h.cancelled && m.patterns[h.pattern].forms[h.form].generic && slices.Contains(fd.kindsNamed, int32(h.term)) {
			h.cancelled = true
		}
	}
}

// possessors are the words that say whose a thing is right before it (家里的大猫, 我家大猫).
var possessors = [][]byte{[]byte("的"), []byte("我家"), []byte("家里"), []byte("自家"), []byte("俺家")}

// possessed reports whether text ends with a possessor.
func possessed(text []byte) bool {
	for _, w := range possessors {
		if bytes.HasSuffix(text, w) {
			return true
		}
	}
	return false
}

// coveredHit is a hit a benign phrase covered, and where the phrase ends.
type coveredHit struct{ start, end, phraseEnd, term int32 }

// dropShadowing removes the hits that begin where a hit a benign phrase covered from
// before begins (the phrase ends with it) and reach past it: the phrase named another
// kind of thing (vegetable ivory, 虎皮鹦鹉, 仿玳瑁), and what follows qualifies that
// thing. In "vegetable ivory carved", ivory carved goes with ivory; in 虎皮鹦鹉 活体,
// 鹦鹉活体 with 鹦鹉. A phrase that goes on past the hit (ivory tops) leaves the hits
// that begin before it alone: "genuine ivory tops" are made of genuine ivory, and so does
// a phrase that says whose it is (家里的大猫, 我家大猫: 我家大猫骨 is tiger bone; acceptForms
// does not record it). Keeps the order of the two runs, as dropCancelled.
func dropShadowing(covered []coveredHit, hits []hit, split int) ([]hit, int) {
	if len(covered) == 0 {
		return hits, split
	}
	slices.SortFunc(covered, func(a, b coveredHit) int { return cmp.Compare(a.start, b.start) })
	return keepHits(hits, split, func(h hit) bool {
		k, _ := slices.BinarySearchFunc(covered, int32(h.start), func(c coveredHit, start int32) int { return cmp.Compare(c.start, start) })
		for ; k < len(covered) && int(covered[k].start) == h.start; k++ {
			if c := covered[k]; c.phraseEnd == c.end && h.end > int(c.end) {
				return false
			}
		}
		return true
	})
}

// keepHits keeps the hits keep accepts, in order, and where the second run (hits[split:])
// now begins.
func keepHits(hits []hit, split int, keep func(h hit) bool) ([]hit, int) {
	kept, keptSplit := hits[:0], 0
	for i, h := range hits {
		if i == split {
			keptSplit = len(kept)
		}
		if keep(h) {
			kept = append(kept, h)
		}
	}
	if split == len(hits) {
		keptSplit = len(kept)
	}
	return kept, keptSplit
}

// dropGlosses removes the hits that gloss a hit a benign phrase covered, of their entry
// or of one naming the same species (kin): the same name in the other script, or its
// abbreviation, written right before or after it with nothing between but spaces,
// brackets, slashes, dashes or a colon (hdh 鹤顶红金鱼, crane top red（鹤顶红金鱼）, สีงาช้าง
// (ivory)): one thing named twice, which the phrase says is something else. In one script
// only in brackets after the phrase (Bûche de Noël (buche)): in 象牙 象牙白手镯 the second
// names a colour and the first may still be the goods. Keeps the order of the two runs,
// as dropCancelled.
func dropGlosses(fd *folded, kin []int32, covered []coveredHit, hits []hit, split int) ([]hit, int) {
	if len(covered) == 0 {
		return hits, split
	}
	latin := func(at int) bool { return fd.text[at] < utf8.RuneSelf }
	// Covered spans in order of start: a hit looks only at those that begin within
	// glossReach of it, not at every one (a page holds thousands of both).
	slices.SortFunc(covered, func(a, b coveredHit) int { return cmp.Compare(a.start, b.start) })
	glosses := func(h hit) bool {
		from, _ := slices.BinarySearchFunc(covered, int32(h.start-glossReach), func(c coveredHit, at int32) int { return cmp.Compare(c.start, at) })
		for _, c := range covered[from:] {
			if int(c.start) > h.end+glossReach {
				break
			}
			if kin[c.term] != kin[h.term] {
				continue
			}
			var gapFrom, gapTo int // the original text between the two names
			after := int(c.phraseEnd) <= h.start
			switch {
			case h.end <= int(c.start):
				gapFrom, gapTo = fd.srcEnd(h.end), int(fd.meta[c.start].start)
			case after:
				gapFrom, gapTo = fd.srcEnd(int(c.phraseEnd)), int(fd.meta[h.start].start)
			default:
				continue
			}
			if gapFrom > gapTo || gapTo-gapFrom > maxGlossGap || strings.Trim(fd.src[gapFrom:gapTo], glossSeparators) != "" {
				continue
			}
			// In one script only a bracket after the phrase glosses: Bûche de Noël (buche).
			if latin(h.start) != latin(int(c.start)) || after && strings.ContainsAny(fd.src[gapFrom:gapTo], "(（") {
				return true
			}
		}
		return false
	}
	return keepHits(hits, split, func(h hit) bool { return h.cancelled || !glosses(h) })
}

// glossSeparators may stand between a name and its gloss; maxGlossGap bounds the bytes
// between them.
const (
	glossSeparators = " \t()（）[]【】/／-–—:：=＝"
	maxGlossGap     = 12
	// glossReach bounds, in folded bytes, how far a covered span may begin from a hit it
	// glosses: the gap, and before the hit a benign phrase's length.
	glossReach = 256
)

// dropCancelled removes the cancelled hits and every hit inside one (in "African grey
// parrot cage" the cancelled African grey parrot takes African grey with it; in "rhino
// horn shaped", rhino horn takes rhino), keeping the order of the two runs (hits[:split],
// hits[split:]). Each run is in order of start: one sweep per run over the cancelled
// spans sorted by start, with the furthest end among those begun, answers every hit.
func dropCancelled(hits []hit, split int) ([]hit, int) {
	type extent struct{ start, end int }
	var cancelled []extent
	for _, h := range hits {
		if h.cancelled {
			cancelled = append(cancelled, extent{h.start, h.end})
		}
	}
	if len(cancelled) == 0 {
		return hits, split
	}
	slices.SortFunc(cancelled, func(a, b extent) int { return cmp.Compare(a.start, b.start) })
	kept := hits[:0]
	sweep := func(run []hit) {
		next, reach := 0, -1
		for _, h := range run {
			for next < len(cancelled) && cancelled[next].start <= h.start {
				reach = max(reach, cancelled[next].end)
				next++
			}
			if reach < h.end {
				kept = append(kept, h)
			}
		}
	}
	b := hits[split:] // (kept writes over hits[:split] only up to where sweep has read)
	sweep(hits[:split])
	keptSplit := len(kept)
	sweep(b)
	return kept, keptSplit
}

// find returns the hits in two runs, each in compareHits order: hits[:split] and
// hits[split:].
func (m *Matcher) find(fd *folded, hits []hit, newlines []int) (_ []hit, split int, _ []int) {
	text := fd.text
	newlines = newlines[:0]
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], '\n')
		if k < 0 {
			break
		}
		newlines = append(newlines, i+k)
		i += k + 1
	}
	// block returns the block (line) around offset i: no pattern holds a newline, so
	// chunks may span lines, and a hit's line is found by binary search.
	// The last answer is kept: a chunk's occurrences of a pattern come in order, and
	// lines are short.
	lastStart, lastEnd := 0, -1
	block := func(i int) (int, int) {
		if lastStart <= i && i <= lastEnd {
			return lastStart, lastEnd
		}
		lastStart, lastEnd = blockAround(newlines, len(text), i)
		return lastStart, lastEnd
	}
	var found []int
	// Every pattern in the automaton holds a non-ASCII byte, so no occurrence starts
	// more than maxLen-1 bytes before a non-ASCII byte: the automaton skips runs of
	// ASCII (English listings) of minASCIISkip bytes or more, but for their ends. Between two
	// such runs lies a region, cut into chunks.
	for region := 0; region < len(text); {
		runStart, runEnd := asciiRun(text, region, max(2*m.maxLen, minASCIISkip))
		for cs := region; cs < runStart; cs += chunkSize {
			owned := min(cs+chunkSize, runStart)
			chunk := text[cs:min(owned+m.maxLen-1, len(text))]
			m.acMu.Lock()
			found = append(found[:0], m.ac.Match(chunk)...)
			m.acMu.Unlock()
			slices.Sort(found) // the automaton reports in order of first sight; keep output deterministic
			chunkHits := len(hits)
			for _, ki := range found {
				key := &m.acKeys[ki]
				for off := 0; ; off++ {
					// A key stands inside its patterns: its occurrences are read to the
					// chunk's end, and each pattern's start must lie in the owned part.
					if off = key.locate(chunk, off); off < 0 {
						break
					}
					for _, kp := range key.patterns {
						pi := int(kp.pattern)
						p := &m.patterns[pi]
						from := off - int(kp.at)
						if from < 0 || from >= owned-cs || !bytes.HasPrefix(chunk[from:], p.bytes) {
							continue
						}
						start := cs + from
						if p.notice {
							fd.notices = append(fd.notices, start+len(p.bytes))
						}
						if p.refusal {
							fd.refusals = append(fd.refusals, start)
						}
						if p.mark != 0 {
							fd.marks = append(fd.marks, markAt{start, p.mark})
						}
						if len(p.forms) > 0 {
							bs, be := block(start)
							hits = m.accept(fd, bs, be, start, start+len(p.bytes), pi, hits)
						}
					}
				}
			}
			sortHits(hits[chunkHits:])
		}
		region = max(runStart, runEnd-(m.maxLen-1))
	}
	automaton := len(hits)
	for _, a := range m.asciiAnchors {
		for off := 0; ; off++ {
			k := bytes.IndexByte(text[off:], a.anchor)
			if k < 0 {
				break
			}
			off += k
			for _, kp := range a.patterns {
				p := &m.patterns[kp.pattern]
				start := off - int(kp.at)
				if start >= 0 && start+len(p.bytes) <= len(text) && bytes.Equal(text[start:start+len(p.bytes)], p.bytes) {
					bs, be := block(start)
					hits = m.accept(fd, bs, be, start, start+len(p.bytes), int(kp.pattern), hits)
				}
			}
		}
	}
	if m.sounds != nil {
		hits = m.sounds.find(m, fd, block, hits)
	}
	ascii := len(hits)
	if m.words != nil {
		bs := 0
		for _, nl := range newlines {
			hits = m.words.find(m, fd, bs, nl, hits)
			bs = nl + 1
		}
		hits = m.words.find(m, fd, bs, len(text), hits)
	}
	// Each chunk's hits are sorted already, and chunks come in order; the others are
	// sorted on their own, and select_ merges the two runs (cheaper than one sort of
	// all: a tenth of a dense scan). The word pass's hits are nearly in order, the ASCII
	// patterns' each in order: sorted apart, the insertion sort finishes the first.
	if ascii == automaton {
		sortHits(hits[automaton:])
	} else {
		sortHits(hits[automaton:ascii])
		sortHits(hits[ascii:])
		fd.merged = mergeHits(fd.merged[:0], hits[automaton:ascii], hits[ascii:])
		hits = append(hits[:automaton], fd.merged...)
	}
	return hits, automaton, newlines
}

// prohibitReach is how far after a prohibition phrase goods it names may stand: a list
// of a few (禁止发布象牙、犀角、穿山甲片等制品), not the rest of a line.
const prohibitReach = 60 // bytes of folded text: 20 Chinese characters

// clauseEnds are the punctuation marks that end the clause a prohibition phrase governs;
// the enumeration comma 、 and the colon of a list (禁止发布以下物品：象牙) do not.
// sentenceEnds are those of an English phrase, whose lists take commas ("Prohibited items
// include ivory, rhino horn and tiger bone"); a full stop ends one too (see sameClause).
const (
	clauseEnds   = "。，；！？,;!?"
	sentenceEnds = "。；！？;!?"
)

// prohibited cancels the goods hits that follow a prohibition phrase (notices: where
// each ends, in order) in its clause (up to a mark of ends) and within prohibitReach: a
// platform's rules naming goods (禁止发布象牙、犀角等制品) are no offer of them.
// Trade-context hits are left: without goods they are not shown anyway.
func (m *Matcher) prohibited(fd *folded, hits []hit, notices []int, ends string) {
	for i := range hits {
		h := &hits[i]
		if h.cancelled || !m.formOf(*h).goods {
			continue
		}
		n, _ := slices.BinarySearch(notices, h.start+1) // notices ending at or before the hit
		if n == 0 || h.start-notices[n-1] > prohibitReach {
			continue
		}
		h.cancelled = sameClause(fd, notices[n-1], h.start, ends)
	}
}

// refused cancels the goods hits named right before a refusal phrase (fd.refusals: where
// each begins, in order), as a list: a shop refusing goods (象牙 犀角 玳瑁 一律不收不卖,
// 象牙、犀角等一律不做) does not offer them. Only a list that runs up to the phrase, the hits
// with nothing between them but a list's words (等, 这些, 制品) and separators (a comma too,
// as lists write them; not a sentence's end): in 高价收象牙 染色的一律不收 the phrase refuses
// something else. prohibited's counterpart for phrases
// that follow the goods they name.
func (m *Matcher) refused(fd *folded, hits []hit) {
	// The goods hits by end, found by binary search from each refusal: a page may hold
	// many refusals (勿扰) and thousands of hits.
	var goods []int
	for i := range hits {
		if !hits[i].cancelled && m.formOf(hits[i]).goods {
			goods = append(goods, i)
		}
	}
	slices.SortStableFunc(goods, func(a, b int) int { return cmp.Compare(hits[a].end, hits[b].end) })
	for _, at := range fd.refusals {
		for to := at; ; {
			// the goods hit ending last at or before to (the first of those ending there)
			k, _ := slices.BinarySearchFunc(goods, to+1, func(i, end int) int { return cmp.Compare(hits[i].end, end) })
			for k > 0 && hits[goods[k-1]].cancelled {
				k--
			}
			if k == 0 {
				break
			}
			best := goods[k-1]
			for k > 1 && hits[goods[k-2]].end == hits[best].end && !hits[goods[k-2]].cancelled {
				k, best = k-1, goods[k-2]
			}
			if !listFiller(fd.text[hits[best].end:to]) || !sameClause(fd, hits[best].end, to, sentenceEnds) {
				break
			}
			hits[best].cancelled = true
			to = hits[best].start
		}
	}
}

// listFillers are the words that may stand between the goods of a list and after its
// last item (象牙、犀角等制品).
var listFillers = [][]byte{[]byte("等等"), []byte("等"), []byte("之类的"), []byte("之类"), []byte("这些"), []byte("制品"), []byte("及"), []byte("和"), []byte("或")}

// listFiller reports whether b holds nothing but separators and listFillers.
func listFiller(b []byte) bool {
	for len(b) > 0 {
		if c := b[0]; c == ' ' || c == ',' || c == '/' {
			b = b[1:]
			continue
		}
		if r, n := utf8.DecodeRune(b); r == '、' || r == '，' {
			b = b[n:]
			continue
		}
		found := false
		for _, w := range listFillers {
			if bytes.HasPrefix(b, w) {
				b, found = b[len(w):], true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// sameClause reports whether no line break or punctuation of ends stands in the original
// text between the folded offsets from (the end of a phrase) and to (a hit), nor a full
// stop that ends an English sentence: one after a letter and before white space ("Say no
// to poaching. Ivory bangle"; "1. 象牙" numbers a list).
func sameClause(fd *folded, from, to int, ends string) bool {
	src, a, b := fd.src, fd.srcEnd(from), int(fd.meta[to].start)
	if a >= b {
		return true
	}
	if strings.ContainsAny(src[a:b], ends) || strings.IndexByte(src[a:b], '\n') >= 0 {
		return false
	}
	for i := a; i < b; i++ {
		if src[i] == '.' && i > 0 && isASCIILetter(src[i-1]) && i+1 < len(src) && (src[i+1] == ' ' || src[i+1] == '\t') {
			return false
		}
	}
	return true
}

// accept applies the word and benign rules to one occurrence, for each form behind it.
func (m *Matcher) accept(fd *folded, blockStart, blockEnd, start, end, pi int, hits []hit) []hit {
	if !m.bounded(fd, blockStart, blockEnd, start, end, pi) {
		return hits
	}
	if m.patterns[pi].wordNotice {
		fd.wordNotices = append(fd.wordNotices, end)
	}
	if p := &m.patterns[pi]; p.wordMark {
		fd.marks = append(fd.marks, markAt{start, p.mark})
	}
	return m.acceptForms(fd, blockStart, blockEnd, start, end, pi, 0, hits)
}

// bounded reports whether an occurrence is not part of a longer Latin word or number.
// A letter folded from a digit bounds a Latin form as the digit would (ivory1). A number
// the fold joined to a form across a space is a list's (② 一红二黑三白, ③ 十三鳞手镯).
func (m *Matcher) bounded(fd *folded, blockStart, blockEnd, start, end, pi int) bool {
	p, text := &m.patterns[pi], fd.text
	if (p.latinStart || p.digitStart) && start > blockStart {
		r, size := utf8.DecodeLastRune(text[:start])
		if c := m.folder.class(r); p.latinStart && (c == clsLatin || c == clsOther && !kana(r)) && !m.folder.edgeDigit(fd, start-size) || p.digitStart && isNumberPart(r, c) && !fd.apart(start-size, start) {
			return false
		}
	}
	if (p.latinEnd || p.digitEnd) && end < blockEnd {
		r, _ := utf8.DecodeRune(text[end:])
		if c := m.folder.class(r); p.latinEnd && (c == clsLatin || c == clsOther && !kana(r)) && !m.folder.edgeDigit(fd, end) || p.digitEnd && isNumberPart(r, c) && !fd.apart(end-1, end) {
			return false
		}
	}
	return true
}

// acceptForms is accept past the boundary rule; folds are reported with the hits.
func (m *Matcher) acceptForms(fd *folded, blockStart, blockEnd, start, end, pi int, folds Fold, hits []hit) []hit {
	text := fd.text
	if m.looks.nearby(text, blockStart, blockEnd, start, end) && m.looksOnly(fd, end, blockEnd) {
		return append(hits, hit{start: start, end: end, pattern: pi, cancelled: true})
	}
	if m.emojiOnly(fd, start, end) {
		return hits // a decorative 🦜 or 🐼, not a word
	}
	p := &m.patterns[pi]
	wordChecked, isWord := false, false
	depictChecked, isDepicted := false, false
	notGoodsChecked, isNotGoods := false, false
	for fi := range p.forms {
		fm := &p.forms[fi]
		// A form found in pieces (ivo-ry: see wordIndex.joined) has more folded bytes
		// than its pattern: the byte-wise rules below do not line up, and are skipped.
		aligned := end-start == len(p.bytes)
		if aligned && fm.runs != nil && !enoughRepeats(fd.meta[start:end], fm.runs) {
			continue
		}
		if aligned && p.short && repeatedBeyond(fd.text[start:end], fd.meta[start:end], fm.runs) {
			continue
		}
		if len(m.around[fm.term]) > 0 && (spelled(text[start:end]) || m.soundAlike(fm.term, text[start:end])) && coveredAround(m.around[fm.term], text, blockStart, blockEnd, start, end) {
			continue
		}
		if fm.weak && (latinAfter(&m.materials, fd, end, blockEnd) >= 0 || colourLabelled(fd, blockStart, start) || colourListed(fd, blockStart, blockEnd, start, end)) {
			continue // Tortoiseshell Acetate Frame, Colour: Natural ivory: a colour, not the goods
		}
		if aligned {
			if c := fm.benign.covering(text[blockStart:blockEnd], fd.meta[blockStart:blockEnd], start-blockStart); c >= 0 && plainPhrase(fd, start-int(fm.benign.all[c].offset), len(fm.benign.all[c].phrase)) {
				if fm.benign.all[c].kind {
					fd.kindsNamed = append(fd.kindsNamed, int32(fm.term))
				}
				phraseEnd := start - int(fm.benign.all[c].offset) + len(fm.benign.all[c].phrase)
				if !possessed(text[blockStart:start]) {
					// 家里的大猫 says whose cat, and names no other kind of thing: it leaves
					// 家里的大猫骨 alone (see dropShadowing).
					fd.benignSpans = append(fd.benignSpans, coveredHit{int32(start), int32(end), int32(phraseEnd), int32(fm.term)})
				}
				continue
			}
		}
		if len(m.contexts[fm.term]) > 0 && inOtherSense(m.contexts[fm.term], fd, blockStart, blockEnd, start, end) {
			hits = append(hits, hit{start: start, end: end, pattern: pi, form: fi, term: fm.term, cancelled: true})
			continue
		}
		if fm.negatable && negated(text[blockStart:start]) || m.evidence[fm.term] && !m.admission[fm.term] && tellDenied(text[blockStart:start]) {
			continue
		}
		if fm.generated == FoldPinyin && (fm.initials && p.latinStart && p.latinEnd && !abbreviated(fd, blockStart, blockEnd, start, end) && !m.beforeObject(fd, start, end, blockEnd) || !fm.initials && romanizedName(fd, blockStart, blockEnd, start, end)) {
			continue
		}
		if fm.initials && againstDigit(fd, start, end) {
			continue // 象Y6, 5X牙: a model's name
		}
		if fm.generated == FoldReverse && !p.latinStart && start > blockStart {
			if r, _ := utf8.DecodeLastRune(text[blockStart:start]); m.folder.class(r) == clsCJK {
				continue // 刷牙象征: a reversed term begins its run of characters
			}
		}
		if fm.word { // the segmenter costs the most
			if !wordChecked {
				isWord, wordChecked = m.segmenter().isWord(text[blockStart:blockEnd], start-blockStart, end-blockStart), true
			}
			if !isWord {
				continue
			}
		}
		if fm.animal && m.suppliedFor(fd, blockStart, blockEnd, start, end) {
			hits = append(hits, hit{start: start, end: end, pattern: pi, form: fi, term: fm.term, cancelled: true})
			continue
		}
		if fm.goods && m.depicts.nearby(text, blockStart, blockEnd, start, end) { // after the rules that turn most candidates away
			if !depictChecked {
				isDepicted, depictChecked = m.depicted(fd, blockStart, blockEnd, start, end), true
			}
			if isDepicted {
				hits = append(hits, hit{start: start, end: end, pattern: pi, form: fi, term: fm.term, cancelled: true})
				continue
			}
		}
		if fm.goods && (titled(fd, blockStart, blockEnd, start, end) || m.quotedTitle(fd, blockStart, blockEnd, start, end)) {
			hits = append(hits, hit{start: start, end: end, pattern: pi, form: fi, term: fm.term, cancelled: true})
			continue
		}
		if fm.goods && (m.discourse.nearby(text, blockStart, blockEnd, start, end) || m.beforeGoods.nearby(text, blockStart, blockEnd, start, end) || jointAfter(fd, end, blockEnd) > 0 || quotedJoint(fd, end, blockEnd) || jointBefore(fd, blockStart, start) > 0) {
			if !notGoodsChecked {
				isNotGoods, notGoodsChecked = m.notGoods(fd, blockStart, blockEnd, start, end), true
			}
			if isNotGoods {
				hits = append(hits, hit{start: start, end: end, pattern: pi, form: fi, term: fm.term, cancelled: true})
				continue
			}
		}
		young := fm.animal && m.youngAnimal(fd, blockStart, blockEnd, start, end)
		object := fm.weak && (m.madeInto(fd, blockStart, blockEnd, end) || m.materialField(fd, blockStart, blockEnd, start, end)) ||
			fm.material && m.chineseObjectAfter(fd, blockStart, blockEnd, end)
		hits = append(hits, hit{start: start, end: end, pattern: pi, form: fi, term: fm.term, folds: folds, young: young, object: object, initials: fm.initials})
	}
	return hits
}

// objectRisk is what a weak product hit made into an object counts as: the risk the
// lexicon gives its own ivory figurine.
const objectRisk = 4

// madeInto reports whether an object word follows the hit ending at end, with at most two
// Latin words between, none a material or discourse verb (see beforeGoods) or a word that
// joins phrases, and nothing but spaces or hyphens around them: "ivory elephant figurine"
// and "ivory billiard balls" name what the object is made of; "ivory resin figurine" and
// "ivory dress with figurine print" do not. Nor does one followed by an appearance word
// (ivory-handled look) or in a line that names a material anywhere ("Ivory-handled
// cutlery, made of cream acrylic"): the seller says what it is made of instead. A Chinese
// object word counts right after the hit (Ivory 吊坠).
func (m *Matcher) madeInto(fd *folded, blockStart, blockEnd, end int) bool {
	text := fd.text
	// A Chinese object word right after it (Ｉｖｏｒｙ 吊坠 观音): a Chinese listing names a
	// colour 象牙白, and writes the material in English to pass a filter.
	i := end
	if i < blockEnd && text[i] == ' ' {
		i++
	}
	if i < blockEnd && text[i] >= utf8.RuneSelf && m.objects.begins(text[i:blockEnd]) {
		return !m.materialIn(text, blockStart, blockEnd) && !m.chineseMaterialIn(text, blockStart, blockEnd)
	}
	if !m.objects.hasLatin {
		return false
	}
	var seps [3]int
	for i, n := end, 0; n < 3 && i+1 < blockEnd && text[i] == ' ' && asciiLetter[text[i+1]]; n++ {
		j := wordEnd(text, i+1, blockEnd)
		seps[n] = i
		w := text[i+1 : j]
		if m.objects.latin(w) {
			return plainSeparators(fd, seps[:n+1]) && !m.looks.latin(nextWord(text, j, blockEnd)) && !m.materialIn(text, blockStart, blockEnd)
		}
		if joinsPhrases(w) || m.beforeGoods.latin(w) {
			return false
		}
		i = j
	}
	return false
}

// materialCode reports whether an entry is a trade code word for a material, risk 3 or
// less, of a protected species: a Chinese term ending in 料 (白料, 非洲料, 黑料, 红料), not
// 白色塑料, which is also plain white plastic. Such a material made into an object
// (白料小挂件, 非洲料 手镯) is the goods, as ivory made into one is.
func materialCode(t *bundle.Term) bool {
	return t.Kind == KindCodeWord && t.Risk <= 3 && t.Species != nil && strings.HasSuffix(t.Term, "料") && !strings.HasSuffix(t.Term, "塑料")
}

// chineseObjectAfter reports whether a Chinese object word follows the hit at end, across
// one space and a size word (小挂件, 大摆件), in a line that names no other material.
func (m *Matcher) chineseObjectAfter(fd *folded, blockStart, blockEnd, end int) bool {
	text, i := fd.text, end
	if i < blockEnd && text[i] == ' ' {
		i++
	}
	for _, size := range sizeWords {
		if bytes.HasPrefix(text[i:blockEnd], size) {
			i += len(size)
			break
		}
	}
	if i < blockEnd && asciiLetter[text[i]] && i > end { // 白料 bangle: the object in English
		return codeObjects[string(text[i:wordEnd(text, i, blockEnd)])] && !m.materialIn(text, blockStart, blockEnd)
	}
	return i < blockEnd && text[i] >= utf8.RuneSelf && m.objects.begins(text[i:blockEnd]) && !m.chineseMaterialIn(text, blockStart, blockEnd)
}

// sizeWords may stand between a material code word and its object (白料小挂件).
var sizeWords = [][]byte{[]byte("小"), []byte("大"), []byte("老")}

// codeObjects are the English words for objects a material code word is made into (白料
// bangle): after a code word no colour reading competes, as it does after bare ivory.
var codeObjects = map[string]bool{
	"bangle": true, "bangles": true, "bracelet": true, "bracelets": true, "beads": true, "pendant": true,
	"pendants": true, "carving": true, "carvings": true, "seal": true, "seals": true, "cup": true, "cups": true,
	"chopsticks": true, "figurine": true, "figurines": true, "netsuke": true, "comb": true, "combs": true,
}

// suppliedFor reports whether a supply word follows the animal hit at text[start:end],
// directly or after a young-animal word (macaw cage, macaw egg incubator, 鹦鹉幼鸟饲料).
func (m *Matcher) suppliedFor(fd *folded, blockStart, blockEnd, start, end int) bool {
	if m.supplies.nearby(fd.text, blockStart, blockEnd, start, end) && m.followedBy(&m.supplies, fd, end, blockEnd) {
		return true
	}
	if young := m.wordAfter(&m.youngs, fd, end, blockEnd); young >= 0 && m.followedBy(&m.supplies, fd, young, blockEnd) {
		return true
	}
	return m.purposeOfSupply(fd, blockStart, start)
}

// purposeReach bounds how far before a purpose word its supply is looked for: the
// supply's own phrase and a few words about it, not the rest of a long line.
const purposeReach = 120 // bytes of folded text: 40 Chinese characters

// purposeOfSupply reports whether the animal hit at start is what a supply earlier in its
// line is for: a purpose word right before it (for, 适合) and a supply word before that
// ("Parrot cage for sale, large, for macaw or cockatoo size birds"; 鸟笼 适合金刚鹦鹉).
// Without the supply the animal is what the listing is about ("$2000 for hyacinth macaw",
// "looking for macaw"). The supply word is looked for within purposeReach bytes.
func (m *Matcher) purposeOfSupply(fd *folded, blockStart, start int) bool {
	text := fd.text
	before := start
	if latinBefore(&m.purposes, fd, blockStart, start) {
		before = wordStart(text, blockStart, start-2)
	} else if n := m.purposes.suffix(text[blockStart:start]); n > 0 {
		before = start - n
	} else {
		return false
	}
	i := max(blockStart, before-purposeReach)
	for i > blockStart && !utf8.RuneStart(text[i]) {
		i--
	}
	for i > blockStart && i < before && asciiLetter[text[i]] && asciiLetter[text[i-1]] {
		i++ // not from inside a word
	}
	for i < before {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiLetter[c] {
				i++
				continue
			}
			j := wordEnd(text, i, before)
			if m.supplies.latin(text[i:j]) {
				return true
			}
			i = j
			continue
		}
		if m.supplies.prefix(text[i:before]) > 0 {
			return true
		}
		i += int(runeLength[text[i]])
	}
	return false
}

// youngAnimal reports whether a young-animal word stands right before or after the hit
// at text[start:end], or is the hit's own first or last word: a Latin one after or
// before spaces or a hyphen (macaw chicks, baby orangutan, orangutan baby, the lexicon's
// own "baby chimp"), another directly (陆龟苗, 猩猩幼崽, 幼崽猩猩). Animals are a small
// share of hits: no byte check first.
func (m *Matcher) youngAnimal(fd *folded, blockStart, blockEnd, start, end int) bool {
	set, text := &m.youngs, fd.text
	// A one-character word counts only with no character on its far side: 陆龟苗 4cm, not
	// 猫头鹰蛋糕 (a cake) or 猫头鹰苗族银饰.
	if n := set.prefix(text[end:blockEnd]); n > 0 && (n > 3 || m.openAfter(fd, end+n, blockEnd)) {
		return true
	}
	if n := set.suffix(text[blockStart:start]); n > 0 && (n > 3 || m.openBefore(fd, blockStart, start-n)) {
		return true
	}
	// The hit's own first or last word (the lexicon lists 猩猩幼崽, baby chimp and tiger cubs).
	if n := set.suffix(text[start:end]); n > 0 && n < end-start && (n > 3 || m.openAfter(fd, end, blockEnd)) {
		return true
	}
	if n := set.prefix(text[start:end]); n > 0 && n < end-start && (n > 3 || m.openBefore(fd, blockStart, start)) {
		return true
	}
	if !set.hasLatin {
		return false
	}
	if latinBefore(set, fd, blockStart, start) || latinAfter(set, fd, end, blockEnd) >= 0 {
		return true
	}
	if first := wordEnd(text, start, end); first < end && set.latin(text[start:first]) {
		return true
	}
	last := wordStart(text, start, end)
	return last > start && text[last-1] == ' ' && set.latin(text[last:end])
}

// looksOnly reports whether the folded text after a hit (at end) begins with an
// appearance word: a Latin one after spaces or a hyphen (rhino horn shaped,
// rhino-horn-shaped; not "rhino horn cup, shape is round"), another directly
// (犀牛角造型).
func (m *Matcher) looksOnly(fd *folded, end, blockEnd int) bool {
	return m.followedBy(&m.looks, fd, end, blockEnd)
}

// followedBy reports whether the folded text after a hit (at end) begins with a word of
// set: a Latin one after spaces or a hyphen, another directly.
func (m *Matcher) followedBy(set *wordSet, fd *folded, end, blockEnd int) bool {
	return m.wordAfter(set, fd, end, blockEnd) >= 0
}

// wordAfter returns where the word of set that follows a hit (at end) stops, as
// followedBy finds it, or -1.
func (m *Matcher) wordAfter(set *wordSet, fd *folded, end, blockEnd int) int {
	if e := latinAfter(set, fd, end, blockEnd); e >= 0 {
		return e
	}
	if n := set.prefix(fd.text[end:blockEnd]); n > 0 {
		return end + n
	}
	return -1
}

// latinBefore reports whether the Latin word before a hit (at start), before a space or a
// hyphen, is one of set's.
func latinBefore(set *wordSet, fd *folded, blockStart, start int) bool {
	text := fd.text
	i := start - 1
	return set.hasLatin && i-1 > blockStart && text[i] == ' ' && asciiLetter[text[i-1]] &&
		set.latin(text[wordStart(text, blockStart, i-1):i]) && plainSeparator(fd, i)
}

// notGoods reports whether the words beside the goods hit at text[start:end] say the text
// does not offer the goods: a discourse word right after it, or a discourse verb right
// before it, make the goods the subject of talk about their trade (rhino horn trade,
// seized ivory, 象牙走私案, 拒绝象牙, 海关查获象牙, 本店不卖象牙制品); a material right
// before it says what the item is made of (resin ivory Buddha, 不锈钢象牙筷). Latin words
// stand after or before a space or a hyphen, others touch the hit. The direction matters:
// 拒绝 after goods is a seller's 拒绝砍价 (no haggling).
func (m *Matcher) notGoods(fd *folded, blockStart, blockEnd, start, end int) bool {
	if m.followedBy(&m.discourse, fd, end, blockEnd) || latinBefore(&m.beforeGoods, fd, blockStart, start) {
		return true
	}
	// A copula between: "Shahtoosh is banned", "rhino horn was seized".
	if w := nextWord(fd.text, end, blockEnd); len(w) > 0 && copula(w) && plainSeparator(fd, end) {
		if e := end + 1 + len(w); m.followedBy(&m.discourse, fd, e, blockEnd) {
			return true
		}
	}
	if m.joinedToDiscourse(fd, end, blockEnd) || m.listedAfterVerb(fd, blockStart, start) {
		return true
	}
	before := fd.text[blockStart:start]
	for range 4 { // a verb, or up to three fillers and then one (查获了大量走私象牙)
		if m.beforeGoods.ends(before) {
			return true
		}
		n := m.fillers.suffix(before)
		if n == 0 {
			return false
		}
		before = before[:len(before)-n]
	}
	return false
}

// joinedToDiscourse reports whether the goods hit ending at end is joined by a
// conjunction to words a discourse word follows: ivory or rhino horn trade, 象牙和犀角贸易,
// 象牙、犀角、穿山甲片走私链条: the discourse word is about all of them. Up to three Latin
// words, or twelve characters of a list's items, after the conjunction.
func (m *Matcher) joinedToDiscourse(fd *folded, end, blockEnd int) bool {
	text := fd.text
	if w := nextWord(text, end, blockEnd); (string(w) == "or" || string(w) == "and") && plainSeparator(fd, end) {
		e := end + 1 + len(w)
		for range 3 {
			w := nextWord(text, e, blockEnd)
			if len(w) == 0 || !plainSeparator(fd, e) {
				return false
			}
			if e += 1 + len(w); m.followedBy(&m.discourse, fd, e, blockEnd) {
				return true
			}
		}
		return false
	}
	n := jointAfter(fd, end, blockEnd)
	if n == 0 && !quotedJoint(fd, end, blockEnd) || n > 1 && int(fd.meta[end].start) != fd.srcEnd(end) { // a conjunction touches the goods
		return false
	}
	e := end + n
	for range 12 {
		if jointAfter(fd, e, blockEnd) == 1 {
			e++ // the next item of the list (象牙、犀角、穿山甲片走私链条)
			continue
		}
		if e >= blockEnd || text[e] < utf8.RuneSelf {
			return false
		}
		_, size := utf8.DecodeRune(text[e:blockEnd])
		if e += size; m.followedBy(&m.discourse, fd, e, blockEnd) {
			return true
		}
	}
	return false
}

// listedAfterVerb reports whether the goods hit at start is a later item of a list (、 or
// a conjunction between items) whose first item a discourse verb stands right before:
// 拒绝象牙、犀角、穿山甲制品 refuses all three. Up to twelve characters of items back.
func (m *Matcher) listedAfterVerb(fd *folded, blockStart, start int) bool {
	text := fd.text
	joined := func(i int) int { return jointBefore(fd, blockStart, i) }
	n := joined(start)
	if n == 0 {
		return false
	}
	e := start - n
	for range 12 {
		if e <= blockStart || text[e-1] < utf8.RuneSelf {
			return false
		}
		_, size := utf8.DecodeLastRune(text[blockStart:e])
		e -= size
		if m.beforeGoods.ends(text[blockStart:e]) {
			return true
		}
		if n := joined(e); n > 0 {
			e -= n
		}
	}
	return false
}

// jointBefore returns the length of a list's joint (a conjunction, or the separator of
// a 、) that ends at the folded offset i, or 0.
func jointBefore(fd *folded, blockStart, i int) int {
	text := fd.text
	if i-1 > blockStart && jointAfter(fd, i-1, len(text)) == 1 {
		return 1
	}
	if i-3 > blockStart {
		switch string(text[i-3 : i]) {
		case "和", "与", "及", "或":
			return 3
		}
	}
	return 0
}

// jointAfter returns the length of a list's joint that begins at the folded offset end,
// before more characters: 1 for a list's comma (、, which the fold writes as a separator),
// 3 for a Chinese conjunction (和, 与, 及, 或), or 0.
func jointAfter(fd *folded, end, blockEnd int) int {
	if end+3 >= blockEnd {
		return 0
	}
	if fd.text[end] == ' ' {
		if sep := fd.meta[end]; fd.text[end+1] >= utf8.RuneSelf && fd.src[sep.start:sep.end] == "、" {
			return 1
		}
		return 0
	}
	switch string(fd.text[end : end+3]) {
	case "和", "与", "及", "或":
		return 3
	}
	return 0
}

// quotedJoint reports whether the goods hit ending at the folded offset end is a quoted
// item of a list of quoted items written back to back (以“白料”“黑料”等暗语联络): the fold
// drops the quotes between Chinese characters as noise, so the next item follows at end.
func quotedJoint(fd *folded, end, blockEnd int) bool {
	if end >= blockEnd || fd.text[end] < utf8.RuneSelf {
		return false
	}
	from, to := fd.srcEnd(end), int(fd.meta[end].start)
	if to-from < 2 { // one rune folded into several (🦜 to 鹦鹉) runs backward
		return false
	}
	gap := fd.src[from:to]
	return utf8.RuneCountInString(gap) >= 2 && strings.Trim(gap, quoteMarks) == ""
}

// quoteMarks are the quotation marks quotedJoint reads between two quoted items.
const quoteMarks = "“”‘’「」『』《》\"'"

// goodsFillers are the words that stand between a Chinese verb and the goods it takes
// (海关查获了大量走私象牙, 拒绝一切象牙制品): a quantity, an aspect, a qualifier.
var goodsFillers = []string{"了", "大量", "大批", "一批", "一些", "多件", "数件", "若干", "一切", "任何", "所有", "走私", "非法", "的"}

// latinAfter returns where the Latin word of set that follows a hit (at end) after
// spaces or a hyphen stops, or -1.
func latinAfter(set *wordSet, fd *folded, end, blockEnd int) int {
	after := fd.text[end:blockEnd]
	if set.hasLatin && len(after) > 1 && after[0] == ' ' && asciiLetter[after[1]] {
		if e := wordEnd(after, 1, len(after)); set.latin(after[1:e]) && plainSeparator(fd, end) {
			return end + e
		}
	}
	return -1
}

// plainSeparator reports whether the separator at fd.text[i] stands for spaces or a
// hyphen: a separator holds the last rune it stands for, and noise if any was not a
// plain space.
func plainSeparator(fd *folded, i int) bool {
	sep := fd.meta[i]
	if fd.text[i] != ' ' {
		return false
	}
	if sep.folds&FoldNoise == 0 || fd.src[sep.start:sep.end] == "-" {
		return true
	}
	// Quotation marks and spaces only (Resin "tiger claw"), and a colon that labels a
	// quoted title (Book: 'Ivory, Horn and Blood'): a quoted name is still the next word,
	// where a comma before the mark would end a clause.
	from := int(sep.start)
	for from > 0 && (fd.src[from-1] == ' ' || fd.src[from-1] == ':' || isQuote(fd.src[:from])) {
		if fd.src[from-1] == ' ' || fd.src[from-1] == ':' {
			from--
		} else {
			_, n := utf8.DecodeLastRuneInString(fd.src[:from])
			from -= n
		}
	}
	return isQuote(fd.src[:sep.end]) && from > 0 && wordByte[fd.src[from-1]]
}

// isQuote reports whether s ends with a quotation mark.
func isQuote(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '"' || r == '\'' || r == '“' || r == '”' || r == '‘' || r == '’'
}

// depicted reports whether a depiction word stands beside the hit at text[start:end]:
// a Latin one up to two words before or after it, with nothing but spaces or hyphens
// and no word that joins phrases between (pangolin plush, macaw parrot plush, cartoon
// rhino horn sticker; not "rhino horn cup with plush box"), another right before or
// after it (金刚鹦鹉毛绒玩具, 卡通老虎).
func (m *Matcher) depicted(fd *folded, blockStart, blockEnd, start, end int) bool {
	text := fd.text
	if m.depicts.begins(text[end:blockEnd]) || m.depicts.ends(text[blockStart:start]) {
		return true
	}
	// A Chinese word one space from a Latin hit, or a Latin hit one space from it
	// (pangolin 毛绒 公仔): the noise fold joins Chinese characters, not a word to a letter.
	if end+1 < blockEnd && text[end] == ' ' && text[end+1] >= utf8.RuneSelf && m.depicts.begins(text[end+1:blockEnd]) && plainSeparator(fd, end) ||
		start-1 > blockStart && text[start-1] == ' ' && text[start-2] >= utf8.RuneSelf && m.depicts.ends(text[blockStart:start-1]) && plainSeparator(fd, start-1) {
		return true
	}
	if !m.depicts.hasLatin {
		return false
	}
	// The separators walked are checked only once a depiction word is found: each is a
	// look at the original text, a cache miss, and most hits have no depiction word near.
	var seps [3]int
	for i, n := end, 0; n < 3 && i+1 < blockEnd && text[i] == ' ' && asciiLetter[text[i+1]]; n++ {
		j := wordEnd(text, i+1, blockEnd)
		seps[n] = i
		if m.depicts.latin(text[i+1 : j]) {
			if plainSeparators(fd, seps[:n+1]) && !m.taxidermy(fd, text[i+1:j]) {
				return true
			}
			break
		}
		if joinsPhrases(text[i+1 : j]) {
			break
		}
		i = j
	}
	for i, n := start, 0; n < 3 && i-1 > blockStart && text[i-1] == ' ' && asciiLetter[text[i-2]]; n++ {
		j := wordStart(text, blockStart, i-2)
		seps[n] = i - 1
		if m.depicts.latin(text[j : i-1]) {
			return plainSeparators(fd, seps[:n+1]) && !m.taxidermy(fd, text[j:i-1])
		}
		if joinsPhrases(text[j : i-1]) {
			break
		}
		i = j
	}
	return false
}

// preservedWords say an animal in the listing is preserved, not sewn: taxidermy, and the
// glass dome or bell jar a stuffed bird is shown under (a plush is not).
var preservedWords = []string{"taxiderm", "glass dome", "bell jar"}

// taxidermy reports whether the depiction word is "stuffed" in a listing that says
// the animal is preserved: stuffed barn owl, old taxidermy; stuffed barn owl under a
// glass dome. Not a plush.
func (m *Matcher) taxidermy(fd *folded, word []byte) bool {
	if !bytes.Equal(word, m.stuffed) {
		return false
	}
	if fd.taxidermy == 0 {
		fd.taxidermy = 1
		for _, w := range m.preserved {
			if bytes.Contains(fd.text, w) {
				fd.taxidermy = 2
				break
			}
		}
	}
	return fd.taxidermy == 2
}

// plainSeparators reports whether every one of the separators at seps is plain.
func plainSeparators(fd *folded, seps []int) bool {
	for _, i := range seps {
		if !plainSeparator(fd, i) {
			return false
		}
	}
	return true
}

// joinsPhrases reports whether a word joins two noun phrases: a depiction word beyond
// one is not about the hit ("rhino horn cup with plush box").
func joinsPhrases(w []byte) bool {
	switch string(w) {
	case "with", "and", "or", "in", "on", "plus", "for", "from", "by", "of", "to", "w":
		return true
	}
	return false
}

func enoughRepeats(text []byteMeta, form []uint8) bool {
	for i, n := range form {
		if text[i].runs < n {
			return false
		}
	}
	return true
}

// negated reports whether the text before a goods hit says the item is not those goods:
// 非, 不是 or 并非, with or without 真 (非象牙, 不是真玳瑁), a substitute (chineseNegations),
// or the word non, not or no
// (non-ivory, "keys are plastic (not ivory)", "contains no ivory").
// The lexicon listed these as benign phrases of ivory and hawksbill; they hold for every
// entry but code words: "not ox bone" (不是牛骨) says the cover is not what it is. (不是 in
// a guarantee, 不是象牙包退, is a seller's: the guarantee words score it.)
func negated(before []byte) bool {
	if len(before) == 0 {
		return false
	}
	if before[len(before)-1] < utf8.RuneSelf {
		for _, word := range []string{"non ", "not ", "no "} {
			n, w := len(before), len(word)
			if n >= w && string(before[n-w:]) == word && (n == w || !isASCIILetter(before[n-w-1])) {
				return true
			}
		}
		return false
	}
	return negatedBy(bytes.TrimSuffix(before, []byte("真")), nil, chineseNegations)
}

// tellDenied reports whether the text before a tell of the real material denies it: no
// lattice, without Schreger lines, 没有交叉纹 (a yak-bone bracelet's seller saying what it
// lacks).
func tellDenied(before []byte) bool {
	return negatedBy(bytes.TrimRight(before, " "), tellNegationWords, tellNegations)
}

var (
	tellNegationWords = []string{"no", "not", "without", "zero", "nor"}
	tellNegations     = [][]byte{[]byte("没有"), []byte("无"), []byte("没"), []byte("不见"), []byte("看不到"), []byte("不是")}
)

// chineseNegations are what negated reads before a Chinese hit: not (非, 不是, 并非), not
// in it (不含象牙, of a product named after the goods: 大象牙膏), done
// without (不用穿山甲 of a recipe), made in its stead (人工麝香, 人工虎骨粉: the licensed
// substitutes) and standing in for it (水牛角代替犀角, 替代熊胆). Not 代 alone: 清代象牙 is
// Qing-dynasty ivory.
var chineseNegations = [][]byte{[]byte("非"), []byte("不是"), []byte("并非"), []byte("不含"), []byte("不用"), []byte("人工"), []byte("代替"), []byte("替代"), []byte("取代")}

// romanizedName reports whether the pinyin hit at text[start:end] is written as a name:
// each word capitalised and the rest of it lower case (Xiangya, Huya, Dai Mao), as
// romanised Chinese names of places, firms and people are (Xiangya Hospital, Huya Live,
// Shanjia village); disguised goods are typed in lower case, capitals or mixed (xiangya,
// XIANGYA, XiangYa). At the start of a block, where any word is capitalised, the hit is a
// name only when the word after it is capitalised too (Huya Live; not "Xiangya bangle").
func romanizedName(fd *folded, blockStart, blockEnd, start, end int) bool {
	text, src := fd.text, fd.src
	atWordStart := true
	for i := start; i < end; i++ {
		if text[i] == ' ' {
			atWordStart = true
			continue
		}
		if text[i] >= utf8.RuneSelf { // mixed with characters (象ya): not a name
			return false
		}
		c := src[fd.meta[i].start]
		if atWordStart != (c >= 'A' && c <= 'Z') || !atWordStart && !(c >= 'a' && c <= 'z') {
			return false
		}
		atWordStart = false
	}
	first := true // nothing but separators before the hit in its block
	for i := blockStart; i < start && first; i++ {
		first = !asciiLetter[text[i]] && text[i] < utf8.RuneSelf && !isDigit(text[i])
	}
	if !first {
		return true
	}
	if end+1 >= blockEnd || text[end] != ' ' {
		return false
	}
	c := src[fd.meta[end+1].start]
	return c >= 'A' && c <= 'Z'
}

// isNumberPart reports whether a folded rune continues a number: a digit, or a Chinese
// number's unit (the numeral fold makes 十三 十3, which is 13, not 3).
func isNumberPart(r rune, c class) bool {
	return c == clsDigit || strings.ContainsRune(chineseNumberUnits, r)
}

// chineseNumberUnits are the units of Chinese numbers (the numeral fold makes 拾 佰 仟
// 十 百 千, and t2s makes 萬 億 万 亿; the digits, 两 among them, fold to 0-9).
const chineseNumberUnits = "十百千万亿拾佰仟"

// compareHits orders hits by start, longest first, then by entry and form.
func compareHits(a, b hit) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	if c := cmp.Compare(b.end, a.end); c != 0 {
		return c
	}
	if c := cmp.Compare(a.term, b.term); c != 0 {
		return c
	}
	return cmp.Compare(a.form, b.form)
}

// sortHits sorts hits into compareHits order. They come nearly in it: a chunk's keys
// each in order of position, the word pass word by word with a phrase after its first
// word. An insertion sort moves a hit only past those it belongs before; past a budget
// of moves (hits far out of place) it hands over to pdqsort.
func sortHits(hits []hit) {
	budget := 4 * len(hits)
	for i := 1; i < len(hits); i++ {
		if !hitBefore(&hits[i], &hits[i-1]) {
			continue
		}
		h := hits[i]
		j := i
		for ; j > 0 && hitBefore(&h, &hits[j-1]); j-- {
			hits[j] = hits[j-1]
		}
		hits[j] = h
		if budget -= i - j; budget < 0 {
			slices.SortFunc(hits, compareHits)
			return
		}
	}
}

// mergeHits appends to out the two runs, each in compareHits order, merged into one.
func mergeHits(out, a, b []hit) []hit {
	for len(a) > 0 && len(b) > 0 {
		if hitBefore(&b[0], &a[0]) {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	return append(append(out, a...), b...)
}

// hitBefore is compareHits(*a, *b) < 0 without copying the hits.
func hitBefore(a, b *hit) bool {
	if a.start != b.start {
		return a.start < b.start
	}
	if a.end != b.end {
		return a.end > b.end
	}
	if a.term != b.term {
		return a.term < b.term
	}
	return a.form < b.form
}

// span is a displayed match: the leftmost-longest hit, with the entries it beat.
type span struct {
	hit
	also []string
}

// select_ keeps leftmost-longest non-overlapping hits; an entry that lost a collision
// is listed in the winner's Also.
// a and b must each be in compareHits order (find returns them so); select_ takes
// hits from the two in that order.
func (m *Matcher) select_(a, b []hit, spans []span) []span {
	// Every span's also is a piece of one array: only the last span grows, so its
	// piece is always at the array's end. It escapes into the results: not pooled.
	var also []string
	alsoFrom := 0
	for len(a) > 0 || len(b) > 0 {
		var h hit
		if len(b) == 0 || len(a) > 0 && compareHits(a[0], b[0]) <= 0 {
			h, a = a[0], a[1:]
		} else {
			h, b = b[0], b[1:]
		}
		if n := len(spans); n > 0 && h.start < spans[n-1].end {
			w := &spans[n-1]
			if h.initials && h.start == w.start && h.end == w.end && h.term != w.term {
				w.initials = true // dm镯子: 私聊's dm shown, 玳瑁's initials counted
			}
			id := m.terms[h.term].ID
			if id != m.terms[w.term].ID && !slices.Contains(w.also, id) {
				if w.also == nil {
					alsoFrom = len(also)
				}
				also = append(also, id)
				w.also = also[alsoFrom:len(also):len(also)]
			}
			continue
		}
		spans = append(spans, span{hit: h, also: nil})
	}
	return spans
}

func (m *Matcher) formOf(h hit) *form { return &m.patterns[h.pattern].forms[h.form] }

func (m *Matcher) describeSpan(text string, fd *folded, s span) Match {
	fm := m.formOf(s.hit)
	t := &m.terms[fm.term]
	start, end := int(fd.meta[s.start].start)-int(s.lead), fd.srcEnd(s.end)+int(s.trail)
	folds := fd.meta[s.start].folds &^ FoldNoise // noise dropped before the hit is not part of it
	for b := s.start + 1; b < s.end; b++ {
		if utf8.RuneStart(fd.text[b]) {
			folds |= fd.meta[b].folds
		}
	}
	folds ^= fm.folds
	// (A form found in pieces does not line up with its pattern's repeat counts.)
	for b := s.start; b < s.end && s.end-s.start == len(m.patterns[s.pattern].bytes); b++ {
		if !utf8.RuneStart(fd.text[b]) {
			continue
		}
		need := uint8(1)
		if fm.runs != nil {
			need = fm.runs[b-s.start]
		}
		if fd.meta[b].runs > need {
			folds |= FoldRepeat
		}
	}
	folds |= fm.generated | s.folds
	return Match{
		TermID: t.ID, Term: t.Term, Kind: t.Kind, Risk: t.Risk,
		Text: text[start:end], Start: start, End: end,
		Variant: fm.variant, Folds: folds.names(), Also: s.also,
	}
}

// utf16Offsets fills Start16 and End16 in one walk over the text: matches are ordered
// and do not overlap, so their offsets only grow. In valid UTF-8 every byte but a
// continuation byte starts one UTF-16 unit, and a four-byte rune is two: counted a
// byte at a time, without decoding.
func utf16Offsets(text string, valid bool, ms []Match) {
	if len(ms) == 0 {
		return
	}
	pos, pos16 := 0, 0
	advance := func(to int) int {
		if valid {
			for ; pos+8 <= to; pos += 8 {
				w := binary.LittleEndian.Uint64([]byte(text[pos : pos+8]))
				const high = 0x8080808080808080
				continuation := w & high &^ (w << 1)                      // 10xxxxxx
				fourByteLead := w & (w << 1) & (w << 2) & (w << 3) & high // 1111xxxx
				pos16 += 8 - bits.OnesCount64(continuation) + bits.OnesCount64(fourByteLead)
			}
			for ; pos < to; pos++ {
				c := text[pos]
				if c&0xC0 != 0x80 {
					pos16++
				}
				if c >= 0xF0 {
					pos16++
				}
			}
			return pos16
		}
		for pos < to {
			c := text[pos]
			if c < utf8.RuneSelf {
				pos++
				pos16++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[pos:])
			pos += size
			pos16 += utf16.RuneLen(r) // an invalid byte decodes to U+FFFD: one unit, as in the DOM
		}
		return pos16
	}
	for i := range ms {
		ms[i].Start16 = advance(ms[i].Start)
		ms[i].End16 = advance(ms[i].End)
	}
}

// colourLabels are the labels of a product page's colour field (Colour: Ivory).
var colourLabels = []string{"colour", "color", "colours", "colors", "colourway", "colorway", "shade", "颜色", "颜色分类", "花色", "色系"}

// colourLabelled reports whether the hit at folded start is the value of a colour field
// in its line: a colour label, a colon, and at most two words before the hit (Colour:
// Natural ivory, 颜色：ivory).
func colourLabelled(fd *folded, blockStart, start int) bool {
	line := fd.src[fd.meta[blockStart].start:fd.meta[start].start]
	colon := max(strings.LastIndexByte(line, ':'), strings.LastIndex(line, "："))
	if colon < 0 {
		return false
	}
	value := strings.TrimLeft(line[colon+1:], "： ")
	if len(strings.Fields(value)) > 2 || strings.ContainsAny(value, ",.;/|") {
		return false
	}
	label := strings.ToLower(strings.TrimSpace(line[:colon]))
	for _, l := range colourLabels {
		if strings.HasSuffix(label, l) {
			return true
		}
	}
	return false
}

// colourNames are colours a list of colours names beside ivory (Ivory, Sand, Teal;
// black/ivory/navy): not bone, coral, tortoiseshell, camel or stone, which are covers and
// goods too, nor silver, gold or natural, which describe the goods (ivory, natural, heavy).
var colourNames = map[string]bool{
	"black": true, "white": true, "red": true, "blue": true, "green": true, "grey": true, "gray": true,
	"navy": true, "cream": true, "beige": true, "sand": true, "teal": true, "rust": true, "pink": true,
	"brown": true, "taupe": true, "khaki": true, "charcoal": true, "olive": true, "burgundy": true,
	"mustard": true, "nude": true, "blush": true, "champagne": true, "tan": true, "ecru": true,
	"oatmeal": true, "mint": true, "lavender": true, "lilac": true, "yellow": true, "orange": true,
	"purple": true, "maroon": true, "sage": true, "mocha": true, "wine": true,
}

// colourListed reports whether the hit at text[start:end] is an item of a list of colours:
// two of the items around it (the one before, the two after) are colours, list separators
// (a comma, a slash) between them in the original (Ivory, Sand, Teal; black/ivory/navy).
// One colour beside it is not enough: "ivory, white, heavy" describes the goods.
func colourListed(fd *folded, blockStart, blockEnd, start, end int) bool {
	text := fd.text
	listSep := func(i int) bool { // the original between the words around the separator
		return text[i] == ' ' && i+1 < len(text) && strings.ContainsAny(fd.src[fd.srcEnd(i):fd.meta[i+1].start], ",/、，")
	}
	colours := 0
	if start-2 > blockStart && asciiLetter[text[start-2]] && listSep(start-1) &&
		colourNames[string(text[wordStart(text, blockStart, start-2):start-1])] {
		colours++
	}
	for i, items := end, 0; items < 2 && i+1 < blockEnd && listSep(i) && asciiLetter[text[i+1]]; items++ {
		next := wordEnd(text, i+1, blockEnd)
		if !colourNames[string(text[i+1:next])] {
			break
		}
		colours, i = colours+1, next
	}
	return colours >= 2
}

// spelled reports whether a hit's folded text holds a Latin letter.
func spelled(b []byte) bool {
	for _, c := range b {
		if asciiLetter[c] {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiRun returns the first run of at least n ASCII bytes in text from offset from,
// as [start, end); (len(text), len(text)) if there is none. It reads eight bytes at a
// time; a run inside one such word is shorter than 8, so n must be at least 8 for
// every run to be seen (a run not seen is only not skipped).
func asciiRun(text []byte, from, n int) (int, int) {
	start := from // of the current run
	i := from
	for ; i+8 <= len(text); i += 8 {
		high := binary.LittleEndian.Uint64(text[i:]) & 0x8080808080808080
		if high == 0 {
			continue
		}
		if first := i + bits.TrailingZeros64(high)/8; first-start >= n {
			return start, first
		}
		start = i + 8 - bits.LeadingZeros64(high)/8 // after the word's last non-ASCII byte
	}
	for ; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			if i-start >= n {
				return start, i
			}
			start = i + 1
		}
	}
	if len(text)-start >= n {
		return start, len(text)
	}
	return len(text), len(text)
}

// wordSet is a word list of the bundle (appearance, depiction, supplies), folded: Latin
// words looked up whole, the others compared as bytes. They are asked at every hit, so
// nearby first looks at one byte on each side of it.
type wordSet struct {
	hasLatin bool
	latins   map[string]bool
	// latinLengths[b] has bit n set when a Latin word of n bytes begins with the byte b:
	// most words beside a hit fail it, and a map lookup (hashing the word) is not paid.
	latinLengths [256]uint64
	// byFirst and byLast hold the other words by their first and their last character,
	// in the order written: prefix and suffix compare a text with the few that could fit.
	// firsts and lasts are bit filters over those characters (see runeFilter).
	byFirst, byLast map[rune][][]byte
	firsts, lasts   runeFilter
	// head and tail: the third byte of each other word and the last (a space before or
	// after a Latin word): a text beside a word of the set has one of them next to the hit.
	head, tail [256]bool
	short      bool // an other word of under three bytes: nearby cannot tell
}

// runeFilter is a bit set over the low bits of runes: false means a rune is not in the
// set, true that it may be. A miss, the common answer next to a hit, costs no map lookup.
type runeFilter [runeFilterBits / 64]uint64

const runeFilterBits = 4096

func (f *runeFilter) add(r rune)      { f[r%runeFilterBits/64] |= 1 << (r % 64) }
func (f *runeFilter) has(r rune) bool { return f[r%runeFilterBits/64]&(1<<(r%64)) != 0 }

func newWordSet(f *folder, fd *folded, words []string) wordSet {
	var s wordSet
	for _, w := range words {
		switch fw := f.foldString(w, fd, nil); {
		case fw == "":
		case wholeWords(fw) && !strings.Contains(fw, " "):
			if s.latins == nil {
				s.latins = map[string]bool{}
			}
			s.latins[fw] = true
			if len(fw) < 64 {
				s.latinLengths[fw[0]] |= 1 << len(fw)
			}
			s.hasLatin = true
			s.tail[' '] = true
		default:
			if s.byFirst == nil {
				s.byFirst, s.byLast = map[rune][][]byte{}, map[rune][][]byte{}
			}
			first, _ := utf8.DecodeRuneInString(fw)
			last, _ := utf8.DecodeLastRuneInString(fw)
			s.byFirst[first] = append(s.byFirst[first], []byte(fw))
			s.byLast[last] = append(s.byLast[last], []byte(fw))
			s.firsts.add(first)
			s.lasts.add(last)
			s.head[fw[min(2, len(fw)-1)]], s.tail[fw[len(fw)-1]] = true, true
			s.short = s.short || len(fw) < 3
		}
	}
	// Longest first, so prefix and suffix find 雏鸟 where 雏 (a young word too, but one
	// that needs no character on its far side) also begins the text.
	for _, ws := range s.byFirst {
		slices.SortStableFunc(ws, func(a, b []byte) int { return len(b) - len(a) })
	}
	for _, ws := range s.byLast {
		slices.SortStableFunc(ws, func(a, b []byte) int { return len(b) - len(a) })
	}
	return s
}

// nearby reports whether a word of the set may stand beside text[start:end] (block
// from blockStart to blockEnd): false means none can. Small enough to inline, so a
// hit beside nothing costs no call.
func (s *wordSet) nearby(text []byte, blockStart, blockEnd, start, end int) bool {
	return s.short || end+2 < blockEnd && s.head[text[end+2]] || end < blockEnd && text[end] == ' ' && s.hasLatin ||
		start > blockStart && s.tail[text[start-1]]
}

// latin reports whether the Latin word w is in the set.
func (s *wordSet) latin(w []byte) bool {
	return len(w) > 0 && len(w) < 64 && s.latinLengths[w[0]]&(1<<len(w)) != 0 && s.latins[string(w)]
}

// begins reports whether text begins with one of the other words.
func (s *wordSet) begins(text []byte) bool { return s.prefix(text) > 0 }

// prefix returns the length of the first of the other words that text begins with, or 0.
func (s *wordSet) prefix(text []byte) int {
	if len(text) == 0 || s.byFirst == nil {
		return 0
	}
	r, _ := utf8.DecodeRune(text)
	if !s.firsts.has(r) {
		return 0
	}
	for _, w := range s.byFirst[r] {
		if bytes.HasPrefix(text, w) {
			return len(w)
		}
	}
	return 0
}

// ends reports whether text ends with one of the other words.
func (s *wordSet) ends(text []byte) bool { return s.suffix(text) > 0 }

// suffix returns the length of the first of the other words that text ends with, or 0.
func (s *wordSet) suffix(text []byte) int {
	if len(text) == 0 || s.byLast == nil {
		return 0
	}
	r, _ := utf8.DecodeLastRune(text)
	if !s.lasts.has(r) {
		return 0
	}
	for _, w := range s.byLast[r] {
		if bytes.HasSuffix(text, w) {
			return len(w)
		}
	}
	return 0
}

// cjkAt reports whether a Chinese character begins at text[i] (before blockEnd).
func (m *Matcher) cjkAt(text []byte, i, blockEnd int) bool {
	if i >= blockEnd || text[i] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeRune(text[i:blockEnd])
	return m.folder.class(r) == clsCJK
}

// openAfter reports whether no Chinese character follows folded offset i in its block,
// or the fold dropped something (a space, a symbol) there: 虎崽 满月 holds no 崽满.
func (m *Matcher) openAfter(fd *folded, i, blockEnd int) bool {
	return !m.cjkAt(fd.text, i, blockEnd) || fd.apart(i-1, i)
}

// openBefore is openAfter for the character that ends at folded offset i.
func (m *Matcher) openBefore(fd *folded, blockStart, i int) bool {
	return !m.cjkBefore(fd.text, blockStart, i) || fd.apart(i-1, i)
}

// cjkBefore reports whether a Chinese character ends at text[i] (after blockStart).
func (m *Matcher) cjkBefore(text []byte, blockStart, i int) bool {
	if i <= blockStart || text[i-1] < utf8.RuneSelf {
		return false
	}
	r, _ := utf8.DecodeLastRune(text[blockStart:i])
	return m.folder.class(r) == clsCJK
}

// materialField reports whether the weak product hit at text[start:end] is a field of its
// own, between clause marks (a comma, a colon) or a line's ends, in a line that names an
// object (another word than the hit) and no material, and not after a colour's label:
// the catalogue's way of giving the material after the object ("Netsuke, hare with amber
// eyes, ivory, signed"; "Okimono. Material: ivory"; not "Carved figurine, colour: ivory").
func (m *Matcher) materialField(fd *folded, blockStart, blockEnd, start, end int) bool {
	text := fd.text
	if !m.objects.hasLatin || start > blockStart && (text[start-1] != ' ' || start-1 == blockStart || !clauseBetween(fd, start-1)) ||
		end < blockEnd && (text[end] != ' ' || end+1 == blockEnd || !clauseBetween(fd, end)) {
		return false
	}
	if m.materialIn(text, blockStart, blockEnd) {
		return false
	}
	object := false
	eachLatinWord(text, blockStart, blockEnd, func(i, j int) bool {
		object = (j <= start || i >= end) && m.objects.latin(text[i:j])
		return !object
	})
	if object && start > blockStart { // "Colour: ivory" names a colour
		w := text[wordStart(text, blockStart, start-1) : start-1]
		switch string(w) {
		case "color", "colour", "colors", "colours", "finish", "shade", "tone":
			return false
		}
	}
	return object
}

// nextWord returns the Latin word after the separator at text[i], or nothing.
func nextWord(text []byte, i, blockEnd int) []byte {
	if i+1 < blockEnd && text[i] == ' ' && asciiLetter[text[i+1]] {
		return text[i+1 : wordEnd(text, i+1, blockEnd)]
	}
	return nil
}

// materialIn reports whether a Latin material word (see beforeGoods) stands anywhere in
// text[blockStart:blockEnd], not denied: "real, not plastic" names no material.
func (m *Matcher) materialIn(text []byte, blockStart, blockEnd int) bool {
	found := false
	eachLatinWord(text, blockStart, blockEnd, func(i, j int) bool {
		found = m.beforeGoods.latin(text[i:j]) && !negatedBy(bytes.TrimRight(text[blockStart:i], " "), coverNegationWords, nil)
		return !found
	})
	return found
}

// chineseMaterialIn reports whether the line text[blockStart:blockEnd] names a material in
// Chinese not right after a negation (树脂, not 非树脂): materialIn's counterpart.
func (m *Matcher) chineseMaterialIn(text []byte, blockStart, blockEnd int) bool {
	for i := blockStart; i < blockEnd; i += int(runeLength[text[i]]) {
		if text[i] >= utf8.RuneSelf && m.materials.begins(text[i:blockEnd]) &&
			!negatedBy(bytes.TrimRight(text[blockStart:i], " "), nil, coverNegations) {
			return true
		}
	}
	return false
}

// eachLatinWord calls f with the bounds of each Latin word of text[from:to], in order, until
// f returns false.
func eachLatinWord(text []byte, from, to int, f func(i, j int) bool) {
	for i := from; i < to; {
		if !asciiLetter[text[i]] {
			i++
			continue
		}
		j := wordEnd(text, i, to)
		if !f(i, j) {
			return
		}
		i = j
	}
}

// kana reports whether r is a Japanese syllable: a letter of another script, but one
// that, like a Chinese character, ends a Latin word written against it (DMください).
func kana(r rune) bool {
	return r >= 0x3040 && r <= 0x30FF || r >= 0x31F0 && r <= 0x31FF || r >= 0xFF66 && r <= 0xFF9D
}

// minRepeatedForm is the shortest Latin form the repeat fold reaches: ivoryyy is ivory,
// but ppm is not PM and ddmmss not DMs. Sellers stretch words to get past filters, not
// abbreviations.
const minRepeatedForm = 4

// repeatedBeyond reports whether a letter of the text behind a hit was written more
// times in a row than the form writes it (runs, nil for once each).
func repeatedBeyond(text []byte, meta []byteMeta, runs []uint8) bool {
	for i := range text {
		if !utf8.RuneStart(text[i]) {
			continue
		}
		want := uint8(1)
		if runs != nil {
			want = runs[i]
		}
		if meta[i].runs > want {
			return true
		}
	}
	return false
}

// srcLine returns where in the original text the folded block (line) from blockStart to
// blockEnd begins and ends.
func (fd *folded) srcLine(blockStart, blockEnd int) (from, to int) {
	from, to = 0, len(fd.src)
	if blockStart > 0 {
		from = int(fd.meta[blockStart-1].end)
	}
	if blockEnd < len(fd.text) {
		to = int(fd.meta[blockEnd].start)
	}
	return from, to
}

// titled reports whether the hit at text[start:end] stands inside title marks, 《…》,
// 〈…〉 or Japanese 『…』 (holding kana), in its line: the name of a book, a film or a
// game (剧本杀《鹤顶红》, 《象牙的故事》, DVD『象牙の闇』), not goods. The original text is
// read, and only when it has a title mark at all.
func titled(fd *folded, blockStart, blockEnd, start, end int) bool {
	if !fd.titlesFound {
		fd.titlesFound = true
		for _, mark := range []string{"《", "〈", "『"} {
			for i := 0; ; {
				k := strings.Index(fd.src[i:], mark)
				if k < 0 {
					break
				}
				fd.titleOpens = append(fd.titleOpens, i+k)
				i += k + len(mark)
			}
		}
		slices.Sort(fd.titleOpens)
	}
	if len(fd.titleOpens) == 0 {
		return false
	}
	// Most lines have no mark: the answer is kept for the last line asked about, as a
	// line's hits come together.
	if fd.titleLine != blockStart+1 {
		lineFrom, lineTo := fd.srcLine(blockStart, blockEnd)
		n, _ := slices.BinarySearch(fd.titleOpens, lineFrom)
		fd.titleLine, fd.titleInLine = blockStart+1, n < len(fd.titleOpens) && fd.titleOpens[n] < lineTo
	}
	if !fd.titleInLine {
		return false
	}
	from, to := int(fd.meta[start].start), fd.srcEnd(end)
	lineFrom, lineTo := fd.srcLine(blockStart, blockEnd)
	before, after := fd.src[lineFrom:from], fd.src[to:lineTo]
	open := max(strings.LastIndex(before, "《"), strings.LastIndex(before, "〈"), strings.LastIndex(before, "『"))
	if open < 0 || open < max(strings.LastIndex(before, "》"), strings.LastIndex(before, "〉"), strings.LastIndex(before, "』")) {
		return false
	}
	closing := firstIndex(after, "》", "〉", "』")
	if closing < 0 || firstIndex(after, "《", "〈", "『") >= 0 && closing > firstIndex(after, "《", "〈", "『") {
		return false
	}
	// 『…』 names a work in Japanese, whose titles hold kana; Chinese posts quote with it
	// (『山里亲戚的 毛壳射香，…』).
	return !strings.HasPrefix(before[open:], "『") || strings.ContainsFunc(before[open:]+after[:closing], isKana)
}

// isKana reports whether r is hiragana or katakana.
func isKana(r rune) bool { return r >= 0x3041 && r <= 0x30FF }

// quotedTitle reports whether the Latin goods hit at text[start:end] stands inside a
// quoted title in a line that names a book, a magazine or a film with a depiction word,
// or under one that does, two lines up at most (Book lot: 'The Pangolin Chronicles',
// National Geographic 'Blood Ivory' issue, DVD): a
// work's name, not goods. A title is two to eight words in quotation marks, its first
// and every one of four letters or more capitalised: a seller's wink ('ivory', "real
// bone") is lower-case or one word.
func (m *Matcher) quotedTitle(fd *folded, blockStart, blockEnd, start, end int) bool {
	if fd.text[start] >= utf8.RuneSelf || !m.depicts.hasLatin {
		return false
	}
	lineFrom, lineTo := fd.srcLine(blockStart, blockEnd)
	from, to := int(fd.meta[start].start), fd.srcEnd(end)
	src := fd.src
	open := strings.LastIndexAny(src[max(lineFrom, from-maxTitle):from], titleQuotes)
	if open < 0 {
		return false
	}
	open += max(lineFrom, from-maxTitle)
	if open > lineFrom && isASCIILetter(src[open-1]) { // an apostrophe: the seller's
		return false
	}
	_, size := utf8.DecodeRuneInString(src[open:])
	closing := to
	for { // the first quotation mark not inside a word ('Ivory's Ghosts')
		k := strings.IndexAny(src[closing:min(lineTo, to+maxTitle)], titleQuotes)
		if k < 0 {
			return false
		}
		closing += k
		if closing+1 >= lineTo || !isASCIILetter(src[closing+1]) || !isASCIILetter(src[closing-1]) {
			break
		}
		closing++
	}
	words := strings.FieldsFunc(src[open+size:closing], func(r rune) bool { return r == ' ' || r == ',' || r == ':' || r == '-' || r == '&' })
	if len(words) < 2 || len(words) > 8 || !titleWord(words[0], true) {
		return false
	}
	for _, w := range words[1:] {
		if !titleWord(w, len(w) >= 4) {
			return false
		}
	}
	above := blockStart // the line and the two above it: a list of titles under its header
	for range 2 {
		if above > 0 {
			above = bytes.LastIndexByte(fd.text[:above-1], '\n') + 1
		}
	}
	line := fd.text[above:blockEnd]
	for i := 0; i < len(line); {
		if !asciiLetter[line[i]] {
			i++
			continue
		}
		e := wordEnd(line, i, len(line))
		if m.depicts.latin(line[i:e]) {
			return true
		}
		i = e
	}
	return false
}

// titleQuotes are the quotation marks a title stands in; maxTitle bounds, in bytes of the
// original, how far a title may reach either side of the hit.
const (
	titleQuotes = "'\"‘’“”"
	maxTitle    = 64
)

// titleWord reports whether w is a word of a title: letters (and an apostrophe),
// capitalised when capital says it must be.
func titleWord(w string, capital bool) bool {
	if w == "" || capital && (w[0] < 'A' || w[0] > 'Z') {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isASCIILetter(w[i]) && w[i] != '\'' {
			return false
		}
	}
	return true
}

// firstIndex returns the first index in s of one of marks, or -1.
func firstIndex(s string, marks ...string) int {
	first := -1
	for _, mark := range marks {
		if i := strings.Index(s, mark); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

// copula reports whether w is a form of to be, which may stand between goods and the
// discourse word about them (ivory is banned).
func copula(w []byte) bool {
	switch string(w) {
	case "is", "are", "was", "were", "being", "been":
		return true
	}
	return false
}

// emojiOnly reports whether the hit at text[start:end] is one emoji folded to characters
// (🦜 for 鹦鹉): an emoji alone decorates, it does not name goods. Two spell a word
// (🐘🦷 is 象牙).
func (m *Matcher) emojiOnly(fd *folded, start, end int) bool {
	// The emoji table writes one emoji as a few Chinese characters (🦍 猩猩): a Latin
	// hit or a longer one needs no look at the meta, a cache miss.
	if fd.text[start] < utf8.RuneSelf || end-start > m.folder.emojiBytes {
		return false
	}
	first := fd.meta[start]
	if first.folds&FoldEmoji == 0 {
		return false
	}
	for i := start; i < end; i++ {
		if utf8.RuneStart(fd.text[i]) && fd.meta[i].start != first.start {
			return false
		}
	}
	return true
}
