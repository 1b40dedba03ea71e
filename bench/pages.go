package bench

import (
	"fmt"
	"html"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// listingSelector is the listing container of generated pages; benchProfile names it.
const listingSelector = "li.listing"

// benchProfile is the site profile of the generated marketplace, so wildlens scans it
// listing by listing as it does a known marketplace.
var benchProfile = bundle.Profile{
	ID:        "bench-market",
	Name:      "wildlens benchmark marketplace",
	URLs:      []string{"http://127.0.0.1:*/bench/listings-*.html"},
	Listing:   listingSelector,
	Title:     ".title",
	Price:     ".price",
	ListingID: "@data-id",
	SellerID:  ".seller@data-uid",
}

// generatedPage is a listing page and the text of each listing exactly as a TreeWalker
// over its text nodes reads it.
type generatedPage struct {
	HTML  string
	Texts []string
}

// Share of listings that carry a lexicon form, and that carry a benign phrase built on
// one (a near miss: 大鲵玩偶 is a toy; mark.js highlights it, wildlens should not).
const (
	hitShare    = 0.06
	benignShare = 0.03
)

var (
	zhGoods = []string{"实木书架", "二手沙发", "电饭煲", "羽绒服", "山地自行车", "蓝牙耳机", "机械键盘",
		"茶具套装", "紫砂壶", "菩提手串", "翡翠手镯", "黄花梨摆件", "红木茶盘", "青花瓷瓶", "铜香炉",
		"和田玉吊坠", "老银饰", "狼毫毛笔", "端砚", "台灯"}
	enGoods = []string{"oak side table", "desk lamp", "vintage brooch", "carved pendant",
		"bone-handle knife", "leather jacket", "road bike", "teapot set", "jade bracelet",
		"antique vase", "brass incense burner", "mechanical keyboard", "wool scarf", "walnut box"}
	zhSentences = []string{"九成新，功能正常，无划痕。", "搬家处理，同城可自提，外地包邮。",
		"原价购入，用了不到半年。", "尺寸见图，颜色以实物为准。", "包装完好，配件齐全。",
		"支持验货，不满意可退。", "实物拍摄，细节见图。", "价格可小刀，诚心要的来。",
		"全品无修，适合送礼。", "下午三点前付款当天发货。"}
	enSentences = []string{"Barely used, works perfectly, smoke-free home. ",
		"Local pickup preferred, can ship at buyer's cost. ", "Comes with the original box and manual. ",
		"Estate find, light wear consistent with age. ", "Measurements in the photos, no returns. ",
		"Price is firm, thanks for looking. ", "Ships within two days of payment. "}
	places      = []string{"上海", "北京", "广州", "深圳", "成都", "杭州", "Brooklyn", "Seattle", "Austin"}
	zhHitFrames = []string{"出%s，懂的来。", "收%s，价格好说。", "店主自藏%s，私聊看货。", "%s摆件，老料。"}
	enHitFrames = []string{"Genuine %s, message me. ", "Selling %s piece, discreet shipping. ",
		"Old %s carving, no paperwork. "}
)

// lexiconForm is a form of a lexicon entry as it may appear on a page.
type lexiconForm struct {
	text   string
	pinyin bool
}

func lexiconForms(b *bundle.Bundle) (forms []lexiconForm, benign []string) {
	for _, t := range b.Terms {
		forms = append(forms, lexiconForm{text: t.Term})
		for _, v := range t.Variants {
			forms = append(forms, lexiconForm{text: v})
		}
		for _, p := range t.Pinyin {
			forms = append(forms, lexiconForm{text: p, pinyin: true})
		}
		benign = append(benign, t.Benign...)
	}
	return forms, benign
}

func isHan(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.Is(unicode.Han, r)
}

// generatePage writes n listings of second-hand goods in Chinese and English with a
// deterministic seed. A listing with a hit shows the lexicon form as sellers write it:
// plain, split across an inline element (象<b>牙</b>), or spaced out (象 牙).
func generatePage(b *bundle.Bundle, n int) generatedPage {
	rng := rand.New(rand.NewPCG(2026, uint64(n)))
	forms, benign := lexiconForms(b)
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }

	var sb strings.Builder
	sb.WriteString("<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\"><title>二手市场 second-hand market</title></head>\n")
	sb.WriteString("<body><header><h1>二手好物 · Second-hand finds</h1></header><main><ul class=\"listings\">\n")
	texts := make([]string, 0, n)
	for i := range n {
		zh := rng.Float64() < 0.6
		var title, titleHTML string
		if zh {
			title = pick(zhGoods) + " " + pick(zhGoods)
		} else {
			title = pick(enGoods) + ", " + pick(enGoods)
		}
		titleHTML = html.EscapeString(title)

		// The description: sentences as text, with at most one inserted phrase whose
		// markup may differ from its text.
		var desc, descHTML strings.Builder
		sentences := 7 + rng.IntN(8)
		insertAt := rng.IntN(sentences)
		roll := rng.Float64()
		for s := range sentences {
			var sentence string
			if zh {
				sentence = pick(zhSentences)
			} else {
				sentence = pick(enSentences)
			}
			desc.WriteString(sentence)
			descHTML.WriteString(html.EscapeString(sentence))
			if s != insertAt {
				continue
			}
			switch {
			case roll < hitShare:
				text, markup := hitPhrase(rng, forms[rng.IntN(len(forms))])
				desc.WriteString(text)
				descHTML.WriteString(markup)
			case roll < hitShare+benignShare && len(benign) > 0:
				phrase := pick(benign)
				if isHan(phrase) {
					phrase = "全新" + phrase + "，送朋友。"
				} else {
					phrase = "Selling a " + phrase + ". "
				}
				desc.WriteString(phrase)
				descHTML.WriteString(html.EscapeString(phrase))
			}
		}
		price := fmt.Sprintf("¥%d", 20+rng.IntN(5000))
		place := pick(places)
		seller := fmt.Sprintf("卖家%03d", rng.IntN(400))
		// No whitespace between the tags: the listing's text is exactly its text nodes.
		fmt.Fprintf(&sb, "<li class=\"listing\" data-id=\"L%05d\"><h2 class=\"title\"><a href=\"#L%05d\">%s</a></h2>"+
			"<div class=\"meta\"><b class=\"price\">%s</b><span class=\"place\">%s</span></div>"+
			"<p class=\"desc\">%s</p><span class=\"seller\" data-uid=\"u%d\">%s</span></li>\n",
			i, i, titleHTML, html.EscapeString(price), html.EscapeString(place), descHTML.String(),
			rng.IntN(400), html.EscapeString(seller))
		texts = append(texts, title+price+place+desc.String()+seller)
	}
	sb.WriteString("</ul></main><footer>© 二手好物</footer></body></html>\n")
	return generatedPage{HTML: sb.String(), Texts: texts}
}

// hitPhrase returns a sentence carrying form, as text and as markup.
func hitPhrase(rng *rand.Rand, form lexiconForm) (text, markup string) {
	if !isHan(form.text) {
		frame := enHitFrames[rng.IntN(len(enHitFrames))]
		return fmt.Sprintf(frame, form.text), html.EscapeString(fmt.Sprintf(frame, form.text))
	}
	frame := zhHitFrames[rng.IntN(len(zhHitFrames))]
	before, after, _ := strings.Cut(frame, "%s")
	runes := []rune(form.text)
	shown, shownHTML := form.text, html.EscapeString(form.text)
	switch roll := rng.Float64(); {
	case roll < 0.2 && len(runes) > 1: // split across an inline element
		k := 1 + rng.IntN(len(runes)-1)
		shownHTML = html.EscapeString(string(runes[:k])) + "<b>" + html.EscapeString(string(runes[k:])) + "</b>"
	case roll < 0.3 && len(runes) > 1: // spaced out
		shown = strings.Join(slices.Collect(func(yield func(string) bool) {
			for _, r := range runes {
				if !yield(string(r)) {
					return
				}
			}
		}), " ")
		shownHTML = html.EscapeString(shown)
	}
	return before + shown + after, html.EscapeString(before) + shownHTML + html.EscapeString(after)
}

// termList is the same term list every peer gets: each entry's term, variants and
// generated pinyin (spaced as the bundle has it, and unspaced), once each.
func termList(b *bundle.Bundle) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, t := range b.Terms {
		add(t.Term)
		for _, v := range t.Variants {
			add(v)
		}
		for _, p := range t.Pinyin {
			add(p)
			add(strings.ReplaceAll(p, " ", ""))
		}
	}
	return out
}

// markRegExp is the one alternation given to mark.js's markRegExp, built for both
// wildlens's semantics and V8's regexp engine: literal forms only (pinyin spaced and
// unspaced as two forms: a \s* inside 3,000 alternatives made V8 ~100x slower),
// longest first (leftmost-longest, as wildlens displays), case-insensitive, and the
// Latin forms inside one pair of lookarounds so they match only as whole words
// (wildlens's word rule; per-alternative lookarounds with \p{L} and the u flag were
// ~10x slower again).
func markRegExp(b *bundle.Bundle) (source, flags string) {
	byLength := slices.Clone(termList(b))
	slices.SortStableFunc(byLength, func(a, b string) int { return len(b) - len(a) })
	var latin, other []string
	for _, t := range byLength {
		if r, _ := utf8.DecodeRuneInString(t); r < utf8.RuneSelf {
			latin = append(latin, regexpQuote(t))
		} else {
			other = append(other, regexpQuote(t))
		}
	}
	return `(?<![A-Za-z0-9])(?:` + strings.Join(latin, "|") + `)(?![A-Za-z0-9])|` + strings.Join(other, "|"), "gi"
}

// regexpQuote escapes the syntax characters of a JavaScript RegExp.
func regexpQuote(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\^$.|?*+()[]{}/`, r) {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}
