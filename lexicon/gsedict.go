package lexicon

import (
	"fmt"
	"sync"

	"github.com/go-ego/gse"

	"github.com/wildlens/wildlens/lexicon/bundle"
)

var fullDictionary = sync.OnceValues(loadFullDictionary)

// FullDictionary returns gse's embedded simplified Chinese dictionary (~350k words) in
// the order gse lists it, with gse's own load rules applied (words below gse's minimum
// frequency dropped, duplicates keep the first). Loading takes a few seconds, so the
// result is computed once per process and shared: callers must not modify it.
func FullDictionary() ([]bundle.Word, error) {
	return fullDictionary()
}

func loadFullDictionary() ([]bundle.Word, error) {
	// Going through gse's loader rather than re-parsing its file keeps its rules (the
	// frequency floor, the rewrite of one-character frequencies) in one place.
	seg := gse.Segmenter{NotLoadHMM: true}
	if err := seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("gse dictionary: %w", err)
	}
	tokens := seg.Dict.Tokens
	if len(tokens) == 0 {
		return nil, fmt.Errorf("gse dictionary: no words loaded (was gse built with -tags ne?)")
	}
	words := make([]bundle.Word, len(tokens))
	for i := range tokens {
		words[i] = bundle.Word{Text: tokens[i].Text(), Freq: tokens[i].Freq(), Pos: tokens[i].Pos()}
	}
	return words, nil
}
