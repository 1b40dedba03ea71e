package lexicon

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

func compileFixture(t *testing.T, fixture string, version int64) *bundle.Bundle {
	t.Helper()
	lex, err := Load(filepath.Join(fixtures, fixture))
	if err != nil {
		t.Fatal(err)
	}
	b, err := lex.Compile(version)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func termByID(t *testing.T, b *bundle.Bundle, id string) bundle.Term {
	t.Helper()
	for _, term := range b.Terms {
		if term.ID == id {
			return term
		}
	}
	t.Fatalf("bundle has no term %s", id)
	return bundle.Term{}
}

func TestCompileDefaultsAndPinyin(t *testing.T) {
	b := compileFixture(t, "good", 3)
	for _, c := range []struct {
		id, boundary, pinyin string
		risk                 int
	}{
		// 橡牙 sounds like 象牙; 🐘牙 is not all Chinese.
		{"ivo-001", "", "xiang ya|xiang ya zhi pin", 4},
		{"ivo-020", "", "", 3},
		{"ctx-001", "word", "", 1}, // one character: boundary word, and no lone syllable "chu"
		// Fewest alternative readings first, at most 4 (dai miao, tai miao cut); dai mao is
		// 玳瑁's (tur-001) reading.
		{"tig-001", "", "da mao|da miao|tai mao", 3},
		{"tur-001", "", "dai mao", 5},
	} {
		term := termByID(t, b, c.id)
		if term.Boundary != c.boundary || term.Risk != c.risk || strings.Join(term.Pinyin, "|") != c.pinyin {
			t.Errorf("%s: boundary %q risk %d pinyin %q, want %q %d %q",
				c.id, term.Boundary, term.Risk, strings.Join(term.Pinyin, "|"), c.boundary, c.risk, c.pinyin)
		}
	}
	if b.Version != 3 || b.Format != bundle.Format || len(b.Profiles) != 1 || b.Sources["S03"].URL == "" {
		t.Errorf("bundle header/profiles/sources wrong: version %d format %d profiles %d sources %v",
			b.Version, b.Format, len(b.Profiles), b.Sources)
	}
	data, err := bundle.Encode(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bundle.Decode(data); err != nil {
		t.Errorf("a compiled bundle does not decode: %v", err)
	}
}

func TestCompileIsDeterministic(t *testing.T) {
	first := compileFixture(t, "good", 1)
	again := compileFixture(t, "good", 9)
	if first.ContentSHA256 != again.ContentSHA256 {
		t.Errorf("two builds of one source: content hashes %s and %s", first.ContentSHA256, again.ContentSHA256)
	}
	other := compileFixture(t, "minimal.yaml", 1)
	if other.ContentSHA256 == first.ContentSHA256 {
		t.Error("two different lexicons have the same content hash")
	}
}

func TestCompileRefusesVersion(t *testing.T) {
	lex, err := Load(filepath.Join(fixtures, "minimal.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := lex.Compile(0); err == nil || !strings.Contains(err.Error(), "version 0 is not a positive integer") {
		t.Errorf("Compile(0) = %v, want a version error", err)
	}
}

func TestCompileBenignPinyin(t *testing.T) {
	b := compileFixture(t, "good", 1)
	got := strings.Join(termByID(t, b, "tur-001").BenignPinyin, "|")
	want := "dai mao mao|dai mao 猫|dai mao猫|daimao mao|daimao 猫|daimao猫|" +
		"dai mao se|dai mao 色|dai mao色|daimao se|daimao 色|daimao色"
	if got != want {
		t.Errorf("tur-001 benign pinyin:\n got %s\nwant %s", got, want)
	}
	// Two characters beside the form at most; a phrase written in Latin letters has none.
	got = strings.Join(termByID(t, b, "ivo-001").BenignPinyin, "|")
	if !strings.Contains(got, "xiangya hai an|") || !strings.HasPrefix(got, "xiang ya ta|xiang ya 塔|") {
		t.Errorf("ivo-001 benign pinyin: %s", got)
	}
	if p := termByID(t, b, "ivo-020").BenignPinyin; len(p) != 0 {
		t.Errorf("ivo-020 (tusk) has benign pinyin %q", p)
	}
}
