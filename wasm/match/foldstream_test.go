//go:build !js

package match_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wildlens/wildlens/internal/testcorpus"
	"github.com/wildlens/wildlens/wasm/match"
)

// streamAlphabet holds runes of every class the folds tell apart, several of each kind
// of fold, and the symbols the test lexicon's patterns begin with, so random strings
// over it meet every rule and every pair of neighbouring rules.
var streamAlphabet = []string{
	"a", "b", "i", "v", "o", "r", "y", "x", "l", "A", "I", "V", "O", "R", "0", "1", "3", "9",
	" ", " ", "  ", "\t", ".", "*", "-", "+", "/", "'", "\n", "\r", "\v",
	"象", "牙", "犀", "角", "出", "收", "猩", "鹤", "顶", "红", "玉", "三", "号", "料", "下", "滥", "黄", "片", "塔",
	"鶴", "頂", "紅", "犀", "貨", "〇", "十",
	"Ａ", "ｉ", "ｖ", "１", "①", "③", "⑸", "㈤", "⒦", "ⓐ", "𝐚", "⻆",
	"і", "о", "а", "ο", "ν", "Ι", "р", "у",
	"\u200b", "\u200d", "\ufe0f", "\u0301", "\u00ad",
	"🐘", "🦏", "😀", "🐯", "👍🏽", "★", "¥", "€",
	"。", "，", "、", "！", "（", "）", "…", "【", "】", "「", "」", "—", "™", "\u2028", "\u2029", "\u0085",
	"é", "ß", "ﬁ", "Ǆ", "ⅰ", "Ⅻ", "\x00", "\xff", "\xe8\xb1", // invalid UTF-8 too
}

func randomStreamTexts(n int, seed uint64) []string {
	rng := rand.New(rand.NewPCG(seed, 1))
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for range rng.IntN(24) {
			piece := streamAlphabet[rng.IntN(len(streamAlphabet))]
			for range 1 + rng.IntN(3)/2 { // repeats, for the repeat rule
				b.WriteString(piece)
			}
		}
		texts[i] = b.String()
	}
	return texts
}

// TestStreamFoldAgrees: the stream fold that scans use gives the reference pipeline's
// folded text and meta, byte for byte, with every fold on and with each one off, over
// random strings, the case tables, the corpus and the test pages.
func TestStreamFoldAgrees(t *testing.T) {
	texts := randomStreamTexts(20000, 1)
	for _, l := range corpusListings(t) {
		texts = append(texts, l.Text)
	}
	tables, _ := filepath.Glob(testdata + "*.txt")
	for _, name := range append(tables, testcorpus.PageFiles(t, repoRoot)...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(data), "\n")...)
		texts = append(texts, string(data))
	}
	options := [][]string{nil}
	for _, fold := range match.FoldNames() {
		options = append(options, []string{fold})
	}
	for _, disable := range options {
		for _, m := range []*match.Matcher{testMatcher(t, disable...), productMatcher(t, disable...)} {
			if bad := match.StreamFoldDisagreements(m, texts); len(bad) > 0 {
				t.Errorf("folds off %v: %d of %d texts differ, first: %s", disable, len(bad), len(texts), strings.Join(bad[:min(3, len(bad))], "\n"))
			}
		}
	}
}

func productMatcher(t *testing.T, disable ...string) *match.Matcher {
	t.Helper()
	bd, err := fullBundle()
	if err != nil {
		t.Fatal(err)
	}
	m, err := match.New(bd, match.Options{DisableFolds: disable})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
