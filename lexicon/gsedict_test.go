package lexicon

import "testing"

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
