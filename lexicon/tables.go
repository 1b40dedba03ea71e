package lexicon

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
	"github.com/mozillazg/go-pinyin"
	"github.com/mtibben/confusables"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
	"golang.org/x/text/width"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

// BuildTables computes the matcher's fold tables natively, from maintained data, so the
// wasm engine needs neither the data nor the libraries that carry it (see bundle.Tables
// and the fold rules in package match).
func BuildTables() (bundle.Tables, error) {
	t2s, err := traditionalToSimplified()
	if err != nil {
		return bundle.Tables{}, err
	}
	compat := compatibilityForms()
	return bundle.Tables{
		Compat:    compat,
		T2S:       t2s,
		Homoglyph: homoglyphs(compat),
		Numeral:   numerals(),
		Emoji:     emojiCharacters(),
		Homophone: homophones(),
	}, nil
}

// compatibilityForms folds every rune whose NFKC form (or, failing that, width fold)
// differs from it, and repairs the forms NFKC leaves unusable for matching:
//
//	⒦ → "(k)" → k     ⑸ → "(5)" → 5     ⒋ → "4." → 4     ㈤ → "(五)" → 五
//	⓿ ➃ ❶ ⓫ (no decomposition): read from the character name, → 0 4 1 11
//	⻆ (CJK RADICAL SIMPLIFIED HORN, no decomposition) → the Kangxi radical of the same
//	  name ⾓ → 角
//	í à ǎ ṙ (Latin letters with diacritics) → i a a r: pinyin with tone marks (xiàng yá),
//	  accents as a disguise (ívory)
//	ɪᴠᴏʀʏ (small capitals, fancy-text letters with no decomposition) → ivory, read from
//	  the character name
//
// Symbols that NFKC spells with letters (™ → TM, ℠, ㎏ → kg) are left alone: folded,
// they would join the word they are written against.
//
// Enclosures are stripped rather than kept because sellers use them to spell a term
// (③号料), never to mean the brackets.
func compatibilityForms() map[string]string {
	kangxi := map[string]rune{}
	for r := rune(0x2F00); r <= 0x2FDF; r++ {
		if name := runenames.Name(r); strings.HasPrefix(name, "KANGXI RADICAL ") {
			kangxi[strings.TrimPrefix(name, "KANGXI RADICAL ")] = r
		}
	}
	out := map[string]string{}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF || !unicode.Is(unicode.L, r) && !unicode.Is(unicode.N, r) &&
			!unicode.Is(unicode.S, r) && !unicode.Is(unicode.P, r) && !unicode.Is(unicode.Z, r) {
			continue
		}
		s := string(r)
		folded := norm.NFKC.String(s)
		if folded == s {
			folded = width.Fold.String(s)
		}
		if enclosed(r) {
			folded = unenclose(r, folded)
		}
		if base := withoutDiacritics(folded); base != folded {
			folded = base
		}
		if folded == s {
			folded = letterByName(r, folded)
		}
		if folded == s && r >= utf8.RuneSelf && (unicode.Is(unicode.S, r) || unicode.Is(unicode.P, r)) {
			folded = asciiSymbolLookalike(s)
		}
		if folded == s && r >= 0x2E80 && r <= 0x2EFF {
			if k, ok := kangxi[radicalName(runenames.Name(r))]; ok {
				folded = norm.NFKC.String(string(k))
			}
		}
		if unicode.Is(unicode.S, r) && asciiLetters(folded) > 1 {
			continue // ™ is "TM": folded, it would run into the word it follows (Rhino Horn™)
		}
		if folded != s && folded != "" {
			out[s] = folded
		}
	}
	return out
}

// asciiLetters counts the ASCII letters of s.
func asciiLetters(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' {
			n++
		}
	}
	return n
}

// asciiSymbolLookalike folds a symbol that Unicode's confusables (UTS #39) list as an
// ASCII symbol to that symbol: ➕V is +V. Only symbols a lexicon form begins or ends
// with survive the noise rule (see the matcher's doc), so for any other symbol this
// changes nothing.
func asciiSymbolLookalike(s string) string {
	if sk := confusables.Skeleton(s); len(sk) == 1 && sk != s && sk[0] > ' ' && sk[0] < utf8.RuneSelf &&
		(unicode.IsPunct(rune(sk[0])) || unicode.IsSymbol(rune(sk[0]))) {
		return sk
	}
	return s
}

// letterByName reads the letter of fancy-text small capitals, which NFKC leaves alone,
// from their names: ɪᴠᴏʀʏ (LATIN LETTER SMALL CAPITAL I, ...) is ivory. (Regional
// indicators 🇮🇻 stay emoji: as flags between characters they are noise.)
func letterByName(r rune, folded string) string {
	if l, ok := strings.CutPrefix(runenames.Name(r), "LATIN LETTER SMALL CAPITAL "); ok && len(l) == 1 && l[0] >= 'A' && l[0] <= 'Z' {
		return strings.ToLower(l)
	}
	return folded
}

// withoutDiacritics strips the marks from Latin letters (ívory → ivory, xiàng yá →
// xiang ya: pinyin with tone marks, accents as a disguise), returning s unchanged when
// it is not made of Latin letters and marks alone. Letters without a decomposition
// (ø, ł, ß) stay.
func withoutDiacritics(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.Is(unicode.Latin, r):
			b.WriteRune(r)
		default:
			return s
		}
	}
	if b.Len() == 0 {
		return s
	}
	return b.String()
}

func enclosed(r rune) bool {
	return r >= 0x2460 && r <= 0x24FF || r >= 0x2776 && r <= 0x2793 ||
		r >= 0x3200 && r <= 0x32FF || r >= 0x1F100 && r <= 0x1F1FF
}

var numberWords = map[string]string{
	"ZERO": "0", "ONE": "1", "TWO": "2", "THREE": "3", "FOUR": "4", "FIVE": "5", "SIX": "6",
	"SEVEN": "7", "EIGHT": "8", "NINE": "9", "TEN": "10", "ELEVEN": "11", "TWELVE": "12",
	"THIRTEEN": "13", "FOURTEEN": "14", "FIFTEEN": "15", "SIXTEEN": "16", "SEVENTEEN": "17",
	"EIGHTEEN": "18", "NINETEEN": "19", "TWENTY": "20",
}

func unenclose(r rune, folded string) string {
	if len(folded) > 2 && folded[0] == '(' && folded[len(folded)-1] == ')' {
		return folded[1 : len(folded)-1]
	}
	if n := len(folded); n > 1 && (folded[n-1] == '.' || folded[n-1] == ',') && isDigits(folded[:n-1]) {
		return folded[:n-1]
	}
	if folded != string(r) {
		return folded
	}
	fields := strings.Fields(runenames.Name(r))
	// 🅸 NEGATIVE SQUARED LATIN CAPITAL LETTER I, 🅘 NEGATIVE CIRCLED ...: fancy-text
	// letters without a decomposition. (Regional indicators are not LATIN: flags.)
	if n := len(fields); n >= 3 && slices.Contains(fields, "LATIN") && fields[n-2] == "LETTER" && len(fields[n-1]) == 1 {
		return fields[n-1]
	}
	for i := 0; i+1 < len(fields); i++ {
		if fields[i] == "DIGIT" || fields[i] == "NUMBER" {
			if d, ok := numberWords[fields[i+1]]; ok {
				return d
			}
		}
	}
	return folded
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// radicalName turns "CJK RADICAL C-SIMPLIFIED SHELL" into "SHELL", the name of the
// Kangxi radical it is a variant of.
func radicalName(name string) string {
	name = strings.TrimPrefix(name, "CJK RADICAL ")
	for _, prefix := range []string{"C-SIMPLIFIED ", "J-SIMPLIFIED ", "SIMPLIFIED ", "SECOND ", "THIRD ", "ALTERNATIVE "} {
		name = strings.TrimPrefix(name, prefix)
	}
	return name
}

// traditionalToSimplified extracts OpenCC's character table by converting every CJK
// ideograph on its own line with OpenCC's t2s conversion (its TSCharacters table; the
// line breaks keep its phrase table from joining neighbours), so the table is OpenCC's
// data, never a hand-written list.
func traditionalToSimplified() (map[string]string, error) {
	cc, err := opencc.New("t2s")
	if err != nil {
		return nil, fmt.Errorf("opencc t2s: %w", err)
	}
	var ideographs []rune
	for _, block := range [][2]rune{{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x2FA1F}} {
		for r := block[0]; r <= block[1]; r++ {
			if unicode.Is(unicode.Han, r) {
				ideographs = append(ideographs, r)
			}
		}
	}
	var in strings.Builder
	for _, r := range ideographs {
		in.WriteRune(r)
		in.WriteByte('\n')
	}
	converted, err := cc.Convert(in.String())
	if err != nil {
		return nil, fmt.Errorf("opencc t2s: %w", err)
	}
	lines := strings.Split(converted, "\n")
	if len(lines) != len(ideographs)+1 {
		return nil, fmt.Errorf("opencc t2s: converted %d ideographs into %d lines", len(ideographs), len(lines)-1)
	}
	out := map[string]string{}
	for i, r := range ideographs {
		if s := lines[i]; s != string(r) && utf8.RuneCountInString(s) == 1 {
			out[string(r)] = s
		}
	}
	if len(out) < 2000 {
		return nil, fmt.Errorf("opencc t2s: only %d traditional characters found (OpenCC data missing?)", len(out))
	}
	return out, nil
}

// homoglyphs is the look-alike table: letters of other scripts that render like Latin
// ones, and the digits sellers type for letters. The matcher applies it only inside
// words that already contain a Latin letter, so Russian and Greek text stays as it is.
//
// The letters come from Unicode's confusables (UTS #39, through
// github.com/mtibben/confusables): every letter outside the Chinese, Japanese and Korean
// scripts whose skeleton is one Latin letter (Cyrillic ү → y, Armenian օ → o, Cherokee
// Ꭺ → A, Latin ı → i), so a trader's next script is already covered. Two kinds are
// left to the reviewed pairs below, which take precedence: skeletons of "l" (in UTS #39
// every vertical stroke, the capital I too, is "l": Cyrillic І and Greek Ι are I in
// ІVORY), and lower-case letters Unicode does not list that sellers use (в for b, η
// for n). Letters the compat fold already maps (small capitals) are not repeated.
func homoglyphs(compat map[string]string) map[string]string {
	out := map[string]string{}
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		s := string(r)
		if !unicode.IsLetter(r) || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo) || compat[s] != "" {
			continue
		}
		sk := confusables.Skeleton(s)
		if len(sk) == 1 && sk != "l" && (sk[0] >= 'a' && sk[0] <= 'z' || sk[0] >= 'A' && sk[0] <= 'Z') {
			out[s] = sk
		}
		// Cherokee and Lisu letters are drawn as capitals: the one UTS #39 writes l is
		// a capital I there (ꓔꓲꓖꓰꓣ, ᎢᏆᏀᎬᏒ: TIGER).
		if sk == "l" && (r >= 0x13A0 && r <= 0x13FF || r >= 0xA4D0 && r <= 0xA4FF) {
			out[s] = "I"
		}
	}
	reviewed := []string{
		// Cyrillic lower and upper case
		"а", "a", "в", "b", "е", "e", "ё", "e", "к", "k", "м", "m", "н", "h", "о", "o", "р", "p",
		"с", "c", "т", "t", "у", "y", "х", "x", "і", "i", "ї", "i", "ј", "j", "ѕ", "s", "ԁ", "d",
		"ԛ", "q", "ԝ", "w", "һ", "h", "ӏ", "l",
		"А", "A", "В", "B", "Е", "E", "К", "K", "М", "M", "Н", "H", "О", "O", "Р", "P", "С", "C",
		"Т", "T", "У", "Y", "Х", "X", "І", "I", "Ј", "J", "Ѕ", "S", "Ԁ", "D", "Ԛ", "Q", "Ԝ", "W",
		// Greek lower and upper case
		"α", "a", "β", "b", "ε", "e", "η", "n", "ι", "i", "κ", "k", "ν", "v", "ο", "o", "ρ", "p",
		"τ", "t", "υ", "u", "χ", "x", "γ", "y", "ω", "w",
		"Α", "A", "Β", "B", "Ε", "E", "Ζ", "Z", "Η", "H", "Ι", "I", "Κ", "K", "Μ", "M", "Ν", "N",
		"Ο", "O", "Ρ", "P", "Τ", "T", "Υ", "Y", "Χ", "X",
		// Latin letters with a stroke, which have no decomposition to strip
		"ø", "o", "Ø", "O", "ł", "l", "Ł", "L", "đ", "d", "Đ", "D", "ħ", "h", "Ħ", "H", "ŧ", "t", "Ŧ", "T",
		// digits typed for letters
		"0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t",
	}
	for i := 0; i < len(reviewed); i += 2 {
		out[reviewed[i]] = reviewed[i+1]
	}
	return out
}

// numerals folds Chinese digits (common and financial forms) to ASCII digits, so that
// 下三滥, 下3滥 and 下③滥 are one pattern, and the financial forms of ten, hundred and
// thousand to the common ones (拾叁鳞 is 十3鳞, as 十三鳞 is).
func numerals() map[string]string {
	out := map[string]string{"拾": "十", "佰": "百", "仟": "千"}
	for d, forms := range []string{"〇零", "一壹", "二贰两", "三叁", "四肆", "五伍", "六陆", "七柒", "八捌", "九玖"} {
		for _, r := range forms {
			out[string(r)] = string(rune('0' + d))
		}
	}
	return out
}

// emojiCharacters maps the emoji sellers write in place of a character of a Chinese
// form (🐘牙, 🦏角, 🐯🦴) to the character: an animal to the character the trade's
// terms name it by, a tooth to 牙, a bone to 骨, paw prints to 掌 (🐻🐾), an egg to 蛋
// (海🐢🥚), a snowflake to 雪 (❄️🐆), a white or black circle to 白 or 黑 (⚪️料挂件).
// Reviewed by hand: the CLDR names
// (大象, 老虎脸) are not the characters terms use. Lexicon.tables keeps only the
// emoji whose character is part of a longer Chinese form of the lexicon and is not a
// form on its own, so a decorative 🦜 or 🐼 is no hit.
func emojiCharacters() map[string]string {
	pairs := []string{
		"🐘", "象", "🦣", "猛犸", "🦏", "犀", "🐯", "虎", "🐅", "虎", "🐆", "豹", "🦁", "狮",
		"🐻", "熊", "🐼", "熊猫", "🦈", "鲨", "🐢", "龟", "🐊", "鳄", "🐍", "蛇", "🦎", "蜥",
		"🦅", "鹰", "🦉", "鸮", "🦜", "鹦鹉", "🐒", "猴", "🐵", "猴", "🦧", "猩猩", "🦍", "猩猩",
		"🐋", "鲸", "🐳", "鲸", "🐬", "海豚", "🦭", "海豹", "🦦", "水獭", "🐺", "狼", "🦊", "狐",
		"🦌", "鹿", "🐴", "马", "🐎", "马", "🪸", "珊瑚", "🦷", "牙", "🦴", "骨", "💰", "钱", "🎩", "帽", "🛡", "甲",
		"🐱", "猫", "🐈", "猫", "🐮", "牛", "🐂", "牛", "🐄", "牛", "🐃", "牛", "🐟", "鱼", "🐠", "鱼",
		"🐦", "鸟", "🐚", "贝", "🐸", "蛙", "🦢", "天鹅", "🦚", "孔雀", "🐉", "龙", "🐲", "龙",
		"⛰", "山", "🏔", "山", "🗻", "山", "⭐", "星", "🌟", "星", "🐾", "掌", "🥚", "蛋", "❄", "雪", "⚪", "白", "⚫", "黑",
	}
	out := make(map[string]string, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		out[pairs[i]] = pairs[i+1]
	}
	return out
}

// homophones gives each character of GB 2312 (the 6,763 of everyday simplified Chinese)
// its most likely reading with its tone (go-pinyin, Tone3: 钾 and 甲 jia3, 归 gui1, 龟
// gui1; a neutral tone has no digit). Sellers swap one character of a goods name for
// another that sounds the same or nearly (穿山钾片, 河顶红 for 鹤顶红); the matcher reads
// the longer goods forms by sound with it (see package match, sounds.go).
func homophones() map[string]string {
	args := pinyin.NewArgs()
	args.Style = pinyin.Tone3
	decoder := simplifiedchinese.GBK.NewDecoder()
	out := map[string]string{}
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			b, err := decoder.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				continue
			}
			r, size := utf8.DecodeRune(b)
			if size != len(b) || r == utf8.RuneError || !unicode.Is(unicode.Han, r) {
				continue
			}
			if readings := pinyin.SinglePinyin(r, args); len(readings) > 0 {
				out[string(r)] = readings[0]
			}
		}
	}
	return out
}
