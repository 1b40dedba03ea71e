package lexicon

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mozillazg/go-pinyin"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// defaultRisk is the risk of an entry that states none: moderate.
const defaultRisk = 3

// maxPinyinPerForm caps the spellings generated for one Chinese form. Heteronyms
// multiply (长颈鹿 has 2×2×2 readings); the cap keeps the automaton small while covering
// every reading of a form with one heteronym of up to four readings, or two of two.
const maxPinyinPerForm = 4

// Compile builds a sealed bundle of the given version: the terms with their defaults
// applied and pinyin generated, the fold tables, the part of gse's dictionary the
// boundary decisions need, the sources and the site profiles. The same lexicon always
// gives the same content hash.
func (l *Lexicon) Compile(version int64) (*bundle.Bundle, error) {
	if version <= 0 {
		return nil, fmt.Errorf("lexicon: bundle version %d is not a positive integer", version)
	}
	tables, err := l.tables()
	if err != nil {
		return nil, fmt.Errorf("lexicon: fold tables: %w", err)
	}
	full, err := FullDictionary()
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	pinyins := l.pinyin(func(s string) string { return match.FoldPattern(&tables, s) })
	terms := make([]bundle.Term, len(l.Terms))
	for i, t := range l.Terms {
		t.Variants = slices.Clone(t.Variants)
		t.Benign = slices.Clone(t.Benign)
		t.BenignContext = slices.Clone(t.BenignContext)
		t.Source = slices.Clone(t.Source)
		if t.Risk == 0 {
			t.Risk = defaultRisk
		}
		t.Boundary = effectiveBoundary(&t)
		t.Pinyin = pinyins[i]
		t.BenignPinyin = benignPinyin(&t)
		terms[i] = t
	}
	b := &bundle.Bundle{
		Version:        version,
		Terms:          terms,
		Sources:        l.Sources,
		Tables:         tables,
		Words:          match.TrimDictionary(terms, full),
		Profiles:       l.Profiles,
		Appearance:     l.Appearance,
		Depiction:      l.Depiction,
		Supplies:       l.Supplies,
		Young:          l.Young,
		Discourse:      l.Discourse,
		DiscourseVerbs: l.DiscourseVerbs,
		Materials:      l.Materials,
		Prohibition:    l.Prohibition,
		Refusals:       l.Refusals,
		Offers:         l.Offers,
		Purpose:        l.Purpose,
		Objects:        l.Objects,
		Permits:        l.Permits,
		Advocacy:       l.Advocacy,
		Covers:         l.Covers,
		Evidence:       l.Evidence,
		Admissions:     l.Admissions,
		Provenance:     l.Provenance,
	}
	if _, err := bundle.Seal(b); err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	return b, nil
}

// pinyin spells every entry's Chinese forms (see pinyinForms) and drops each spelling
// that reads a form with an alternative reading of a heteronym when another entry
// claims it: as a form, or as its own most likely reading (大猫 read dai mao is 玳瑁's
// dai mao). Two most likely readings that collide stay; lint reports them.
func (l *Lexicon) pinyin(fold func(string) string) [][]string {
	all := make([][]pinyinForm, len(l.Terms))
	claimedBy := map[string]map[int]bool{}
	claim := func(text string, entry int) {
		if claimedBy[text] == nil {
			claimedBy[text] = map[int]bool{}
		}
		claimedBy[text][entry] = true
	}
	for i := range l.Terms {
		t := &l.Terms[i]
		for _, form := range append([]string{t.Term}, t.Variants...) {
			claim(fold(form), i)
		}
		all[i] = pinyinForms(t)
		for _, f := range all[i] {
			if f.primary {
				claim(fold(f.text), i)
			}
		}
	}
	out := make([][]string, len(l.Terms))
	for i, spellings := range all {
		for _, sp := range spellings {
			others := len(claimedBy[fold(sp.text)])
			if claimedBy[fold(sp.text)][i] {
				others--
			}
			if sp.primary || others == 0 {
				out[i] = append(out[i], sp.text)
			}
		}
	}
	return out
}

// pinyinForm is one generated spelling; primary marks a form's most likely reading.
type pinyinForm struct {
	text    string
	primary bool
}

// pinyinForms spells every Chinese form of an entry (term and variants made only of
// Chinese characters) in toneless lower-case pinyin, syllables separated by one space.
// One-character forms get none: a lone syllable (si, ma, he) is too often an ordinary
// Latin word. Spellings already written as variants are not repeated.
func pinyinForms(t *bundle.Term) []pinyinForm {
	written := map[string]bool{}
	for _, v := range t.Variants {
		written[strings.ToLower(v)] = true
	}
	var out []pinyinForm
	for _, form := range append([]string{t.Term}, t.Variants...) {
		if utf8.RuneCountInString(form) < 2 || !allHan(form) {
			continue
		}
		for j, p := range spell(form) {
			if !written[p] {
				written[p] = true
				out = append(out, pinyinForm{p, j == 0})
			}
		}
	}
	return out
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal
	a.Heteronym = true
	return a
}()

// spell returns a Chinese form's readings, the most likely first: every character's
// first reading, then the combinations that use fewer alternative readings, up to
// maxPinyinPerForm.
func spell(form string) []string {
	readings := pinyin.Pinyin(form, pinyinArgs)
	if len(readings) != utf8.RuneCountInString(form) {
		return nil // a character go-pinyin does not know: no honest spelling
	}
	type combo struct {
		pick []int
		alts int
	}
	combos := []combo{{pick: make([]int, len(readings))}}
	for i, r := range readings {
		var next []combo
		for _, c := range combos {
			for j := range r {
				p := append(slices.Clone(c.pick[:i]), j)
				p = append(p, c.pick[i+1:]...)
				alts := c.alts
				if j > 0 {
					alts++
				}
				next = append(next, combo{pick: p, alts: alts})
			}
		}
		// Keep the candidate list bounded while it grows: order by how many
		// alternative readings a spelling uses, then by reading index.
		sort.SliceStable(next, func(a, b int) bool { return next[a].alts < next[b].alts })
		if len(next) > maxPinyinPerForm {
			next = next[:maxPinyinPerForm]
		}
		combos = next
	}
	out := make([]string, 0, len(combos))
	for _, c := range combos {
		syl := make([]string, len(readings))
		for i, j := range c.pick {
			syl[i] = readings[i][j]
		}
		out = append(out, strings.Join(syl, " "))
	}
	return out
}

// benignPinyin spells each Chinese benign phrase of an entry that holds one of its
// Chinese forms (two characters or more) by every character's most likely reading, as
// the form's own pinyin is spelled: all of it (xiang ya bai), with the form's syllables
// written together as the matcher also reads them (xiangya bai), and the form alone in
// pinyin beside the phrase's other characters, with or without a space (dai mao 色,
// zhi wu xiangya), for phrases of at most two characters besides the form. A seller
// writing 象牙白 as xiangya bai names the colour, not ivory.
func benignPinyin(t *bundle.Term) []string {
	// Only short phrases (象牙白, 玳瑁色, 植物象牙): they are the colours, kinds and
	// names a seller spells out; every phrase spelled would cost a matcher ~2 MB.
	const maxBenignPinyinRest = 2
	var forms []string
	for _, f := range append([]string{t.Term}, t.Variants...) {
		if utf8.RuneCountInString(f) >= 2 && allHan(f) {
			forms = append(forms, f)
		}
	}
	seen := map[string]bool{}
	for _, b := range t.Benign {
		seen[strings.ToLower(b)] = true
	}
	var out []string
	add := func(parts ...string) {
		s := strings.TrimSpace(strings.Join(parts, ""))
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, phrase := range t.Benign {
		if !allHan(phrase) {
			continue
		}
		readings := pinyin.Pinyin(phrase, pinyinArgs)
		chars := []rune(phrase)
		if len(readings) != len(chars) {
			continue // a character go-pinyin does not know
		}
		syllables := make([]string, len(chars))
		for i, r := range readings {
			syllables[i] = r[0]
		}
		for _, form := range forms {
			n := utf8.RuneCountInString(form)
			for i := 0; i+n <= len(chars); i++ {
				if string(chars[i:i+n]) != form || n == len(chars) || len(chars)-n > maxBenignPinyinRest {
					continue
				}
				before, after := strings.Join(syllables[:i], " "), strings.Join(syllables[i+n:], " ")
				hanBefore, hanAfter := string(chars[:i]), string(chars[i+n:])
				for _, spelled := range []string{strings.Join(syllables[i:i+n], " "), strings.Join(syllables[i:i+n], "")} {
					add(before, " ", spelled, " ", after)
					for _, gap := range []string{" ", ""} {
						if hanBefore == "" {
							add(spelled, gap, hanAfter)
						} else if hanAfter == "" {
							add(hanBefore, gap, spelled)
						}
					}
				}
			}
		}
	}
	return out
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}
