package lexicon

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

const fixtures = "../testdata/lexicons"

// expectLoadErrors loads a fixture and compares every error, with file names relative
// to testdata/lexicons.
func expectLoadErrors(t *testing.T, fixture string, want ...string) {
	t.Helper()
	_, err := Load(filepath.Join(fixtures, fixture))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("Load(%s) = %v, want validation errors", fixture, err)
	}
	got := strings.ReplaceAll(errs.Error(), fixtures+"/", "")
	if w := strings.Join(want, "\n"); got != w {
		t.Errorf("Load(%s) errors:\n%s\nwant:\n%s", fixture, got, w)
	}
}

func TestLoadRefuses(t *testing.T) {
	expectLoadErrors(t, "unknown-fields.yaml",
		`unknown-fields.yaml:4: ivo-001: unknown field "false_positive_contexts"`,
		`unknown-fields.yaml:7: ivo-001: species: unknown field "scientific"`,
		`unknown-fields.yaml:8: ivo-001: protection: unknown field "class"`,
		`unknown-fields.yaml:10: ivo-001: duplicate field "risk" (first at line 9)`,
		`unknown-fields.yaml:11: unknown field "lexicon"`)
	expectLoadErrors(t, "bad-values.yaml",
		`bad-values.yaml:4: bad-001: kind: want one of species | product | code_word | trade_context, got "animal"`,
		`bad-values.yaml:5: bad-001: lang: want one of zh-Hans | zh-Hant | en, got "zh-CN"`,
		`bad-values.yaml:6: bad-001: risk: want an integer from 1 to 5, got 0`,
		`bad-values.yaml:7: bad-001: confidence: want one of low | medium, got "high"`,
		`bad-values.yaml:8: bad-001: boundary: want "word" or nothing, got "line"`,
		`bad-values.yaml:11: bad-002: risk: want an integer from 1 to 5, got "high"`)
	expectLoadErrors(t, "wrong-types.yaml",
		`wrong-types.yaml:3: typ-001: term: want text, got a list`,
		`wrong-types.yaml:4: typ-001: variants: want a list, got "橡牙"`,
		`wrong-types.yaml:5: typ-001: benign: want a list, got a mapping`,
		`wrong-types.yaml:6: typ-001: note: want text, got the boolean true`,
		`wrong-types.yaml:7: typ-001: species: want a mapping {en, sci}, got "elephants"`,
		`wrong-types.yaml:8: typ-001: protection: want a mapping {cites, china}, got a list`,
		`wrong-types.yaml:9: typ-001: source: want a list, got "S03"`,
		`wrong-types.yaml:13: terms: want an entry (a mapping with id and term), got "just a string"`)
	expectLoadErrors(t, "duplicates.yaml",
		`duplicates.yaml:4: ivo-001: variant "象牙" repeats the entry's term`,
		`duplicates.yaml:4: ivo-001: variant "橡牙" is listed twice (first at line 4)`,
		`duplicates.yaml:7: ivo-002: "橡牙" is also a variant of ivo-001 at duplicates.yaml:4: a form belongs to one entry`,
		`duplicates.yaml:8: duplicate id ivo-001 (first at duplicates.yaml:2)`,
		`duplicates.yaml:9: ivo-001: "象牙" is also the term of ivo-001 at duplicates.yaml:3: a form belongs to one entry`)
	expectLoadErrors(t, "missing.yaml",
		`missing.yaml:2: entry has no id`,
		`missing.yaml:3: ivo-002: entry has no term`,
		`missing.yaml:5: ivo-003: empty term`,
		`missing.yaml:8: ivo-004: empty variant`,
		`missing.yaml:10: ivo-005: "象牙" is also the term of an entry without id at missing.yaml:2: a form belongs to one entry`,
		`missing.yaml:12: ivo-005: benign: empty item`,
		`missing.yaml:15: ivo-006: "犀角" is also the term of ivo-004 at missing.yaml:7: a form belongs to one entry`)
	// 象 牙海岸 folds to 象牙海岸 and vegetable IVORY to vegetable ivory: both benign.
	expectLoadErrors(t, "benign.yaml",
		`benign.yaml:9: ivo-001: benign "牙膏" contains neither the term nor a variant`)
	expectLoadErrors(t, "benign-context.yaml",
		`benign-context.yaml:6: bear-007: empty benign_context word`,
		`benign-context.yaml:7: bear-007: benign_context "\u200b" folds to nothing: no text can match it`,
		`benign-context.yaml:8: bear-007: benign_context "fresh bear claws" contains a form of the entry: list the phrase under benign`,
		`benign-context.yaml:10: bear-007: benign_context "🐠" folds to the single character "🐠": too common to show a sense`)
	expectLoadErrors(t, "appearance.yaml",
		`appearance.yaml:7: appearance: "\u200b" folds to nothing: no text can follow a form with it`,
		`appearance.yaml:8: appearance: "look alike" is several words: want one word`,
		`appearance.yaml:11: depiction: "\u200d" folds to nothing: no text can stand next to a form with it`,
		`appearance.yaml:12: depiction: "stuffed animal" is several words: want one word`,
		`appearance.yaml:15: supplies: "bird cage" is several words: want one word`,
		`appearance.yaml:18: young: "baby animal" is several words: want one word`,
		`appearance.yaml:22: prohibition: "prohibited 2" is neither a Chinese phrase nor Latin words`,
		`appearance.yaml:25: discourse: "wildlife trade" is several words: want one word`,
		`appearance.yaml:28: discourse_verbs: "\u200b" folds to nothing: no text can come before a form with it`,
		`appearance.yaml:31: materials: "acrylic resin" is several words: want one word`,
		`appearance.yaml:34: offers: "sale 2" is neither a Chinese phrase nor Latin words`,
		`appearance.yaml:35: offers: "\u200b" folds to nothing: no listing can have it`,
		`appearance.yaml:38: purpose: "suitable for" is several words: want one word`,
		`appearance.yaml:39: objects: "ivory carving" is several words: want one word`,
		`appearance.yaml:40: permits: "permit 2" is neither a Chinese phrase nor Latin words`,
		`appearance.yaml:41: advocacy: "\u200b" folds to nothing: no listing can have it`,
		`appearance.yaml:42: covers: "\u200b" folds to nothing: no listing can have it`,
		`appearance.yaml:43: evidence: "ivo-999" is no entry's id`,
		`appearance.yaml:44: admissions: "ctx-999" is no entry's id`,
		`appearance.yaml:45: provenance: "\u200b" folds to nothing: no listing can have it`)
	// 出 is one Chinese character: boundary word by default. 私 has it written.
	expectLoadErrors(t, "folds.yaml",
		`folds.yaml:6: ctx-002: "V" folds to the single character "v": add boundary: word`,
		`folds.yaml:12: ctx-004: "x" folds to the single character "x": add boundary: word`,
		`folds.yaml:15: ctx-005: "\u200b" folds to nothing: no text can match it`)
	expectLoadErrors(t, "two-documents.yaml",
		`two-documents.yaml:4: a second YAML document (---): keep one document per file`)
	expectLoadErrors(t, "empty.yaml",
		`empty.yaml:1: empty file: want a mapping with terms:, sources:, profiles:, appearance:, depiction:, supplies:, young:, discourse:, discourse_verbs:, materials:, prohibition:, refusals:, offers:, purpose:, objects:, permits:, advocacy:, covers:, evidence:, admissions: or provenance:`)
	expectLoadErrors(t, "malformed.yaml",
		`malformed.yaml:3: malformed YAML: did not find expected ',' or ']'`)
	expectLoadErrors(t, "with-sources",
		`with-sources/profiles.yaml:7: duplicate profile id ebay (first at with-sources/profiles.yaml:2)`,
		`with-sources/profiles.yaml:10: profile has no id`,
		`with-sources/profiles.yaml:10: profile: no urls`,
		`with-sources/profiles.yaml:10: profile: no listing selector`,
		`with-sources/profiles.yaml:11: profile: unknown field "colour"`,
		`with-sources/sources.yaml:7: source S99: no title`,
		`with-sources/terms/ivory.yaml:4: ivo-001: unknown source "S04" (not in sources:)`)
}

func TestLoadMissingPath(t *testing.T) {
	_, err := Load(filepath.Join(fixtures, "no-such-file.yaml"))
	if err == nil || !strings.Contains(err.Error(), "no-such-file.yaml: no such file") {
		t.Errorf("Load(missing) = %v, want a no-such-file error", err)
	}
}

func TestLoadMinimal(t *testing.T) {
	lex, err := Load(filepath.Join(fixtures, "minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(lex.Terms) != 1 || lex.Terms[0].ID != "ivo-001" || lex.Terms[0].Term != "象牙" {
		t.Fatalf("Terms = %+v, want the one entry ivo-001 象牙", lex.Terms)
	}
	if p := lex.TermPos[0]; p.Entry.String() != fixtures+"/minimal.yaml:2" || p.Field("term").Line != 3 {
		t.Errorf("TermPos = %+v, want entry at line 2 and term at line 3", p)
	}
}

// A lexicon that cites sources without a sources: section is not checked against one.
func TestLoadSourcesUnchecked(t *testing.T) {
	lex, err := Load(filepath.Join(fixtures, "with-sources/terms/ivory.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(lex.Terms[0].Source, ","); got != "S03,S04,CK" {
		t.Errorf("Source = %s, want S03,S04,CK", got)
	}
}
