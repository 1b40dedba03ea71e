//go:build !js

package match_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// Every form of the built-in lexicon, written alone, finds its own entry (shown or among
// those its span beat), and so does every form disguised as sellers do (see disguised). A benign phrase, a word list or a fold that swallows a whole form shows
// here: day 7's matcher missed 果冻, 虎崽, 印星 and 家传 (a benign phrase writing a
// character twice, 虎崽崽, folded to the form itself) and every 陆龟 form written 辐*射*陆*龟.
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
	forms := 0
	for _, term := range bd.Terms {
		for _, form := range append([]string{term.Term}, term.Variants...) {
			forms++
			if !found("【"+form+"】", term.ID) {
				t.Errorf("%s: %q alone does not find its entry", term.ID, form)
			}
			for _, v := range disguised(form) {
				if !found(v, term.ID) {
					t.Errorf("%s: %q written %q does not find its entry", term.ID, form, v)
				}
			}
		}
	}
	if forms < 1000 {
		t.Fatalf("only %d forms: is this the built-in lexicon?", forms)
	}
}

// disguised returns a form written as sellers disguise it: a Chinese one with a symbol
// or a zero-width space between its characters (象*牙, 象\u200b牙), a Latin one in
// capitals and with its first word's letters dotted (I.V.O.R.Y BANGLE).
func disguised(form string) []string {
	switch {
	case chinese(form):
		chars := strings.Split(form, "")
		return []string{strings.Join(chars, "*"), strings.Join(chars, "\u200b")}
	case latin(form):
		out := []string{strings.ToUpper(form)}
		if words := strings.Split(form, " "); len(words[0]) >= 4 {
			words[0] = strings.Join(strings.Split(words[0], ""), ".")
			out = append(out, strings.Join(words, " "))
		}
		return out
	}
	return nil
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
