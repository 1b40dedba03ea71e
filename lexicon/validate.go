package lexicon

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/wildlens/wildlens/lexicon/bundle"
	"github.com/wildlens/wildlens/wasm/match"
)

// foldTables are the fold tables validation and lint compare patterns with; computed
// once per process because they come from sizeable maintained data.
var foldTables = sync.OnceValues(BuildTables)

// tables are the fold tables for this lexicon: the shared ones, with the emoji fold cut
// to the emoji that stand for a character inside a longer Chinese form of the lexicon
// (🐘 for 象 in 象牙, 🦜 for 鹦鹉 in 金刚鹦鹉). A hit made of emoji alone is decoration
// and the matcher drops it (🦜 alone is not 鹦鹉, 🦧 not 猩猩).
func (l *Lexicon) tables() (bundle.Tables, error) {
	t, err := foldTables()
	if err != nil {
		return t, err
	}
	var forms []string
	for _, term := range l.Terms {
		for _, f := range append([]string{term.Term}, term.Variants...) {
			if allHan(f) {
				forms = append(forms, f)
			}
		}
	}
	emoji := map[string]string{}
	for e, ch := range t.Emoji {
		for _, f := range forms {
			if f != ch && strings.Contains(f, ch) {
				emoji[e] = ch
				break
			}
		}
	}
	t.Emoji = emoji
	return t, nil
}

// validate applies the rules that span entries and need folding. The reader has
// already refused malformed YAML, wrong types, unknown fields and bad values.
func validate(lex *Lexicon, errs *errorList) {
	tables, err := lex.tables()
	if err != nil {
		errs.add(Pos{File: "fold tables"}, "%v", err)
		return
	}
	fold := func(s string) string { return match.FoldPattern(&tables, s) }

	type claim struct {
		entry  int
		pos    Pos
		isTerm bool
	}
	firstID := map[string]Pos{}
	claims := map[string]claim{}
	for i := range lex.Terms {
		t, p := &lex.Terms[i], lex.TermPos[i]
		where := t.ID + ": "
		if t.ID == "" {
			where = "entry: "
		}
		if t.ID != "" {
			if first, dup := firstID[t.ID]; dup {
				errs.add(p.Field("id"), "duplicate id %s (first at %s)", t.ID, first)
			} else {
				firstID[t.ID] = p.Field("id")
			}
		}

		// Every form the entry is found by: the term, then its variants.
		forms := []string{t.Term}
		formPos := []Pos{p.Field("term")}
		forms = append(forms, t.Variants...)
		formPos = append(formPos, p.Variants...)
		boundary := effectiveBoundary(t)
		var folded []string
		for j, form := range forms {
			fp := formPos[j]
			isTerm := j == 0
			if strings.TrimSpace(form) == "" {
				if !isTerm {
					errs.add(fp, "%sempty variant", where)
				}
				continue
			}
			if c, seen := claims[form]; seen {
				switch {
				case c.entry == i && c.isTerm:
					errs.add(fp, "%svariant %q repeats the entry's term", where, form)
				case c.entry == i:
					errs.add(fp, "%svariant %q is listed twice (first at line %d)", where, form, c.pos.Line)
				default:
					role := "a variant"
					if c.isTerm {
						role = "the term"
					}
					other := lex.Terms[c.entry].ID
					if other == "" {
						other = "an entry without id"
					}
					errs.add(fp, "%s%q is also %s of %s at %s: a form belongs to one entry",
						where, form, role, other, c.pos)
				}
			} else {
				claims[form] = claim{entry: i, pos: fp, isTerm: isTerm}
			}
			f := fold(form)
			switch {
			case f == "":
				errs.add(fp, "%s%q folds to nothing: no text can match it", where, form)
			case utf8.RuneCountInString(f) == 1 && boundary != "word":
				errs.add(fp, "%s%q folds to the single character %q: add boundary: word", where, form, f)
			}
			if f != "" {
				folded = append(folded, f)
			}
		}

		for j, phrase := range t.Benign {
			bp := p.Benign[j]
			if strings.TrimSpace(phrase) == "" {
				errs.add(bp, "%sempty benign phrase", where)
				continue
			}
			fb := fold(phrase)
			covers := false
			for _, f := range folded {
				if strings.Contains(fb, f) {
					covers = true
					break
				}
			}
			if !covers {
				errs.add(bp, "%sbenign %q contains neither the term nor a variant", where, phrase)
			}
		}

		for j, word := range t.BenignContext {
			cp := p.Context[j]
			fw := fold(word)
			switch {
			case strings.TrimSpace(word) == "":
				errs.add(cp, "%sempty benign_context word", where)
			case fw == "":
				errs.add(cp, "%sbenign_context %q folds to nothing: no text can match it", where, word)
			case utf8.RuneCountInString(fw) == 1:
				// One character is everywhere: 🐠, which the emoji fold reads as 鱼, would find
				// 闲鱼 and 不是金鱼.
				errs.add(cp, "%sbenign_context %q folds to the single character %q: too common to show a sense", where, word, fw)
			default:
				for _, f := range folded {
					if strings.Contains(fw, f) {
						errs.add(cp, "%sbenign_context %q contains a form of the entry: list the phrase under benign", where, word)
						break
					}
				}
			}
		}

		if lex.sourcesDeclared {
			for j, key := range t.Source {
				if _, ok := lex.Sources[key]; !ok {
					errs.add(p.Source[j], "%sunknown source %q (not in sources:)", where, key)
				}
			}
		}
	}

	firstProfile := map[string]Pos{}
	for i, pr := range lex.Profiles {
		if pr.ID == "" {
			continue
		}
		if first, dup := firstProfile[pr.ID]; dup {
			errs.add(lex.ProfilePos[i], "duplicate profile id %s (first at %s)", pr.ID, first)
		} else {
			firstProfile[pr.ID] = lex.ProfilePos[i]
		}
	}

	validateWords(errs, fold, "appearance", "follow", lex.Appearance, lex.AppearPos)
	validateWords(errs, fold, "depiction", "stand next to", lex.Depiction, lex.DepictPos)
	validateWords(errs, fold, "supplies", "follow", lex.Supplies, lex.SupplyPos)
	validateWords(errs, fold, "young", "stand next to", lex.Young, lex.YoungPos)
	validateWords(errs, fold, "discourse", "follow", lex.Discourse, lex.TalkPos)
	validateWords(errs, fold, "discourse_verbs", "come before", lex.DiscourseVerbs, lex.TalkVerbPos)
	validateWords(errs, fold, "materials", "come before", lex.Materials, lex.MaterialPos)
	validateWords(errs, fold, "purpose", "come before", lex.Purpose, lex.PurposePos)
	validateWords(errs, fold, "objects", "follow", lex.Objects, lex.ObjectPos)
	validatePhrases(errs, fold, "prohibition", "no text can come before a form with it", lex.Prohibition, lex.BanPos)
	validatePhrases(errs, fold, "offers", "no listing can have it", lex.Offers, lex.OfferPos)
	validatePhrases(errs, fold, "permits", "no listing can have it", lex.Permits, lex.PermitPos)
	validatePhrases(errs, fold, "advocacy", "no listing can have it", lex.Advocacy, lex.AdvocacyPos)
	validatePhrases(errs, fold, "covers", "no listing can have it", lex.Covers, lex.CoverPos)
	validatePhrases(errs, fold, "provenance", "no listing can have it", lex.Provenance, lex.ProvenancePos)
	for i, w := range lex.Refusals {
		if f := fold(w); f == "" || strings.IndexFunc(f, func(r rune) bool { return r >= utf8.RuneSelf }) < 0 || strings.Contains(f, " ") {
			errs.add(lex.RefusalPos[i], "refusals: %q is not one Chinese phrase", w)
		}
	}
	for i, id := range lex.Evidence {
		if _, ok := firstID[id]; !ok {
			errs.add(lex.EvidencePos[i], "evidence: %q is no entry's id", id)
		}
	}
	for i, id := range lex.Admissions {
		if _, ok := firstID[id]; !ok {
			errs.add(lex.AdmissionPos[i], "admissions: %q is no entry's id", id)
		}
	}
}

// validatePhrases checks a list of phrases found anywhere in the text (prohibition,
// offers): each must be one Chinese phrase or whole Latin words, the two kinds the
// matcher looks for (prohibition phrases through the automaton's keys and the word
// index). empty says what a phrase that folds to nothing cannot do.
func validatePhrases(errs *errorList, fold func(string) string, list, empty string, phrases []string, pos []Pos) {
	for i, w := range phrases {
		f := fold(w)
		ascii := strings.IndexFunc(f, func(r rune) bool { return r >= utf8.RuneSelf }) < 0
		switch {
		case f == "":
			errs.add(pos[i], "%s: %q folds to nothing: %s", list, w, empty)
		case ascii && !match.LatinWords(f):
			errs.add(pos[i], "%s: %q is neither a Chinese phrase nor Latin words", list, w)
		case !ascii && strings.Contains(f, " "):
			errs.add(pos[i], "%s: %q is several words: want one Chinese phrase", list, w)
		}
	}
}

// validateWords checks a list of single words read next to forms (appearance,
// depiction, supplies, young, discourse, discourse_verbs, materials): each must fold to
// one word.
func validateWords(errs *errorList, fold func(string) string, list, where string, words []string, pos []Pos) {
	for i, w := range words {
		switch f := fold(w); {
		case f == "":
			errs.add(pos[i], "%s: %q folds to nothing: no text can %s a form with it", list, w, where)
		case strings.Contains(f, " "):
			errs.add(pos[i], "%s: %q is several words: want one word", list, w)
		}
	}
}

// effectiveBoundary is the boundary an entry compiles with: as written, or "word" for a
// term that is one Chinese character (出, 收, 鸮), which is almost always part of a longer
// ordinary word.
func effectiveBoundary(t *bundle.Term) string {
	if t.Boundary != "" {
		return t.Boundary
	}
	term := strings.TrimSpace(t.Term)
	if r, size := utf8.DecodeRuneInString(term); size == len(term) && unicode.Is(unicode.Han, r) {
		return "word"
	}
	return ""
}
