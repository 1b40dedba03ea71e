package match

import "bytes"

// offers are the bundle's offer words (for sale, 出售), folded. An animal's hit with one
// beside it is the animal offered, which counts one booster as a young animal does:
// "hyacinth macaw pair for sale", 大鲵 出售, 出售一对金刚鹦鹉. Beside: a Latin offer after
// the animal with at most one word between (pair, chicks, male), a Chinese one within
// offerReach bytes after or before it. Animals only: a product's listing is for sale as
// much as a toy's. Two words between (macaw feather earrings for sale) make the animal a
// part or a picture of what is offered.
type offers struct {
	latin      [][]byte // whole Latin words
	chinese    [][]byte
	maxChinese int // the longest Chinese one's length
}

// offerReach is how far a Chinese offer word may stand from the animal: a measure (一对,
// 两只) or an age (幼鸟) between, not another noun phrase.
const offerReach = 12 // bytes of folded text: four Chinese characters

func newOffers(f *folder, fd *folded, words []string) *offers {
	o := &offers{}
	for _, w := range words {
		switch text := f.foldString(w, fd, nil); {
		case text == "":
		case wholeWords(text):
			o.latin = append(o.latin, []byte(text))
		case !isASCII(text):
			o.chinese = append(o.chinese, []byte(text))
			o.maxChinese = max(o.maxChinese, len(text))
		}
	}
	if len(o.latin)+len(o.chinese) == 0 {
		return nil
	}
	return o
}

// offerNegations are the words that, right before an offer word, say the opposite (not
// for sale, 不出售, 禁止出售).
var offerNegations = [][]byte{[]byte("not "), []byte("never "), []byte("不"), []byte("非"), []byte("勿"), []byte("禁止"), []byte("严禁")}

// beside reports whether an offer word stands beside the hit at text[start:end], in the
// line from blockStart to blockEnd.
func (o *offers) beside(text []byte, blockStart, blockEnd, start, end int) bool {
	// Latin: after spaces, and at most one word and spaces.
	i := skipSpaces(text, end, blockEnd)
	for words := 0; words < 2 && i < blockEnd; words++ {
		for _, w := range o.latin {
			if bytes.HasPrefix(text[i:blockEnd], w) && (i+len(w) == blockEnd || !asciiLetter[text[i+len(w)]]) && !negatedOffer(text[:i]) {
				return true
			}
		}
		if !asciiLetter[text[i]] {
			break
		}
		i = skipSpaces(text, wordEnd(text, i, blockEnd), blockEnd)
	}
	// Chinese: within reach after or before, not negated. Clause marks do not matter
	// (猩猩，出售; 出售：金刚鹦鹉), nor can they be told here: the fold writes them as spaces.
	after := text[end:min(end+offerReach+o.maxChinese, blockEnd)]
	from := max(start-offerReach-o.maxChinese, blockStart)
	for _, w := range o.chinese {
		if k := bytes.Index(after, w); k >= 0 && k <= offerReach && !negatedOffer(text[blockStart:end+k]) {
			return true
		}
		if k := bytes.LastIndex(text[from:start], w); k >= 0 && start-from-k-len(w) <= offerReach && !negatedOffer(text[blockStart:from+k]) {
			return true
		}
	}
	return false
}

func skipSpaces(text []byte, i, end int) int {
	for i < end && text[i] == ' ' {
		i++
	}
	return i
}

func negatedOffer(before []byte) bool {
	for _, n := range offerNegations {
		if bytes.HasSuffix(before, n) {
			return true
		}
	}
	return false
}
