//go:build !js

package match_test

import (
	"cmp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// Every form of the built-in lexicon, written alone, finds its own entry (shown or among
// those its span beat), and so does every form disguised as sellers do (see disguised), and
// every pinyin spelling generated for it, with and without spaces. A benign phrase, a word
// list or a fold that swallows a whole form shows here: day 7's matcher missed 果冻, 虎崽,
// 印星 and 家传 (a benign phrase writing a character twice, 虎崽崽, folded to the form itself)
// and every 陆龟 form written 辐*射*陆*龟.
func TestEveryFormFindsItsEntry(t *testing.T) {
	bd, m := builtinMatcher(t)
	found := func(text, id string) bool {
		for _, mt := range m.Scan("form", text).Matches {
			if mt.TermID == id || slices.Contains(mt.Also, id) {
				return true
			}
		}
		return false
	}
	traditional := traditionalOf(bd.Tables.T2S)
	forms := 0
	for _, term := range bd.Terms {
		for _, form := range append([]string{term.Term}, term.Variants...) {
			forms++
			if !found("【"+form+"】", term.ID) {
				t.Errorf("%s: %q alone does not find its entry", term.ID, form)
			}
			for _, v := range disguised(form, traditional) {
				if !found(v, term.ID) {
					t.Errorf("%s: %q written %q does not find its entry", term.ID, form, v)
				}
			}
		}
		for _, p := range term.Pinyin {
			if !found(p, term.ID) {
				t.Errorf("%s: pinyin %q does not find its entry", term.ID, p)
			}
			// Written together, a spelling of three letters is an ordinary word too often
			// (aka), and one of four is generated only for entries of risk 3 or more (hupi).
			joined := strings.ReplaceAll(p, " ", "")
			if short := len(joined) < 4 || len(joined) == 4 && term.Risk < 3; found(joined, term.ID) == short && !slices.Contains(term.Variants, joined) {
				t.Errorf("%s: pinyin %q written together finds its entry: %v, want %v", term.ID, joined, !short, short)
			}
		}
	}
	if forms < 1000 {
		t.Fatalf("only %d forms: is this the built-in lexicon?", forms)
	}
}

// disguised returns a form written as sellers disguise it. A Chinese one: a symbol, a
// zero-width space, an ideographic space, an emoji or a full stop between its characters
// (象*牙, 象\u200b牙, 象　牙, 象🔥牙, 象.牙), and in traditional characters where they differ
// (象牙 has none; 熊膽). A Latin one: in capitals; in full-width, bold mathematical or
// circled letters (ｉｖｏｒｙ, 𝐢𝐯𝐨𝐫𝐲, ⓘⓥⓞⓡⓨ); with its first Cyrillic look-alike
// letter swapped in (іvory) or its first i or o written as a digit (1vory); and with its
// first word's letters dotted, hyphenated or spaced (I.V.O.R.Y BANGLE, i-v-o-r-y, i v o r y).
func disguised(form string, traditional map[rune]rune) []string {
	switch {
	case chinese(form):
		chars := strings.Split(form, "")
		out := []string{strings.Join(chars, "*"), strings.Join(chars, "\u200b"), strings.Join(chars, "　"),
			strings.Join(chars, "🔥"), strings.Join(chars, ".")}
		if tr := strings.Map(func(r rune) rune { return cmp.Or(traditional[r], r) }, form); tr != form {
			out = append(out, tr)
		}
		return out
	case latin(form):
		lower := strings.ToLower(form)
		styled := func(a rune) string {
			return strings.Map(func(r rune) rune {
				if r >= 'a' && r <= 'z' {
					return r - 'a' + a
				}
				return r
			}, lower)
		}
		out := []string{strings.ToUpper(form), styled('ａ'), styled('𝐚'), styled('ⓐ')}
		// A look-alike inside a word: a lone Cyrillic letter (е hair) is a Cyrillic word.
		if k := lookalikeAt(lower); k >= 0 {
			out = append(out, lower[:k]+string(cyrillicLookalikes[lower[k]])+lower[k+1:])
		}
		if k := strings.IndexAny(lower, "io"); k >= 0 {
			out = append(out, lower[:k]+map[byte]string{'i': "1", 'o': "0"}[lower[k]]+lower[k+1:])
		}
		if words := strings.Split(form, " "); len(words[0]) >= 4 {
			letters := strings.Split(words[0], "")
			for _, sep := range []string{".", "-", " "} {
				words[0] = strings.Join(letters, sep)
				out = append(out, strings.Join(words, " "))
			}
		}
		return out
	}
	return nil
}

// lookalikeAt returns where the first letter with a Cyrillic look-alike stands in a word
// of two letters or more, or -1.
func lookalikeAt(form string) int {
	for i := 0; i < len(form); i++ {
		if strings.IndexByte("aeopcxyi", form[i]) < 0 {
			continue
		}
		alone := (i == 0 || form[i-1] == ' ') && (i+1 == len(form) || form[i+1] == ' ')
		if !alone {
			return i
		}
	}
	return -1
}

// cyrillicLookalikes are Cyrillic letters that look like Latin ones.
var cyrillicLookalikes = map[byte]rune{'a': 'а', 'e': 'е', 'o': 'о', 'p': 'р', 'c': 'с', 'x': 'х', 'y': 'у', 'i': 'і'}

// traditionalOf inverts the bundle's traditional-to-simplified table, one character to
// one: for each simplified character, the least traditional one that folds to it.
func traditionalOf(t2s map[string]string) map[rune]rune {
	out := map[rune]rune{}
	for tr, si := range t2s {
		a, n := utf8.DecodeRuneInString(si)
		b, m := utf8.DecodeRuneInString(tr)
		if n != len(si) || m != len(tr) || a == b {
			continue
		}
		if old, ok := out[a]; !ok || b < old {
			out[a] = b
		}
	}
	return out
}

func latin(form string) bool {
	return strings.Trim(form, " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// chinese reports whether a form is two or more Han characters and nothing else.
func chinese(form string) bool {
	n := 0
	for _, r := range form {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2
}

// Every benign phrase of the built-in lexicon, written alone, does not show its own entry.
func TestEveryBenignPhraseCoversItsEntry(t *testing.T) {
	bd, m := builtinMatcher(t)
	phrases := 0
	for _, term := range bd.Terms {
		for _, phrase := range term.Benign {
			phrases++
			for _, mt := range m.Scan("benign", "【"+phrase+"】").Matches {
				if mt.TermID == term.ID {
					t.Errorf("%s: its benign phrase %q shows it (%q)", term.ID, phrase, mt.Text)
				}
			}
		}
	}
	if phrases < 1000 {
		t.Fatalf("only %d benign phrases: is this the built-in lexicon?", phrases)
	}
}

// builtinMatcher is the matcher of the built-in lexicon, and its bundle.
func builtinMatcher(t *testing.T) (*bundle.Bundle, *match.Matcher) {
	t.Helper()
	bd, err := fullBundle()
	if err != nil {
		t.Fatal(err)
	}
	m, err := match.New(bd, match.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return bd, m
}
