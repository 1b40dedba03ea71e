package lexicon

import (
	"testing"

	"github.com/go-ego/gse"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

func TestFullDictionaryKnowsCompoundsOfTerms(t *testing.T) {
	words, err := FullDictionary()
	if err != nil {
		t.Fatal(err)
	}
	if len(words) < 300000 {
		t.Fatalf("FullDictionary has %d words, want gse's ~350k", len(words))
	}
	byText := map[string]bool{}
	for _, w := range words {
		byText[w.Text] = true
	}
	for _, want := range []string{"象牙塔", "象牙海岸", "象牙片", "犀牛角"} {
		if !byText[want] {
			t.Errorf("FullDictionary lacks %s", want)
		}
	}
	again, _ := FullDictionary()
	if &again[0] != &words[0] {
		t.Error("FullDictionary reloaded instead of reusing the process's copy")
	}
}

// FullDictionary reads gse's dictionary text itself (gse's loader is slow); it must
// hold exactly what the loader holds.
func TestFullDictionaryMatchesGseLoader(t *testing.T) {
	if testing.Short() {
		t.Skip("loads gse's dictionary through its loader (seconds)")
	}
	seg := gse.Segmenter{NotLoadHMM: true}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		t.Fatal(err)
	}
	want := make([]bundle.Word, len(seg.Dict.Tokens))
	for i := range seg.Dict.Tokens {
		tok := &seg.Dict.Tokens[i]
		want[i] = bundle.Word{Text: tok.Text(), Freq: tok.Freq(), Pos: tok.Pos()}
	}
	got, err := FullDictionary()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("FullDictionary has %d words, gse's loader %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Fatalf("word %d: FullDictionary %+v, gse's loader %+v", i, got[i], want[i])
		}
	}
}
