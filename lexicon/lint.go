package lexicon

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/wildlens/wildlens/wasm/match"
)

// Finding kinds: what lint reports. Lint informs; only validation refuses a lexicon.
const (
	// FindingCompounds: words of gse's dictionary that contain an entry's Chinese form
	// and that the lexicon lists neither as a form nor as benign (象牙片, 象牙塔 for 象牙):
	// each needs a decision, variant (trade) or benign (not trade). Entries with
	// boundary: word are skipped: the matcher already ignores them inside longer words.
	FindingCompounds = "compounds"
	// FindingCollision: two forms that fold to the same text, across entries (the matcher
	// cannot tell which entry was meant) or within one (one of them is redundant).
	// Generated pinyin takes part.
	FindingCollision = "collision"
	// FindingUnreachable: a form no folded text can equal, because folding is not
	// idempotent on it or because its folded form still holds a character the noise
	// fold drops from text.
	FindingUnreachable = "unreachable"
)

// Finding is one lint result.
type Finding struct {
	Pos     Pos
	Kind    string
	EntryID string
	Message string
	// Compounds lists, for FindingCompounds, every unclassified compound, the most
	// frequent in gse's dictionary first.
	Compounds []string
}

// LintOptions tune Lint.
type LintOptions struct {
	// MaxCompounds caps the compounds quoted in a message (all are in Compounds);
	// 0 quotes them all.
	MaxCompounds int
}

// Lint reports what a maintainer should look at before shipping the lexicon, in entry
// order: compounds to classify, fold collisions, unreachable forms.
func (l *Lexicon) Lint(opts LintOptions) ([]Finding, error) {
	tables, err := l.tables()
	if err != nil {
		return nil, fmt.Errorf("lexicon: fold tables: %w", err)
	}
	fold := func(s string) string { return match.FoldPattern(&tables, s) }
	dict, err := FullDictionary()
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}

	type form struct {
		entry  int
		text   string
		pos    Pos
		pinyin bool
	}
	forms := make([][]form, len(l.Terms)) // per entry: term, variants, generated pinyin
	classified := map[string]bool{}       // folded forms and benign phrases of every entry
	pinyins := l.pinyin(fold)
	for i := range l.Terms {
		t, p := &l.Terms[i], l.TermPos[i]
		forms[i] = append(forms[i], form{i, t.Term, p.Field("term"), false})
		for j, v := range t.Variants {
			forms[i] = append(forms[i], form{i, v, p.Variants[j], false})
		}
		for _, py := range pinyins[i] {
			forms[i] = append(forms[i], form{i, py, p.Field("term"), true})
		}
		for _, f := range forms[i] {
			classified[fold(f.text)] = true
		}
		for _, b := range t.Benign {
			classified[fold(b)] = true
		}
	}

	// Compounds: index the entries' folded Chinese forms, then look up every substring
	// of every dictionary word (words are short, so this is a few million map probes).
	byForm := map[string][]int{}
	maxLen := 0
	for i := range forms {
		if effectiveBoundary(&l.Terms[i]) == "word" {
			continue
		}
		for _, f := range forms[i] {
			if f.pinyin || !hasHan(f.text) {
				continue
			}
			ff := fold(f.text)
			if ff == "" {
				continue
			}
			byForm[ff] = appendOnce(byForm[ff], i)
			maxLen = max(maxLen, utf8.RuneCountInString(ff))
		}
	}
	type compound struct {
		text string
		freq float64
	}
	compounds := make([][]compound, len(l.Terms))
	for _, w := range dict {
		var hits []int
		runes := []rune(w.Text)
		for start := range runes {
			for end := start + 1; end <= len(runes) && end-start <= maxLen; end++ {
				if end-start == len(runes) {
					continue // the word is the form itself
				}
				for _, e := range byForm[string(runes[start:end])] {
					hits = appendOnce(hits, e)
				}
			}
		}
		if len(hits) == 0 || classified[fold(w.Text)] {
			continue
		}
		for _, e := range hits {
			compounds[e] = append(compounds[e], compound{w.Text, w.Freq})
		}
	}

	// Collisions: folded form → the first form that folded to it.
	firstFold := map[string]form{}
	var findings []Finding
	for i := range l.Terms {
		t := &l.Terms[i]
		if cs := compounds[i]; len(cs) > 0 {
			sort.SliceStable(cs, func(a, b int) bool { return cs[a].freq > cs[b].freq })
			texts := make([]string, len(cs))
			for j, c := range cs {
				texts[j] = c.text
			}
			quoted := texts
			more := ""
			if opts.MaxCompounds > 0 && len(quoted) > opts.MaxCompounds {
				quoted = quoted[:opts.MaxCompounds]
				more = fmt.Sprintf(" … and %d more", len(texts)-len(quoted))
			}
			findings = append(findings, Finding{
				Pos: l.TermPos[i].Entry, Kind: FindingCompounds, EntryID: t.ID, Compounds: texts,
				Message: fmt.Sprintf("%s %s: %d compound(s) in gse's dictionary are neither forms nor benign; classify each as a variant or benign: %s%s",
					t.ID, t.Term, len(texts), strings.Join(quoted, " "), more),
			})
		}
		for _, f := range forms[i] {
			ff := fold(f.text)
			if ff == "" {
				continue
			}
			name := fmt.Sprintf("%q", f.text)
			if f.pinyin {
				name = fmt.Sprintf("generated pinyin %q", f.text)
			}
			if again := fold(ff); again != ff {
				findings = append(findings, Finding{Pos: f.pos, Kind: FindingUnreachable, EntryID: t.ID,
					Message: fmt.Sprintf("%s: %s folds to %q, which folds again to %q: no folded text equals it", t.ID, name, ff, again)})
			}
			// On the folded form: noise the pattern fold already drops (象 牙 → 象牙)
			// makes a form redundant, reported below, not unreachable.
			if r, ok := droppedNoise(ff); ok {
				findings = append(findings, Finding{Pos: f.pos, Kind: FindingUnreachable, EntryID: t.ID,
					Message: fmt.Sprintf("%s: %s folds to %q, which holds %q between characters where the noise fold drops it from text", t.ID, name, ff, r)})
			}
			first, seen := firstFold[ff]
			if !seen {
				firstFold[ff] = f
				continue
			}
			if first.entry == i && (first.pinyin || f.pinyin) {
				continue // a variant spelled like its own entry's pinyin is harmless
			}
			firstName := fmt.Sprintf("%q", first.text)
			if first.pinyin {
				firstName = fmt.Sprintf("generated pinyin %q", first.text)
			}
			msg := fmt.Sprintf("%s: %s folds to %q like %s of %s at %s: the matcher cannot tell the entries apart",
				t.ID, name, ff, firstName, l.Terms[first.entry].ID, first.pos)
			if first.entry == i {
				msg = fmt.Sprintf("%s: %s folds to %q like %s at %s: the matcher finds both with either, keep one", t.ID, name, ff, firstName, first.pos)
			}
			findings = append(findings, Finding{Pos: f.pos, Kind: FindingCollision, EntryID: t.ID, Message: msg})
		}
	}
	return findings, nil
}

// droppedNoise returns a noise character that sits between two Chinese characters or
// between two single Latin letters of a form (象 牙, i.v.o.r.y): the noise fold removes
// exactly those from text, so text never holds the form as written.
func droppedNoise(s string) (rune, bool) {
	runes := []rune(s)
	for i := 1; i < len(runes)-1; i++ {
		if !isNoise(runes[i]) {
			continue
		}
		j := i
		for j < len(runes) && isNoise(runes[j]) {
			j++
		}
		if j == len(runes) {
			break
		}
		prev, next := runes[i-1], runes[j]
		han := unicode.Is(unicode.Han, prev) && unicode.Is(unicode.Han, next)
		single := isLatin(prev) && isLatin(next) && (i < 2 || !isLatin(runes[i-2])) && (j+1 >= len(runes) || !isLatin(runes[j+1]))
		if han || single {
			return runes[i], true
		}
		i = j - 1
	}
	return 0, false
}

func isNoise(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.In(r, unicode.Cf, unicode.Variation_Selector)
}

func isLatin(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) }

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func appendOnce(s []int, v int) []int {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}
