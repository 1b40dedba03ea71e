package match

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// FlagThreshold is the score at or above which a listing is flagged.
const FlagThreshold = 4.0

// boosterWeight is what each trade-context entry (私聊, 加V, 克价, DM for price) adds to
// the listing's term score, as a fraction of it; at most maxBoosters count.
const (
	boosterWeight = 0.5
	maxBoosters   = 2
)

// KindTradeContext marks booster entries: words of the sale, not of the goods.
const KindTradeContext = "trade_context"

// KindSpecies marks entries that name an animal (not a product of it): a supply word
// after one (macaw cage) makes the listing a supply for the animal.
const KindSpecies = "species"

// KindProduct marks entries that name goods made from an animal (ivory, 犀角).
const KindProduct = "product"

// KindCodeWord is the kind of a cover or code word (白色塑料, ox bone): negating one
// claims the real thing.
const KindCodeWord = "code_word"

// score sets the listing's score, verdict and each match's contribution by the formula
// in the package documentation (Verdict). young is the index of the first match of a
// young animal, or -1; offered that of the animal a listing with an offer word offers;
// rules, when not nil, says by match what sets its risk; marks, what the listing's
// phrases say of it (see listingMark); coversAbove, the covers above a tell match (see
// coverSpan): a tell after one is the cover's. It returns the index of the tell that
// counted after a cover, or -1, and where that cover stands.
func (m *Matcher) score(res *Result, text string, young, offered int, rules []riskRule, marks listingMark, coversAbove func(tell *Match) []coverSpan, barkShown func(tell *Match) bool) (tellOfCover, coverStart, coverEnd int) {
	type entry struct {
		first int // index of the first match of the entry
		risk  int
	}
	var goods, boosters []entry
	seen := map[string]int{} // entry id: its index in goods, or -1 for a booster
	disguise := -1           // the first disguised goods hit: one more booster
	evidenced := false       // a tell of the real material after a cover has counted
	tellOfCover, coverStart, coverEnd = -1, -1, -1
	fossilKnown, fossilFound := false, false
	fossil := func() bool { // once per listing: a page may hold many tells
		if !fossilKnown {
			fossilKnown, fossilFound = true, marks&markBarkedFossil != 0 || m.fossilNamed(res.Matches)
		}
		return fossilFound
	}
	for i := range res.Matches {
		mt := &res.Matches[i]
		evasive := mt.Kind != KindTradeContext && m.disguised(mt)
		if disguise < 0 && (evasive || mt.Kind == KindCodeWord && quoted(text, mt.Start, mt.End)) {
			disguise = i
		}
		t := m.strongest(mt)
		if marks&markAdvocacy != 0 && t.Kind != KindTradeContext || marks&markPermit != 0 && t.Kind == KindSpecies {
			continue // shown, not counted
		}
		if m.evidence[m.byID[t.ID]] && fossil() && barkShown(mt) {
			continue // the grain of fossil mammoth ivory shown with its bark: shown, not counted
		}
		if term := m.byID[mt.TermID]; !evidenced && m.evidence[term] {
			admission := m.admission[term]
			cover, covered := coverBefore(text, coversAbove(mt), res.Matches, mt.Start, admission, m.terms[term].Kind == KindCodeWord)
			if covered || !admission && m.weakGoods(res.Matches, &m.terms[term], barkShown(mt)) {
				evidenced = true
				if covered && !cover.negated { // a denied cover (非牦牛角) disguises nothing: not marked
					tellOfCover, coverStart, coverEnd = i, cover.at, cover.end
				}
				if g, ok := seen[t.ID]; ok && g >= 0 {
					goods[g].risk = max(goods[g].risk, evidenceRisk)
				} else if !ok {
					seen[t.ID] = len(goods)
					goods = append(goods, entry{first: i, risk: evidenceRisk})
				}
				continue
			}
		}
		risk := t.Risk
		if evasive && t.Kind != KindTradeContext {
			risk = max(risk, disguisedRisk) // nobody disguises a colour: 1vory is the material
		}
		switch {
		case rules == nil:
		case rules[i] == ruleObject:
			risk = max(risk, objectRisk)
		case rules[i] == ruleInitials && t.Kind != KindTradeContext:
			risk = min(risk, initialsRisk)
		case rules[i] == ruleInitialsGoods && t.Kind == KindSpecies:
			risk = initialsGoodsRisk // 雪B 皮: the animal's skin
		case rules[i] == ruleInitialsGoods && t.Kind != KindTradeContext:
			risk = min(risk, initialsGoodsRisk)
		}
		if g, ok := seen[t.ID]; ok {
			if g >= 0 && risk > goods[g].risk { // ivory … ivory figurine: the object counts
				goods[g] = entry{first: i, risk: risk}
			}
			continue
		}
		if t.Kind == KindTradeContext {
			seen[t.ID] = -1
			boosters = append(boosters, entry{first: i, risk: t.Risk})
			continue
		}
		seen[t.ID] = len(goods)
		goods = append(goods, entry{first: i, risk: risk})
		// A goods form that holds a trade word (野生娃娃鱼 holds 野生, 活体雪豹 活体) says it
		// too: the trade word lost the span, not its meaning.
		for _, id := range mt.Also {
			if b := &m.terms[m.byID[id]]; b.Kind == KindTradeContext {
				if _, ok := seen[id]; !ok {
					seen[id] = -1
					boosters = append(boosters, entry{first: i, risk: b.Risk})
				}
			}
		}
	}
	sort.SliceStable(goods, func(a, b int) bool { return goods[a].risk > goods[b].risk })
	terms, weight := 0.0, 1.0
	shares := make([]float64, len(goods))
	for i, g := range goods {
		shares[i] = float64(g.risk) * weight
		terms += shares[i]
		weight /= 2
	}
	if young >= 0 {
		boosters = append([]entry{{first: young}}, boosters...)
	}
	if offered >= 0 {
		boosters = append([]entry{{first: offered}}, boosters...)
	}
	if len(goods) > 0 && statesGrams(text) {
		boosters = append([]entry{{first: goods[0].first}}, boosters...)
	}
	if disguise >= 0 {
		boosters = append([]entry{{first: disguise}}, boosters...)
	}
	nb := min(len(boosters), maxBoosters)
	if terms == 0 {
		nb = 0
	}
	for i, g := range goods {
		res.Matches[g.first].Contribution = shares[i]
	}
	for i := 0; i < nb; i++ {
		res.Matches[boosters[i].first].Contribution += boosterWeight * terms
	}
	res.Score = terms * (1 + boosterWeight*float64(nb))
	if res.Score >= FlagThreshold {
		res.Verdict = VerdictFlag
	}
	return tellOfCover, coverStart, coverEnd
}

// weakGoods reports whether some match counts as a weak product or code word (risk 1-2:
// bare ivory, mostly a colour; 白料, also white jade) of the species the tell is of:
// beside the tell (ivory beads with lattice grain, 白料 有交叉纹) it is a cover of its own,
// the material named as if it were the colour or another stone.
func (m *Matcher) weakGoods(matches []Match, tell *bundle.Term, bark bool) bool {
	if tell.Species == nil || tell.Species.Sci == "" {
		return false
	}
	for i := range matches {
		t := m.strongest(&matches[i])
		if m.evidence[m.byID[t.ID]] {
			continue // a tell (growth rings, 交叉纹) is no name of the material
		}
		if (t.Kind == KindProduct || t.Kind == KindCodeWord) && t.Risk <= 2 && sameSpecies(t, tell) && !(bark && fossilName(t.Term)) {
			return true
		}
	}
	return false
}

// riskRule names a rule that sets what a match counts as, not its entry's risk.
type riskRule uint8

const (
	ruleNone          riskRule = iota
	ruleObject                 // a weak product made into an object: objectRisk (see madeInto)
	ruleInitials               // goods named by their pinyin initials: initialsRisk at most
	ruleInitialsGoods          // ... written against the form goods are sold in: initialsGoodsRisk at most
)

// strongest is the entry a span counts as: the riskiest goods entry among the one shown
// and those it beat (Also). Leftmost-longest decides what is highlighted, not what the
// text says: in 川山甲片 the homophone 川山甲 (pangolin, 3) is shown and 山甲片 (pangolin
// scales, 5) lost to it by starting later, yet the text offers scales. A code word shown
// keeps its own risk: it is the seller's name for the material, and what overlaps it
// names the same goods (mammoth ivory pendant is not an ivory pendant; faux ivory bangle),
// unless what it beat is of its own species: 东北虎鞭 is a tiger's penis (虎鞭, 5), not the
// code word 东北虎 (2) that a brand also writes.
func (m *Matcher) strongest(mt *Match) *bundle.Term {
	shown := &m.terms[m.byID[mt.TermID]]
	best := shown
	for _, id := range mt.Also {
		t := &m.terms[m.byID[id]]
		if shown.Kind == KindCodeWord && !sameSpecies(t, shown) {
			continue
		}
		if t.Kind != KindTradeContext && (best.Kind == KindTradeContext || t.Risk > best.Risk) {
			best = t
		}
	}
	return best
}

func sameSpecies(a, b *bundle.Term) bool {
	return a.Species != nil && b.Species != nil && a.Species.Sci != "" && a.Species.Sci == b.Species.Sci
}

// quoted reports whether text[start:end] stands in quotation marks ('old bone', "ox bone",
// “white gold”, 「白料」): a seller quoting a cover word winks at what it covers, which
// counts as a disguise.
func quoted(text string, start, end int) bool {
	open, size := utf8.DecodeLastRuneInString(text[:start])
	if size == 0 {
		return false
	}
	if k := start - size; k > 0 {
		if b := text[k-1]; b < utf8.RuneSelf && !strings.ContainsRune(" \t\n(,:", rune(b)) {
			return false // an apostrophe inside a word (the seller's old bone), not a quote
		}
	}
	closing, _ := utf8.DecodeRuneInString(text[end:])
	switch open {
	case '\'', '"':
		return closing == open
	case '‘':
		return closing == '’'
	case '“':
		return closing == '”'
	case '「':
		return closing == '」'
	case '『':
		return closing == '』'
	}
	return false
}

// statesGrams reports whether text weighs the item to the gram (9.8g, 48 g, 236 grams,
// 52克) or prices it by the gram (35/g, 80元/克): sellers of ivory, horn and bone do, which
// is how such goods are priced (克价), and research on "bone" listings that were ivory
// found the weight stated precisely. A round weight, a multiple of 50 g (500g, 100克), is a
// packet's and does not count.
func statesGrams(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < '0' || c > '9' {
			continue
		}
		j, whole, fraction := i, 0, false
		for ; j < len(text) && text[j] >= '0' && text[j] <= '9'; j++ {
			whole = min(whole*10+int(text[j]-'0'), 1<<30)
		}
		if j+1 < len(text) && text[j] == '.' && text[j+1] >= '0' && text[j+1] <= '9' {
			for j++; j < len(text) && text[j] >= '0' && text[j] <= '9'; j++ {
				fraction = fraction || text[j] != '0'
			}
		}
		if i > 0 && (isASCIILetter(text[i-1]) || text[i-1] == '.') {
			i = j // part of a word or a version (v2, 1.9.2g)
			continue
		}
		k := j
		if k < len(text) && text[k] == ' ' {
			k++
		}
		rest := text[k:]
		for _, perGram := range []string{"/g", "/克", "元/克", "元/g", "块/克", "元一克", "块一克", "一克"} {
			if strings.HasPrefix(rest, perGram) && (len(rest) == len(perGram) || !isASCIILetter(rest[len(perGram)])) {
				return true // a price by the gram (35/g, 50元/克), round or not
			}
		}
		if whole%50 == 0 && !fraction {
			i = j // a round weight
			continue
		}
		if strings.HasPrefix(rest, "克") {
			return true
		}
		for _, unit := range []string{"grams", "gram", "gr", "g"} {
			if strings.HasPrefix(rest, unit) {
				if len(unit) == len(rest) || !isASCIILetter(rest[len(unit)]) {
					return true
				}
				break // 58 grain, 3 gold
			}
		}
		i = j
	}
	return false
}

// disguised reports whether a hit was spelled to get past filters, which is itself a
// sign of trade: look-alike letters (1vory, іvоrу), emoji for a character (🐘牙),
// symbols or invisible characters inside the term (象*牙, i.v.o.r.y, 象\u200b牙,
// 穿-山-甲), fancy-text letters (𝓲𝓿𝓸𝓻𝔂, ⓘⓥⓞⓡⓨ, ɪᴠᴏʀʏ, ③号料). How people type does not count: case, full-width letters, tone
// marks, spaces, and a hyphen between words (rhino-horn).
func (m *Matcher) disguised(mt *Match) bool {
	noise, compat := false, false
	for _, f := range mt.Folds {
		switch f {
		case "homoglyph", "emoji", "reverse":
			return true
		case "noise":
			noise = true
		case "compat":
			compat = true
		}
	}
	if !noise && !compat {
		return false
	}
	var before [2]rune // the two runes before r
	for _, r := range mt.Text {
		if compat && unicode.Is(fancyText, r) {
			return true
		}
		if c := m.folder.class(r); noise && (c == clsNoise || c == clsIgnorable) {
			if r != '-' {
				return true
			}
			// A hyphen is a disguise after a character (象-牙) or a lone letter (i-v-o-r-y).
			if m.folder.class(before[1]) == clsCJK || before[1] < utf8.RuneSelf && isASCIILetter(byte(before[1])) && !unicode.IsLetter(before[0]) {
				return true
			}
		}
		before[0], before[1] = before[1], r
	}
	return false
}

// fancyText holds the letter and digit styles of fancy-text generators and enclosed
// code words: mathematical alphanumerics, enclosed alphanumerics (circled, squared,
// parenthesised), dingbat circled digits, small capitals, superscript and subscript
// letters.
var fancyText = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x0262, Hi: 0x0262, Stride: 1}, {Lo: 0x026A, Hi: 0x026A, Stride: 1},
		{Lo: 0x0274, Hi: 0x0274, Stride: 1}, {Lo: 0x0280, Hi: 0x0280, Stride: 1},
		{Lo: 0x028F, Hi: 0x028F, Stride: 1}, {Lo: 0x0299, Hi: 0x0299, Stride: 1},
		{Lo: 0x029B, Hi: 0x029C, Stride: 1}, {Lo: 0x029F, Hi: 0x029F, Stride: 1},
		{Lo: 0x1D00, Hi: 0x1DBF, Stride: 1}, // small capitals, modifier and subscript letters
		{Lo: 0x2070, Hi: 0x209C, Stride: 1}, // superscripts and subscripts
		{Lo: 0x2460, Hi: 0x24FF, Stride: 1}, // enclosed alphanumerics
		{Lo: 0x2776, Hi: 0x2793, Stride: 1}, // dingbat circled digits
		{Lo: 0x3220, Hi: 0x3247, Stride: 1}, // parenthesised and circled ideographic numbers
		{Lo: 0x3280, Hi: 0x32B0, Stride: 1},
	},
	R32: []unicode.Range32{
		{Lo: 0x1D400, Hi: 0x1D7FF, Stride: 1}, // mathematical alphanumerics
		{Lo: 0x1F100, Hi: 0x1F1E5, Stride: 1}, // enclosed alphanumeric supplement (not regional indicators)
	},
}

// listingMark is what a phrase found anywhere in a listing says of the whole of it.
type listingMark uint8

const (
	// markPermit: the listing states a live animal's papers (CITES permit, 人工繁育许可证,
	// 专用标识): its species hits do not count, unless a negation stands right before the
	// phrase (no CITES papers, 没有专用标识). A certificate does not make a product lawful.
	markPermit listingMark = 1 << iota
	// markAdvocacy: the listing speaks against the trade (没有买卖就没有杀害, 看到请举报,
	// please report): news, campaigns and appeals name the goods they fight, and none of
	// its goods hits count.
	markAdvocacy
	// markProvenance: a line says where an item of a lawful material came from (有小票,
	// receipt, mould seam): see provenanced.
	markProvenance
	// markBarkedFossil: provenanced took a fossil name whose line shows its bark off the
	// matches; the listing still names fossil mammoth ivory (see score's fossil).
	markBarkedFossil
)

// disguisedRisk is what a weak goods hit (bare ivory, mostly a colour) counts as when it
// is disguised: a seller who writes іvоrу or i.v.o.r.y is not describing a colour.
const disguisedRisk = 3

// evidenceRisk is what the first tell of the real material counts as in a listing that
// claims a cover: the labelling rule's "a disguise claim with a cue of the real
// material", which a tell alone (fibres, a lattice grain) or a cover alone is not.
const evidenceRisk = 4

type markAt struct {
	start int
	mark  listingMark
}

// provenanced drops the covers the lexicon lists as code words of risk 1-2 (仿象牙, faux
// ivory), and those of risk 3 whose term is itself one of the bundle's covers (cow bone,
// bovine bone: what the rules clear "with a shop, receipt"), from the lines that say where the item came from (仿象牙 树脂手镯 饰品店买的
// 有小票; Cattle bone hair stick, receipt in photos) and hold no tell: the labelling rules
// clear a cover "stated as resin … with a shop, receipt or visible moulding seam". The
// moderator is not shown what the seller has accounted for. A weak fossil name (mammoth
// ivory, 猛犸象牙) whose line or the next shows its bark is accounted for by the bark, the
// rules' mark of the lawful fossil (Fossil mammoth ivory slab, bark intact … import papers
// on the next line; a title, and its bark in the description under it).
func (m *Matcher) provenanced(fd *folded, matches []Match) ([]Match, listingMark) {
	var provenance []int // the original offsets of the provenance phrases
	for _, at := range fd.marks {
		if at.mark&markProvenance != 0 {
			provenance = append(provenance, int(fd.meta[at.start].start))
		}
	}
	weak := func(mt *Match) bool {
		t := m.strongest(mt)
		return t.Kind == KindCodeWord && (t.Risk <= 2 || t.Risk == 3 && m.coverTerm[m.byID[t.ID]]) && !m.evidence[m.byID[mt.TermID]]
	}
	barked := func(mt *Match) bool {
		if !fossilName(m.terms[m.byID[mt.TermID]].Term) {
			return false
		}
		at, _ := slices.BinarySearchFunc(fd.meta, int32(mt.Start), func(u byteMeta, start int32) int { return cmp.Compare(u.start, start) })
		from, to := max(0, at-barkReach), min(len(fd.text), at+barkReach)
		if nl := bytes.LastIndexByte(fd.text[from:at], '\n'); nl >= 0 {
			from += nl + 1
		}
		if nl := bytes.IndexByte(fd.text[at:to], '\n'); nl >= 0 { // and the next line: a title's description
			if next := bytes.IndexByte(fd.text[at+nl+1:to], '\n'); next >= 0 {
				to = at + nl + 1 + next
			}
		}
		return showsBark(fd.text[from:to])
	}
	if !slices.ContainsFunc(matches, func(mt Match) bool { return weak(&mt) }) {
		return matches, 0
	}
	var line func(int) int
	accounted := map[int]bool{} // lines with a provenance phrase and no tell
	if len(provenance) > 0 {
		line = lineOf(fd.src)
		for _, p := range provenance {
			accounted[line(p)] = true
		}
		for i := range matches {
			if m.evidence[m.byID[matches[i].TermID]] {
				delete(accounted, line(matches[i].Start))
			}
		}
	}
	kept, mark := matches[:0], listingMark(0)
	for _, mt := range matches {
		switch {
		case !weak(&mt):
		case barked(&mt):
			mark = markBarkedFossil
			continue
		case len(accounted) > 0 && accounted[line(mt.Start)]:
			continue
		}
		kept = append(kept, mt)
	}
	return kept, mark
}

// lineOf returns the line number of each offset of text: its line breaks found in one
// pass, then a binary search for each offset (a page of listings is one text with
// thousands of hits).
func lineOf(text string) func(offset int) int {
	var breaks []int
	for i := 0; ; {
		k := strings.IndexByte(text[i:], '\n')
		if k < 0 {
			break
		}
		breaks = append(breaks, i+k)
		i += k + 1
	}
	return func(offset int) int { n, _ := slices.BinarySearch(breaks, offset); return n }
}

// appealed drops the matches in the lines that hold an advocacy phrase (海关查获象牙 …
// 看到请举报; please report ivory listings): the goods an appeal names are not what the
// moderator looks for. The lines around it keep theirs: a page may hold a sale and, in a
// reply under it, the appeal against it (【出】雕鸮幼鸟 … 2楼：楼主犯法的，举报了).
func (m *Matcher) appealed(fd *folded, matches []Match) []Match {
	line := lineOf(fd.src)
	appeals := map[int]bool{}
	for _, at := range fd.marks {
		if at.mark&markAdvocacy != 0 {
			appeals[line(int(fd.meta[at.start].start))] = true
		}
	}
	kept := matches[:0]
	for _, mt := range matches {
		if !appeals[line(mt.Start)] {
			kept = append(kept, mt)
		}
	}
	return kept
}

// listingMarks returns what the phrases found in the listing (fd.marks) say of it: a
// permit counts when no negation stands right before it in its line.
func (m *Matcher) listingMarks(fd *folded, newlines []int) listingMark {
	var marks listingMark
	for _, at := range fd.marks {
		mark := at.mark
		if mark&markPermit != 0 {
			lineStart, _ := blockAround(newlines, len(fd.text), at.start)
			if negatedBy(bytes.TrimRight(fd.text[lineStart:at.start], " "), permitNegationWords, permitNegations) {
				mark &^= markPermit
			}
		}
		marks |= mark
	}
	return marks
}

// coverSpan is a cover in the original text: where it stands, and whether it is
// claimed, one the seller says the item is sold as (说是水牛角, 挂的是树脂, "sold as resin", a
// cover in quotation marks: 'bone') or an imitation cover (仿象牙, faux). A tell of the
// material (fibres, grain, a burn test) gives away any cover; an admission (you know what
// it is, 懂的人自然懂: bundle.Bundle.Admissions) only a claimed one, because sellers of
// plastic boxes write 懂的都懂 too.
type coverSpan struct {
	at, end int
	claimed bool
	negated bool // a negation right before it (not plastic, 不是普通水牛角): no cover
}

// maxCoverLines is how many line breaks may stand between a cover and its tell: a title
// and a description, not two listings of a results page (Claire's resin bangle … ivory
// bangle, crosshatch grain).
const maxCoverLines = 2

// coversAbove returns the covers in order (see coverSpan) in the lines above the tell at
// folded offset tell, maxCoverLines of them, and in its own line before it: Chinese
// phrases anywhere, Latin words whole, each saying whether a negation stands right
// before it in its line (not plastic, 不是塑料: the real thing claimed, see coverBefore);
// no fossil name where the tell's line shows bark. Looked for only there and only for a
// tell that may count: covers are common words (塑料, resin, bone), and looking for them in
// every listing cost the no-hit scan a tenth, and in every line of a page of listings a
// tenth of the dense scan.
func (m *Matcher) coversAbove(fd *folded, newlines []int, tell int) []coverSpan {
	line, _ := slices.BinarySearch(newlines, tell)
	from := 0
	if line > maxCoverLines {
		from = newlines[line-maxCoverLines-1] + 1
	}
	var spans []coverSpan
	lineStart, lineEnd := blockAround(newlines, len(fd.text), tell)
	bark := showsBark(fd.text[max(lineStart, tell-barkReach):min(lineEnd, tell+barkReach)])
	for _, c := range m.covers {
		if bark && m.fossilCover(c) {
			continue // mammoth with its bark: the labelling rules' lawful fossil, lattice and all
		}
		spans = coversInWindow(fd, newlines, c, from, tell, spans)
	}
	// The longest cover where several overlap (水牛角, not the 牛角 in it).
	slices.SortFunc(spans, func(a, b coverSpan) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(b.end, a.end)) })
	kept, reach := spans[:0], -1
	for _, c := range spans {
		if c.end <= reach {
			continue
		}
		reach = c.end
		kept = append(kept, c)
	}
	return kept
}

// fossilNames name fossil mammoth ivory, whose own grain shows Schreger lines too: the
// labelling rules give it away by no bark or weathering (ivo-040) or angles above 115°, not
// by a lattice alone.
var fossilNames = []string{"mammoth", "fossil", "猛犸", "猛玛", "化石"}

// fossilCover reports whether the folded cover c is one of fossilNames.
func (m *Matcher) fossilCover(c []byte) bool {
	return slices.ContainsFunc(m.fossils, func(f []byte) bool { return bytes.Equal(f, c) })
}

// fossilNamed reports whether some match names fossil mammoth ivory.
func (m *Matcher) fossilNamed(matches []Match) bool {
	for i := range matches {
		if fossilName(m.terms[m.byID[matches[i].TermID]].Term) {
			return true
		}
	}
	return false
}

// fossilName reports whether an entry's term names fossil mammoth ivory (mammoth ivory,
// 猛犸象牙): with its bark shown, a weak name of it is no cover of elephant ivory either.
func fossilName(term string) bool {
	t := strings.ToLower(term)
	return slices.ContainsFunc(fossilNames, func(f string) bool { return strings.Contains(t, f) })
}

// barkReach bounds, in folded bytes either side of a tell, where its line is read for
// bark: a listing's line, not a page's one long block.
const barkReach = 512

// barkWords say a fossil tusk shows its bark or weathered skin; a negation right before
// one (no bark, 不带皮, 无皮) says the opposite.
var barkWords = [][]byte{[]byte("bark"), []byte("weathered skin"), []byte("带皮"), []byte("皮壳"), []byte("沙皮"), []byte("风化皮"), []byte("原皮")}

// barkNegationWords and barkNegations deny bark: the covers' negations and a few more
// (without bark, zero bark, 不带皮, 不要带皮的: a buyer who wants none).
var (
	barkNegationWords = append(slices.Clone(coverNegationWords), "without", "zero")
	barkNegations     = append(slices.Clone(coverNegations), []byte("不"), []byte("不要"), []byte("别"))
)

// showsBark reports whether the folded text says the tusk shows its bark, not negated:
// looked for in the tell's line, where the tusk it describes is.
func showsBark(text []byte) bool {
	for _, w := range barkWords {
		for from := 0; ; {
			k := bytes.Index(text[from:], w)
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(w)
			if w[0] < utf8.RuneSelf && (at > 0 && asciiLetter[text[at-1]] || from < len(text) && asciiLetter[text[from]]) {
				continue // barking, embark
			}
			if before := bytes.TrimRight(text[:at], " "); !negatedBy(before, barkNegationWords, barkNegations) && !deniedAfter(text[from:]) {
				return true
			}
		}
	}
	return false
}

// deniedAfter reports whether the text after a bark word denies it: 一点皮壳都没有 (not
// a bit of bark), 皮壳也没有.
func deniedAfter(after []byte) bool {
	after = bytes.TrimLeft(after, " ")
	for _, neg := range barkDenials {
		if bytes.HasPrefix(after, neg) {
			return true
		}
	}
	return false
}

var barkDenials = [][]byte{[]byte("都没有"), []byte("也没有"), []byte("没有"), []byte("全无")}

// coversInWindow appends the occurrences of cover c that begin in text[from:to].
func coversInWindow(fd *folded, newlines []int, c []byte, from, to int, spans []coverSpan) []coverSpan {
	text := fd.text
	for from < to {
		k := bytes.Index(text[from:min(to+len(c)-1, len(text))], c)
		if k < 0 {
			break
		}
		start, end := from+k, from+k+len(c)
		from = start + 1
		if c[0] < utf8.RuneSelf && (start > 0 && asciiLetter[text[start-1]] || end < len(text) && asciiLetter[text[end]]) {
			continue // inside a word (bones, boned)
		}
		lineStart, _ := blockAround(newlines, len(text), start)
		before := bytes.TrimRight(text[lineStart:start], " ")
		negated := negatedBy(before, coverNegationWords, coverNegations)
		at, atEnd := int(fd.meta[start].start), fd.srcEnd(end)
		claimed := bytes.HasPrefix(c, []byte("仿")) || string(c) == "faux" || string(c) == "imitation" ||
			quoted(fd.src, at, atEnd) || negatedBy(before, claimWords, claimPhrases)
		spans = append(spans, coverSpan{at, atEnd, claimed, negated})
	}
	return spans
}

// coverBefore returns the nearest cover before the tell at start, claimed when the tell
// is an admission, denied (not buffalo horn, 不是牛角) only when the tell describes the
// material itself (physical: fibres, a lattice grain; not a burn test, which amber passes
// too): denying the lawful material claims the real one, as the labelling rules' "horn
// cup, not buffalo, fibrous" does. No more than maxCoverLines line breaks above the tell,
// or in its own line when goods are named there before it (the tell then describes them:
// ivory bangle, crosshatch grain); ok false if none.
func coverBefore(text string, covers []coverSpan, matches []Match, start int, admission, physical bool) (coverSpan, bool) {
	lineStart := strings.LastIndexByte(text[:start], '\n') + 1
	lines := maxCoverLines
	// Matches are in order: those that begin in the tell's line before it.
	first, _ := slices.BinarySearchFunc(matches, lineStart, func(mt Match, at int) int { return cmp.Compare(mt.Start, at) })
	for _, mt := range matches[first:] {
		if mt.Start >= start {
			break
		}
		if mt.Kind != KindTradeContext {
			lines = 0
			break
		}
	}
	k, _ := slices.BinarySearchFunc(covers, start, func(c coverSpan, at int) int { return cmp.Compare(c.at, at) })
	denied, ok := coverSpan{}, false // a denied cover counts when no claimed one does
	for i := k - 1; i >= 0; i-- {
		c := covers[i]
		if admission && !c.claimed || c.negated && !physical || insideGoods(matches, c) {
			continue
		}
		if !withinLines(text, c.at, start, lines) {
			break
		}
		if !c.negated {
			return c, true
		}
		if !ok {
			denied, ok = c, true
		}
	}
	return denied, ok
}

// insideGoods reports whether the cover lies in a longer match of a product or an animal
// (the 牛角 of 犀牛角杯): there it names the real thing, not a cover. A code word is the
// cover itself (cow bone, 仿象牙). Matches are in order and do not overlap.
func insideGoods(matches []Match, c coverSpan) bool {
	k, _ := slices.BinarySearchFunc(matches, c.end, func(mt Match, at int) int { return cmp.Compare(mt.Start, at) })
	if k == 0 {
		return false
	}
	mt := &matches[k-1]
	return mt.End > c.at && mt.End-mt.Start > c.end-c.at && (mt.Kind == KindProduct || mt.Kind == KindSpecies)
}

// withinLines reports whether no more than n line breaks stand in text[from:to], looking
// back from to no further than the (n+1)th.
func withinLines(text string, from, to, n int) bool {
	for i := to - 1; i >= from; i-- {
		if text[i] == '\n' {
			if n == 0 {
				return false
			}
			n--
		}
	}
	return true
}

// claimWords and claimPhrases, right before a cover, say the item is sold as it: "sold
// as resin", 说是水牛角, 挂的是树脂, 标题写的是仿的.
var (
	claimWords   = []string{"as", "called", "says", "labelled", "labeled", "marked"}
	claimPhrases = [][]byte{[]byte("说是"), []byte("写的是"), []byte("写着"), []byte("挂的是"), []byte("标的是"), []byte("标注"), []byte("号称"), []byte("当"), []byte("按"), []byte("算")}
)

// permitNegations are the words that, right before a permit phrase, deny it.
var (
	permitNegationWords = []string{"no", "not", "without", "never", "missing", "need", "needs", "needed", "lost"}
	permitNegations     = [][]byte{[]byte("无"), []byte("没有"), []byte("没"), []byte("不带"), []byte("未"), []byte("不需要"), []byte("不用"), []byte("无需"), []byte("没有任何"), []byte("不要"), []byte("免"), []byte("缺")}
)

// coverNegations are the words that, right before a cover, deny it: "not plastic" and
// 不是塑料 claim the real material, of amber as of ivory (an admission, ctx-033, says so
// of the goods), and claim no cover.
var (
	coverNegationWords = []string{"no", "not", "non", "never", "nor", "isn't", "isnt"}
	coverNegations     = [][]byte{[]byte("不是"), []byte("非"), []byte("并非"), []byte("绝非"), []byte("不是普通"), []byte("不是一般"), []byte("不是普通的"), []byte("没有"), []byte("无")}
)

// negatedBy reports whether before ends with one of the Latin words or the Chinese phrases.
func negatedBy(before []byte, words []string, phrases [][]byte) bool {
	if n := len(before); n > 0 && before[n-1] < utf8.RuneSelf {
		w := before[wordStart(before, 0, n):]
		for _, neg := range words {
			if string(w) == neg {
				return true
			}
		}
		return false
	}
	for _, neg := range phrases {
		if bytes.HasSuffix(before, neg) {
			return true
		}
	}
	return false
}
