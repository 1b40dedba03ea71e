package lexicon

import "testing"

// The fold tables come from maintained data; these cases are the forms the matcher's
// rules name, each checked against what the data must say.
func TestBuildTables(t *testing.T) {
	tables, err := BuildTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		table    map[string]string
		name     string
		in, want string
	}{
		{tables.Compat, "compat", "Ａ", "A"},
		{tables.Compat, "compat", "𝐢", "i"},
		{tables.Compat, "compat", "ⓐ", "a"},
		{tables.Compat, "compat", "①", "1"},
		{tables.Compat, "compat", "⒦", "k"}, // NFKC: (k)
		{tables.Compat, "compat", "⑸", "5"}, // NFKC: (5)
		{tables.Compat, "compat", "⒋", "4"}, // NFKC: 4.
		{tables.Compat, "compat", "㈤", "五"}, // NFKC: (五)
		{tables.Compat, "compat", "⓿", "0"}, // no decomposition: from the name
		{tables.Compat, "compat", "➃", "4"}, // DINGBAT CIRCLED SANS-SERIF DIGIT FOUR
		{tables.Compat, "compat", "❶", "1"},
		{tables.Compat, "compat", "⓫", "11"},
		{tables.Compat, "compat", "🅸", "I"}, // NEGATIVE SQUARED LATIN CAPITAL LETTER I: from the name (the case fold follows)
		{tables.Compat, "compat", "🅘", "I"}, // NEGATIVE CIRCLED
		{tables.Compat, "compat", "🇮", ""},  // REGIONAL INDICATOR SYMBOL LETTER I: half a flag, stays
		{tables.Compat, "compat", "⻆", "角"}, // CJK RADICAL SIMPLIFIED HORN → KANGXI RADICAL HORN
		{tables.Compat, "compat", "⾓", "角"},
		{tables.Compat, "compat", "\u3000", " "},
		{tables.T2S, "t2s", "紅", "红"},
		{tables.T2S, "t2s", "象", ""}, // same in both scripts: no entry
		{tables.T2S, "t2s", "鶴", "鹤"},
		{tables.T2S, "t2s", "製", "制"},
		{tables.Compat, "compat", "➕", "+"}, // heavy plus sign: confusables
		{tables.Compat, "compat", "➖", "-"},
		{tables.Homoglyph, "homoglyph", "о", "o"}, // Cyrillic
		{tables.Homoglyph, "homoglyph", "ι", "i"}, // Greek
		{tables.Homoglyph, "homoglyph", "0", "o"},
		{tables.Homoglyph, "homoglyph", "1", "i"},
		{tables.Homoglyph, "homoglyph", "ү", "y"}, // Cyrillic straight u: from confusables, not listed by hand
		{tables.Homoglyph, "homoglyph", "օ", "o"}, // Armenian
		{tables.Homoglyph, "homoglyph", "Ꭺ", "A"}, // Cherokee
		{tables.Homoglyph, "homoglyph", "ı", "i"}, // Latin dotless i
		{tables.Homoglyph, "homoglyph", "ø", "o"}, // reviewed: a stroke, no decomposition
		{tables.Homoglyph, "homoglyph", "І", "I"}, // reviewed: confusables says l
		{tables.Homoglyph, "homoglyph", "ᴠ", ""},  // small capital: the compat fold's
		{tables.Homoglyph, "homoglyph", "ا", ""},  // Arabic alef: skeleton l, not taken
		{tables.Homoglyph, "homoglyph", "口", ""},
		{tables.Emoji, "emoji", "🐘", "象"},
		{tables.Emoji, "emoji", "🐾", "掌"}, // 🐻🐾: bear paws
		{tables.Emoji, "emoji", "🥚", "蛋"}, // 海🐢🥚: sea-turtle eggs
		{tables.Emoji, "emoji", "❄", "雪"}, // ❄️🐆: a snow leopard
		{tables.Emoji, "emoji", "⚪", "白"}, // ⚪️料挂件: 白料
		{tables.Numeral, "numeral", "三", "3"},
		{tables.Numeral, "numeral", "叁", "3"},
		{tables.Numeral, "numeral", "〇", "0"},
		{tables.Numeral, "numeral", "拾", "十"},
	} {
		if got := c.table[c.in]; got != c.want {
			t.Errorf("%s[%q] = %q, want %q", c.name, c.in, got, c.want)
		}
	}
	if n := len(tables.T2S); n < 4000 || n > 4500 {
		t.Errorf("t2s has %d entries; OpenCC's TSCharacters has about 4,100", n)
	}
}
